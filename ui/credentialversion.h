#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QByteArray>
#include <QObject>

namespace paycred::ui {

// CredentialVersion: the credential a dialog changes, as the server has it now — read when the
// dialog opens and again when the user reloads after someone else's change — so the dialog's
// write carries If-Match with the version the user saw (API.md §2). A server that sends no ETag
// (the seed's) gives no tag: the write then goes without If-Match, as before.
class CredentialVersion : public QObject {
    Q_OBJECT
public:
    CredentialVersion(client::CredentialsClient& client, const client::Credential& shown,
                      QObject* parent);

    // GET /payments/credentials/{id}/; loaded() or failed() follows.
    void load();
    bool isLoading() const { return m_loading; }
    // The latest the dialog knows: what it was given until the first load answers.
    const client::Credential& current() const { return m_current; }
    QByteArray entityTag() const { return m_current.entityTag; }
    // After a write: the server's answer is the version from now on.
    void written(const client::Credential& credential) { m_current = credential; }

signals:
    // `changed`: the server's credential differs from what the dialog showed until now.
    void loaded(const paycred::client::Credential& credential, bool changed);
    void failed(const paycred::client::ApiError& error);

private:
    client::CredentialsClient& m_client;
    client::Credential m_current;
    bool m_loading = false;
};

} // namespace paycred::ui
