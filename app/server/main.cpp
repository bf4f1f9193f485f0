// paycred-server: serves API.md over HTTP, creates superusers, makes keys.
//
//   paycred-server [--dev] [--data-dir DIR] [--listen HOST:PORT] [--config FILE]
//   paycred-server createsuperuser --username NAME [--dev] [--data-dir DIR] [--config FILE]
//   paycred-server changepassword --username NAME [--dev] [--data-dir DIR] [--config FILE]
//   paycred-server genkey [--secret | --audit]
//   paycred-server import-django --from DB [--django-key-file FILE] [--dry-run] [...]
//
// Exit codes: 0 done, 1 refused (bad configuration, address in use, user refused), 2 usage.

#include "app/server/accountcommand.h"
#include "app/server/httpserver.h"
#include "app/server/importdjangocommand.h"
#include "app/server/serverconfig.h"

#include "core/api/router.h"
#include "core/crypto/secret.h"
#include "core/foundation/systemclock.h"
#include "core/service/services.h"
#include "core/storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace {

using namespace paycred;
using server::lcServer;

constexpr int ExitOk = 0;
constexpr int ExitRefused = 1;
constexpr int ExitUsage = 2;

void printLine(std::FILE* stream, const QString& text) {
    std::fprintf(stream, "%s\n", qPrintable(text));
    std::fflush(stream);
}

int usageError(const QString& sentence) {
    printLine(stderr, QStringLiteral("paycred-server: %1\nRun `paycred-server --help` for the "
                                     "usage.")
                          .arg(sentence));
    return ExitUsage;
}

int configError(const QString& sentence, bool starting = true) {
    printLine(stderr, starting
                          ? QStringLiteral("paycred-server: refusing to start.\n%1").arg(sentence)
                          : QStringLiteral("paycred-server: %1").arg(sentence));
    return ExitRefused;
}

int serve(const server::ServerConfig::Options& options) {
    QString error;
    auto config = server::ServerConfig::load(options, &error);
    if (!config)
        return configError(error);
    for (const QString& warning : config->warnings())
        qCWarning(lcServer).noquote() << warning;

    storage::Database database(config->database());
    if (!database.open(&error))
        return configError(QStringLiteral("Cannot open the database: %1").arg(error));

    const SystemClock clock;
    const service::Services services(database, config->takeSettings(), clock);
    // The events written before the audit log was chained join the chain at the first start.
    const auto chained = services.auditChain().chainPending();
    if (!chained)
        return configError(QStringLiteral("Cannot write to the audit log of the database %1: "
                                          "check that it is writable and that its audit chain "
                                          "(table audit_chain) is intact.")
                               .arg(config->database().name));
    if (*chained > 0)
        qCInfo(lcServer, "chained %d audit event(s) written before the audit log was chained",
               *chained);
    const api::Router router(services);
    server::HttpServer httpServer(router);
    if (!httpServer.listen(config->host(), config->port(), &error)) {
        printLine(stderr, QStringLiteral("paycred-server: %1").arg(error));
        return ExitRefused;
    }
    printLine(stdout, QStringLiteral("Listening on %1").arg(httpServer.url()));
    qCInfo(lcServer, "paycred-server %s%s: %d I/O thread(s), %d worker thread(s), database %s",
           PAYCRED_VERSION, config->dev() ? " (development mode)" : "", httpServer.ioThreads(),
           httpServer.workerThreads(), qPrintable(config->database().name));
    httpServer.run();
    return ExitOk;
}

enum class KeyKind { Encryption, Secret, Audit };

int generateKey(KeyKind kind) {
    QByteArray key = kind == KeyKind::Secret  ? server::ServerConfig::generateSecretKey()
                     : kind == KeyKind::Audit ? server::ServerConfig::generateAuditKey()
                                              : server::ServerConfig::generateEncryptionKey();
    std::fwrite(key.constData(), 1, static_cast<std::size_t>(key.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    crypto::wipe(key);
    return ExitOk;
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
    // QtSql loads its driver plugins through the application object; its event loop never
    // runs (Asio serves the requests).
    // Whatever the server creates (the SQLite file and its journals, the development keys) is
    // for its own user only.
    ::umask(077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("paycred-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYCRED_VERSION));
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-category}%{category} "
                           "%{endif}%{type}: %{message}"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Serves the PayCred API over HTTP.\n\n"
        "Commands:\n"
        "  (none)            serve the API\n"
        "  createsuperuser   create a superuser (password asked, or the first line of stdin)\n"
        "  changepassword    set a user's password (asked the same way); ends their sessions\n"
        "                    and lifts a login lock\n"
        "  genkey            print a new Fernet key for PAYCRED_ENCRYPTION_KEY\n"
        "                    (--secret: a new PAYCRED_SECRET_KEY instead;\n"
        "                    --audit: a new PAYCRED_AUDIT_KEY)\n"
        "  import-django     bring users and credentials over from the seed's Django server\n\n"
        "Configuration: PAYCRED_SECRET_KEY, PAYCRED_ENCRYPTION_KEY (comma-separated Fernet keys, "
        "primary first), PAYCRED_AUDIT_KEY (comma-separated audit keys, primary first; the others "
        "only verify old events), PAYCRED_DATABASE (a SQLite file or a postgresql:// URL), "
        "PAYCRED_LISTEN (HOST:PORT), or "
        "the same "
        "keys in lower case in an INI file given with --config. Testing only: "
        "PAYCRED_PASSWORD_ITERATIONS (at least 1000) lowers the PBKDF2 count of new hashes."));
    parser.setApplicationDescription(parser.applicationDescription() + QStringLiteral("\n\n") +
                                     server::ImportDjangoCommand::helpText());
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("createsuperuser, changepassword or genkey; none to serve."),
        QStringLiteral("[command]"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption devOption(
        QStringLiteral("dev"),
        QStringLiteral("Development mode: 127.0.0.1:8000, data and generated keys in the data "
                       "folder. Never in production."));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("The data folder (default with --dev: ./paycred-dev-data)."),
        QStringLiteral("DIR"));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"), QStringLiteral("The address to listen on (port 0: a free one)."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("An INI file with the configuration."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption usernameOption(
        QStringLiteral("username"),
        QStringLiteral("createsuperuser, changepassword: the user's name."),
        QStringLiteral("NAME"));
    const QCommandLineOption secretOption(QStringLiteral("secret"),
                                          QStringLiteral("genkey: print a secret key instead."));
    const QCommandLineOption auditOption(QStringLiteral("audit"),
                                         QStringLiteral("genkey: print an audit key instead."));
    const QCommandLineOption fromOption(
        QStringLiteral("from"),
        QStringLiteral("import-django: the Django database (SQLite file or postgresql:// URL)."),
        QStringLiteral("DB"));
    const QCommandLineOption djangoKeyOption(
        QStringLiteral("django-key"), QStringLiteral("import-django: the Django ENCRYPTION_KEY."),
        QStringLiteral("KEY"));
    const QCommandLineOption djangoKeyFileOption(
        QStringLiteral("django-key-file"),
        QStringLiteral("import-django: a file holding the Django ENCRYPTION_KEY."),
        QStringLiteral("FILE"));
    const QCommandLineOption dryRunOption(
        QStringLiteral("dry-run"), QStringLiteral("import-django: report only, write nothing."));
    parser.addOptions({devOption, dataDirOption, listenOption, configOption, usernameOption,
                       secretOption, auditOption, fromOption, djangoKeyOption, djangoKeyFileOption,
                       dryRunOption});

    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        printLine(stdout, parser.helpText());
        return ExitOk;
    }
    if (parser.isSet(versionOption)) {
        printLine(stdout, QStringLiteral("paycred-server %1").arg(QStringLiteral(PAYCRED_VERSION)));
        return ExitOk;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(
            QStringLiteral("one command at most, not \"%1\".").arg(positional.join(u' ')));
    const QString command = positional.value(0);

    server::ServerConfig::Options options;
    options.dev = parser.isSet(devOption);
    options.dataDir = parser.value(dataDirOption);
    options.listen = parser.value(listenOption);
    options.configFile = parser.value(configOption);

    const auto onlyFor = [&](const QCommandLineOption& option, const QString& owner) {
        return parser.isSet(option) && command != owner;
    };
    const bool accountCommand =
        command == QLatin1String("createsuperuser") || command == QLatin1String("changepassword");
    if (parser.isSet(usernameOption) && !accountCommand)
        return usageError(QStringLiteral("--username goes with createsuperuser or "
                                         "changepassword."));
    if (onlyFor(secretOption, QStringLiteral("genkey")))
        return usageError(QStringLiteral("--secret goes with genkey."));
    if (onlyFor(auditOption, QStringLiteral("genkey")))
        return usageError(QStringLiteral("--audit goes with genkey."));
    for (const QCommandLineOption* option :
         {&fromOption, &djangoKeyOption, &djangoKeyFileOption, &dryRunOption}) {
        if (onlyFor(*option, QStringLiteral("import-django")))
            return usageError(
                QStringLiteral("--%1 goes with import-django.").arg(option->names().first()));
    }
    if (parser.isSet(listenOption) && !command.isEmpty())
        return usageError(QStringLiteral("--listen is for serving, not for %1.").arg(command));

    if (command.isEmpty())
        return serve(options);

    if (command == QLatin1String("genkey")) {
        if (options.dev || !options.dataDir.isEmpty() || !options.configFile.isEmpty())
            return usageError(QStringLiteral("genkey takes no configuration options."));
        if (parser.isSet(secretOption) && parser.isSet(auditOption))
            return usageError(QStringLiteral("genkey makes one key: --secret or --audit, not "
                                             "both."));
        return generateKey(parser.isSet(secretOption)  ? KeyKind::Secret
                           : parser.isSet(auditOption) ? KeyKind::Audit
                                                       : KeyKind::Encryption);
    }

    if (accountCommand) {
        const QString username = parser.value(usernameOption).trimmed();
        if (username.isEmpty())
            return usageError(QStringLiteral("%1 needs --username NAME.").arg(command));
        QString error;
        auto config = server::ServerConfig::load(options, &error);
        if (!config)
            return configError(error, false);
        server::AccountCommand account(std::move(*config), username);
        return command == QLatin1String("createsuperuser") ? account.createSuperuser()
                                                           : account.changePassword();
    }

    if (command == QLatin1String("import-django")) {
        QString error;
        auto config = server::ServerConfig::load(options, &error);
        if (!config)
            return configError(error, false);
        server::ImportDjangoCommand::Options import{
            parser.value(fromOption), parser.value(djangoKeyOption),
            parser.value(djangoKeyFileOption), parser.isSet(dryRunOption)};
        return server::ImportDjangoCommand(std::move(*config), std::move(import)).run();
    }

    return usageError(
        QStringLiteral("unknown command \"%1\": use createsuperuser, changepassword or genkey.")
            .arg(command));
}
