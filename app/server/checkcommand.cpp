#include "app/server/checkcommand.h"

#include "app/server/commandline.h"

#include "core/crypto/keyring.h"
#include "core/foundation/systemclock.h"
#include "core/service/services.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/migrations.h"

#include <QFileInfo>

namespace paycred::server {

namespace {

void say(const QString& line) {
    CommandLine::printLine(stdout, line);
}

// "primary 1a2b3c4d, retired 5e6f7a8b and 9c0d1e2f" (fingerprints, never keys).
QString describeKeys(const crypto::KeyRing& ring) {
    QStringList retired;
    for (qsizetype i = 1; i < ring.size(); ++i)
        retired << ring.key(i).fingerprint();
    if (retired.isEmpty())
        return QStringLiteral("primary %1, none retired").arg(ring.primary().fingerprint());
    return QStringLiteral("primary %1, retired %2")
        .arg(ring.primary().fingerprint(), retired.join(QStringLiteral(", ")));
}

// Whether the schema of `database` is this build's; the exit code when it is not.
std::optional<int> checkSchema(const storage::Database& database, const QString& name) {
    const int version = database.schemaVersion();
    if (version < 0) {
        CommandLine::printLine(stderr, QStringLiteral("paycred-server check: the schema version "
                                                      "of the database %1 cannot be read; see "
                                                      "the log above.")
                                           .arg(name));
        return CheckCommand::DatabaseUnreachable;
    }
    const int latest = storage::Migrations::latestVersion();
    if (version != latest) {
        CommandLine::printLine(
            stderr, version < latest
                        ? QStringLiteral("paycred-server check: the database's schema is version "
                                         "%1, this build's is %2: migrations are pending (they "
                                         "run when the server starts).")
                              .arg(version)
                              .arg(latest)
                        : QStringLiteral("paycred-server check: the database's schema is version "
                                         "%1, newer than this build's %2: upgrade paycred-server.")
                              .arg(version)
                              .arg(latest));
        return CheckCommand::SchemaNotCurrent;
    }
    say(QStringLiteral("schema: current (version %1)").arg(version));
    return std::nullopt;
}

} // namespace

int CheckCommand::run(const QStringList& arguments) {
    CommandLine command(
        QStringLiteral("check"), QStringLiteral("check [options]"),
        QStringLiteral("Checks, without changing anything, that paycred-server could start with "
                       "this configuration: the configuration is valid, the database answers, "
                       "and its schema is the one this build writes (no migration pending). "
                       "Also reports how many credentials are still under a retired encryption "
                       "key (a key after the first in PAYCRED_ENCRYPTION_KEY): when none are, "
                       "the retired keys can be removed.\n\n"
                       "Exit codes: 0 all good, 2 usage, 3 the configuration is invalid, 4 the "
                       "database cannot be reached, 5 the database's schema is not current "
                       "(older: start the server or run a command that opens it to migrate; "
                       "newer: this binary is older than the database)."),
        true);
    if (const auto done = command.parse(arguments))
        return *done;

    auto config = command.loadConfig();
    if (!config)
        return BadConfiguration;
    const crypto::KeyRing ring = config->settings().keyRing;
    say(QStringLiteral("configuration: valid (encryption keys: %1)").arg(describeKeys(ring)));

    const storage::DatabaseConfig& where = config->database();
    // Opening a SQLite file that is not there would create an empty database.
    if (where.driver == QLatin1String("QSQLITE") && !QFileInfo(where.name).isFile()) {
        CommandLine::printLine(stderr, QStringLiteral("paycred-server check: the database file "
                                                      "%1 does not exist. Check "
                                                      "PAYCRED_DATABASE.")
                                           .arg(where.name));
        return DatabaseUnreachable;
    }
    storage::Database database(where);
    if (!database.ping()) {
        CommandLine::printLine(stderr, QStringLiteral("paycred-server check: the database %1 "
                                                      "does not answer; see the log above.")
                                           .arg(where.name));
        return DatabaseUnreachable;
    }
    say(QStringLiteral("database: answers (%1)").arg(where.name));

    if (const auto failed = checkSchema(database, where.name))
        return *failed;

    const SystemClock clock;
    const service::Services services(database, config->takeSettings(), clock);
    const auto pending = services.rotation().pending(ring);
    if (!pending) {
        CommandLine::printLine(stderr, QStringLiteral("paycred-server check: the credentials "
                                                      "cannot be read; see the log above."));
        return DatabaseUnreachable;
    }
    const qint64 total = storage::CredentialRepository(database).count();
    if (*pending == 0)
        say(QStringLiteral("credentials: %1, none under a retired encryption key").arg(total));
    else
        say(QStringLiteral("credentials: %1, %2 still under a retired encryption key: run "
                           "`paycred-server rotate-keys` before removing it")
                .arg(total)
                .arg(*pending));
    return Ok;
}

} // namespace paycred::server
