// The audit chain on PostgreSQL (the dialect whose schema step 4 differs), on a server of its own
// (test::PostgresCluster): a schema-3 database with events and the foreign key is migrated
// keeping its rows, chained once, written by threads of two instances at once (they serialise on
// the head's row lock), and found broken after an UPDATE or a DELETE behind the server's back.
// Deleting a user changes none of the events.

#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/foundation/manualclock.h"
#include "core/service/services.h"
#include "core/storage/auditrepository.h"
#include "core/storage/database.h"
#include "core/storage/migrations.h"
#include "core/storage/userrepository.h"
#include "tests/support/postgrescluster.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace paycred;

namespace {
bool run(storage::Database& db, const QStringList& statements, QString* error) {
    QSqlQuery query(db.connection());
    for (const QString& sql : statements) {
        if (!query.exec(sql)) {
            *error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
            return false;
        }
    }
    return true;
}

service::ServiceSettings settingsWith(const crypto::Secret& auditKey) {
    service::ServiceSettings settings;
    settings.secretKey = crypto::Secret(crypto::Digest::randomBytes(32));
    settings.keyRing = crypto::KeyRing({crypto::FernetKey::generate()});
    settings.auditKeys = service::AuditKeys({auditKey});
    settings.passwordIterations = 1000;
    return settings;
}

QString text(const service::AuditChain::Verification& v) {
    return QStringLiteral("intact %1 events %2 first broken %3")
        .arg(v.intact)
        .arg(v.events)
        .arg(v.firstBrokenId);
}
} // namespace

class TestAuditChainPostgres : public QObject {
    Q_OBJECT

    test::PostgresCluster m_postgres;
    storage::DatabaseConfig m_config;

private slots:
    void initTestCase() {
        QVERIFY2(m_postgres.start(), qPrintable(m_postgres.errorString()));
        m_config = m_postgres.database();
        QVERIFY2(!m_config.name.isEmpty(), qPrintable(m_postgres.errorString()));
    }

    void schemaThreeIsMigratedChainedAndVerified() {
        const ManualClock clock(QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC));
        QString error;
        qint64 aliceId = 0;
        {
            storage::Database db(m_config);
            QVERIFY2(db.open(&error), qPrintable(error));
            QCOMPARE(db.schemaVersion(), storage::Migrations::latestVersion());
            // Back to schema 3: the audit table as it was, with its foreign key.
            QVERIFY2(run(db,
                         {"DROP TABLE audit_chain", "DROP INDEX audit_events_credential_id",
                          "ALTER TABLE audit_events DROP COLUMN environment, DROP COLUMN key_id, "
                          "DROP COLUMN mac",
                          "ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_id_fkey "
                          "FOREIGN KEY (actor_id) REFERENCES users(id) ON DELETE SET NULL",
                          "DROP TABLE sessions",          // schema step 6
                          "DROP TABLE credential_checks", // schema step 7
                          "DELETE FROM schema_migrations WHERE version >= 4"},
                         &error),
                     qPrintable(error));
            storage::UserRecord alice;
            alice.username = QStringLiteral("alice");
            alice.passwordHash = QStringLiteral("!");
            alice.dateJoined = clock.now();
            aliceId = storage::UserRepository(db).insert(alice).value;
            QVERIFY(aliceId > 0);
            QVERIFY2(run(db,
                         {QStringLiteral("INSERT INTO audit_events (at, actor_id, actor_username, "
                                         "action, outcome, detail) VALUES (1705314600000, %1, "
                                         "'alice', 'login', 'ok', ''), (1705314601000, NULL, '', "
                                         "'login', 'failed', 'username=typed-secret')")
                              .arg(aliceId)},
                         &error),
                     qPrintable(error));
        }

        const crypto::Secret auditKey(crypto::Digest::randomBytes(32));
        const service::ServiceSettings settings = settingsWith(auditKey);
        storage::Database first(m_config);
        QVERIFY2(first.open(&error), qPrintable(error));
        QCOMPARE(first.schemaVersion(), storage::Migrations::latestVersion());
        QSqlQuery query(first.connection());
        QVERIFY(query.exec(QStringLiteral(
            "SELECT COUNT(*) FROM information_schema.table_constraints WHERE table_name = "
            "'audit_events' AND constraint_type = 'FOREIGN KEY'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        const auto legacy =
            storage::AuditRepository(first).after(0, 10).value_or(QList<storage::AuditRecord>());
        QCOMPARE(legacy.size(), 2);
        QCOMPARE(legacy[0].actorId, std::optional<qint64>(aliceId));
        QCOMPARE(legacy[1].detail, QStringLiteral("unknown user"));

        const service::Services one(first, settings, clock);
        QCOMPARE(one.auditChain().chainPending(), std::optional<int>(2));

        // Two instances, three threads each, at once.
        storage::Database secondDb(m_config);
        QVERIFY2(secondDb.open(&error), qPrintable(error));
        const service::Services two(secondDb, settings, clock);
        constexpr int Threads = 6;
        constexpr int Events = 25;
        std::atomic<int> refused{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            const service::Services& services = t % 2 == 0 ? one : two;
            threads.emplace_back([&services, &refused, t] {
                const service::Actor actor{0, QStringLiteral("writer%1").arg(t), false, {}};
                for (int i = 0; i < Events; ++i) {
                    if (!services.audit().record(actor, {service::AuditAction::Logout,
                                                         service::AuditLog::Outcome::Ok,
                                                         std::nullopt, QString(),
                                                         QStringLiteral("%1/%2").arg(t).arg(i)}))
                        ++refused;
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(refused.load(), 0);
        const qint64 total = 2 + Threads * Events;
        auto verification = one.auditChain().verify();
        QVERIFY2(verification.intact && verification.events == total,
                 qPrintable(text(verification)));

        // Deleting the user changes none of her events.
        QVERIFY(storage::UserRepository(first).remove(aliceId));
        verification = two.auditChain().verify();
        QVERIFY2(verification.intact, qPrintable(text(verification)));

        // Behind the server's back.
        const qint64 edited = legacy[1].id;
        QVERIFY2(
            run(first,
                {QStringLiteral("UPDATE audit_events SET detail = 'x' WHERE id = %1").arg(edited)},
                &error),
            qPrintable(error));
        verification = one.auditChain().verify();
        QVERIFY(!verification.intact);
        QCOMPARE(verification.firstBrokenId, edited);
        QVERIFY2(run(first, {QStringLiteral("DELETE FROM audit_events WHERE id = %1").arg(edited)},
                     &error),
                 qPrintable(error));
        verification = one.auditChain().verify();
        QVERIFY(!verification.intact);
        QVERIFY(verification.firstBrokenId > edited);
        QCOMPARE(verification.events, total - 1);
    }
};

QTEST_GUILESS_MAIN(TestAuditChainPostgres)
#include "tst_auditchain_postgres.moc"
