#include "core/storage/migrations.h"

#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <span>

namespace paycred::storage {

namespace {

// One schema step: its version and its statements. Words that differ between dialects are
// written as placeholders and filled in by `dialectSql`:
//   %ID%    an auto-generated 64-bit primary key column type
//   %BLOB%  a binary column type
// Where a whole statement differs (SQLite cannot drop a constraint, only rebuild the table), a
// step has statements of its own per dialect, run before the shared ones.
//
// A step that only adds (a table, a nullable column, an index) leaves the schema usable by the
// builds before it: it is marked `compatible`, and such a build runs on it (a rolling upgrade
// runs old and new instances side by side); any other newer step makes an older build refuse.
struct Step {
    int version;
    std::span<const char* const> statements;
    std::span<const char* const> sqliteOnly = {};
    std::span<const char* const> postgresOnly = {};
    bool compatible = false;
};

constexpr const char* kVersion1[] = {
    R"(CREATE TABLE users (
    id %ID%,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_superuser INTEGER NOT NULL DEFAULT 0,
    is_active INTEGER NOT NULL DEFAULT 1,
    date_joined BIGINT NOT NULL,
    last_login BIGINT NULL,
    token_version BIGINT NOT NULL DEFAULT 0
))",
    R"(CREATE TABLE payment_credentials (
    id %ID%,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    encrypted_api_key TEXT NOT NULL,
    encrypted_private_key TEXT NOT NULL,
    private_key_digest TEXT NOT NULL,
    environment TEXT NOT NULL CHECK (environment IN ('sandbox', 'live')),
    is_active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (user_id, provider)
))",
    "CREATE INDEX payment_credentials_user_id ON payment_credentials (user_id)",
    R"(CREATE TABLE revoked_tokens (
    jti TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
))",
    "CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at)",
    R"(CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0
))",
    R"(CREATE TABLE audit_events (
    id %ID%,
    at BIGINT NOT NULL,
    actor_id BIGINT NULL REFERENCES users(id) ON DELETE SET NULL,
    actor_username TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    credential_id BIGINT NULL,
    provider TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL,
    remote_addr TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
))",
    "CREATE INDEX audit_events_at ON audit_events (at)",
    // Deleting a user sets actor_id to NULL in its events: without this index, a full scan.
    "CREATE INDEX audit_events_actor_id ON audit_events (actor_id)",
};

// The local vault's own tables: its metadata (format, id, the data-key ring sealed by the master
// key) and one key slot per user. A server database carries them empty.
constexpr const char* kVersion2[] = {
    R"(CREATE TABLE vault_meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
))",
    R"(CREATE TABLE key_slots (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    kdf TEXT NOT NULL,
    cost BIGINT NOT NULL,
    block_size INTEGER NOT NULL,
    parallelism INTEGER NOT NULL,
    salt TEXT NOT NULL,
    sealed_master_key TEXT NOT NULL,
    updated_at BIGINT NOT NULL
))",
};

// Every credential carries a row version, bumped by each change a user makes (API.md §2's ETag):
// a write can then be made conditional on the version it was based on. Additive: a binary of
// schema 2 still reads and writes the table (the default fills the column).
constexpr const char* kVersion3[] = {
    "ALTER TABLE payment_credentials ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
};

// The audit trail becomes a chain (API.md §3). An event keeps its own copy of the actor (the
// foreign key to users goes, so deleting a user changes no event), says which environment the
// credential it touched was in, and carries the id of the audit key that sealed it and its mac.
// The chain's one head is a row of its own; the events written before this step are chained
// once, by the first writer that holds the key (legacy_until marks them). Old failed logins of
// unknown users named what was typed as the username (often a password): that text goes, and
// so do the throttle's counters keyed by a username in clear (they are keyed by a keyed hash
// now; dropping them only forgets failures of the last 15 minutes).
constexpr const char* kVersion4Sqlite[] = {
    R"(CREATE TABLE audit_events_v4 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    actor_id BIGINT NULL,
    actor_username TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    credential_id BIGINT NULL,
    provider TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL,
    remote_addr TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    environment TEXT NOT NULL DEFAULT '',
    key_id TEXT NULL,
    mac TEXT NULL
))",
    R"(INSERT INTO audit_events_v4 (id, at, actor_id, actor_username, action, credential_id,
    provider, outcome, remote_addr, detail)
SELECT id, at, actor_id, actor_username, action, credential_id, provider, outcome, remote_addr,
    detail FROM audit_events)",
    "DROP TABLE audit_events",
    "ALTER TABLE audit_events_v4 RENAME TO audit_events",
    "CREATE INDEX audit_events_at ON audit_events (at)",
    "CREATE INDEX audit_events_actor_id ON audit_events (actor_id)",
};

constexpr const char* kVersion4Postgres[] = {
    "ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_id_fkey",
    "ALTER TABLE audit_events ADD COLUMN environment TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE audit_events ADD COLUMN key_id TEXT NULL",
    "ALTER TABLE audit_events ADD COLUMN mac TEXT NULL",
};

constexpr const char* kVersion4[] = {
    "CREATE INDEX audit_events_credential_id ON audit_events (credential_id)",
    R"(CREATE TABLE audit_chain (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_mac TEXT NOT NULL,
    legacy_until BIGINT NOT NULL
))",
    R"(INSERT INTO audit_chain (id, last_id, last_mac, legacy_until)
SELECT 1, 0, '', COALESCE(MAX(id), 0) FROM audit_events)",
    R"(UPDATE audit_events SET detail = 'unknown user'
WHERE action = 'login' AND outcome <> 'ok' AND actor_id IS NULL AND detail LIKE 'username=%')",
    "DELETE FROM login_throttle WHERE key LIKE 'user:%'",
};

// Indexes for the superusers' lists (API.md §3), measured in bench/results/admin_scale.txt: every
// ordering a list offers reads its page through an index (column, id) instead of sorting the
// whole table for each page, the audit filters count through one, and the stats' GROUP BY is
// a covering scan. Additive: older binaries run unchanged beside them.
// IF NOT EXISTS: an operator may have made some of them by hand already.
constexpr const char* kVersion5[] = {
    "CREATE INDEX IF NOT EXISTS payment_credentials_provider ON payment_credentials (provider, id)",
    "CREATE INDEX IF NOT EXISTS payment_credentials_environment ON payment_credentials "
    "(environment, id)",
    "CREATE INDEX IF NOT EXISTS payment_credentials_created_at ON payment_credentials (created_at, "
    "id)",
    "CREATE INDEX IF NOT EXISTS payment_credentials_updated_at ON payment_credentials (updated_at, "
    "id)",
    "CREATE INDEX IF NOT EXISTS payment_credentials_stats ON payment_credentials (provider, "
    "environment, "
    "is_active)",
    "CREATE INDEX IF NOT EXISTS users_date_joined ON users (date_joined, id)",
    "CREATE INDEX IF NOT EXISTS users_last_login ON users ((COALESCE(last_login, 0)), id)",
    "CREATE INDEX IF NOT EXISTS audit_events_action ON audit_events (action, id)",
    // The panel filters by action, often with the environment ("who revealed a live key").
    "CREATE INDEX IF NOT EXISTS audit_events_action_environment ON audit_events (action, "
    "environment, id)",
    "CREATE INDEX IF NOT EXISTS audit_events_outcome ON audit_events (outcome, id)",
    "CREATE INDEX IF NOT EXISTS audit_events_environment ON audit_events (environment, id)",
    "CREATE INDEX IF NOT EXISTS audit_events_provider ON audit_events (provider, id)",
};

// Sessions (API.md §1): a login starts one; every token of it carries its sid, and a token whose
// session row is gone is refused, on every instance. token_version is the user's when the session
// began: a password change or deactivation bumps the user's, so the session is no longer
// listed nor usable. expires_at (the refresh token's expiry) lets old rows be purged.
// password_confirmed_at: the last verify-password of this session (the live-key step-up).
// Additive: older binaries never read it.
constexpr const char* kVersion6[] = {
    R"(CREATE TABLE sessions (
    sid TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    remote_addr TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    password_confirmed_at BIGINT NULL
))",
    "CREATE INDEX sessions_user_id ON sessions (user_id, created_at)",
    "CREATE INDEX sessions_expires_at ON sessions (expires_at)",
};

// Checks of a credential with its provider (API.md §2 check): kept beside the credential, never
// in it, the last few of each (CredentialCheckRepository::Kept); they go with the credential.
// Additive: older binaries never read it.
constexpr const char* kVersion7[] = {
    R"(CREATE TABLE credential_checks (
    id %ID%,
    credential_id BIGINT NOT NULL REFERENCES payment_credentials(id) ON DELETE CASCADE,
    checked_at BIGINT NOT NULL,
    environment TEXT NOT NULL,
    result TEXT NOT NULL,
    message TEXT NOT NULL
))",
    "CREATE INDEX credential_checks_credential_id ON credential_checks (credential_id, id)",
};

constexpr Step kSteps[] = {
    {1, kVersion1},
    {2, kVersion2},
    {3, kVersion3},
    {4, kVersion4, kVersion4Sqlite, kVersion4Postgres},
    {5, kVersion5, {}, {}, true},
    {6, kVersion6, {}, {}, true},
    {7, kVersion7, {}, {}, true},
};

constexpr const char* kBookkeeping =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT)";
// Added to the bookkeeping (not a schema step: builds before it read only `version`).
constexpr const char* kBookkeepingCompatible =
    "ALTER TABLE schema_migrations ADD COLUMN compatible INTEGER NOT NULL DEFAULT 0";
// The key of PostgreSQL's advisory lock under which a process migrates ("PAYCRED" in ASCII):
// two instances starting together migrate once, one after the other.
constexpr qint64 kMigrationLock = 0x5041594352454400;

enum class Dialect { Sqlite, Postgres, Unknown };

Dialect dialectOf(const QSqlDatabase& db) {
    const QString driver = db.driverName();
    if (driver == QLatin1String("QSQLITE"))
        return Dialect::Sqlite;
    if (driver == QLatin1String("QPSQL"))
        return Dialect::Postgres;
    return Dialect::Unknown;
}

// The only place where the SQL of one dialect differs from the other's.
QString dialectSql(const char* statement, Dialect dialect) {
    QString sql = QString::fromUtf8(statement);
    if (dialect == Dialect::Sqlite) {
        sql.replace(QLatin1String("%ID%"), QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
        sql.replace(QLatin1String("%BLOB%"), QLatin1String("BLOB"));
    } else {
        sql.replace(QLatin1String("%ID%"),
                    QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
        sql.replace(QLatin1String("%BLOB%"), QLatin1String("BYTEA"));
    }
    return sql;
}

QString nameOf(const QSqlDatabase& db) {
    if (dialectOf(db) == Dialect::Sqlite || db.hostName().isEmpty())
        return db.databaseName();
    return QStringLiteral("%1 on %2").arg(db.databaseName(), db.hostName());
}

QString newerMessage(const QSqlDatabase& db, int version) {
    return QStringLiteral("The database %1 has schema version %2, newer than this PayCred (%3), "
                          "with changes this PayCred cannot run on. Upgrade PayCred.")
        .arg(nameOf(db))
        .arg(version)
        .arg(Migrations::latestVersion());
}

QString stepError(const QSqlDatabase& db, int version, const QSqlError& error) {
    return QStringLiteral("Could not upgrade the database %1 to schema version %2: %3.")
        .arg(nameOf(db))
        .arg(version)
        .arg(detail::driverText(error));
}

// Begins a step's transaction (on SQLite with the write lock, which keeps two processes from
// applying the same step at once; PostgreSQL's processes hold the advisory lock already).
bool beginStep(QSqlDatabase& db, Dialect dialect, QSqlError* error) {
    if (dialect == Dialect::Sqlite) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return true;
        *error = query.lastError();
        return false;
    }
    if (db.transaction())
        return true;
    *error = db.lastError();
    return false;
}

// PostgreSQL's session-level advisory lock for the whole migration, taken before the
// bookkeeping table is made (two concurrent CREATE TABLE IF NOT EXISTS can collide there),
// released when the migration ends however it ends. Nothing on SQLite.
class MigrationLock {
public:
    MigrationLock(QSqlDatabase& db, Dialect dialect)
        : m_db(db)
        , m_held(dialect != Dialect::Postgres) {
        if (m_held)
            return;
        QSqlQuery query(m_db);
        m_held = query.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLock));
        if (!m_held)
            m_error = query.lastError();
        m_taken = m_held;
    }
    ~MigrationLock() {
        if (!m_taken)
            return;
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLock)))
            detail::logFailure("release the migration lock", query.lastError());
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

    bool held() const { return m_held; }
    const QSqlError& error() const { return m_error; }

private:
    QSqlDatabase& m_db;
    bool m_held = false;
    bool m_taken = false;
    QSqlError m_error;
};

// Adds the bookkeeping's `compatible` column where a build before it made the table.
bool upgradeBookkeeping(QSqlDatabase& db, QSqlError* error) {
    if (db.record(QStringLiteral("schema_migrations")).contains(QStringLiteral("compatible")))
        return true;
    QSqlQuery query(db);
    if (query.exec(QString::fromLatin1(kBookkeepingCompatible)))
        return true;
    *error = query.lastError();
    return false;
}

// How many steps above this build's latest the database has that are not marked compatible;
// -1 when it cannot be read.
int incompatibleNewerSteps(const QSqlDatabase& db) {
    QSqlQuery query(db);
    if (!query.prepare(QStringLiteral(
            "SELECT COUNT(*) FROM schema_migrations WHERE version > :latest AND compatible = 0"))) {
        detail::logFailure("prepare the schema's compatibility check", query.lastError());
        return -1;
    }
    query.bindValue(QStringLiteral(":latest"), Migrations::latestVersion());
    if (!query.exec() || !query.next()) {
        detail::logFailure("read the schema's compatibility", query.lastError());
        return -1;
    }
    return query.value(0).toInt();
}

// Applies one step inside an already begun transaction.
bool applyStep(QSqlDatabase& db, Dialect dialect, const Step& step, QSqlError* error) {
    const auto own = dialect == Dialect::Sqlite ? step.sqliteOnly : step.postgresOnly;
    for (const auto statements : {own, step.statements}) {
        for (const char* statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(dialectSql(statement, dialect))) {
                *error = query.lastError();
                return false;
            }
        }
    }
    QSqlQuery record(db);
    if (!record.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at, "
                                       "compatible) VALUES (:version, :at, :compatible)"))) {
        *error = record.lastError();
        return false;
    }
    record.bindValue(QStringLiteral(":version"), step.version);
    record.bindValue(QStringLiteral(":at"), QDateTime::currentMSecsSinceEpoch());
    record.bindValue(QStringLiteral(":compatible"), detail::flag(step.compatible));
    if (!record.exec()) {
        *error = record.lastError();
        return false;
    }
    return true;
}

// A schema newer than this build: run on it when every newer step is marked compatible.
bool acceptNewer(const QSqlDatabase& db, int version, QString* error) {
    const int incompatible = incompatibleNewerSteps(db);
    if (incompatible == 0) {
        qCInfo(lcStorage).noquote()
            << QStringLiteral("The database %1 has schema version %2, newer than this PayCred "
                              "(%3); its newer steps only add, so this PayCred runs on it.")
                   .arg(nameOf(db))
                   .arg(version)
                   .arg(Migrations::latestVersion());
        return true;
    }
    if (error)
        *error = incompatible < 0
                     ? QStringLiteral("Could not read the schema version of the database %1.")
                           .arg(nameOf(db))
                     : newerMessage(db, version);
    return false;
}

} // namespace

int Migrations::latestVersion() {
    return std::end(kSteps)[-1].version;
}

int Migrations::currentVersion(const QSqlDatabase& db) {
    if (!db.isOpen())
        return -1;
    if (!db.tables(QSql::Tables).contains(QLatin1String("schema_migrations")))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) ||
        !query.next()) {
        detail::logFailure("read the schema version", query.lastError());
        return -1;
    }
    return query.value(0).isNull() ? 0 : query.value(0).toInt();
}

bool Migrations::apply(QSqlDatabase& db, QString* error) {
    const auto fail = [error](const QString& reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (!db.isOpen())
        return fail(QStringLiteral("The database %1 is not open.").arg(nameOf(db)));
    const Dialect dialect = dialectOf(db);
    if (dialect == Dialect::Unknown) {
        return fail(QStringLiteral("The database %1 uses the driver %2, which PayCred does not "
                                   "support; use QSQLITE or QPSQL.")
                        .arg(nameOf(db), db.driverName()));
    }

    const MigrationLock lock(db, dialect);
    if (!lock.held()) {
        return fail(QStringLiteral("Could not take the migration lock of the database %1: %2.")
                        .arg(nameOf(db), detail::driverText(lock.error())));
    }
    {
        QSqlQuery query(db);
        QSqlError bookkeepingError;
        if (!query.exec(QString::fromLatin1(kBookkeeping)))
            bookkeepingError = query.lastError();
        else
            upgradeBookkeeping(db, &bookkeepingError);
        if (bookkeepingError.isValid()) {
            return fail(QStringLiteral("Could not read the schema version of the database %1: %2.")
                            .arg(nameOf(db), detail::driverText(bookkeepingError)));
        }
    }
    const int initial = currentVersion(db);
    if (initial < 0) {
        return fail(QStringLiteral("Could not read the schema version of the database %1.")
                        .arg(nameOf(db)));
    }
    if (initial > latestVersion())
        return acceptNewer(db, initial, error);

    for (const Step& step : kSteps) {
        if (step.version <= initial)
            continue;
        QSqlError sqlError;
        if (!beginStep(db, dialect, &sqlError))
            return fail(stepError(db, step.version, sqlError));
        // Another process may have applied it while this one waited for the lock.
        const int current = currentVersion(db);
        if (current < 0) {
            db.rollback();
            return fail(QStringLiteral("Could not read the schema version of the database %1.")
                            .arg(nameOf(db)));
        }
        if (current > latestVersion()) {
            db.rollback();
            return acceptNewer(db, current, error);
        }
        if (current >= step.version) {
            db.rollback();
            continue;
        }
        if (!applyStep(db, dialect, step, &sqlError)) {
            db.rollback();
            return fail(stepError(db, step.version, sqlError));
        }
        if (!db.commit()) {
            const QSqlError commitError = db.lastError();
            db.rollback();
            return fail(stepError(db, step.version, commitError));
        }
        qCInfo(lcStorage).noquote()
            << QStringLiteral("Upgraded the database %1 to schema version %2.")
                   .arg(nameOf(db))
                   .arg(step.version);
    }
    return true;
}

} // namespace paycred::storage
