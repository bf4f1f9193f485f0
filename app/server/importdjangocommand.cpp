#include "app/server/importdjangocommand.h"

#include "app/server/commandline.h"
#include "app/server/djangodeployment.h"
#include "app/server/djangoimport.h"

#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"
#include "core/foundation/systemclock.h"
#include "core/service/services.h"
#include "core/storage/database.h"
#include "core/storage/databaseurl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace paycred::server {

namespace {

constexpr qint64 ProgressEveryMs = 1000;

void printLine(std::FILE* stream, const QString& text) {
    std::fprintf(stream, "%s\n", qPrintable(text));
    std::fflush(stream);
}

int refuse(const QString& sentence, int code = ImportDjangoCommand::Refused) {
    printLine(stderr, QStringLiteral("paycred-server import-django: %1").arg(sentence));
    return code;
}

// Where --from points: a SQLite file (relative to the current folder) or a PostgreSQL URL, read
// as the server reads its own database setting.
std::optional<storage::DatabaseConfig> sourceConfig(const QString& from, QString* error) {
    if (from.isEmpty()) {
        *error = QStringLiteral("import-django needs --from: the Django database's SQLite file or "
                                "a postgresql:// URL.");
        return std::nullopt;
    }
    QString why;
    auto config = storage::DatabaseUrl::parse(from, QDir::currentPath(), &why);
    if (!config)
        *error = QStringLiteral("--from: %1").arg(why);
    return config;
}

// The key's text from a file: its first line, so a trailing newline is no part of it.
std::optional<QByteArray> readKeyFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("Cannot read the Django key file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray text = file.read(4096);
    const qsizetype end = text.indexOf('\n');
    QByteArray line = (end < 0 ? text : text.left(end)).trimmed();
    crypto::wipe(text);
    return line;
}

// The progress line on standard error: rewritten in place on a terminal, a line a second
// otherwise (a log).
class ProgressLine {
public:
    explicit ProgressLine(qsizetype users)
        : m_users(users)
        , m_terminal(::isatty(STDERR_FILENO) == 1) {
        m_timer.start();
    }
    void show(qsizetype done, const DjangoImport::Tally& tally, bool last = false) {
        if (!last && m_timer.elapsed() < ProgressEveryMs)
            return;
        m_timer.restart();
        const QString line =
            QStringLiteral("import-django: %1/%2 users, %3 credentials imported, %4 already "
                           "there, %5 skipped")
                .arg(done)
                .arg(m_users)
                .arg(tally.credentialsImported)
                .arg(tally.credentialsPresent)
                .arg(tally.credentialsSkipped);
        std::fprintf(stderr, m_terminal ? "\r%s%s" : "%s%s", qPrintable(line),
                     m_terminal && !last ? "" : "\n");
        std::fflush(stderr);
    }

private:
    qsizetype m_users;
    bool m_terminal;
    QElapsedTimer m_timer;
};

void printReport(const DjangoImport::Tally& tally, bool dryRun, bool sawCredentials) {
    const QString done = dryRun ? QStringLiteral("to import") : QStringLiteral("imported");
    if (dryRun)
        printLine(stdout, QStringLiteral("Dry run: nothing was written. An import would do this:"));
    printLine(stdout, QStringLiteral("Users: %1 %2, %3 already there, %4 skipped.")
                          .arg(tally.usersImported)
                          .arg(done)
                          .arg(tally.usersPresent)
                          .arg(tally.usersSkipped));
    printLine(stdout, QStringLiteral("Credentials: %1 %2, %3 already there, %4 skipped.")
                          .arg(tally.credentialsImported)
                          .arg(done)
                          .arg(tally.credentialsPresent)
                          .arg(tally.credentialsSkipped));
    if (!tally.skipped.isEmpty()) {
        printLine(stdout, QStringLiteral("Skipped:"));
        for (const QString& line : tally.skipped)
            printLine(stdout, QStringLiteral("  %1").arg(line));
    }
    const bool noneOpened = sawCredentials && tally.credentialsImported == 0 &&
                            tally.credentialsPresent == 0 && tally.undecryptable > 0;
    if (noneOpened)
        printLine(stdout, QStringLiteral("No credential decrypted under the given Django key: is "
                                         "it the ENCRYPTION_KEY of that deployment's settings?"));
}

} // namespace

ImportDjangoCommand::ImportDjangoCommand(ServerConfig config, Options options)
    : m_config(std::move(config))
    , m_options(std::move(options)) {}

ImportDjangoCommand::~ImportDjangoCommand() {
    crypto::wipe(m_options.key);
}

QString ImportDjangoCommand::helpText() {
    return QStringLiteral(
               "import-django --from <SQLite file | postgresql://…> [--dry-run], with the Django "
               "ENCRYPTION_KEY from --django-key-file FILE, %1 or --django-key (which other users "
               "can see in the process list): brings the users (with their pbkdf2_sha256 password "
               "hashes as they are) and payment credentials (sealed again under our key) of a "
               "deployment of the seed's Django server into the configured database; a user "
               "already "
               "here is matched by username, a credential already imported is not doubled. Exit "
               "codes: "
               "0 all imported or already there, 1 refused (nothing written), 2 usage, 3 done but "
               "something was skipped (the report says why), 4 stopped by a database write (run it "
               "again to go on).")
        .arg(keyVariable());
}

std::optional<crypto::KeyRing> ImportDjangoCommand::djangoKey(QString* error, int* exitCode) const {
    *exitCode = Usage;
    if (!m_options.key.isEmpty() && !m_options.keyFile.isEmpty()) {
        *error = QStringLiteral("give the Django key once: --django-key or --django-key-file, "
                                "not both.");
        return std::nullopt;
    }
    QByteArray text;
    const auto wipeText = qScopeGuard([&] { crypto::wipe(text); });
    if (!m_options.keyFile.isEmpty()) {
        auto read = readKeyFile(m_options.keyFile, error);
        if (!read) {
            *exitCode = Refused;
            return std::nullopt;
        }
        text = std::move(*read);
    } else if (!m_options.key.isEmpty()) {
        printLine(stderr, QStringLiteral("paycred-server import-django: note: --django-key shows "
                                         "in the process list; --django-key-file FILE or %1 "
                                         "do not.")
                              .arg(keyVariable()));
        text = m_options.key.toUtf8();
    } else {
        text = qgetenv(qPrintable(keyVariable()));
    }
    QByteArray trimmed = text.trimmed();
    crypto::wipe(text);
    text = std::move(trimmed);
    if (text.isEmpty()) {
        *error = QStringLiteral("import-django needs the Django deployment's ENCRYPTION_KEY: "
                                "--django-key-file FILE, %1, or --django-key.")
                     .arg(keyVariable());
        return std::nullopt;
    }
    auto ring = crypto::KeyRing::fromBase64List(text);
    if (!ring) {
        *exitCode = Refused;
        *error = QStringLiteral("The Django key is not a Fernet key (32 bytes in url-safe "
                                "base64, as Fernet.generate_key() writes them): give the "
                                "ENCRYPTION_KEY of the Django settings as it is written there.");
        return std::nullopt;
    }
    return ring;
}

int ImportDjangoCommand::run(const QStringList& arguments) {
    CommandLine command(QStringLiteral("import-django"),
                        QStringLiteral("import-django --from DB [--dry-run] [options]"), helpText(),
                        true);
    const QCommandLineOption fromOption(
        QStringLiteral("from"),
        QStringLiteral("The Django database: its SQLite file or a postgresql:// URL."),
        QStringLiteral("DB"));
    const QCommandLineOption keyOption(
        QStringLiteral("django-key"),
        QStringLiteral("The Django ENCRYPTION_KEY (shows in the process list: prefer the file)."),
        QStringLiteral("KEY"));
    const QCommandLineOption keyFileOption(
        QStringLiteral("django-key-file"),
        QStringLiteral("A file holding the Django ENCRYPTION_KEY."), QStringLiteral("FILE"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
                                          QStringLiteral("Report what would happen; write "
                                                         "nothing."));
    for (const auto* option : {&fromOption, &keyOption, &keyFileOption, &dryRunOption})
        command.addOption(*option);
    if (const auto done = command.parse(arguments))
        return *done;
    auto config = command.loadConfig();
    if (!config)
        return Refused;
    Options options{command.value(fromOption), command.value(keyOption),
                    command.value(keyFileOption), command.isSet(dryRunOption)};
    return ImportDjangoCommand(std::move(*config), std::move(options)).run();
}

int ImportDjangoCommand::run() {
    QString error;
    int keyExit = Usage;
    const auto key = djangoKey(&error, &keyExit);
    if (!key)
        return refuse(error, keyExit);
    const auto source = sourceConfig(m_options.from, &error);
    if (!source)
        return refuse(error, Usage);

    DjangoDeployment deployment(*source);
    if (!deployment.open(&error))
        return refuse(error);
    const auto users = deployment.users(&error);
    if (!users)
        return refuse(error);
    const auto credentials = deployment.credentials(&error);
    if (!credentials)
        return refuse(error);
    QHash<qint64, QList<DjangoDeployment::Credential>> byUser;
    for (const DjangoDeployment::Credential& credential : *credentials)
        byUser[credential.userId].append(credential);

    // A dry run against a database that does not exist yet compares with an empty one, so it
    // creates nothing.
    storage::DatabaseConfig target = m_config.database();
    std::unique_ptr<QTemporaryDir> scratch;
    if (m_options.dryRun && target.driver == QLatin1String("QSQLITE") &&
        !QFileInfo::exists(target.name)) {
        scratch = std::make_unique<QTemporaryDir>();
        target.name = scratch->filePath(QStringLiteral("empty.sqlite3"));
    }
    storage::Database database(target);
    if (!database.open(&error))
        return refuse(QStringLiteral("Cannot open the PayCred database: %1").arg(error));
    const SystemClock clock;
    const service::Services services(database, m_config.takeSettings(), clock);

    printLine(stdout, QStringLiteral("Django deployment %1: %2 user(s), %3 credential(s).")
                          .arg(deployment.description())
                          .arg(users->size())
                          .arg(credentials->size()));
    const DjangoImport importer(services, *key, m_options.dryRun);
    DjangoImport::Tally tally;
    ProgressLine progress(users->size());
    qsizetype done = 0;
    for (const DjangoDeployment::User& user : *users) {
        if (!importer.importUser(user, byUser.value(user.id), tally)) {
            progress.show(done, tally, true);
            printReport(tally, m_options.dryRun, !credentials->isEmpty());
            return refuse(QStringLiteral("PayCred's database refused the import of user \"%1\" "
                                         "(nothing of them was kept; the %2 user(s) before are "
                                         "in). Check that it is writable, then run the import "
                                         "again to go on.")
                              .arg(user.username)
                              .arg(done),
                          Stopped);
        }
        ++done;
        progress.show(done, tally);
    }
    progress.show(done, tally, true);
    printReport(tally, m_options.dryRun, !credentials->isEmpty());
    return tally.skipped.isEmpty() ? Success : Skipped;
}

} // namespace paycred::server
