// The audit chain below the router (AuditChain, AuditKeys, LoginThrottle), on real SQLite files:
// threads and two instances writing at once make one chain; events from before the chain
// (schema 3) are migrated as they were and chained once; a retired audit key still verifies the
// events it sealed; deleting a user, rotating the data keys and changing a vault password keep
// the chain verifiable; a locked vault writes its failed logins pending and chains them at the
// next unlock; the login throttle keeps usernames only as keyed hashes, in a vault also while it
// is locked.

#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/foundation/manualclock.h"
#include "core/service/services.h"
#include "core/storage/auditrepository.h"
#include "core/storage/database.h"
#include "core/storage/migrations.h"
#include "core/storage/userrepository.h"
#include "core/storage/vaultmetarepository.h"
#include "core/vault/vault.h"
#include "core/vault/vaultmeta.h"
#include "tests/vault/vaulttestsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace paycred;
using vault::Vault;

namespace {
constexpr char kPassword[] = "correct-horse-battery";
const QString kOwner = QStringLiteral("owner");
const QString kOwnerPassword = QStringLiteral("the owner's passphrase 1");

crypto::Secret randomKey() {
    return crypto::Secret(crypto::Digest::randomBytes(32));
}

// A server's core on the database file `path` with the audit keys `keys`.
struct Server {
    Server(const QString& path, service::AuditKeys keys, const service::ServiceSettings& base,
           const Clock& clock)
        : db(config(path)) {
        QString error;
        if (!db.open(&error))
            qFatal("cannot open %s: %s", qPrintable(path), qPrintable(error));
        service::ServiceSettings settings = base;
        settings.auditKeys = std::move(keys);
        services = std::make_unique<service::Services>(db, std::move(settings), clock);
    }
    static storage::DatabaseConfig config(const QString& path) {
        storage::DatabaseConfig config;
        config.name = path;
        return config;
    }
    storage::Database db;
    std::unique_ptr<service::Services> services;
};

service::ServiceSettings baseSettings() {
    service::ServiceSettings settings;
    settings.secretKey = randomKey();
    settings.keyRing = crypto::KeyRing({crypto::FernetKey::generate()});
    settings.passwordIterations = 1000;
    return settings;
}

QString verificationText(const service::AuditChain::Verification& v) {
    return QStringLiteral("status %1 intact %2 events %3 head %4 first broken %5")
        .arg(int(v.status))
        .arg(v.intact)
        .arg(v.events)
        .arg(v.head.lastId)
        .arg(v.firstBrokenId);
}

#define EXPECT_INTACT(chain, count)                                                                \
    do {                                                                                           \
        const auto v_ = (chain).verify();                                                          \
        QVERIFY2(v_.status == service::AuditChain::Verification::Status::Verified && v_.intact &&  \
                     v_.events == (count),                                                         \
                 qPrintable(verificationText(v_) +                                                 \
                            QStringLiteral(", expected %1 events intact").arg(count)));            \
    } while (false)

service::AuditLog::Entry marker(const QString& detail) {
    return {service::AuditAction::PasswordVerified, service::AuditLog::Outcome::Ok, std::nullopt,
            QString(), detail};
}

QList<storage::AuditRecord> allEvents(const storage::Database& db) {
    return storage::AuditRepository(db).after(0, 100000).value_or(QList<storage::AuditRecord>());
}

// The schema-3 audit table, as step 1 made it (with its foreign key to users).
constexpr const char* kSchema3Audit[] = {
    "DROP TABLE audit_chain",
    "DROP TABLE audit_events",
    R"(CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    "CREATE INDEX audit_events_actor_id ON audit_events (actor_id)",
    "DROP TABLE sessions",          // schema step 6
    "DROP TABLE credential_checks", // schema step 7
    "DELETE FROM schema_migrations WHERE version >= 4",
};
} // namespace

class TestAuditChain : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("chain%1.sqlite3").arg(++m_files)); }

private slots:
    void threadsAndInstancesWritingAtOnceMakeOneChain() {
        const ManualClock clock(vaulttest::startTime());
        const service::AuditKeys keys({randomKey()});
        const service::ServiceSettings settings = baseSettings();
        const QString path = newPath();
        Server first(path, keys, settings, clock);
        Server second(path, keys, settings, clock); // another instance on the same database
        constexpr int ThreadsPerInstance = 4;
        constexpr int EventsPerThread = 40;
        std::vector<std::thread> threads;
        std::atomic<int> refused{0};
        for (int t = 0; t < 2 * ThreadsPerInstance; ++t) {
            const service::Services& services =
                t < ThreadsPerInstance ? *first.services : *second.services;
            threads.emplace_back([&services, &refused, t] {
                const service::Actor actor{t + 1, QStringLiteral("writer%1").arg(t), false,
                                           QStringLiteral("10.0.0.%1").arg(t)};
                for (int i = 0; i < EventsPerThread; ++i) {
                    if (!services.audit().record(actor,
                                                 marker(QStringLiteral("t%1 e%2").arg(t).arg(i))))
                        ++refused;
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(refused.load(), 0);
        const int total = 2 * ThreadsPerInstance * EventsPerThread;
        EXPECT_INTACT(first.services->auditChain(), total);
        EXPECT_INTACT(second.services->auditChain(), total);
        // Every event once, each sealed, the head on the newest.
        QSet<QString> details;
        for (const auto& event : allEvents(first.db)) {
            QCOMPARE(event.mac.size(), 64);
            details.insert(event.detail);
        }
        QCOMPARE(details.size(), total);
        QCOMPARE(storage::AuditRepository(first.db).head()->lastId, allEvents(first.db).last().id);
    }

    void eventsFromBeforeTheChainAreKeptAndChainedOnce() {
        const ManualClock clock(vaulttest::startTime());
        const QString path = newPath();
        qint64 aliceId = 0;
        {
            // A database as schema 3 left it: events with a foreign key to users, a failed
            // login that kept the text typed as the username, throttle counters in clear.
            storage::Database db(Server::config(path));
            QVERIFY(db.open());
            storage::UserRecord alice;
            alice.username = QStringLiteral("alice");
            alice.passwordHash = QStringLiteral("!");
            alice.dateJoined = clock.now();
            aliceId = storage::UserRepository(db).insert(alice).value;
            QSqlQuery query(db.connection());
            for (const char* statement : kSchema3Audit)
                QVERIFY2(query.exec(QString::fromLatin1(statement)),
                         qPrintable(query.lastError().text()));
            QVERIFY(query.exec(
                QStringLiteral("INSERT INTO audit_events (at, actor_id, actor_username, action, "
                               "credential_id, provider, outcome, remote_addr, detail) VALUES "
                               "(1705314600000, %1, 'alice', 'login', NULL, '', 'ok', "
                               "'10.0.0.1', ''), (1705314601000, %1, 'alice', "
                               "'credential_created', 7, 'kopokopo', 'ok', '10.0.0.1', "
                               "'environment=live'), (1705314602000, NULL, '', 'login', NULL, "
                               "'', 'failed', '10.0.0.2', 'username=hunter2-typed-here')")
                    .arg(aliceId)));
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES "
                "('user:hunter2-typed-here', 1, 1705314602, 0), ('addr:10.0.0.2', 1, "
                "1705314602, 0)")));
            QCOMPARE(storage::Migrations::currentVersion(db.connection()), 3);
        }

        Server server(path, service::AuditKeys({randomKey()}), baseSettings(), clock);
        QCOMPARE(server.db.schemaVersion(), storage::Migrations::latestVersion());
        const auto events = allEvents(server.db);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[1].actorId, std::optional<qint64>(aliceId));
        QCOMPARE(events[1].action, QStringLiteral("credential_created"));
        QCOMPARE(events[1].credentialId, std::optional<qint64>(7));
        QCOMPARE(events[1].detail, QStringLiteral("environment=live"));
        QCOMPARE(events[1].at, QDateTime::fromMSecsSinceEpoch(1705314601000, Qt::UTC));
        QVERIFY(events[1].mac.isEmpty()); // pending until the first start with the key
        QCOMPARE(events[2].detail, QStringLiteral("unknown user")); // the typed text is gone
        QCOMPARE(vaulttest::rows(server.db.connection(), "SELECT key FROM login_throttle"),
                 (QList<QStringList>{{"addr:10.0.0.2"}}));
        QVERIFY(vaulttest::rows(server.db.connection(),
                                "SELECT * FROM pragma_foreign_key_list('audit_events')")
                    .isEmpty());

        // The first start with the key chains them, once.
        QCOMPARE(server.services->auditChain().chainPending(), std::optional<int>(3));
        QCOMPARE(server.services->auditChain().chainPending(), std::optional<int>(0));
        EXPECT_INTACT(server.services->auditChain(), 3);
        // Deleting the user changes none of her events.
        QVERIFY(storage::UserRepository(server.db).remove(aliceId));
        QCOMPARE(allEvents(server.db)[1].actorId, std::optional<qint64>(aliceId));
        QCOMPARE(allEvents(server.db)[1].actorUsername, QStringLiteral("alice"));
        QVERIFY(server.services->audit().record(service::AuditLog::system(), marker("after")));
        EXPECT_INTACT(server.services->auditChain(), 4);
    }

    void theFirstWriterChainsTheOldEventsToo() {
        const ManualClock clock(vaulttest::startTime());
        const QString path = newPath();
        {
            storage::Database db(Server::config(path));
            QVERIFY(db.open());
            QSqlQuery query(db.connection());
            for (const char* statement : kSchema3Audit)
                QVERIFY(query.exec(QString::fromLatin1(statement)));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO audit_events (at, action, outcome) "
                                              "VALUES (1705314600000, 'logout', 'ok')")));
        }
        Server server(path, service::AuditKeys({randomKey()}), baseSettings(), clock);
        QVERIFY(server.services->audit().record(service::AuditLog::system(), marker("new")));
        EXPECT_INTACT(server.services->auditChain(), 2);
    }

    void aRetiredKeyStillVerifiesTheEventsItSealed() {
        const ManualClock clock(vaulttest::startTime());
        const QString path = newPath();
        const crypto::Secret oldKey = randomKey();
        const crypto::Secret newKey = randomKey();
        const service::ServiceSettings settings = baseSettings();
        {
            Server server(path, service::AuditKeys({oldKey}), settings, clock);
            for (int i = 0; i < 3; ++i)
                QVERIFY(server.services->audit().record(service::AuditLog::system(),
                                                        marker(QString::number(i))));
        }
        {
            Server server(path, service::AuditKeys({newKey, oldKey}), settings, clock);
            QVERIFY(server.services->audit().record(service::AuditLog::system(), marker("3")));
            EXPECT_INTACT(server.services->auditChain(), 4);
            const auto events = allEvents(server.db);
            QCOMPARE(events[2].keyId, service::AuditKeys::idOf(oldKey));
            QCOMPARE(events[3].keyId, service::AuditKeys::idOf(newKey));
        }
        // Without the retired key the old events cannot be verified: the first is the break.
        Server server(path, service::AuditKeys({newKey}), settings, clock);
        const auto verification = server.services->auditChain().verify();
        QVERIFY(!verification.intact);
        QCOMPARE(verification.firstBrokenId, allEvents(server.db).first().id);
        QCOMPARE(verification.events, qint64(4));
    }

    void withoutAnAuditKeyNothingIsClaimed() {
        const ManualClock clock(vaulttest::startTime());
        Server server(newPath(), service::AuditKeys(), baseSettings(), clock);
        QVERIFY(server.services->audit().record(service::AuditLog::system(), marker("x")));
        QVERIFY(allEvents(server.db).first().mac.isEmpty());
        QCOMPARE(server.services->auditChain().verify().status,
                 service::AuditChain::Verification::Status::NoKey);
        QCOMPARE(server.services->auditChain().chainPending(), std::nullopt);
    }

    void deletingAUserKeepsTheChain() {
        test::TestBackend backend;
        const qint64 alice = backend.createUser("alice", kPassword);
        const QByteArray token = backend.login("alice", kPassword);
        QVERIFY(apitest::createCredential(backend, token) > 0);
        const qint64 count = storage::AuditRepository(backend.database()).count();
        EXPECT_INTACT(backend.services().auditChain(), count);
        QVERIFY(storage::UserRepository(backend.database()).remove(alice));
        EXPECT_INTACT(backend.services().auditChain(), count);
        for (const auto& event : allEvents(backend.database())) {
            if (event.actorUsername == QLatin1String("alice"))
                QCOMPARE(event.actorId, std::optional<qint64>(alice));
        }
    }

    void rotatingTheDataKeysKeepsTheChain() {
        test::TestBackend backend;
        backend.createUser("alice", kPassword);
        const QByteArray token = backend.login("alice", kPassword);
        QVERIFY(apitest::createCredential(backend, token) > 0);
        const crypto::KeyRing next(
            {crypto::FernetKey::generate(), backend.services().settings().keyRing.primary()});
        QVERIFY(backend.services().rotation().run(next).complete());
        EXPECT_INTACT(backend.services().auditChain(),
                      storage::AuditRepository(backend.database()).count());
    }

    // ---- the vault ----------------------------------------------------------------------------

    void aLockedVaultChainsItsFailedLoginsAtTheNextUnlock() {
        QTemporaryDir dir;
        ManualClock clock(vaulttest::startTime());
        Vault vault(clock, vaulttest::cheapOptions());
        const QString path = dir.filePath(QStringLiteral("vault.paycred"));
        EXPECT_VAULT_OK(vault.create(path, kOwner, kOwnerPassword));
        QVERIFY(!vaulttest::login(vault, kOwner, kOwnerPassword).isEmpty());
        vault.lock();
        const qint64 before = storage::AuditRepository(vault.database()).count();

        EXPECT_STATUS(vaulttest::loginResponse(vault, kOwner, "not the passphrase"), 401);
        EXPECT_STATUS(vaulttest::loginResponse(vault, "typed-a-secret-here", "x"), 401);
        // Written, but pending: there is no audit key while the vault is locked.
        auto events = allEvents(vault.database());
        QCOMPARE(events.size(), before + 2);
        for (qsizetype i = before; i < events.size(); ++i) {
            QVERIFY(events[i].mac.isEmpty() && events[i].keyId.isEmpty());
            QCOMPARE(events[i].outcome, QStringLiteral("failed"));
        }
        QCOMPARE(events[before].actorUsername, kOwner);
        QCOMPARE(events[before + 1].detail, QStringLiteral("unknown user"));

        const QByteArray token = vaulttest::login(vault, kOwner, kOwnerPassword);
        QVERIFY(!token.isEmpty());
        events = allEvents(vault.database());
        QCOMPARE(events.size(), before + 3);
        for (const auto& event : events)
            QCOMPARE(event.mac.size(), 64);
        EXPECT_JSON(vaulttest::call(vault, "GET", "/admin/audit/verify/", {}, token), 200,
                    QJsonObject{{"intact", true},
                                {"events", before + 3},
                                {"head", QJsonObject{{"id", events.last().id},
                                                     {"mac", events.last().mac}}}});
    }

    void aVaultPasswordChangeAndADataKeyRotationKeepTheChain() {
        QTemporaryDir dir;
        ManualClock clock(vaulttest::startTime());
        Vault vault(clock, vaulttest::cheapOptions());
        EXPECT_VAULT_OK(
            vault.create(dir.filePath(QStringLiteral("v.paycred")), kOwner, kOwnerPassword));
        QByteArray token = vaulttest::login(vault, kOwner, kOwnerPassword);
        QVERIFY(vaulttest::createCredential(vault, token, "kopokopo", "pk_test_kopokopo_123456",
                                            "sk_test_kopokopo_654321") > 0);
        const QString newPassword = QStringLiteral("a new passphrase for the owner");
        EXPECT_STATUS(vaulttest::call(
                          vault, "POST", "/users/change-password/",
                          {{"old_password", kOwnerPassword}, {"new_password", newPassword}}, token),
                      200);
        vault.lock();
        token = vaulttest::login(vault, kOwner, newPassword);
        QVERIFY(!token.isEmpty());
        EXPECT_INTACT(vault.services().auditChain(),
                      storage::AuditRepository(vault.database()).count());
        EXPECT_VAULT_OK(vault.rotateDataKey());
        EXPECT_INTACT(vault.services().auditChain(),
                      storage::AuditRepository(vault.database()).count());
        // Reopened, the same sealed audit key verifies everything.
        const QString path = vault.path();
        vault.close();
        EXPECT_VAULT_OK(vault.open(path));
        token = vaulttest::login(vault, kOwner, newPassword);
        QVERIFY(!token.isEmpty());
        EXPECT_INTACT(vault.services().auditChain(),
                      storage::AuditRepository(vault.database()).count());
    }

    void anOlderVaultGetsItsAuditKeyAtItsNextUnlock() {
        QTemporaryDir dir;
        ManualClock clock(vaulttest::startTime());
        const QString path = dir.filePath(QStringLiteral("old.paycred"));
        {
            Vault vault(clock, vaulttest::cheapOptions());
            EXPECT_VAULT_OK(vault.create(path, kOwner, kOwnerPassword));
            QVERIFY(!vaulttest::login(vault, kOwner, kOwnerPassword).isEmpty());
        }
        // As a vault made before the chain: no audit or throttle key, nothing chained.
        QVERIFY(vaulttest::withRawConnection(path, [](QSqlDatabase& raw) {
            for (const char* sql :
                 {"DELETE FROM vault_meta WHERE name IN ('audit_key', 'throttle_key')",
                  "UPDATE audit_events SET key_id = NULL, mac = NULL",
                  "UPDATE audit_chain SET last_id = 0, last_mac = ''"})
                QVERIFY(vaulttest::execSql(raw, QString::fromLatin1(sql)) >= 0);
        }));
        Vault vault(clock, vaulttest::cheapOptions());
        EXPECT_VAULT_OK(vault.open(path));
        const storage::VaultMetaRepository meta(vault.database());
        QVERIFY(meta.value(vault::VaultMeta::throttleKey()).has_value()); // made at open
        QVERIFY(!meta.value(vault::VaultMeta::auditKey()).has_value());   // needs the master key
        const QByteArray token = vaulttest::login(vault, kOwner, kOwnerPassword);
        QVERIFY(!token.isEmpty());
        QVERIFY(meta.value(vault::VaultMeta::auditKey()).has_value());
        EXPECT_INTACT(vault.services().auditChain(),
                      storage::AuditRepository(vault.database()).count());
    }

    // ---- the login throttle ---------------------------------------------------------------

    void theThrottleKeepsUsernamesOnlyAsKeyedHashes() {
        test::TestBackend backend;
        backend.createUser("alice", kPassword);
        const QString typed = QStringLiteral("Hunter2-Typed-As-A-Username");
        for (const QString& name : {typed, typed.toLower(), QStringLiteral("alice")})
            EXPECT_STATUS(backend.call("POST", "/users/login/",
                                       {{"username", name}, {"password", "wrong-password"}}),
                          401);
        const auto rows = vaulttest::rows(backend.database().connection(),
                                          "SELECT key, failures FROM login_throttle ORDER BY key");
        const QRegularExpression hashed(QStringLiteral("^user:[0-9a-f]{64}$"));
        int users = 0;
        for (const QStringList& row : rows) {
            QVERIFY2(!row.first().contains(QLatin1String("hunter2"), Qt::CaseInsensitive) &&
                         !row.first().contains(QLatin1String("alice")),
                     qPrintable(row.first()));
            if (row.first().startsWith(QLatin1String("user:"))) {
                QVERIFY2(hashed.match(row.first()).hasMatch(), qPrintable(row.first()));
                ++users;
            }
        }
        QCOMPARE(users, 2); // the typed text in two cases is one username
        const service::LoginThrottle& throttle = backend.services().throttle();
        QCOMPARE(throttle.userKey(typed), throttle.userKey(typed.toUpper()));
        QVERIFY(throttle.userKey(typed) != throttle.userKey(QStringLiteral("alice")));
        // Keyed: another server (another secret key) counts under other keys.
        test::TestBackend other;
        QVERIFY(other.services().throttle().userKey(typed) != throttle.userKey(typed));
    }

    void theThrottleLocksAndAnAdministratorUnlocks() {
        test::TestBackend backend;
        backend.createUser("alice", kPassword);
        const service::LoginThrottle& throttle = backend.services().throttle();
        QCOMPARE(throttle.lockedUntil("alice"), std::nullopt);
        const int failures = backend.services().settings().throttleMaxFailures;
        for (int i = 0; i < failures; ++i)
            backend.call("POST", "/users/login/", {{"username", "alice"}, {"password", "wrong!"}});
        const QDateTime until =
            backend.clock().now().addSecs(backend.services().settings().throttleLockoutSecs);
        QCOMPARE(throttle.lockedUntil("ALICE"), std::optional<QDateTime>(until));
        EXPECT_STATUS(
            backend.call("POST", "/users/login/", {{"username", "alice"}, {"password", kPassword}}),
            429);
        QVERIFY(throttle.unlock("alice"));
        QCOMPARE(throttle.lockedUntil("alice"), std::nullopt);
        QVERIFY(!backend.login("alice", kPassword).isEmpty());
    }

    void aLockedVaultThrottlesWithAKeyThatOutlivesAReopen() {
        QTemporaryDir dir;
        ManualClock clock(vaulttest::startTime());
        const QString path = dir.filePath(QStringLiteral("throttle.paycred"));
        auto vault = std::make_unique<Vault>(clock, vaulttest::cheapOptions());
        EXPECT_VAULT_OK(vault->create(path, kOwner, kOwnerPassword));
        vault->lock();
        const int failures = vaulttest::cheapOptions().settings.throttleMaxFailures;
        for (int i = 0; i < failures - 1; ++i)
            EXPECT_STATUS(vaulttest::loginResponse(*vault, kOwner, "wrong passphrase"), 401);
        vault.reset();
        vault = std::make_unique<Vault>(clock, vaulttest::cheapOptions());
        EXPECT_VAULT_OK(vault->open(path));
        EXPECT_STATUS(vaulttest::loginResponse(*vault, kOwner, "wrong passphrase"), 401);
        // The count went on across the reopen: now the right passphrase waits too.
        EXPECT_STATUS(vaulttest::loginResponse(*vault, kOwner, kOwnerPassword), 429);
        QVERIFY(!vault->isUnlocked());
        for (const QStringList& row :
             vaulttest::rows(vault->database().connection(), "SELECT key FROM login_throttle"))
            QVERIFY2(!row.first().contains(kOwner), qPrintable(row.first()));
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
