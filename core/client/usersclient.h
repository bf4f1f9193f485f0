#pragma once

#include "core/client/accountsession.h"
#include "core/client/adminclient.h"
#include "core/client/adminuser.h"
#include "core/client/result.h"
#include "core/client/session.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace paycred::client {

// UsersClient: the users of API.md §3 (/admin/users/, superusers only) as typed, asynchronous
// calls over the same Session as the other typed clients — the same callback rules. The list
// comes a page at a time, like AdminClient's; a refusal (yourself, the last superuser) is a
// Validation error whose message is the server's sentence; a field error (a taken username, a
// weak password) is in fieldErrors. Passwords are taken by value and wiped after use.
// It also lists and ends the caller's own sessions (API.md §1 Sessions, any user): against a
// server without them (404), Capabilities::sessions goes false and the calls fail NotFound.
class UsersClient : public QObject {
    Q_OBJECT
public:
    using Page = AdminClient::ListPage<AdminUser>;

    struct Change { // only what is set is sent
        std::optional<bool> isActive;
        std::optional<bool> isSuperuser;
        std::optional<QString> password; // a reset: the user's tokens stop working
        bool unlock = false;             // clears the login throttle's lock
    };
    struct Deleted {
        QString message; // the server's
        qint64 credentialsDeleted = 0;
    };

    // `session` is not owned and must outlive the client.
    explicit UsersClient(Session& session, QObject* parent = nullptr);

    Session& session() const { return m_session; }

    // `target`: AdminClient::ListQuery::target(UsersPath) or a page's `next`.
    void list(const QByteArray& target, Callback<Page> done);
    void create(const QString& username, QString password, bool isSuperuser,
                Callback<AdminUser> done);
    void read(qint64 id, Callback<AdminUser> done);
    void update(qint64 id, Change change, Callback<AdminUser> done);
    void remove(qint64 id, Callback<Deleted> done);

    // GET /users/sessions/: the caller's sessions, oldest first.
    void sessions(Callback<QList<AccountSession>> done);
    // DELETE /users/sessions/{sid}/: the server's message.
    void endSession(const QString& sid, Callback<QString> done);
    // POST /users/logout-all/: how many sessions ended (this one included: the session here
    // ends with the next call).
    void logoutAll(Callback<int> done);

    static constexpr char UsersPath[] = "/admin/users/";

private:
    void submit(Session::Request request, Session::Handler handler);

    Session& m_session;
};

} // namespace paycred::client
