// paycred-server: serves API.md over HTTP, and the commands that run it — see the table below
// and `paycred-server COMMAND --help`.
//
// Exit codes: 0 done, 1 refused (bad configuration, address in use, user refused), 2 usage;
// `check` has its own (see its --help).

#include "app/server/accountcommand.h"
#include "app/server/checkcommand.h"
#include "app/server/command.h"
#include "app/server/commandline.h"
#include "app/server/genkeycommand.h"
#include "app/server/importdjangocommand.h"
#include "app/server/rotatekeyscommand.h"
#include "app/server/servecommand.h"
#include "core/foundation/storageunavailable.h"

#include <QCoreApplication>

#include <array>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace {

using namespace paycred;
using server::AccountCommand;
using server::CommandLine;

// One entry per command: adding a command is adding a line.
const std::array Commands{
    server::Command{"serve", "serve the API (the default when no command is given)",
                    &server::ServeCommand::run},
    server::Command{"createsuperuser", "create a superuser",
                    [](const QStringList& arguments) {
                        return AccountCommand::run(AccountCommand::Action::CreateSuperuser,
                                                   arguments);
                    }},
    server::Command{"createuser", "create a user who is not a superuser",
                    [](const QStringList& arguments) {
                        return AccountCommand::run(AccountCommand::Action::CreateUser, arguments);
                    }},
    server::Command{
        "changepassword", "set a user's password; ends their sessions and lifts a login lock",
        [](const QStringList& arguments) {
            return AccountCommand::run(AccountCommand::Action::ChangePassword, arguments);
        }},
    server::Command{"genkey", "print a new encryption, secret (--secret) or audit (--audit) key",
                    &server::GenkeyCommand::run},
    server::Command{"check",
                    "check the configuration, database and schema; count rows under a retired key",
                    &server::CheckCommand::run},
    server::Command{"rotate-keys", "re-encrypt every credential under the primary encryption key",
                    &server::RotateKeysCommand::run},
    server::Command{
        "import-django",
        "bring users and credentials over from a deployment of the seed's Django server",
        [](const QStringList& arguments) { return server::ImportDjangoCommand::run(arguments); }},
};

QString overallHelp() {
    QString commands;
    for (const server::Command& command : Commands)
        commands += QStringLiteral("  %1%2\n")
                        .arg(QString::fromLatin1(command.name), -17)
                        .arg(QString::fromLatin1(command.summary));
    return QStringLiteral(
               "Usage: paycred-server [COMMAND] [options]\n"
               "       paycred-server COMMAND --help\n"
               "       paycred-server --version\n\n"
               "Serves the PayCred API over HTTP, and runs the commands that look after it.\n\n"
               "Commands:\n%1\n"
               "%2\n\n"
               "Exit codes: 0 done, 1 refused, 2 usage; `check` has its own.")
        .arg(
            commands,
            CommandLine::wrapped(QStringLiteral(
                "Configuration (strongest first): the command line; the environment "
                "(PAYCRED_SECRET_KEY, PAYCRED_ENCRYPTION_KEY: comma-separated Fernet keys, primary "
                "first, the others retired and only decrypting; PAYCRED_AUDIT_KEY: the same for "
                "the audit log; PAYCRED_DATABASE: the SQLite file or a postgresql:// URL; "
                "PAYCRED_LISTEN: HOST:PORT; PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE: MINUTES, "
                "off when 0 or unset, a live key is revealed only to a session that verified "
                "the password within that time); "
                "systemd's credentials folder ($CREDENTIALS_DIRECTORY/secret_key, encryption_key, "
                "audit_key, database); the INI file given with --config (the same names in lower "
                "case). Each secret may also be read from a file: PAYCRED_SECRET_KEY_FILE, "
                "PAYCRED_ENCRYPTION_KEY_FILE, PAYCRED_AUDIT_KEY_FILE, PAYCRED_DATABASE_FILE, or "
                "secret_key_file etc. in the INI file. Testing only: PAYCRED_PASSWORD_ITERATIONS "
                "(at least 1000) lowers the PBKDF2 count of new hashes.")));
}

int usageError(const QString& sentence) {
    CommandLine::printLine(stderr, QStringLiteral("paycred-server: %1\nRun `paycred-server "
                                                  "--help` for the usage.")
                                       .arg(sentence));
    return CommandLine::Usage;
}

int dispatch(const QStringList& arguments) {
    const QString first = arguments.value(0);
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        CommandLine::printLine(stdout, overallHelp());
        return CommandLine::Success;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        CommandLine::printLine(stdout, QStringLiteral("paycred-server %1").arg(PAYCRED_VERSION));
        return CommandLine::Success;
    }
    // No command (nothing, or options first): serve.
    if (first.isEmpty() || first.startsWith(u'-'))
        return server::ServeCommand::run(arguments);
    for (const server::Command& command : Commands) {
        if (first == QLatin1String(command.name))
            return command.run(arguments.mid(1));
    }
    QStringList names;
    for (const server::Command& command : Commands)
        names << QString::fromLatin1(command.name);
    return usageError(QStringLiteral("unknown command \"%1\": the commands are %2.")
                          .arg(first, names.join(QStringLiteral(", "))));
}

// Keys and passwords pass through this process's memory: no core file may carry them away, and
// no other process of the same user may attach to read them.
void forbidCoreDumps() {
    const rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

} // namespace

int main(int argc, char* argv[]) {
    forbidCoreDumps();
    // Whatever the server creates (the SQLite file and its journals, the development keys) is
    // for its own user only.
    ::umask(077);
    // QtSql loads its driver plugins through the application object; its event loop never
    // runs (Asio serves the requests).
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("paycred-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYCRED_VERSION));
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-category}%{category} "
                           "%{endif}%{type}: %{message}"));
    try {
        return dispatch(QCoreApplication::arguments().mid(1));
    } catch (const paycred::StorageUnavailable&) {
        // A command's read failed (the database went away while it ran): say so, never crash.
        paycred::server::CommandLine::printLine(
            stderr, QStringLiteral("paycred-server: the database stopped "
                                   "answering; see the log above. Nothing "
                                   "half-done was kept: run it again once "
                                   "the database is back."));
        return paycred::server::CommandLine::Refused;
    }
}
