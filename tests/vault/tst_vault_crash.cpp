// A key rotation killed at any moment loses nothing: `vaultrotator` rotates a vault's data key
// slowly (a pause after every row) and is SIGKILLed at random points; the vault must then open,
// unlock (which finishes the rotation), pass its integrity check and give back every credential
// exactly as it was stored.

#include "core/crypto/keyring.h"
#include "core/foundation/manualclock.h"
#include "core/service/activekeys.h"
#include "core/service/services.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifndef PAYCRED_VAULTROTATOR
#error "PAYCRED_VAULTROTATOR (the path of the vaultrotator helper) must be defined"
#endif

using namespace paycred;
using namespace paycred::vaulttest;
using vault::Vault;

namespace {

const QString kOwner = QStringLiteral("owner");
const QString kOwnerPassword = QStringLiteral("owner passphrase for the crash test");
constexpr int kUsers = 20;
constexpr int kPauseMs = 50;

struct Stored {
    QString username;
    QString password;
    QString provider;
    QString apiKey;
    QString privateKey;
    qint64 id = 0;
};

struct Row {
    QByteArray privateKey;
    QByteArray apiKey;
};

// id → the encrypted columns of every credential in the file at `path`, read through a
// read-only connection of its own (it neither checkpoints nor recovers anything).
QMap<qint64, Row> ciphertextsIn(const QString& path) {
    QMap<qint64, Row> out;
    withRawConnection(
        path,
        [&](QSqlDatabase& db) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT id, encrypted_private_key, encrypted_api_key "
                                           "FROM payment_credentials")))
                return;
            while (query.next())
                out.insert(query.value(0).toLongLong(),
                           {query.value(1).toByteArray(), query.value(2).toByteArray()});
        },
        QStringLiteral("QSQLITE_OPEN_READONLY"));
    return out;
}

QMap<qint64, Row> ciphertextsOf(const Vault& v) {
    QMap<qint64, Row> out;
    QSqlQuery query(v.database().connection());
    if (!query.exec(QStringLiteral(
            "SELECT id, encrypted_private_key, encrypted_api_key FROM payment_credentials")))
        return out;
    while (query.next())
        out.insert(query.value(0).toLongLong(),
                   {query.value(1).toByteArray(), query.value(2).toByteArray()});
    return out;
}

// How many rows of `now` differ from `base` (in their private key ciphertext).
int rewritten(const QMap<qint64, Row>& base, const QMap<qint64, Row>& now) {
    int count = 0;
    for (auto it = base.cbegin(); it != base.cend(); ++it) {
        if (now.value(it.key()).privateKey != it->privateKey)
            ++count;
    }
    return count;
}

} // namespace

class TestVaultCrash : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killDuringRotation_data();
    void killDuringRotation();

private:
    // Every credential of every user, through the API: revealed as stored and verified.
    void checkEveryCredential(Vault& v);

    QTemporaryDir m_dir;
    QString m_base;
    ManualClock m_clock{startTime()};
    QList<Stored> m_stored;
    QMap<qint64, Row> m_baseRows;
    int m_round = 0;
};

void TestVaultCrash::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(PAYCRED_VAULTROTATOR)), PAYCRED_VAULTROTATOR);
    m_base = m_dir.filePath(QStringLiteral("base.paycred"));

    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.create(m_base, kOwner, kOwnerPassword));
    QList<QPair<QString, QString>> users{{kOwner, kOwnerPassword}};
    for (int i = 1; i < kUsers; ++i) {
        const QString name = QStringLiteral("user%1").arg(i, 2, 10, QLatin1Char('0'));
        const QString password = QStringLiteral("passphrase of %1 #%2").arg(name).arg(i * 7919);
        const auto created = v.services().users().create(name, password, false);
        QVERIFY2(created.ok(), qPrintable(created.error));
        users.append({name, password});
    }
    int n = 0;
    for (const auto& [name, password] : std::as_const(users)) {
        const QByteArray token = login(v, name, password);
        QVERIFY2(!token.isEmpty(), qPrintable(name + QStringLiteral(" cannot log in")));
        for (const char* provider : {"kopokopo", "instasend"}) {
            ++n;
            Stored s;
            s.username = name;
            s.password = password;
            s.provider = QLatin1String(provider);
            s.apiKey = QStringLiteral("pk_test_%1_%2_api_%3").arg(name, s.provider).arg(n * 31);
            s.privateKey =
                QStringLiteral("sk_live_%1_%2_private_%3").arg(name, s.provider).arg(n * 97);
            s.id =
                createCredential(v, token, s.provider, s.apiKey, s.privateKey,
                                 n % 3 == 0 ? QStringLiteral("live") : QStringLiteral("sandbox"));
            QVERIFY2(s.id > 0, qPrintable(QStringLiteral("credential %1 refused").arg(n)));
            m_stored.append(s);
        }
    }
    QCOMPARE(m_stored.size(), 2 * kUsers);
    v.close();
    QVERIFY2(!QFile::exists(m_base + QStringLiteral("-wal")) ||
                 QFileInfo(m_base + QStringLiteral("-wal")).size() == 0,
             "close() left a WAL with content behind");
    m_baseRows = ciphertextsIn(m_base);
    QCOMPARE(m_baseRows.size(), 2 * kUsers);
}

void TestVaultCrash::checkEveryCredential(Vault& v) {
    QMap<QString, QByteArray> tokens;
    for (const Stored& s : std::as_const(m_stored)) {
        if (!tokens.contains(s.username)) {
            const QByteArray token = login(v, s.username, s.password);
            QVERIFY2(!token.isEmpty(), qPrintable(s.username + QStringLiteral(" cannot log in")));
            tokens.insert(s.username, token);
        }
        const QByteArray token = tokens.value(s.username);
        const Revealed r = reveal(v, token, s.id);
        QVERIFY2(
            r.status == 200,
            qPrintable(
                QStringLiteral("credential %1 of %2: %3").arg(s.id).arg(s.username, r.bodyText)));
        QVERIFY2(
            r.privateKey == s.privateKey,
            qPrintable(
                QStringLiteral("credential %1: the private key is not the one stored").arg(s.id)));
        QVERIFY2(r.apiKey == s.apiKey,
                 qPrintable(
                     QStringLiteral("credential %1: the api key is not the one stored").arg(s.id)));
        const std::optional<bool> valid = verifyKey(v, token, s.id, s.privateKey);
        QVERIFY2(valid == std::optional<bool>(true),
                 qPrintable(QStringLiteral("credential %1 does not verify its own key").arg(s.id)));
    }
    for (const QByteArray& token : std::as_const(tokens))
        QCOMPARE(credentialIds(v, token).size(), 2);
}

void TestVaultCrash::killDuringRotation_data() {
    QTest::addColumn<int>("killAfterMs"); // -1: let it finish
    auto* random = QRandomGenerator::global();
    const int early = random->bounded(100, 567);
    const int middle = random->bounded(567, 1034);
    const int late = random->bounded(1034, 1501);
    QTest::newRow("before any row") << 0;
    QTest::addRow("after %d ms", early) << early;
    QTest::addRow("after %d ms", middle) << middle;
    QTest::addRow("after %d ms", late) << late;
    QTest::newRow("finished") << -1;
}

void TestVaultCrash::killDuringRotation() {
    QFETCH(int, killAfterMs);
    const QString path = m_dir.filePath(QStringLiteral("round%1.paycred").arg(++m_round));
    QVERIFY(QFile::copy(m_base, path));

    QProcess rotator;
    rotator.setProcessChannelMode(QProcess::SeparateChannels);
    rotator.start(QStringLiteral(PAYCRED_VAULTROTATOR),
                  {path, kOwner, kOwnerPassword, QString::number(kPauseMs)});
    QVERIFY2(rotator.waitForStarted(10000), qPrintable(rotator.errorString()));
    QByteArray out;
    QElapsedTimer waited;
    waited.start();
    while (!out.contains("rotating\n") && waited.elapsed() < 30000) {
        if (rotator.state() == QProcess::NotRunning)
            break;
        rotator.waitForReadyRead(200);
        out += rotator.readAllStandardOutput();
    }
    out += rotator.readAllStandardOutput();
    QVERIFY2(out.contains("rotating\n"),
             qPrintable(QStringLiteral("vaultrotator never started rotating (exit %1): %2")
                            .arg(rotator.exitCode())
                            .arg(QString::fromUtf8(rotator.readAllStandardError()))));

    bool killed = false;
    if (killAfterMs >= 0) {
        if (killAfterMs > 0)
            QTest::qSleep(killAfterMs);
        killed = rotator.state() != QProcess::NotRunning;
        rotator.kill(); // SIGKILL
        QVERIFY(rotator.waitForFinished(10000));
        out += rotator.readAllStandardOutput();
        if (killed)
            QCOMPARE(rotator.exitStatus(), QProcess::CrashExit);
    } else {
        QVERIFY2(rotator.waitForFinished(120000), "vaultrotator did not finish");
        out += rotator.readAllStandardOutput();
        QVERIFY2(rotator.exitStatus() == QProcess::NormalExit && rotator.exitCode() == 0,
                 qPrintable(QStringLiteral("vaultrotator failed (exit %1): %2")
                                .arg(rotator.exitCode())
                                .arg(QString::fromUtf8(rotator.readAllStandardError()))));
        QVERIFY(out.contains("done\n"));
    }

    const QMap<qint64, Row> atKill = ciphertextsIn(path);
    QCOMPARE(atKill.size(), m_baseRows.size());
    const int changedAtKill = rewritten(m_baseRows, atKill);

    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.open(path));
    QVERIFY(!v.isUnlocked());
    const bool pendingAtOpen = v.rotationPending();
    qInfo("%s: %d of %d rows rewritten when it stopped; rotation pending at open: %s",
          killed ? "killed" : "finished", changedAtKill, int(m_baseRows.size()),
          pendingAtOpen ? "yes" : "no");
    if (!pendingAtOpen) {
        // No rotation in progress: then none began, or it completed — never half the rows.
        QVERIFY2(changedAtKill == 0 || changedAtKill == m_baseRows.size(),
                 qPrintable(QStringLiteral("%1 of %2 rows were rewritten, yet no rotation is "
                                           "pending")
                                .arg(changedAtKill)
                                .arg(m_baseRows.size())));
    }
    if (killAfterMs < 0) {
        QVERIFY2(!pendingAtOpen, "a finished rotation is pending at the next open");
        QCOMPARE(changedAtKill, int(m_baseRows.size()));
    }

    EXPECT_VAULT_OK(v.unlock(kOwner, kOwnerPassword));
    QVERIFY2(!v.rotationPending(), "the unlock did not finish the interrupted rotation");

    // Every row is under the ring's primary key now.
    const auto keys = v.keys().get();
    QVERIFY(keys != nullptr);
    QVERIFY(!keys->ring.isEmpty());
    if (pendingAtOpen || changedAtKill > 0)
        QVERIFY2(keys->ring.size() == 1,
                 qPrintable(QStringLiteral("the ring still holds %1 keys after the rotation was "
                                           "finished")
                                .arg(keys->ring.size())));
    const QMap<qint64, Row> now = ciphertextsOf(v);
    QCOMPARE(now.size(), m_baseRows.size());
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        QVERIFY2(keys->ring.keyIndexFor(it->privateKey) == std::optional<qsizetype>(0),
                 qPrintable(QStringLiteral("credential %1: private key not under the primary key")
                                .arg(it.key())));
        QVERIFY2(
            keys->ring.keyIndexFor(it->apiKey) == std::optional<qsizetype>(0),
            qPrintable(
                QStringLiteral("credential %1: api key not under the primary key").arg(it.key())));
    }
    if (pendingAtOpen || changedAtKill > 0)
        QCOMPARE(rewritten(m_baseRows, now), int(m_baseRows.size()));

    EXPECT_VAULT_OK(v.checkIntegrity());
    checkEveryCredential(v);
    if (QTest::currentTestFailed())
        return;

    // And it stays so across a close and a reopen; a new rotation still works.
    v.close();
    EXPECT_VAULT_OK(v.open(path));
    QVERIFY(!v.rotationPending());
    EXPECT_VAULT_OK(v.unlock(kOwner, kOwnerPassword));
    EXPECT_VAULT_OK(v.rotateDataKey());
    EXPECT_VAULT_OK(v.checkIntegrity());
    checkEveryCredential(v);
}

QTEST_GUILESS_MAIN(TestVaultCrash)
#include "tst_vault_crash.moc"
