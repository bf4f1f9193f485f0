#include "app/server/accountcommand.h"

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
    return run(QStringLiteral("create superuser"), [](Step& step) {
        // Say so before asking for a password that could not be used anyway.
        if (storage::UserRepository(step.database).findByUsername(step.username))
            return step.refuse(QStringLiteral("A user with that username already exists."));
        auto password = step.password();
        if (!password)
            return int(Refused);
        const SystemClock clock;
        const service::Services services(step.database, step.config.takeSettings(), clock);
        const auto created = services.users().create(step.username, *password, true);
        crypto::wipe(*password);
        if (!created.ok())
            return step.refuse(created.error);
        printLine(QStringLiteral("Superuser %1 created.").arg(step.username));
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
