// Vault::open() on files that are not (good) vaults: each gets a clear error with a sentence for
// the user, never a crash, never a change to a file that is not a vault, and never key material
// in the message.

#include "core/crypto/digest.h"
#include "core/foundation/manualclock.h"
#include "core/service/activekeys.h"
#include "core/storage/database.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace paycred;
using namespace paycred::vaulttest;
using vault::Vault;
using vault::VaultStatus;
using Error = vault::VaultStatus::Error;

namespace {

const QString kOwner = QStringLiteral("owner");
const QString kOwnerPassword = QStringLiteral("correct horse battery staple");
const QString kPrivateKey = QStringLiteral("sk_live_files_PRIVATE_KEY_0001");
const QString kApiKey = QStringLiteral("pk_live_files_API_KEY_0001");

QStringList sidecars(const QString& path) {
    QStringList present;
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        if (QFile::exists(path + QLatin1String(suffix)))
            present.append(QFileInfo(path).fileName() + QLatin1String(suffix));
    }
    return present;
}

} // namespace

class TestVaultFiles : public QObject {
    Q_OBJECT

private slots:
    void init();

    void missingPath();
    void missingFolder();
    void randomBytes();
    void emptyFile();
    void textFile();
    void serverDatabase();
    void formatVersionTooNew();
    void schemaVersionTooNew();
    void sealedRingAltered_data();
    void sealedRingAltered();
    void formatVersionUnreadable_data();
    void formatVersionUnreadable();
    void truncatedVault();
    void failedOpenLeavesVaultUsable();

private:
    QString path(const QString& name) const { return m_dir->filePath(name); }
    // Makes a vault at `file` with one credential, captures its key material for the message
    // checks, and closes it.
    void makeVault(const QString& file);
    // Fails the test when `status` does not carry a message, or carries key material.
    void checkMessage(const VaultStatus& status);
    // Names the vault_meta rows holding the sealed data-key ring (not the format, not the id).
    QStringList sealedRingRows(const QString& file);

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock{startTime()};
    QList<QPair<QString, QByteArray>> m_keyMaterial; // label → bytes
};

void TestVaultFiles::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_keyMaterial.clear();
}

void TestVaultFiles::makeVault(const QString& file) {
    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.create(file, kOwner, kOwnerPassword));
    const QByteArray token = login(v, kOwner, kOwnerPassword);
    QVERIFY(!token.isEmpty());
    QVERIFY(createCredential(v, token, "kopokopo", kApiKey, kPrivateKey) > 0);

    m_keyMaterial.clear();
    m_keyMaterial.append({QStringLiteral("owner password"), kOwnerPassword.toUtf8()});
    m_keyMaterial.append({QStringLiteral("private key"), kPrivateKey.toUtf8()});
    m_keyMaterial.append({QStringLiteral("api key"), kApiKey.toUtf8()});
    QByteArray master = v.masterKey().reveal();
    QVERIFY(!master.isEmpty());
    m_keyMaterial.append(encodings(QStringLiteral("master key"), master));
    crypto::wipe(master);
    const auto keys = v.keys().get();
    QVERIFY(keys != nullptr);
    for (qsizetype i = 0; i < keys->ring.size(); ++i) {
        const QString label = QStringLiteral("data key %1").arg(i);
        m_keyMaterial.append({label + QStringLiteral(" (base64)"), keys->ring.key(i).toBase64()});
        m_keyMaterial.append(encodings(label + QStringLiteral(" signing"),
                                       keys->ring.key(i).signingKey().toByteArray()));
        m_keyMaterial.append(encodings(label + QStringLiteral(" encryption"),
                                       keys->ring.key(i).encryptionKey().toByteArray()));
    }
    v.close();
    QVERIFY(!v.isOpen());
}

void TestVaultFiles::checkMessage(const VaultStatus& status) {
    QVERIFY2(!status.message.trimmed().isEmpty(),
             qPrintable(QStringLiteral("the error %1 has no message")
                            .arg(QLatin1String(vault::errorName(status.error)))));
    const QByteArray text = status.message.toUtf8();
    for (const auto& [label, bytes] : std::as_const(m_keyMaterial)) {
        QVERIFY2(!text.contains(bytes),
                 qPrintable(QStringLiteral("the message of %1 contains the %2")
                                .arg(QLatin1String(vault::errorName(status.error)), label)));
    }
}

QStringList TestVaultFiles::sealedRingRows(const QString& file) {
    QStringList names;
    withRawConnection(file, [&](QSqlDatabase& db) {
        for (const QStringList& row : rows(db, QStringLiteral("SELECT name FROM vault_meta"))) {
            const QString name = row.value(0);
            const QString lower = name.toLower();
            if (lower == QLatin1String("format_version") || lower == QLatin1String("id") ||
                lower == QLatin1String("vault_id"))
                continue;
            if (lower.contains(QLatin1String("ring")) || lower.contains(QLatin1String("data")) ||
                lower.contains(QLatin1String("sealed")) || lower.contains(QLatin1String("key")))
                names.append(name);
        }
    });
    return names;
}

void TestVaultFiles::missingPath() {
    Vault v(m_clock, cheapOptions());
    const QString file = path(QStringLiteral("nothing-here.paycred"));
    const VaultStatus status = v.open(file);
    EXPECT_VAULT_ERROR(status, Error::NotFound);
    checkMessage(status);
    QVERIFY(!v.isOpen());
    QVERIFY2(!QFile::exists(file), "open() of a missing path created a file");
    QVERIFY2(sidecars(file).isEmpty(), qPrintable(sidecars(file).join(u',')));
}

void TestVaultFiles::missingFolder() {
    Vault v(m_clock, cheapOptions());
    const QString file = path(QStringLiteral("no/such/folder/vault.paycred"));
    EXPECT_VAULT_ERROR(v.open(file), Error::NotFound);
    QVERIFY(!v.isOpen());
    QVERIFY(!QDir(path(QStringLiteral("no"))).exists());
}

void TestVaultFiles::randomBytes() {
    const QString file = path(QStringLiteral("random.paycred"));
    QByteArray bytes(64 * 1024, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    QVERIFY(writeFile(file, bytes));

    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    EXPECT_VAULT_ERROR(status, Error::NotAVault);
    checkMessage(status);
    QVERIFY(!v.isOpen());
    QVERIFY2(readFile(file) == bytes, "open() changed a file of random bytes");
    QVERIFY2(sidecars(file).isEmpty(),
             qPrintable(QStringLiteral("open() left %1 beside a file that is not a vault")
                            .arg(sidecars(file).join(u','))));
}

void TestVaultFiles::emptyFile() {
    const QString file = path(QStringLiteral("empty.paycred"));
    QVERIFY(writeFile(file, QByteArray()));
    QVERIFY(QFile::exists(file));

    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    EXPECT_VAULT_ERROR(status, Error::NotAVault);
    checkMessage(status);
    QVERIFY(!v.isOpen());
    QVERIFY2(QFile::exists(file), "open() removed the empty file");
    QVERIFY2(QFileInfo(file).size() == 0,
             qPrintable(QStringLiteral("open() wrote %1 bytes into an empty file (it must not "
                                       "turn it into a database)")
                            .arg(QFileInfo(file).size())));
    const QStringList left = sidecars(file);
    if (!left.isEmpty())
        qWarning("open() of an empty file left %s behind", qPrintable(left.join(u',')));
}

void TestVaultFiles::textFile() {
    const QString file = path(QStringLiteral("readme.paycred"));
    const QByteArray text = "SQLite format 2\nthis is only text pretending\n";
    QVERIFY(writeFile(file, text));
    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    EXPECT_VAULT_ERROR(status, Error::NotAVault);
    checkMessage(status);
    QCOMPARE(readFile(file), text);
}

void TestVaultFiles::serverDatabase() {
    const QString file = path(QStringLiteral("server.sqlite3"));
    {
        storage::DatabaseConfig config;
        config.name = file;
        storage::Database server(config);
        QString error;
        QVERIFY2(server.open(&error), qPrintable(error));
        QSqlQuery query(server.connection());
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO users (username, password_hash, is_superuser, is_active, date_joined) "
            "VALUES ('admin', 'pbkdf2_sha256$1000$salt$aGFzaA==', 1, 1, 0)")));
    }

    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    EXPECT_VAULT_ERROR(status, Error::NotAVault);
    checkMessage(status);
    QVERIFY(!v.isOpen());
    QVERIFY(!v.isUnlocked());

    // Nothing of a vault was written into the server's database.
    bool read = false;
    QVERIFY(withRawConnection(file, [&](QSqlDatabase& db) {
        QCOMPARE(rows(db, QStringLiteral("SELECT COUNT(*) FROM vault_meta")),
                 QList<QStringList>{{QStringLiteral("0")}});
        QCOMPARE(rows(db, QStringLiteral("SELECT COUNT(*) FROM key_slots")),
                 QList<QStringList>{{QStringLiteral("0")}});
        QCOMPARE(rows(db, QStringLiteral("SELECT password_hash FROM users")),
                 QList<QStringList>{{QStringLiteral("pbkdf2_sha256$1000$salt$aGFzaA==")}});
        read = true;
    }));
    QVERIFY(read);
}

void TestVaultFiles::formatVersionTooNew() {
    const QString file = path(QStringLiteral("future.paycred"));
    makeVault(file);
    if (QTest::currentTestFailed())
        return;
    int changed = -1;
    QString error;
    QVERIFY(withRawConnection(file, [&](QSqlDatabase& db) {
        changed = execSql(
            db, QStringLiteral("UPDATE vault_meta SET value = '999' WHERE name = 'format_version'"),
            {}, &error);
    }));
    QVERIFY2(
        changed == 1,
        qPrintable(
            QStringLiteral("vault_meta has no 'format_version' row to change (%1)").arg(error)));

    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    EXPECT_VAULT_ERROR(status, Error::TooNew);
    checkMessage(status);
    QVERIFY(!v.isOpen());
    QVERIFY(!v.isUnlocked());
    // And the file still says 999: open() did not "repair" it.
    QVERIFY(withRawConnection(file, [&](QSqlDatabase& db) {
        QCOMPARE(
            rows(db, QStringLiteral("SELECT value FROM vault_meta WHERE name = 'format_version'")),
            QList<QStringList>{{QStringLiteral("999")}});
    }));
}

void TestVaultFiles::schemaVersionTooNew() {
    const QString file = path(QStringLiteral("newschema.paycred"));
    makeVault(file);
    if (QTest::currentTestFailed())
        return;
    int changed = -1;
    QString error;
    QVERIFY(withRawConnection(file, [&](QSqlDatabase& db) {
        changed = execSql(db,
                          QStringLiteral("INSERT INTO schema_migrations (version, applied_at) "
                                         "VALUES (99, 0)"),
                          {}, &error);
    }));
    QVERIFY2(changed == 1, qPrintable(error));

    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    EXPECT_VAULT_ERROR(status, Error::TooNew);
    checkMessage(status);
    QVERIFY(!v.isOpen());
}

void TestVaultFiles::sealedRingAltered_data() {
    QTest::addColumn<QString>("how");
    QTest::newRow("one character changed") << QStringLiteral("flip");
    QTest::newRow("not base64") << QStringLiteral("garbage");
    QTest::newRow("emptied") << QStringLiteral("empty");
    QTest::newRow("cut short") << QStringLiteral("short");
    QTest::newRow("row deleted") << QStringLiteral("delete");
}

void TestVaultFiles::sealedRingAltered() {
    QFETCH(QString, how);
    const QString file = path(QStringLiteral("ring.paycred"));
    makeVault(file);
    if (QTest::currentTestFailed())
        return;
    const QStringList names = sealedRingRows(file);
    QVERIFY2(!names.isEmpty(),
             "vault_meta has no row that looks like the sealed data-key ring (a name with "
             "'ring', 'data', 'sealed' or 'key')");

    int changed = 0;
    QString error;
    QVERIFY(withRawConnection(file, [&](QSqlDatabase& db) {
        for (const QString& name : names) {
            const QList<QStringList> current =
                rows(db, QStringLiteral("SELECT value FROM vault_meta WHERE name = '%1'")
                             .arg(QString(name).replace(u'\'', QStringLiteral("''"))));
            QString value = current.value(0).value(0);
            int result = -1;
            if (how == QLatin1String("delete")) {
                result = execSql(db, QStringLiteral("DELETE FROM vault_meta WHERE name = ?"),
                                 {name}, &error);
            } else if (how == QLatin1String("empty")) {
                // A literal: an empty QString may be bound as NULL.
                result =
                    execSql(db, QStringLiteral("UPDATE vault_meta SET value = '' WHERE name = ?"),
                            {name}, &error);
            } else {
                if (how == QLatin1String("flip")) {
                    const qsizetype at = value.size() / 2;
                    value[at] = value.at(at) == u'A' ? u'B' : u'A';
                } else if (how == QLatin1String("garbage")) {
                    value = QStringLiteral("%%% not a sealed ring %%%");
                } else {
                    value = value.left(value.size() / 3);
                }
                result =
                    execSql(db, QStringLiteral("UPDATE vault_meta SET value = ? WHERE name = ?"),
                            {value, name}, &error);
            }
            if (result == 1)
                ++changed;
        }
    }));
    QVERIFY2(changed == names.size(), qPrintable(error));

    Vault v(m_clock, cheapOptions());
    const VaultStatus opened = v.open(file);
    if (!opened.ok()) {
        EXPECT_VAULT_ERROR(opened, Error::Damaged);
        checkMessage(opened);
        QVERIFY(!v.isOpen());
        return;
    }
    QVERIFY(!v.isUnlocked());
    const VaultStatus unlocked = v.unlock(kOwner, kOwnerPassword);
    EXPECT_VAULT_ERROR(unlocked, Error::Damaged);
    checkMessage(unlocked);
    QVERIFY2(!v.isUnlocked(), "a vault whose data-key ring cannot be read was unlocked");
    QVERIFY(v.masterKey().isEmpty());

    // Through the router: a login fails (no tokens, the vault stays locked) and nothing crashes.
    const auto response = loginResponse(v, kOwner, kOwnerPassword);
    QVERIFY2(response.status != 200, qPrintable(describe(response)));
    QVERIFY(!response.object().contains("access_token"));
    QVERIFY(!v.isUnlocked());
    EXPECT_STATUS(call(v, "GET", "/health/"), 200);
    const VaultStatus integrity = v.checkIntegrity();
    Q_UNUSED(integrity); // must not crash; SQLite itself is fine
}

void TestVaultFiles::formatVersionUnreadable_data() {
    QTest::addColumn<QString>("sql");
    QTest::newRow("missing") << QStringLiteral(
        "DELETE FROM vault_meta WHERE name = 'format_version'");
    QTest::newRow("not a number") << QStringLiteral(
        "UPDATE vault_meta SET value = 'one' WHERE name = 'format_version'");
}

void TestVaultFiles::formatVersionUnreadable() {
    // A vault whose format cannot be told is damaged metadata, not a vault to use as it is.
    QFETCH(QString, sql);
    const QString file = path(QStringLiteral("noformat.paycred"));
    makeVault(file);
    if (QTest::currentTestFailed())
        return;
    int changed = -1;
    QVERIFY(withRawConnection(file, [&](QSqlDatabase& db) { changed = execSql(db, sql); }));
    QCOMPARE(changed, 1);
    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    QVERIFY2(status.error == Error::Damaged || status.error == Error::NotAVault,
             qPrintable(
                 QStringLiteral("expected Damaged or NotAVault, got %1").arg(statusText(status))));
    checkMessage(status);
    QVERIFY(!v.isOpen());
}

void TestVaultFiles::truncatedVault() {
    const QString file = path(QStringLiteral("truncated.paycred"));
    makeVault(file);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(sidecars(file).isEmpty(),
             qPrintable(QStringLiteral("close() left %1 behind").arg(sidecars(file).join(u','))));
    const QByteArray whole = readFile(file);
    QVERIFY(whole.size() > 4096);
    QVERIFY(writeFile(file, whole.left(whole.size() / 2)));

    Vault v(m_clock, cheapOptions());
    const VaultStatus status = v.open(file);
    QVERIFY2(status.error == Error::NotAVault || status.error == Error::Damaged,
             qPrintable(QStringLiteral("open() of the first half of a vault: expected NotAVault "
                                       "or Damaged, got %1")
                            .arg(statusText(status))));
    checkMessage(status);
    QVERIFY(!v.isOpen());
}

void TestVaultFiles::failedOpenLeavesVaultUsable() {
    const QString good = path(QStringLiteral("good.paycred"));
    makeVault(good);
    if (QTest::currentTestFailed())
        return;
    const QString junk = path(QStringLiteral("junk.paycred"));
    QVERIFY(writeFile(junk, QByteArray(8192, 'x')));

    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_ERROR(v.open(junk), Error::NotAVault);
    EXPECT_VAULT_ERROR(v.open(path(QStringLiteral("missing.paycred"))), Error::NotFound);
    EXPECT_VAULT_OK(v.open(good));
    QVERIFY(v.isOpen());
    const QByteArray token = login(v, kOwner, kOwnerPassword);
    QVERIFY(!token.isEmpty());
    const auto list = call(v, "GET", "/payments/credentials/", {}, token);
    EXPECT_STATUS(list, 200);
    QCOMPARE(list.document().array().size(), 1);
}

QTEST_GUILESS_MAIN(TestVaultFiles)
#include "tst_vault_files.moc"
