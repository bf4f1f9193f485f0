#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QDialog>

namespace paycred::ui {

class KeyEntry;

// ReplaceKeyDialog: sends a new private key for one credential (the old one is gone for good
// once the server has it). Opened with open(); emits saved() with the server's credential.
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

private:
    using Result = client::Result<client::Credential>;

    void save();
    void answered(Result result);
    void showFailure(const client::ApiError& error);

    client::CredentialsClient& m_client;
    client::Credential m_credential;
    KeyEntry* m_entry;
};

} // namespace paycred::ui
