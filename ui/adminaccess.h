#pragma once

#include <QObject>

namespace paycred::client {
class AdminClient;
class CredentialsClient;
struct ApiError;
} // namespace paycred::client

namespace paycred::ui {

// AdminAccess: whether the signed-in user gets the Administration window — a superuser (as the
// login answer said, or GET /users/me/ when it did not) on a server that has API.md §3 (its
// GET /admin/stats/ answers). Until both are known the answer is no, so the panel's action stays
// hidden for a plain user, for the seed's server (no /users/me/, no §3) and while it is asked.
class AdminAccess : public QObject {
    Q_OBJECT
public:
    AdminAccess(client::CredentialsClient& credentials, client::AdminClient& admin,
                QObject* parent = nullptr);

    bool isGranted() const { return m_granted; }
    // Asks again: who the user is, then whether the server has §3. Answers of an earlier check
    // that come later are dropped.
    void check();
    // A §3 call was refused (403: no longer a superuser; 404: the server has no §3): the panel
    // goes at once. Other failures (the network) change nothing.
    void refused(const client::ApiError& error);

signals:
    void grantedChanged(bool granted);

private:
    void probe(quint64 check);
    void setGranted(bool granted);

    client::CredentialsClient& m_credentials;
    client::AdminClient& m_admin;
    quint64 m_check = 0;
    bool m_granted = false;
};

} // namespace paycred::ui
