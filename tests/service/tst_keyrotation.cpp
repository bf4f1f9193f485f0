// KeyRotation: every row re-encrypted under the new primary key without anything the user sees
// changing (version, updated_at); a row a writer changes in the middle is read again rather than
// overwritten; a row that breaks the key rules is reported and kept readable; one keys_rotated
// event per run.

#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/service/keyrotation.h"
#include "core/storage/auditrepository.h"
#include "core/storage/credentialrepository.h"
#include "tests/api/apitestcase.h"

#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {
constexpr char kPassword[] = "correct-horse-battery";

int eventsOf(const storage::Database& db, const QString& action) {
    int count = 0;
    for (const auto& event : storage::AuditRepository(db).latest(1000))
        count += event.action == action ? 1 : 0;
    return count;
}
} // namespace

class TestKeyRotation : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestBackend> m_backend;
    QByteArray m_token;
    qint64 m_userId = 0;
    crypto::KeyRing m_next; // a new primary key, then the backend's own

    test::TestBackend& backend() { return *m_backend; }
    const storage::Database& db() { return backend().database(); }
    QList<storage::CredentialRecord> rows() {
        return storage::CredentialRepository(db()).listAll();
    }
    std::optional<QString> decrypted(const crypto::KeyRing& ring, const QByteArray& token) {
        auto plain = ring.decrypt(token, backend().clock().nowSecs());
        if (!plain.ok())
            return std::nullopt;
        return QString::fromUtf8(plain.plaintext.view());
    }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_userId = backend().createUser("alice", kPassword);
        m_token = backend().login("alice", kPassword);
        const crypto::KeyRing& current = backend().services().settings().keyRing;
        m_next = crypto::KeyRing({crypto::FernetKey::generate(), current.primary()});
    }
    void cleanup() { m_backend.reset(); }

    void everyRowMovesToTheNewKeyAndNothingVisibleChanges() {
        const qint64 kopo = createCredential(backend(), m_token, "kopokopo");
        const qint64 insta =
            createCredential(backend(), m_token, "instasend", "pk_test_instasend_1234567890",
                             "sk_test_instasend_0987654321", "live");
        QVERIFY(kopo > 0 && insta > 0);
        backend().call("PUT", credentialPath(kopo), {{"environment", "live"}}, m_token);
        const auto before = rows();
        backend().clock().advance(60 * 60 * 1000);

        const auto report = backend().services().rotation().run(m_next);
        QVERIFY2(report.complete(), qPrintable(report.failures.join("; ")));
        QCOMPARE(report.rewritten, 2);
        QCOMPARE(report.retried, 0);

        const auto after = rows();
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < after.size(); ++i) {
            QCOMPARE(after[i].version, before[i].version);
            QCOMPARE(after[i].updatedAt, before[i].updatedAt);
            QCOMPARE(after[i].environment, before[i].environment);
            QCOMPARE(after[i].isActive, before[i].isActive);
            QCOMPARE(m_next.keyIndexFor(after[i].encryptedPrivateKey), qsizetype(0));
            QCOMPARE(m_next.keyIndexFor(after[i].encryptedApiKey), qsizetype(0));
            QVERIFY(after[i].encryptedPrivateKey != before[i].encryptedPrivateKey);
            // Under the new key alone, the same keys.
            const crypto::KeyRing newOnly({m_next.primary()});
            QCOMPARE(decrypted(newOnly, after[i].encryptedPrivateKey),
                     decrypted(m_next, before[i].encryptedPrivateKey));
            QCOMPARE(decrypted(newOnly, after[i].encryptedApiKey),
                     decrypted(m_next, before[i].encryptedApiKey));
        }
        QCOMPARE(eventsOf(db(), "keys_rotated"), 1);

        // A second run finds nothing to do, and records its own run.
        const auto again = backend().services().rotation().run(m_next);
        QVERIFY(again.complete());
        QCOMPARE(again.rewritten, 0);
        QCOMPARE(eventsOf(db(), "keys_rotated"), 2);
    }

    void aRowChangedMidwayIsReadAgainNotOverwritten() {
        const qint64 id = createCredential(backend(), m_token, "kopokopo");
        QVERIFY(id > 0);
        service::KeyRotation::Options options;
        int writes = 0;
        options.beforeWrite = [&](qint64 rowId) {
            QCOMPARE(rowId, id);
            if (writes++ > 0)
                return;
            // A user replaces the key (still under the old ring: the server has not switched)
            // and changes the environment between the rotation's read and its write.
            EXPECT_STATUS(backend().call("POST", credentialPath(id, "update-private-key"),
                                         {{"private_key", "sk_replaced_while_rotating"}}, m_token),
                          200);
            EXPECT_STATUS(
                backend().call("PUT", credentialPath(id), {{"environment", "live"}}, m_token), 200);
        };
        const auto report = backend().services().rotation().run(m_next, options);
        QVERIFY2(report.complete(), qPrintable(report.failures.join("; ")));
        QCOMPARE(report.retried, 1);
        QCOMPARE(report.rewritten, 1);
        QCOMPARE(writes, 2);

        const auto row = *storage::CredentialRepository(db()).findForUser(id, m_userId);
        QCOMPARE(row.environment, QStringLiteral("live"));
        QCOMPARE(row.version, qint64(3));
        QCOMPARE(decrypted(crypto::KeyRing({m_next.primary()}), row.encryptedPrivateKey),
                 QStringLiteral("sk_replaced_while_rotating"));
        QCOMPARE(eventsOf(db(), "keys_rotated"), 1);
    }

    void aRowThatBreaksTheRulesIsReportedAndKept() {
        const qint64 good = createCredential(backend(), m_token, "kopokopo");
        // A row written around the rules (by hand, or by an old version): a 5-character key.
        storage::CredentialRecord crafted;
        crafted.userId = m_userId;
        crafted.provider = QStringLiteral("instasend");
        const crypto::KeyRing& current = backend().services().settings().keyRing;
        const qint64 now = backend().clock().nowSecs();
        crafted.encryptedApiKey = current.encrypt("pk_test_instasend_123", now);
        crafted.encryptedPrivateKey = current.encrypt("short", now);
        crafted.privateKeyDigest = QByteArray(64, '0');
        crafted.environment = QStringLiteral("sandbox");
        crafted.createdAt = crafted.updatedAt = backend().clock().now();
        const auto inserted = storage::CredentialRepository(db()).insert(crafted);
        QVERIFY(inserted.ok());

        const auto report = backend().services().rotation().run(m_next);
        QVERIFY(!report.complete());
        QCOMPARE(report.rewritten, 1);
        QCOMPARE(report.failures,
                 QStringList{QStringLiteral("credential %1: Private key must be at least 10 "
                                            "characters long")
                                 .arg(inserted.value)});
        // The crafted row is as it was, readable with the old key; the good one moved.
        const auto kept =
            *storage::CredentialRepository(db()).findForUser(inserted.value, m_userId);
        QCOMPARE(kept.encryptedPrivateKey, crafted.encryptedPrivateKey);
        QCOMPARE(
            m_next.keyIndexFor(
                storage::CredentialRepository(db()).findForUser(good, m_userId)->encryptedApiKey),
            qsizetype(0));
        // One event for the run, saying it failed and for which row.
        const auto events = storage::AuditRepository(db()).latest(1);
        QCOMPARE(events.first().action, QStringLiteral("keys_rotated"));
        QCOMPARE(events.first().outcome, QStringLiteral("failed"));
        QVERIFY(
            events.first().detail.contains(QStringLiteral("credential %1").arg(inserted.value)));
        QVERIFY(!events.first().detail.contains("short"));
    }

    void aStoppedRunRecordsNothingAndTheNextOneFinishes() {
        for (const char* provider : {"kopokopo", "instasend"})
            QVERIFY(createCredential(backend(), m_token, provider) > 0);
        service::KeyRotation::Options stopAfterOne;
        int asked = 0;
        stopAfterOne.mayContinue = [&] { return asked++ < 1; };
        const auto stopped = backend().services().rotation().run(m_next, stopAfterOne);
        QVERIFY(stopped.stopped);
        QCOMPARE(stopped.rewritten, 1);
        QCOMPARE(eventsOf(db(), "keys_rotated"), 0);

        const auto finished = backend().services().rotation().run(m_next);
        QVERIFY(finished.complete());
        QCOMPARE(finished.rewritten, 1);
        QCOMPARE(eventsOf(db(), "keys_rotated"), 1);
    }

    void batchesCommitWithProgressAndPendingCounts() {
        backend().createUser("bob", kPassword);
        const QByteArray bob = backend().login("bob", kPassword);
        for (const QByteArray& token : {m_token, bob}) {
            for (const char* provider : {"kopokopo", "instasend"})
                QVERIFY(createCredential(backend(), token, provider) > 0);
        }
        const service::KeyRotation& rotation = backend().services().rotation();
        QCOMPARE(rotation.pending(m_next), std::optional<int>(4));
        QCOMPARE(rotation.pending(backend().services().settings().keyRing), std::optional<int>(0));

        service::KeyRotation::Options options;
        options.batchSize = 3;
        QList<QPair<int, int>> progress;
        options.progress = [&](int done, int total) { progress.append({done, total}); };
        // Asked before each batch and each further row of it: stopped before the second batch, the
        // first (3 rows) is committed and stays done.
        int asked = 0;
        options.mayContinue = [&] { return asked++ < 3; };
        const auto stopped = rotation.run(m_next, options);
        QVERIFY(stopped.stopped);
        QCOMPARE(stopped.rewritten, 3);
        QCOMPARE(progress, (QList<QPair<int, int>>{{3, 4}}));
        QCOMPARE(rotation.pending(m_next), std::optional<int>(1));
        QCOMPARE(eventsOf(db(), "keys_rotated"), 0);

        // The next run takes only what is left.
        progress.clear();
        options.mayContinue = nullptr;
        const auto finished = rotation.run(m_next, options);
        QVERIFY(finished.complete());
        QCOMPARE(finished.rewritten, 1);
        QCOMPARE(progress, (QList<QPair<int, int>>{{1, 1}}));
        QCOMPARE(rotation.pending(m_next), std::optional<int>(0));
        QCOMPARE(eventsOf(db(), "keys_rotated"), 1);
    }
};

QTEST_GUILESS_MAIN(TestKeyRotation)
#include "tst_keyrotation.moc"
