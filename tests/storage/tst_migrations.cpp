#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/migrations.h"
#include "core/storage/userrepository.h"
#include "tests/storage/storagetestsupport.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace paycred::storage;
using namespace paycred::storagetest;

class TestMigrations : public QObject {
    Q_OBJECT

private slots:
    void latestVersionIsPositive();
    void emptyDatabaseGetsEveryTable();
    void connectionIsConfigured();
    void reopeningKeepsDataAndDoesNotRerunSteps();
    void newerDatabaseIsRefused();
    void fileThatIsNotSqliteFailsToOpen();
    void missingFolderFailsToOpen();
    void versionZeroDatabaseWithOtherTablesMigrates();
    void currentVersionOfClosedDatabase();
    void schemaConstraints();
    void destructorRemovesItsConnections();
    void versionOneDatabaseIsUpgradedKeepingItsData();
    void newerCompatibleSchemaIsAccepted_data();
    void newerCompatibleSchemaIsAccepted();
    void instancesStartingTogetherMigrateOnce();

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("db%1.sqlite3").arg(++m_files)); }
};

void TestMigrations::latestVersionIsPositive() {
    QCOMPARE(Migrations::latestVersion(), 7);
}

void TestMigrations::emptyDatabaseGetsEveryTable() {
    Database db(sqliteConfig(newPath()));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    QCOMPARE(Migrations::currentVersion(db.connection()), Migrations::latestVersion());
    QVERIFY(db.isSqlite());
    QVERIFY(db.ping());

    QStringList tables =
        column(db.connection(), QStringLiteral("SELECT name FROM sqlite_master WHERE type = "
                                               "'table' AND name NOT LIKE 'sqlite_%'"));
    tables.sort();
    QCOMPARE(tables, (QStringList{"audit_chain", "audit_events", "credential_checks", "key_slots",
                                  "login_throttle", "payment_credentials", "revoked_tokens",
                                  "schema_migrations", "sessions", "users", "vault_meta"}));

    const QStringList indexes = column(
        db.connection(),
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
    QVERIFY2(indexes.contains(QLatin1String("payment_credentials_user_id")),
             qPrintable(indexes.join(',')));
    QVERIFY2(indexes.contains(QLatin1String("audit_events_at")), qPrintable(indexes.join(',')));
    QVERIFY2(indexes.contains(QLatin1String("credential_checks_credential_id")),
             qPrintable(indexes.join(',')));

    const QStringList userColumns =
        column(db.connection(), QStringLiteral("SELECT name FROM pragma_table_info('users')"));
    QCOMPARE(userColumns, (QStringList{"id", "username", "password_hash", "is_superuser",
                                       "is_active", "date_joined", "last_login", "token_version"}));
    const QStringList credentialColumns =
        column(db.connection(),
               QStringLiteral("SELECT name FROM pragma_table_info('payment_credentials')"));
    QCOMPARE(credentialColumns,
             (QStringList{"id", "user_id", "provider", "encrypted_api_key", "encrypted_private_key",
                          "private_key_digest", "environment", "is_active", "created_at",
                          "updated_at", "version"}));
    const QStringList auditColumns = column(
        db.connection(), QStringLiteral("SELECT name FROM pragma_table_info('audit_events')"));
    QCOMPARE(auditColumns, (QStringList{"id", "at", "actor_id", "actor_username", "action",
                                        "credential_id", "provider", "outcome", "remote_addr",
                                        "detail", "environment", "key_id", "mac"}));
    const QStringList checkColumns = column(
        db.connection(), QStringLiteral("SELECT name FROM pragma_table_info('credential_checks')"));
    QCOMPARE(checkColumns, (QStringList{"id", "credential_id", "checked_at", "environment",
                                        "result", "message"}));

    QCOMPARE(column(db.connection(),
                    QStringLiteral("SELECT version FROM schema_migrations ORDER BY version")),
             (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                          QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6"),
                          QStringLiteral("7")}));
}

void TestMigrations::connectionIsConfigured() {
    Database db(sqliteConfig(newPath(), 1234));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(column(db.connection(), QStringLiteral("PRAGMA journal_mode")),
             QStringList{QStringLiteral("wal")});
    QCOMPARE(column(db.connection(), QStringLiteral("PRAGMA foreign_keys")),
             QStringList{QStringLiteral("1")});
    QCOMPARE(column(db.connection(), QStringLiteral("PRAGMA busy_timeout")),
             QStringList{QStringLiteral("1234")});
    // NORMAL
    QCOMPARE(column(db.connection(), QStringLiteral("PRAGMA synchronous")),
             QStringList{QStringLiteral("1")});
}

void TestMigrations::reopeningKeepsDataAndDoesNotRerunSteps() {
    const QString path = newPath();
    QStringList applied;
    {
        Database db(sqliteConfig(path));
        QVERIFY(db.open());
        QVERIFY(UserRepository(db).insert(makeUser(QStringLiteral("alice"))).ok());
        applied =
            column(db.connection(),
                   QStringLiteral("SELECT version || '@' || applied_at FROM schema_migrations"));
        QCOMPARE(applied.size(), Migrations::latestVersion());
    }
    QTest::qWait(5); // a re-run step would record a later applied_at
    for (int round = 0; round < 2; ++round) {
        Database db(sqliteConfig(path));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
        const auto alice = UserRepository(db).findByUsername(QStringLiteral("alice"));
        QVERIFY(alice.has_value());
        QCOMPARE(UserRepository(db).count(), 1);
        QCOMPARE(column(db.connection(), QStringLiteral("SELECT version || '@' || applied_at FROM "
                                                        "schema_migrations")),
                 applied);
    }
}

void TestMigrations::newerDatabaseIsRefused() {
    const QString path = newPath();
    const int newer = Migrations::latestVersion() + 1;
    QVERIFY(withRawConnection(path, [&](QSqlDatabase& raw) {
        QVERIFY(execSql(raw, QStringLiteral("CREATE TABLE schema_migrations (version INTEGER "
                                            "PRIMARY KEY, applied_at BIGINT)")));
        QVERIFY(execSql(raw, QStringLiteral("INSERT INTO schema_migrations VALUES (1, 0)")));
        QVERIFY(execSql(raw,
                        QStringLiteral("INSERT INTO schema_migrations VALUES (%1, 0)").arg(newer)));
    }));

    Database db(sqliteConfig(path));
    QString error;
    QVERIFY(!db.open(&error));
    QCOMPARE(error, QStringLiteral("The database %1 has schema version %2, newer than this "
                                   "PayCred (%3), with changes this PayCred cannot run on. "
                                   "Upgrade PayCred.")
                        .arg(path)
                        .arg(newer)
                        .arg(Migrations::latestVersion()));
    QCOMPARE(db.schemaVersion(), newer);
    // Nothing was created in it.
    QVERIFY(column(db.connection(),
                   QStringLiteral("SELECT name FROM sqlite_master WHERE name = 'users'"))
                .isEmpty());
}

void TestMigrations::fileThatIsNotSqliteFailsToOpen() {
    const QString path = newPath();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QRandomGenerator random(20240115);
        QByteArray bytes(8192, Qt::Uninitialized);
        for (char& byte : bytes)
            byte = static_cast<char>(random.bounded(256));
        bytes.replace(0, 6, "NOTSQL"); // never the SQLite header by chance
        QCOMPARE(file.write(bytes), bytes.size());
    }
    Database db(sqliteConfig(path));
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not a database")), qPrintable(error));
    QVERIFY2(error.endsWith(QLatin1Char('.')), qPrintable(error));
    QVERIFY(!db.ping());
    QCOMPARE(db.schemaVersion(), -1);
    // Still refused the second time, and the file is untouched.
    QVERIFY(!db.open(&error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(6) == "NOTSQL");
    QCOMPARE(file.size(), 8192);
}

void TestMigrations::missingFolderFailsToOpen() {
    const QString path = m_dir.filePath(QStringLiteral("no/such/folder/paycred.sqlite3"));
    Database db(sqliteConfig(path));
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot open the SQLite database \"%1\": ").arg(path)),
             qPrintable(error));
    QVERIFY(!db.ping());
}

void TestMigrations::versionZeroDatabaseWithOtherTablesMigrates() {
    const QString path = newPath();
    QVERIFY(withRawConnection(path, [&](QSqlDatabase& raw) {
        QVERIFY(execSql(raw, QStringLiteral("CREATE TABLE notes (body TEXT)")));
        QVERIFY(execSql(raw, QStringLiteral("INSERT INTO notes VALUES ('kept')")));
    }));
    Database db(sqliteConfig(path));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    QCOMPARE(column(db.connection(), QStringLiteral("SELECT body FROM notes")),
             QStringList{QStringLiteral("kept")});
    QVERIFY(UserRepository(db).insert(makeUser(QStringLiteral("bob"))).ok());
}

void TestMigrations::currentVersionOfClosedDatabase() {
    const QSqlDatabase closed;
    QCOMPARE(Migrations::currentVersion(closed), -1);
    QSqlDatabase invalid;
    QString error;
    QVERIFY(!Migrations::apply(invalid, &error));
    QVERIFY(!error.isEmpty());
}

void TestMigrations::schemaConstraints() {
    Database db(sqliteConfig(newPath()));
    QVERIFY(db.open());
    QSqlDatabase connection = db.connection();
    const qint64 userId = UserRepository(db).insert(makeUser(QStringLiteral("carol"))).value;
    QVERIFY(userId > 0);
    // The environment is checked by the database itself.
    QString error;
    QVERIFY(!execSql(connection,
                     QStringLiteral("INSERT INTO payment_credentials (user_id, provider, "
                                    "encrypted_api_key, encrypted_private_key, private_key_digest, "
                                    "environment, created_at, updated_at) VALUES (%1, 'kopokopo', "
                                    "'a', 'b', 'c', 'production', 0, 0)")
                         .arg(userId),
                     &error));
    QVERIFY2(error.contains(QLatin1String("CHECK")), qPrintable(error));
    // Foreign keys are enforced.
    QVERIFY(!execSql(connection,
                     QStringLiteral("INSERT INTO payment_credentials (user_id, provider, "
                                    "encrypted_api_key, encrypted_private_key, private_key_digest, "
                                    "environment, created_at, updated_at) VALUES (999, 'kopokopo', "
                                    "'a', 'b', 'c', 'live', 0, 0)"),
                     &error));
    QVERIFY2(error.contains(QLatin1String("FOREIGN KEY")), qPrintable(error));
    // Defaults.
    QVERIFY(execSql(connection, QStringLiteral("INSERT INTO audit_events (at, action, outcome) "
                                               "VALUES (1, 'login', 'ok')")));
    QCOMPARE(column(connection, QStringLiteral("SELECT actor_username || '|' || provider || '|' || "
                                               "remote_addr || '|' || detail || '|' || "
                                               "coalesce(actor_id, 'null') FROM audit_events")),
             QStringList{QStringLiteral("||||null")});
    QVERIFY(execSql(connection, QStringLiteral("INSERT INTO login_throttle (key, failures, "
                                               "window_start) VALUES ('user:x', 1, 5)")));
    QCOMPARE(column(connection, QStringLiteral("SELECT locked_until FROM login_throttle")),
             QStringList{QStringLiteral("0")});
}

void TestMigrations::destructorRemovesItsConnections() {
    const QStringList before = QSqlDatabase::connectionNames();
    {
        Database db(sqliteConfig(newPath()));
        QVERIFY(db.open());
        QVERIFY(db.ping());
        QCOMPARE(QSqlDatabase::connectionNames().size(), before.size() + 1);
    }
    QCOMPARE(QSqlDatabase::connectionNames(), before);
}

void TestMigrations::versionOneDatabaseIsUpgradedKeepingItsData() {
    const QString path = newPath();
    {
        // A database as schema version 1 left it: no vault tables, no row versions, one step
        // recorded, and a credential written then.
        Database db(sqliteConfig(path));
        QVERIFY(db.open());
        const auto alice = UserRepository(db).insert(makeUser(QStringLiteral("alice")));
        QVERIFY(alice.ok());
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("DROP TABLE credential_checks")));
        QVERIFY(query.exec(QStringLiteral("DROP TABLE audit_chain")));
        QVERIFY(query.exec(QStringLiteral("DROP TABLE key_slots")));
        QVERIFY(query.exec(QStringLiteral("DROP TABLE vault_meta")));
        QVERIFY(query.exec(QStringLiteral("DROP TABLE sessions")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE payment_credentials DROP COLUMN version")));
        QVERIFY(query.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version > 1")));
        QVERIFY(query.exec(
            QStringLiteral("INSERT INTO payment_credentials (user_id, provider, encrypted_api_key, "
                           "encrypted_private_key, private_key_digest, environment, is_active, "
                           "created_at, updated_at) VALUES (%1, 'kopokopo', 'a', 'p', 'd', "
                           "'sandbox', 1, 1, 1)")
                .arg(alice.value)));
        QCOMPARE(Migrations::currentVersion(db.connection()), 1);
    }
    Database db(sqliteConfig(path));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    const auto alice = UserRepository(db).findByUsername(QStringLiteral("alice"));
    QVERIFY(alice.has_value());
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM key_slots")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    // The credential of then is kept, at row version 1.
    const auto kept = CredentialRepository(db).listForUser(alice->id);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().encryptedPrivateKey, QByteArray("p"));
    QCOMPARE(kept.first().version, qint64(1));
}

// A rolling upgrade: a newer build added steps that only add, and marked them compatible; this
// build runs on that schema (and does not record anything of its own). Another newer step not
// so marked makes it refuse, naming both versions.
void TestMigrations::newerCompatibleSchemaIsAccepted_data() {
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestMigrations::newerCompatibleSchemaIsAccepted() {
    QFETCH(bool, postgres);
    const DatabaseConfig config =
        postgres ? paycred::test::PostgresCluster::shared().database() : sqliteConfig(newPath());
    QVERIFY(!config.name.isEmpty());
    const int newer = Migrations::latestVersion() + 1;
    {
        Database current(config);
        QVERIFY(current.open());
        QSqlQuery query(current.connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations (version, applied_at, "
                                          "compatible) VALUES (%1, 0, 1)")
                               .arg(newer)));
    }
    {
        Database older(config);
        QString error;
        QVERIFY2(older.open(&error), qPrintable(error));
        QCOMPARE(older.schemaVersion(), newer);
        UserRepository users(older);
        QVERIFY(users.insert(makeUser(QStringLiteral("rolling"))).ok());
        QCOMPARE(
            column(older.connection(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
            QStringList{QString::number(newer)});
        QSqlQuery query(older.connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations (version, applied_at, "
                                          "compatible) VALUES (%1, 0, 0)")
                               .arg(newer + 1)));
    }
    {
        Database refused(config);
        QString error;
        QVERIFY(!refused.open(&error));
        QVERIFY2(error.contains(QStringLiteral("has schema version %1, newer than this PayCred "
                                               "(%2), with changes this PayCred cannot run on")
                                    .arg(newer + 1)
                                    .arg(Migrations::latestVersion())),
                 qPrintable(error));
    }
    if (postgres)
        QVERIFY(paycred::test::PostgresCluster::shared().dropDatabase(config.name));
}

// Several paycred-server processes starting together on one empty PostgreSQL database: each
// step is applied once (under the advisory lock), and every one of them opens.
void TestMigrations::instancesStartingTogetherMigrateOnce() {
    const DatabaseConfig config = paycred::test::PostgresCluster::shared().database();
    QVERIFY(!config.name.isEmpty());
    constexpr int kInstances = 6;
    std::vector<QString> errors(kInstances);
    std::vector<int> opened(kInstances, 0);
    runTogether(kInstances, [&](int i) {
        Database db(config);
        opened[i] = db.open(&errors[i]) ? 1 : 0;
    });
    for (int i = 0; i < kInstances; ++i)
        QVERIFY2(opened[i] == 1, qPrintable(errors[i]));
    {
        Database db(config);
        QVERIFY(db.open());
        QCOMPARE(column(db.connection(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 QStringList{QString::number(Migrations::latestVersion())});
        QCOMPARE(db.schemaVersion(), Migrations::latestVersion());
    }
    QVERIFY(paycred::test::PostgresCluster::shared().dropDatabase(config.name));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
