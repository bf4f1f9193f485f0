#include "app/server/accountcommand.h"

#include "app/server/commandline.h"
#include "app/server/passwordinput.h"

#include "core/crypto/secret.h"
#include "core/foundation/systemclock.h"
#include "core/service/services.h"
#include "core/service/userservice.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"

#include <cstdio>

namespace paycred::server {

namespace {

void printError(const QString& sentence) {
    std::fprintf(stderr, "%s\n", qPrintable(sentence));
    std::fflush(stderr);
}

void printLine(const QString& sentence) {
    std::printf("%s\n", qPrintable(sentence));
    std::fflush(stdout);
}

} // namespace

// What a command's step works with: the open database, the user it names, and how it refuses.
struct AccountCommand::Step {
    storage::Database& database;
    ServerConfig& config;
    const QString& username;
    std::function<int(const QString&)> refuse;

    // The password typed or piped in, or a refusal already printed.
    std::optional<QString> password() const {
        QString error;
        auto typed = PasswordInput::read(&error);
        if (!typed)
            refuse(error);
        return typed;
    }
};

AccountCommand::AccountCommand(ServerConfig config, QString username)
    : m_config(std::move(config))
    , m_username(std::move(username).trimmed()) {}

int AccountCommand::run(Action action, const QStringList& arguments) {
    static const QString passwordInput = QStringLiteral(
        "The password is asked twice with the echo off when standard input is a terminal; "
        "otherwise it is the first line of standard input (for scripts). It is never shown, "
        "logged or taken as an argument.");
    const QString name = action == Action::CreateSuperuser ? QStringLiteral("createsuperuser")
                         : action == Action::CreateUser    ? QStringLiteral("createuser")
                                                           : QStringLiteral("changepassword");
    const QString job =
        action == Action::CreateSuperuser
            ? QStringLiteral("Creates a superuser, who manages users and sees every "
                             "credential.")
        : action == Action::CreateUser
            ? QStringLiteral("Creates a user (not a superuser), who manages their own "
                             "credentials.")
            : QStringLiteral("Sets a user's password; every session of theirs ends and a "
                             "login lock on them is lifted.");
    CommandLine command(name, QStringLiteral("%1 --username NAME [options]").arg(name),
                        QStringLiteral("%1 %2\n\nExit codes: 0 done, 1 refused (the "
                                       "configuration, the database, a taken or unknown name, "
                                       "a weak password), 2 usage.")
                            .arg(job, passwordInput),
                        true);
    const QCommandLineOption usernameOption(
        QStringLiteral("username"), QStringLiteral("The user's name."), QStringLiteral("NAME"));
    command.addOption(usernameOption);
    if (const auto done = command.parse(arguments))
        return *done;
    const QString username = command.value(usernameOption).trimmed();
    if (username.isEmpty())
        return command.usageError(QStringLiteral("%1 needs --username NAME.").arg(name));
    auto config = command.loadConfig();
    if (!config)
        return Refused;
    AccountCommand account(std::move(*config), username);
    switch (action) {
    case Action::CreateSuperuser:
        return account.createSuperuser();
    case Action::CreateUser:
        return account.createUser();
    case Action::ChangePassword:
        return account.changePassword();
    }
    return Usage;
}

int AccountCommand::run(const QString& what, const std::function<int(Step&)>& step) {
    if (m_username.isEmpty()) {
        printError(QStringLiteral("%1 needs a username: give --username NAME.").arg(what));
        return Usage;
    }
    storage::Database database(m_config.database());
    QString error;
    if (!database.open(&error)) {
        printError(QStringLiteral("Cannot open the database: %1").arg(error));
        return Refused;
    }
    Step context{database, m_config, m_username, [&](const QString& reason) {
                     printError(
                         QStringLiteral("Cannot %1 \"%2\": %3").arg(what, m_username, reason));
                     return int(Refused);
                 }};
    return step(context);
}

int AccountCommand::createSuperuser() {
    return create(QStringLiteral("create superuser"), true);
}

int AccountCommand::createUser() {
    return create(QStringLiteral("create user"), false);
}

int AccountCommand::create(const QString& what, bool superuser) {
    return run(what, [superuser](Step& step) {
        // Say so before asking for a password that could not be used anyway.
        if (storage::UserRepository(step.database).findByUsername(step.username))
            return step.refuse(QStringLiteral("A user with that username already exists."));
        auto password = step.password();
        if (!password)
            return int(Refused);
        const SystemClock clock;
        const service::Services services(step.database, step.config.takeSettings(), clock);
        const auto created = services.users().create(step.username, *password, superuser);
        crypto::wipe(*password);
        if (!created.ok())
            return step.refuse(created.error);
        printLine(QStringLiteral("%1 %2 created.")
                      .arg(superuser ? QStringLiteral("Superuser") : QStringLiteral("User"),
                           step.username));
        return int(Success);
    });
}

int AccountCommand::changePassword() {
    return run(QStringLiteral("change the password of"), [](Step& step) {
        const auto user = storage::UserRepository(step.database).findByUsername(step.username);
        if (!user)
            return step.refuse(QStringLiteral("No such user. Check the name (it is "
                                              "case-sensitive), or create them with "
                                              "createsuperuser."));
        auto password = step.password();
        if (!password)
            return int(Refused);
        const SystemClock clock;
        const service::Services services(step.database, step.config.takeSettings(), clock);
        const auto changed = services.users().resetPassword(user->id, *password);
        crypto::wipe(*password);
        if (changed.error == service::UserService::Error::Invalid)
            return step.refuse(changed.errors.all().value(QStringLiteral("password")).join(u' '));
        if (!changed.ok())
            return step.refuse(QStringLiteral("the database refused the change; check that it is "
                                              "writable and try again."));
        printLine(QStringLiteral("Password changed for %1; their sessions have ended and any "
                                 "login lock is lifted.")
                      .arg(step.username));
        return int(Success);
    });
}

} // namespace paycred::server
