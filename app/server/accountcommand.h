#pragma once

#include "app/server/serverconfig.h"

#include <QString>

#include <functional>

namespace paycred::server {

// AccountCommand: the command line's account commands on the configured database, with the
// same rules (and messages) as the API —
//   `createsuperuser --username NAME`: a new superuser, a free and valid name, a strong password;
//   `createuser --username NAME`: the same for a user who is not a superuser;
//   `changepassword --username NAME`: a new password for an existing user; every token of that
//   user ends and the login throttle's lock on them is lifted, so five wrong passwords never
//   lock the last superuser out for good.
// The password comes from PasswordInput; it is never echoed, printed or logged.
class AccountCommand {
public:
    enum ExitCode : int { Success = 0, Refused = 1, Usage = 2 };

    enum class Action { CreateSuperuser, CreateUser, ChangePassword };

    AccountCommand(ServerConfig config, QString username);

    // The command line's entry: parses `arguments` (after the command's name) and runs `action`.
    static int run(Action action, const QStringList& arguments);

    // Each prints one line on success; otherwise a sentence on standard error.
    int createSuperuser();
    int createUser();
    int changePassword();

private:
    struct Step;
    // Opens the database, runs `step` (which reads the password when it needs one) and prints
    // its refusal as "Cannot <what> "NAME": why".
    int run(const QString& what, const std::function<int(Step&)>& step);
    int create(const QString& what, bool superuser);

    ServerConfig m_config;
    QString m_username;
};

} // namespace paycred::server
