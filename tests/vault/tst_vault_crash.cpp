// A key rotation killed at any moment loses nothing: `vaultrotator` rotates a vault's data key
// slowly (a pause after every row) and is SIGKILLed before any row, after a given number of rows
// (seen rewritten in the file, from outside) and not at all; the vault must then open, unlock
// (which finishes the rotation), pass its integrity check and give back every credential exactly
// as it was stored. The rounds killed after N rows must find the rotation pending with part of the
// rows under the new key and the rest untouched: otherwise they proved nothing.

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

// Waits until at least `rows` rows of the file at `path` differ from `base` (the rotator's
// committed work, read from outside) or the rotator has ended; the number of rows seen.
int waitForRewrittenRows(const QProcess& rotator, const QString& path,
                         const QMap<qint64, Row>& base, int rows) {
    int seen = 0;
    (void)QTest::qWaitFor(
        [&] {
            seen = rewritten(base, ciphertextsIn(path));
            return seen >= rows || rotator.state() == QProcess::NotRunning;
        },
        60000);
    return seen;
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
    // 0: as soon as it says it is rotating; N > 0: once N rows are rewritten; -1: let it finish.
    // Each row takes a pause of kPauseMs, so the kill lands long before the last row even when
    // this process is slow to see the N-th: the margin is ten rows, half a second.
    QTest::addColumn<int>("killAfterRows");
    const int rows = 2 * kUsers;
    QTest::newRow("before any row") << 0;
    QTest::newRow("after the first row") << 1;
    QTest::addRow("after %d rows", rows / 2) << rows / 2;
    QTest::addRow("after %d rows", rows - 10) << rows - 10;
    QTest::newRow("finished") << -1;
}

void TestVaultCrash::killDuringRotation() {
    QFETCH(int, killAfterRows);
    const QString path = m_dir.filePath(QStringLiteral("round%1.paycred").arg(++m_round));
    QVERIFY(QFile::copy(m_base, path));
    const int total = int(m_baseRows.size());

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

    if (killAfterRows >= 0) {
        if (killAfterRows > 0) {
            const int seen = waitForRewrittenRows(rotator, path, m_baseRows, killAfterRows);
            QVERIFY2(seen >= killAfterRows && rotator.state() != QProcess::NotRunning,
                     qPrintable(QStringLiteral("vaultrotator ended (or stalled) with %1 of %2 "
                                               "rows rewritten: %3")
                                    .arg(seen)
                                    .arg(total)
                                    .arg(QString::fromUtf8(rotator.readAllStandardError()))));
        }
        const bool running = rotator.state() != QProcess::NotRunning;
        rotator.kill(); // SIGKILL
        QVERIFY(rotator.waitForFinished(10000));
        out += rotator.readAllStandardOutput();
        if (running)
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
    qInfo("%d of %d rows rewritten when it stopped; rotation pending at open: %s", changedAtKill,
          total, pendingAtOpen ? "yes" : "no");
    if (!pendingAtOpen) {
        // No rotation in progress: then none began, or it completed — never half the rows.
        QVERIFY2(changedAtKill == 0 || changedAtKill == total,
                 qPrintable(QStringLiteral("%1 of %2 rows were rewritten, yet no rotation is "
                                           "pending")
                                .arg(changedAtKill)
                                .arg(total)));
    }
    if (killAfterRows > 0) {
        // Killed in the middle: what this suite is for.
        QVERIFY2(pendingAtOpen, "killed in the middle of the rows, yet no rotation is pending");
        QVERIFY2(changedAtKill >= killAfterRows && changedAtKill < total,
                 qPrintable(QStringLiteral("killed after %1 rows, %2 of %3 were rewritten")
                                .arg(killAfterRows)
                                .arg(changedAtKill)
                                .arg(total)));
    }
    if (killAfterRows < 0) {
        QVERIFY2(!pendingAtOpen, "a finished rotation is pending at the next open");
        QCOMPARE(changedAtKill, total);
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
    // When it was killed, each row was either as it was before or already under the new key
    // (the primary now), both of its columns.
    int underNewKeyAtKill = 0;
    for (auto it = atKill.cbegin(); it != atKill.cend(); ++it) {
        const Row& before = m_baseRows.value(it.key());
        if (it->privateKey == before.privateKey && it->apiKey == before.apiKey)
            continue;
        QVERIFY2(keys->ring.keyIndexFor(it->privateKey) == std::optional<qsizetype>(0) &&
                     keys->ring.keyIndexFor(it->apiKey) == std::optional<qsizetype>(0),
                 qPrintable(QStringLiteral("credential %1 was changed but not under the new key "
                                           "when the rotator was killed")
                                .arg(it.key())));
        ++underNewKeyAtKill;
    }
    QCOMPARE(underNewKeyAtKill, changedAtKill);

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
        QCOMPARE(rewritten(m_baseRows, now), total);

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
