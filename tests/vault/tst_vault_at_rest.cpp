// Nothing secret is on disk in the clear: the vault file, its WAL (with the vault still open,
// before any checkpoint) and its shared-memory file are searched as raw bytes, as a hex dump
// (od) and as SQL text (the sqlite3 shell's .dump) for every password, private key, api key,
// the master key, every data key of the ring and the plain SHA-256 of every private key, in
// raw, hex and base64 forms. A non-secret marker must be found by the same searches, so a
// search that reads nothing cannot pass.

#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/foundation/manualclock.h"
#include "core/service/activekeys.h"
#include "core/service/services.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace paycred;
using namespace paycred::vaulttest;
using vault::Vault;

namespace {

const QString kOwner = QStringLiteral("atrest_owner");
const QString kOwnerFirstPassword = QStringLiteral("FirstOwnerPass_PW1_qwerty");
const QString kOwnerPassword = QStringLiteral("SecondOwnerPass_PW2_asdfgh");
// The markers: non-secret text that must be found by every search.
const QString kMarkerUser = QStringLiteral("atrest_marker_bob");
const QString kWalMarkerUser = QStringLiteral("walmarker_zed_user");
const QString kBobPassword = QStringLiteral("BobsPassphrase_PW3_zxcvbn");
const QString kZedPassword = QStringLiteral("ZedsPassphrase_PW4_poiuyt");

struct Artifact {
    QString name;     // "vault.paycred-wal while open", ... (names no secret)
    QByteArray bytes; // raw bytes, or the text a tool printed
    enum class Kind { Raw, HexDump, SqlDump } kind = Kind::Raw;
};

// `od -An -tx1 -v` of `file`, whitespace removed: one long run of lowercase hex.
QByteArray hexDump(const QString& file, QString* error) {
    QProcess od;
    od.start(QStringLiteral("od"), {"-An", "-tx1", "-v", file});
    if (!od.waitForFinished(60000) || od.exitStatus() != QProcess::NormalExit ||
        od.exitCode() != 0) {
        *error = QStringLiteral("od failed on %1: %2 %3")
                     .arg(QFileInfo(file).fileName(), od.errorString(),
                          QString::fromUtf8(od.readAllStandardError()));
        return {};
    }
    QByteArray out = od.readAllStandardOutput();
    out.replace(' ', QByteArray()).replace('\n', QByteArray());
    return out;
}

// `sqlite3 <file> .dump`.
QByteArray sqlDump(const QString& file, QString* error) {
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {"-bail", file, ".dump"});
    if (!sqlite.waitForFinished(60000) || sqlite.exitStatus() != QProcess::NormalExit ||
        sqlite.exitCode() != 0) {
        *error = QStringLiteral("sqlite3 .dump failed on %1: %2 %3")
                     .arg(QFileInfo(file).fileName(), sqlite.errorString(),
                          QString::fromUtf8(sqlite.readAllStandardError()));
        return {};
    }
    return sqlite.readAllStandardOutput();
}

} // namespace

class TestVaultAtRest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void walHadContentWhileOpen();
    void searchesFindTheMarkers();
    void noSecretInRawFilesWhileOpen();
    void noSecretInRawFilesAfterClose();
    void noSecretInHexDumps();
    void noSecretInSqliteDumps();
    void noPlainDigestOfAnyPrivateKey();

private:
    void addSecret(const QString& label, const QByteArray& raw) {
        m_secrets.append(encodings(label, raw));
    }
    void addTextSecret(const QString& label, const QString& text) {
        addSecret(label, text.toUtf8());
        m_privateTexts.append({label, text});
    }
    void addRing(const QString& when, const Vault& v);
    void capture(const QString& when, bool vaultOpen);
    // Fails naming the artifact and the secret's label (never its value) on the first match.
    void expectNoSecret(Artifact::Kind kind, const QString& when);

    QTemporaryDir m_dir;
    QTemporaryDir m_scratch; // copies for the sqlite3 shell, outside the vault's folder
    QString m_path;
    ManualClock m_clock{startTime()};
    QList<QPair<QString, QByteArray>> m_secrets;   // label → one form of a secret
    QList<QPair<QString, QString>> m_privateTexts; // label → key/password text
    QStringList m_privateKeys;                     // every private key ever stored
    QList<Artifact> m_artifacts;
    qint64 m_walSizeWhileOpen = -1;
};

void TestVaultAtRest::addRing(const QString& when, const Vault& v) {
    const auto keys = v.keys().get();
    QVERIFY2(keys != nullptr && !keys->ring.isEmpty(), "no data-key ring while unlocked");
    for (qsizetype i = 0; i < keys->ring.size(); ++i) {
        const crypto::FernetKey& key = keys->ring.key(i);
        const QString label = QStringLiteral("data key %1 %2").arg(i).arg(when);
        QByteArray text = key.toBase64();
        m_secrets.append({label + QStringLiteral(" (Fernet text)"), text});
        m_secrets.append({label + QStringLiteral(" (Fernet text, unpadded)"),
                          QByteArray(text).replace('=', QByteArray())});
        crypto::wipe(text);
        addSecret(label + QStringLiteral(" signing half"), key.signingKey().toByteArray());
        addSecret(label + QStringLiteral(" encryption half"), key.encryptionKey().toByteArray());
        QByteArray both = key.signingKey().toByteArray() + key.encryptionKey().toByteArray();
        addSecret(label + QStringLiteral(" (32 bytes)"), both);
        crypto::wipe(both);
    }
}

void TestVaultAtRest::capture(const QString& when, bool vaultOpen) {
    const QStringList files = QDir(m_dir.path()).entryList(QDir::Files, QDir::Name);
    QVERIFY2(files.contains(QFileInfo(m_path).fileName()), "the vault file is missing");
    for (const QString& name : files) {
        const QString file = m_dir.filePath(name);
        m_artifacts.append({name + u' ' + when, readFile(file), Artifact::Kind::Raw});
        if (name.endsWith(QLatin1String("-wal")) && vaultOpen)
            m_walSizeWhileOpen = QFileInfo(file).size();
        if (name.endsWith(QLatin1String("-shm")))
            continue; // raw search only: it holds the WAL index, no row data
        QString error;
        const QByteArray dump = hexDump(file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_artifacts.append(
            {QStringLiteral("od of %1 %2").arg(name, when), dump, Artifact::Kind::HexDump});
    }
    // The shell reads the live file (WAL included) while the vault is open; once closed, it
    // reads a copy, so that it cannot change the file under test.
    QString dumpSource = m_path;
    if (!vaultOpen) {
        dumpSource = m_scratch.filePath(QStringLiteral("copy.sqlite3"));
        QFile::remove(dumpSource);
        QVERIFY(QFile::copy(m_path, dumpSource));
    }
    QString error;
    const QByteArray dump = sqlDump(dumpSource, &error);
    if (!vaultOpen)
        QFile::remove(dumpSource);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_artifacts.append(
        {QStringLiteral("sqlite3 .dump %1").arg(when), dump, Artifact::Kind::SqlDump});
}

void TestVaultAtRest::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(m_scratch.isValid());
    m_path = m_dir.filePath(QStringLiteral("vault.paycred"));
    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.create(m_path, kOwner, kOwnerFirstPassword));
    addTextSecret(QStringLiteral("owner's first password"), kOwnerFirstPassword);
    addTextSecret(QStringLiteral("owner's password"), kOwnerPassword);
    addTextSecret(QStringLiteral("bob's password"), kBobPassword);
    addTextSecret(QStringLiteral("zed's password"), kZedPassword);
    addRing(QStringLiteral("at creation"), v);

    // The owner changes the password; a second user joins.
    QByteArray ownerToken = login(v, kOwner, kOwnerFirstPassword);
    QVERIFY(!ownerToken.isEmpty());
    EXPECT_STATUS(call(v, "POST", "/users/change-password/",
                       {{"old_password", kOwnerFirstPassword}, {"new_password", kOwnerPassword}},
                       ownerToken),
                  200);
    ownerToken = login(v, kOwner, kOwnerPassword);
    QVERIFY(!ownerToken.isEmpty());
    const auto bob = v.services().users().create(kMarkerUser, kBobPassword, false);
    QVERIFY2(bob.ok(), qPrintable(bob.error));
    const QByteArray bobToken = login(v, kMarkerUser, kBobPassword);
    QVERIFY(!bobToken.isEmpty());

    // Four credentials, then updates of every kind.
    struct Made {
        QByteArray token;
        QString provider;
        QString environment;
        qint64 id = 0;
    };
    QList<Made> made{{ownerToken, "kopokopo", "live"},
                     {ownerToken, "instasend", "sandbox"},
                     {bobToken, "kopokopo", "sandbox"},
                     {bobToken, "instasend", "live"}};
    for (int i = 0; i < made.size(); ++i) {
        const QString privateKey =
            QStringLiteral("sk_live_UNIQUE_MARKER_%1_PRIVATE_9f8e7d6c5b4a").arg(i + 1);
        const QString apiKey = QStringLiteral("pk_live_UNIQUE_APIKEY_%1_1a2b3c4d5e6f").arg(i + 1);
        addTextSecret(QStringLiteral("private key %1").arg(i + 1), privateKey);
        addTextSecret(QStringLiteral("api key %1").arg(i + 1), apiKey);
        m_privateKeys.append(privateKey);
        made[i].id = createCredential(v, made[i].token, made[i].provider, apiKey, privateKey,
                                      made[i].environment);
        QVERIFY2(made[i].id > 0, qPrintable(QStringLiteral("credential %1 refused").arg(i + 1)));
    }
    const QString newApiKey = QStringLiteral("pk_live_UNIQUE_APIKEY_UPDATED_77aa88bb99cc");
    addTextSecret(QStringLiteral("updated api key"), newApiKey);
    EXPECT_STATUS(call(v, "PUT", apitest::credentialPath(made[0].id),
                       {{"api_key", newApiKey}, {"environment", "sandbox"}}, made[0].token),
                  200);
    const QString newPrivateKey = QStringLiteral("sk_live_UNIQUE_MARKER_REPLACED_PRIVATE_0f1e2d3c");
    addTextSecret(QStringLiteral("replacing private key"), newPrivateKey);
    m_privateKeys.append(newPrivateKey);
    EXPECT_STATUS(call(v, "POST", apitest::credentialPath(made[1].id, "update-private-key"),
                       {{"private_key", newPrivateKey}}, made[1].token),
                  200);
    EXPECT_STATUS(
        call(v, "POST", apitest::credentialPath(made[2].id, "toggle-status"), {}, made[2].token),
        200);
    EXPECT_STATUS(call(v, "POST", apitest::credentialPath(made[3].id, "verify"),
                       {{"private_key", m_privateKeys[3]}}, made[3].token),
                  200);
    const Revealed shown = reveal(v, made[1].token, made[1].id);
    QVERIFY2(shown.status == 200 && shown.privateKey == newPrivateKey, qPrintable(shown.bodyText));

    // A rotation, then more writes under the new key.
    EXPECT_VAULT_OK(v.rotateDataKey());
    addRing(QStringLiteral("after rotation"), v);
    const QString lastPrivateKey = QStringLiteral("sk_live_UNIQUE_MARKER_AFTER_ROTATION_5a6b7c8d");
    addTextSecret(QStringLiteral("private key written after the rotation"), lastPrivateKey);
    m_privateKeys.append(lastPrivateKey);
    EXPECT_STATUS(call(v, "POST", apitest::credentialPath(made[2].id, "update-private-key"),
                       {{"private_key", lastPrivateKey}}, made[2].token),
                  200);

    QByteArray master = v.masterKey().reveal();
    QVERIFY(!master.isEmpty());
    addSecret(QStringLiteral("master key"), master);
    crypto::wipe(master);
    for (int i = 0; i < m_privateKeys.size(); ++i) {
        addSecret(QStringLiteral("SHA-256 of private key %1").arg(i + 1),
                  crypto::Digest::sha256(m_privateKeys[i].toUtf8()));
    }

    // The last write before the capture, so the WAL surely holds it.
    const auto zed = v.services().users().create(kWalMarkerUser, kZedPassword, false);
    QVERIFY2(zed.ok(), qPrintable(zed.error));

    capture(QStringLiteral("while open"), true);
    if (QTest::currentTestFailed())
        return;
    v.lock();
    v.close();
    QVERIFY(!v.isOpen());
    capture(QStringLiteral("after close"), false);
}

void TestVaultAtRest::walHadContentWhileOpen() {
    QVERIFY2(m_walSizeWhileOpen > 0,
             qPrintable(QStringLiteral("the WAL was %1 while the vault was open: the open-file "
                                       "search saw no WAL content")
                            .arg(m_walSizeWhileOpen < 0 ? QStringLiteral("missing")
                                                        : QStringLiteral("empty"))));
}

void TestVaultAtRest::searchesFindTheMarkers() {
    QVERIFY(!m_artifacts.isEmpty());
    int checked = 0;
    for (const Artifact& artifact : std::as_const(m_artifacts)) {
        if (artifact.name.contains(QLatin1String("-shm")))
            continue; // the index holds no rows
        const bool whileOpen = artifact.name.endsWith(QLatin1String("while open"));
        const bool isWal = artifact.name.contains(QLatin1String("-wal"));
        const bool isMainWhileOpen =
            whileOpen && !isWal && artifact.kind != Artifact::Kind::SqlDump;
        if (isMainWhileOpen)
            continue; // the rows may all still be in the WAL
        if (isWal && !whileOpen)
            continue; // a WAL kept after close holds whatever it held
        QByteArray marker = kMarkerUser.toUtf8();
        QByteArray walMarker = kWalMarkerUser.toUtf8();
        if (artifact.kind == Artifact::Kind::HexDump) {
            marker = marker.toHex();
            walMarker = walMarker.toHex();
        }
        QVERIFY2(artifact.bytes.contains(walMarker),
                 qPrintable(QStringLiteral("the marker username written last is not found in %1 "
                                           "(%2 bytes): the search reads nothing")
                                .arg(artifact.name)
                                .arg(artifact.bytes.size())));
        if (!isWal) {
            QVERIFY2(
                artifact.bytes.contains(marker),
                qPrintable(
                    QStringLiteral("the marker username is not found in %1").arg(artifact.name)));
        }
        ++checked;
    }
    // WAL raw + od while open, main raw + od after close, two SQL dumps.
    QVERIFY2(checked >= 6,
             qPrintable(QStringLiteral("only %1 artifacts were checked").arg(checked)));
    // And the main file while open holds the marker somewhere between it and its WAL.
    QByteArray mainAndWal;
    for (const Artifact& artifact : std::as_const(m_artifacts)) {
        if (artifact.kind == Artifact::Kind::Raw &&
            artifact.name.endsWith(QLatin1String("while open")))
            mainAndWal += artifact.bytes;
    }
    QVERIFY(mainAndWal.contains(kMarkerUser.toUtf8()));
}

void TestVaultAtRest::expectNoSecret(Artifact::Kind kind, const QString& when) {
    int checked = 0;
    for (const Artifact& artifact : std::as_const(m_artifacts)) {
        if (artifact.kind != kind || (!when.isEmpty() && !artifact.name.endsWith(when)))
            continue;
        const bool mustHaveContent =
            kind == Artifact::Kind::SqlDump ||
            (artifact.name.startsWith(QFileInfo(m_path).fileName() + u' ') &&
             artifact.name.endsWith(QLatin1String("after close")));
        QVERIFY2(!mustHaveContent || !artifact.bytes.isEmpty(),
                 qPrintable(QStringLiteral("%1 is empty").arg(artifact.name)));
        ++checked;
        const QByteArray haystack =
            kind == Artifact::Kind::SqlDump ? artifact.bytes.toLower() : artifact.bytes;
        for (const auto& [label, form] : std::as_const(m_secrets)) {
            QByteArray needle = kind == Artifact::Kind::HexDump ? form.toHex() : form;
            if (kind == Artifact::Kind::SqlDump)
                needle = needle.toLower();
            QVERIFY2(!haystack.contains(needle),
                     qPrintable(QStringLiteral("%1 contains the %2").arg(artifact.name, label)));
            if (kind == Artifact::Kind::SqlDump) {
                // A blob would be written as X'..' hex.
                QVERIFY2(
                    !haystack.contains(form.toHex()),
                    qPrintable(
                        QStringLiteral("%1 contains the %2 as a blob").arg(artifact.name, label)));
            }
        }
    }
    QVERIFY2(checked > 0, "nothing was searched");
}

void TestVaultAtRest::noSecretInRawFilesWhileOpen() {
    expectNoSecret(Artifact::Kind::Raw, QStringLiteral("while open"));
}

void TestVaultAtRest::noSecretInRawFilesAfterClose() {
    expectNoSecret(Artifact::Kind::Raw, QStringLiteral("after close"));
}

void TestVaultAtRest::noSecretInHexDumps() {
    expectNoSecret(Artifact::Kind::HexDump, QString());
}

void TestVaultAtRest::noSecretInSqliteDumps() {
    expectNoSecret(Artifact::Kind::SqlDump, QString());
}

void TestVaultAtRest::noPlainDigestOfAnyPrivateKey() {
    // Digest::sha256Hex as the API's seed would have stored it: a copied file must not let
    // anyone test guesses of a key.
    QVERIFY(!m_privateKeys.isEmpty());
    for (int i = 0; i < m_privateKeys.size(); ++i) {
        const QByteArray hex = crypto::Digest::sha256Hex(m_privateKeys[i].toUtf8());
        QCOMPARE(hex.size(), 64);
        for (const Artifact& artifact : std::as_const(m_artifacts)) {
            const QByteArray haystack = artifact.bytes.toLower();
            QVERIFY2(
                !haystack.contains(hex.toLower()),
                qPrintable(QStringLiteral("%1 contains the plain SHA-256 hex of private key %2")
                               .arg(artifact.name)
                               .arg(i + 1)));
            if (artifact.kind == Artifact::Kind::HexDump) {
                QVERIFY2(
                    !haystack.contains(hex.toLower().toHex()),
                    qPrintable(QStringLiteral("%1 contains the plain SHA-256 hex of private key %2")
                                   .arg(artifact.name)
                                   .arg(i + 1)));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestVaultAtRest)
#include "tst_vault_at_rest.moc"
