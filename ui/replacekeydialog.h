#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QDialog>

#include <optional>

namespace paycred::ui {

class ChangedNotice;
class CredentialVersion;
class KeyEntry;

// ReplaceKeyDialog: sends a new private key for one credential (the old one is gone for good
// once the server has it), with If-Match for the version the dialog read when it opened: when
// someone else changed the credential meanwhile, it says so and offers to reload it. Opened with
// open(); emits saved() with the server's credential.
class ReplaceKeyDialog : public QDialog {
    Q_OBJECT
public:
    ReplaceKeyDialog(client::CredentialsClient& client, const client::Credential& credential,
                     QWidget* parent);

    bool isBusy() const;
    // Empties the key field on the way out, whichever way the dialog closes.
    void done(int result) override;

signals:
    void saved(const paycred::client::Credential& credential);
    // The credential was read again and is not what the caller showed.
    void refreshed(const paycred::client::Credential& credential);

private:
    using Result = client::Result<client::Credential>;

    void save();
    void send(QString key);
    void loaded(const client::Credential& credential, bool changed);
    void loadFailed(const client::ApiError& error);
    void reload();
    void answered(Result result);
    void showFailure(const client::ApiError& error);
    void dropPendingKey();

    client::CredentialsClient& m_client;
    client::Credential m_credential;
    KeyEntry* m_entry;
    CredentialVersion* m_version;
    ChangedNotice* m_changed;
    std::optional<QString> m_pendingKey; // typed before the credential was read
};

} // namespace paycred::ui
