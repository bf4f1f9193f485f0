// Vault backups (core/vault/backup.h): export to one passphrase-sealed file, restore it as a new
// vault that opens with the passwords of backup time, and import its credentials into another
// vault (skip or replace on conflict, all or nothing). Wrong passphrases, truncated, tampered,
// foreign and newer files are refused with the right error and change nothing; the file holds
// no secret in the clear.

#include "core/crypto/keyring.h"
#include "core/crypto/scrypt.h"
#include "core/foundation/manualclock.h"
#include "core/service/activekeys.h"
#include "core/service/services.h"
#include "core/storage/auditrepository.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/userrepository.h"
#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>
#include <tuple>

#include <sys/stat.h>

using namespace paycred;
using namespace paycred::vaulttest;
using vault::Backup;
using vault::Vault;
using vault::VaultStatus;
using Error = vault::VaultStatus::Error;

namespace {

const crypto::Scrypt::Parameters kCheapKdf{1u << 10, 8, 1};
const QString kPassphrase = QStringLiteral("a long backup passphrase");
const QString kWrongPassphraseText =
    QStringLiteral("The passphrase does not open this backup. Check it and try again.");
const QString kDamagedText =
    QStringLiteral("The backup file is damaged or was changed; it cannot be restored.");

// magic 14 | version 2 | name length 1 + "scrypt" 6 | N 8 | r 4 | p 4 | salt length 1 + salt 16
// | passphrase check 16 | header digest 32
constexpr int kHeaderBytes = 14 + 2 + 1 + 6 + 8 + 4 + 4 + 1 + 16 + 16 + 32;
constexpr int kVersionOffset = 14;
constexpr int kSaltOffset = 14 + 2 + 1 + 6 + 8 + 4 + 4 + 1;

const QString kOwner = QStringLiteral("owner");
const QString kAlice = QStringLiteral("alice");
const QString kBob = QStringLiteral("bob");
const QString kCarol = QStringLiteral("carol");
const QString kKopo = QStringLiteral("kopokopo");
const QString kInsta = QStringLiteral("instasend");

const QMap<QString, QString> kPasswords{
    {QStringLiteral("owner"), QStringLiteral("owner passphrase 1")},
    {QStringLiteral("admin"), QStringLiteral("admin passphrase 1")},
    {QStringLiteral("alice"), QStringLiteral("alice passphrase 1")},
    {QStringLiteral("bob"), QStringLiteral("bob's passphrase 1")},
    {QStringLiteral("carol"), QStringLiteral("carol passphrase 1")},
};

struct Key {
    QString username;
    QString provider;
    QString apiKey;
    QString privateKey;
    QString environment = QStringLiteral("sandbox");
    bool active = true;
};

// The backed-up vault's credentials, in the order they are created (so, their ids).
const QList<Key> kSourceKeys{
    {kOwner, kKopo, "pk_src_owner_kopokopo_0001", "sk_src_owner_kopokopo_SECRET_0001"},
    {kAlice, kKopo, "pk_src_alice_kopokopo_0002", "sk_src_alice_kopokopo_SECRET_0002", "live"},
    {kAlice, kInsta, "pk_src_alice_instasend_0003", "sk_src_alice_instasend_SECRET_0003", "sandbox",
     false},
    {kBob, kInsta, "pk_src_bob_instasend_0004", "sk_src_bob_instasend_SECRET_0004"},
};

// The import target's own credentials: alice's kopokopo collides with the backup's.
const QList<Key> kTargetKeys{
    {kAlice, kKopo, "pk_dst_alice_kopokopo_0101", "sk_dst_alice_kopokopo_SECRET_0101"},
    {kCarol, kInsta, "pk_dst_carol_instasend_0102", "sk_dst_carol_instasend_SECRET_0102"},
};

QDateTime targetTime() {
    return QDateTime(QDate(2024, 6, 1), QTime(8, 0), Qt::UTC);
}

// A vault on its own manual clock.
struct Box {
    Box(QString path, const QDateTime& start)
        : path(std::move(path))
        , clock(start)
        , vault(clock, cheapOptions()) {}
    QString path;
    ManualClock clock;
    Vault vault;
};

// Creates the vault at box.path owned by `owner`, the other `users`, and `keys` through the API.
// Empty on success, else what went wrong.
QString populate(Box& box, const QString& owner, const QStringList& users, const QList<Key>& keys) {
    const VaultStatus created = box.vault.create(box.path, owner, kPasswords.value(owner));
    if (!created.ok())
        return QStringLiteral("create: ") + statusText(created);
    for (const QString& user : users) {
        if (!box.vault.services().users().create(user, kPasswords.value(user), false).ok())
            return QStringLiteral("could not create the user ") + user;
    }
    for (const Key& key : keys) {
        const QByteArray token = login(box.vault, key.username, kPasswords.value(key.username));
        if (token.isEmpty())
            return QStringLiteral("could not log in as ") + key.username;
        const qint64 id = createCredential(box.vault, token, key.provider, key.apiKey,
                                           key.privateKey, key.environment);
        if (id <= 0)
            return QStringLiteral("could not create %1's %2").arg(key.username, key.provider);
        if (!key.active &&
            call(box.vault, "POST", apitest::credentialPath(id, "toggle-status"), {}, token)
                    .status != 200)
            return QStringLiteral("could not deactivate %1's %2").arg(key.username, key.provider);
        box.clock.advance(60 * 1000); // distinct created_at per credential
    }
    return {};
}

QString populateSource(Box& box) {
    return populate(box, kOwner, {kAlice, kBob}, kSourceKeys);
}

// The import target: the same owner name, alice (colliding on kopokopo), carol; no bob.
QString populateTarget(Box& box) {
    return populate(box, kOwner, {kAlice, kCarol}, kTargetKeys);
}

// One credential as its owner sees it through the API.
struct Held {
    qint64 id = 0;
    QString apiKey;
    QString privateKey;
    QString environment;
    bool active = false;
    QString createdAt;
    QString updatedAt;
};

// provider → credential, for `username` logging in with their password; `error` says why not.
QMap<QString, Held> holdings(Vault& v, const QString& username, QString* error,
                             const QString& password = {}) {
    QMap<QString, Held> out;
    const QByteArray token =
        login(v, username, password.isEmpty() ? kPasswords.value(username) : password);
    if (token.isEmpty()) {
        *error = QStringLiteral("could not log in as ") + username;
        return out;
    }
    const auto list = call(v, "GET", "/payments/credentials/", {}, token);
    if (list.status != 200) {
        *error = QStringLiteral("list failed: ") + describe(list);
        return out;
    }
    for (const QJsonValue& item : list.document().array()) {
        const QJsonObject object = item.toObject();
        Held held;
        held.id = object.value("id").toInteger();
        held.environment = object.value("environment").toString();
        held.active = object.value("is_active").toBool();
        held.createdAt = object.value("created_at").toString();
        held.updatedAt = object.value("updated_at").toString();
        const Revealed revealed = reveal(v, token, held.id);
        if (revealed.status != 200) {
            *error = QStringLiteral("get-private-key failed: ") + revealed.bodyText;
            return out;
        }
        held.apiKey = revealed.apiKey;
        held.privateKey = revealed.privateKey;
        out.insert(object.value("provider").toString(), held);
    }
    return out;
}

// Everything an import could change, for "nothing changed" checks (no secret in it).
QString fingerprint(const Vault& v) {
    QStringList lines;
    for (const auto& row : storage::CredentialRepository(v.database()).listAll()) {
        lines << QStringList{QString::number(row.id),
                             QString::number(row.userId),
                             row.provider,
                             QString::fromLatin1(crypto::Digest::sha256Hex(row.encryptedApiKey)),
                             QString::fromLatin1(
                                 crypto::Digest::sha256Hex(row.encryptedPrivateKey)),
                             QString::fromLatin1(row.privateKeyDigest.left(12)),
                             row.environment,
                             row.isActive ? "active" : "inactive",
                             row.createdAt.toString(Qt::ISODateWithMs),
                             row.updatedAt.toString(Qt::ISODateWithMs)}
                     .join(u'|');
    }
    lines << QStringLiteral("users: %1").arg(storage::UserRepository(v.database()).count());
    lines << QStringLiteral("audit events: %1").arg(storage::AuditRepository(v.database()).count());
    return lines.join(u'\n');
}

QString describeReport(const Backup::ImportReport& report) {
    QStringList skipped;
    for (const auto& s : report.skipped)
        skipped << QStringLiteral("%1/%2: %3").arg(s.username, s.provider, s.reason);
    return QStringLiteral("imported %1, replaced %2, skipped [%3]")
        .arg(report.imported)
        .arg(report.replaced)
        .arg(skipped.join(QStringLiteral("; ")));
}

int fileMode(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 0777);
}

QByteArray flipped(QByteArray bytes, qsizetype offset) {
    bytes[offset] = char(bytes.at(offset) ^ 0x01);
    return bytes;
}

// Compares without printing the values (they are keys).
#define EXPECT_SAME_SECRET(actual, expected, label)                                                \
    QVERIFY2((actual) == (expected), qPrintable(QStringLiteral("%1 differs").arg(label)))

} // namespace

class TestBackup : public QObject {
    Q_OBJECT

private:
    QString dirPath(const QString& name) const { return m_dir->filePath(name); }

    // A populated source vault, exported to `backupPath`.
    void makeBackup(Box& source, const QString& backupPath) {
        const QString error = populateSource(source);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, backupPath, kPassphrase, {}, kCheapKdf));
    }

    // Every way a restore or an import of `bytes` must fail with `expected`, changing nothing.
    void expectRefused(const QByteArray& bytes, Error expected, const QString& message = {}) {
        const QString backupPath = dirPath(QStringLiteral("bad.paycred-backup"));
        QVERIFY(writeFile(backupPath, bytes));
        const QString restoredPath = dirPath(QStringLiteral("never.paycred"));
        const VaultStatus restored = Backup::restoreToNew(backupPath, kPassphrase, restoredPath);
        EXPECT_VAULT_ERROR(restored, expected);
        if (!message.isEmpty())
            QCOMPARE(restored.message, message);
        QVERIFY2(!QFileInfo::exists(restoredPath), "a failed restore left a file behind");
        QCOMPARE(QDir(m_dir->path())
                     .entryList({QStringLiteral(".paycred-restore-*")}, QDir::Files | QDir::Hidden),
                 QStringList());

        Backup::ImportReport report;
        report.imported = 7;
        const QString before = fingerprint(m_target->vault);
        const VaultStatus imported = Backup::importInto(m_target->vault, backupPath, kPassphrase,
                                                        Backup::Conflict::Replace, &report);
        EXPECT_VAULT_ERROR(imported, expected);
        if (!message.isEmpty())
            QCOMPARE(imported.message, message);
        QCOMPARE(fingerprint(m_target->vault), before);
        QCOMPARE(describeReport(report), describeReport({}));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Box> m_target; // an unlocked vault that failed imports must leave alone
    QByteArray m_backup;           // a good backup of a populated source vault

private slots:
    void initTestCase() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        Box source(dirPath(QStringLiteral("shared-source.paycred")), startTime());
        const QString backupPath = dirPath(QStringLiteral("shared.paycred-backup"));
        makeBackup(source, backupPath);
        m_backup = readFile(backupPath);
        QVERIFY(m_backup.size() > kHeaderBytes + 1000);
        m_target =
            std::make_unique<Box>(dirPath(QStringLiteral("shared-target.paycred")), targetTime());
        const QString error = populateTarget(*m_target);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() {
        m_target.reset();
        m_dir.reset();
    }

    void cleanup() {
        QFile::remove(dirPath(QStringLiteral("bad.paycred-backup")));
        QFile::remove(dirPath(QStringLiteral("never.paycred")));
    }

    // ---- export ------------------------------------------------------------------------------

    void headerIsVersionedAndNamesItsKdf() {
        QVERIFY(m_backup.startsWith("PAYCRED-BACKUP"));
        QCOMPARE(m_backup.mid(kVersionOffset, 2), QByteArray("\x00\x01", 2));
        QCOMPARE(m_backup.mid(16, 7), QByteArray("\x06scrypt"));
        QCOMPARE(m_backup.mid(23, 8), QByteArray("\x00\x00\x00\x00\x00\x00\x04\x00", 8)); // N
        QCOMPARE(m_backup.mid(31, 4), QByteArray("\x00\x00\x00\x08", 4));                 // r
        QCOMPARE(m_backup.mid(35, 4), QByteArray("\x00\x00\x00\x01", 4));                 // p
        QCOMPARE(m_backup.at(kSaltOffset - 1), char(Backup::SaltBytes));
        // The payload: nonce, the sealed master key length + key + snapshot, tag.
        QVERIFY(m_backup.size() - kHeaderBytes > 12 + 4 + 32 + 16);
    }

    void exportWritesAnOwnerOnlyFileAtomically() {
        Box source(dirPath(QStringLiteral("mode-source.paycred")), startTime());
        QVERIFY(source.vault.create(source.path, kOwner, kPasswords.value(kOwner)).ok());
        const QString path = dirPath(QStringLiteral("mode.paycred-backup"));
        QVERIFY(writeFile(path, "an older file the backup replaces"));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QCOMPARE(fileMode(path), 0644);
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, path, kPassphrase, {}, kCheapKdf));
        QCOMPARE(fileMode(path), 0600);
        QVERIFY(readFile(path).startsWith("PAYCRED-BACKUP"));
        // No temporary file of QSaveFile's is left beside it.
        QCOMPARE(
            QDir(m_dir->path())
                .entryList({QStringLiteral("mode.paycred-backup*")}, QDir::Files | QDir::Hidden),
            QStringList{QStringLiteral("mode.paycred-backup")});
    }

    void exportNeverReplacesTheVault() {
        Box source(dirPath(QStringLiteral("self-source.paycred")), startTime());
        QVERIFY(source.vault.create(source.path, kOwner, kPasswords.value(kOwner)).ok());
        const QString link = dirPath(QStringLiteral("self-link.paycred-backup"));
        QVERIFY(QFile::link(source.path, link));
        for (const QString& path : {source.path, link, source.path + QStringLiteral("-wal")}) {
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
            EXPECT_VAULT_ERROR(Backup::exportTo(source.vault, path, kPassphrase, {}, kCheapKdf),
                               Error::Refused);
        }
        QVERIFY(readFile(source.path).startsWith("SQLite format 3"));
        source.vault.close();
        EXPECT_VAULT_OK(source.vault.open(source.path));
        QVERIFY(!login(source.vault, kOwner, kPasswords.value(kOwner)).isEmpty());
    }

    void twoExportsDiffer() {
        Box source(dirPath(QStringLiteral("twice-source.paycred")), startTime());
        QVERIFY(source.vault.create(source.path, kOwner, kPasswords.value(kOwner)).ok());
        const QString first = dirPath(QStringLiteral("twice-1.paycred-backup"));
        const QString second = dirPath(QStringLiteral("twice-2.paycred-backup"));
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, first, kPassphrase, {}, kCheapKdf));
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, second, kPassphrase, {}, kCheapKdf));
        const QByteArray a = readFile(first);
        const QByteArray b = readFile(second);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QVERIFY2(a.mid(kSaltOffset, Backup::SaltBytes) != b.mid(kSaltOffset, Backup::SaltBytes),
                 "two backups share a salt");
        QVERIFY2(a.mid(kHeaderBytes, 12) != b.mid(kHeaderBytes, 12), "two backups share a nonce");
    }

    void exportReportsProgressUpTo100() {
        Box source(dirPath(QStringLiteral("progress-source.paycred")), startTime());
        QVERIFY(source.vault.create(source.path, kOwner, kPasswords.value(kOwner)).ok());
        QList<int> seen;
        EXPECT_VAULT_OK(Backup::exportTo(
            source.vault, dirPath(QStringLiteral("progress.paycred-backup")), kPassphrase,
            [&seen](int percent) { seen << percent; }, kCheapKdf));
        QVERIFY2(seen.size() >= 3, qPrintable(QStringLiteral("only %1 reports").arg(seen.size())));
        QCOMPARE(seen.first(), 0);
        QCOMPARE(seen.last(), 100);
        QVERIFY2(std::is_sorted(seen.begin(), seen.end()), "progress went backwards");
        QCOMPARE(seen.count(100), 1);

        // A refused export never claims to have finished.
        seen.clear();
        source.vault.lock();
        EXPECT_VAULT_ERROR(Backup::exportTo(
                               source.vault, dirPath(QStringLiteral("progress-2.paycred-backup")),
                               kPassphrase, [&seen](int percent) { seen << percent; }, kCheapKdf),
                           Error::Locked);
        QVERIFY(!seen.contains(100));
    }

    void exportNeedsAnUnlockedVault() {
        Box source(dirPath(QStringLiteral("locked-source.paycred")), startTime());
        const QString path = dirPath(QStringLiteral("locked.paycred-backup"));
        EXPECT_VAULT_ERROR(Backup::exportTo(source.vault, path, kPassphrase, {}, kCheapKdf),
                           Error::Locked); // never opened
        QVERIFY(source.vault.create(source.path, kOwner, kPasswords.value(kOwner)).ok());
        source.vault.lock();
        EXPECT_VAULT_ERROR(Backup::exportTo(source.vault, path, kPassphrase, {}, kCheapKdf),
                           Error::Locked);
        QVERIFY(!QFileInfo::exists(path));
        // Logging in unlocks it again, and then the export works.
        QVERIFY(!login(source.vault, kOwner, kPasswords.value(kOwner)).isEmpty());
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, path, kPassphrase, {}, kCheapKdf));
        QVERIFY(QFileInfo::exists(path));
    }

    void exportRefusesAShortPassphrase_data() {
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("9 characters") << QStringLiteral("123456789") << false;
        // 9 code points that take 18 UTF-16 units: the rule counts characters.
        QTest::newRow("9 emoji") << QString::fromUtf8("😀😀😀😀😀😀😀😀😀") << false;
        QTest::newRow("10 characters") << QStringLiteral("1234567890") << true;
        QTest::newRow("10 emoji") << QString::fromUtf8("😀😀😀😀😀😀😀😀😀😀") << true;
    }
    void exportRefusesAShortPassphrase() {
        QFETCH(QString, passphrase);
        QFETCH(bool, accepted);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        Box source(dirPath(QStringLiteral("short-source-%1.paycred").arg(tag)), startTime());
        QVERIFY(source.vault.create(source.path, kOwner, kPasswords.value(kOwner)).ok());
        const QString path = dirPath(QStringLiteral("short-%1.paycred-backup").arg(tag));
        const VaultStatus status = Backup::exportTo(source.vault, path, passphrase, {}, kCheapKdf);
        if (accepted) {
            EXPECT_VAULT_OK(status);
            const QString restored = dirPath(QStringLiteral("short-restored-%1.paycred").arg(tag));
            EXPECT_VAULT_OK(Backup::restoreToNew(path, passphrase, restored));
        } else {
            EXPECT_VAULT_ERROR(status, Error::Refused);
            QVERIFY2(status.message.contains(QLatin1String("10")),
                     qPrintable(status.message)); // says how long it must be
            QVERIFY(!QFileInfo::exists(path));
        }
    }

    void backupHoldsNoSecretInTheClear() {
        Box source(dirPath(QStringLiteral("clear-source.paycred")), startTime());
        const QString path = dirPath(QStringLiteral("clear.paycred-backup"));
        makeBackup(source, path);
        const QByteArray bytes = readFile(path);
        QVERIFY(bytes.size() > kHeaderBytes);

        QList<QPair<QString, QByteArray>> forbidden;
        for (const Key& key : kSourceKeys) {
            forbidden.append({key.username + QStringLiteral("'s api key"), key.apiKey.toUtf8()});
            forbidden.append(
                {key.username + QStringLiteral("'s private key"), key.privateKey.toUtf8()});
            forbidden.append({key.username + QStringLiteral("'s private key (UTF-16)"),
                              QByteArray(reinterpret_cast<const char*>(key.privateKey.utf16()),
                                         key.privateKey.size() * 2)});
        }
        QByteArray master = source.vault.masterKey().reveal();
        QCOMPARE(master.size(), 32);
        forbidden.append(encodings(QStringLiteral("the master key"), master));
        crypto::wipe(master);
        const auto keys = source.vault.keys().get();
        QVERIFY(keys);
        for (qsizetype i = 0; i < keys->ring.size(); ++i)
            forbidden.append({QStringLiteral("data key %1").arg(i), keys->ring.key(i).toBase64()});
        forbidden.append({QStringLiteral("the passphrase"), kPassphrase.toUtf8()});
        // The snapshot itself is sealed: neither SQLite's header, the users nor the stored
        // ciphertexts appear.
        forbidden.append({QStringLiteral("SQLite's header"), QByteArray("SQLite format 3")});
        forbidden.append({QStringLiteral("a table name"), QByteArray("payment_credentials")});
        forbidden.append({QStringLiteral("a username"), QByteArray("alice")});
        for (const auto& row : storage::CredentialRepository(source.vault.database()).listAll())
            forbidden.append({QStringLiteral("a stored ciphertext"), row.encryptedPrivateKey});

        QVERIFY(forbidden.size() > 20);
        for (const auto& [label, value] : std::as_const(forbidden)) {
            QVERIFY(!value.isEmpty());
            QVERIFY2(!bytes.contains(value),
                     qPrintable(QStringLiteral("the backup file contains %1").arg(label)));
        }
    }

    // ---- restoreToNew ------------------------------------------------------------------------

    void restoreRoundTrip() {
        Box source(dirPath(QStringLiteral("round-source.paycred")), startTime());
        const QString populated = populateSource(source);
        QVERIFY2(populated.isEmpty(), qPrintable(populated));
        // A rotated data key is carried over as the vault has it.
        EXPECT_VAULT_OK(source.vault.rotateDataKey());
        const QString path = dirPath(QStringLiteral("round.paycred-backup"));
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, path, kPassphrase, {}, kCheapKdf));
        QCOMPARE(fileMode(path), 0600);

        // Changes after the backup are not in it.
        const auto alice = storage::UserRepository(source.vault.database()).findByUsername(kAlice);
        QVERIFY(alice);
        const QString newAlicePassword = QStringLiteral("alice's newer passphrase");
        QVERIFY(source.vault.services().users().setPassword(alice->id, newAlicePassword));
        const QByteArray ownerToken = login(source.vault, kOwner, kPasswords.value(kOwner));
        QVERIFY(createCredential(source.vault, ownerToken, kInsta, "pk_after_backup_0009",
                                 "sk_after_backup_SECRET_0009") > 0);

        const QString restoredPath = dirPath(QStringLiteral("round-restored/vault.paycred"));
        EXPECT_VAULT_OK(Backup::restoreToNew(path, kPassphrase, restoredPath));
        QCOMPARE(fileMode(restoredPath), 0600);

        Box restored(restoredPath, targetTime());
        EXPECT_VAULT_OK(restored.vault.open(restoredPath));
        QVERIFY(!restored.vault.isUnlocked());
        // The passwords of backup time, not the newer one.
        QCOMPARE(loginResponse(restored.vault, kAlice, newAlicePassword).status, 401);
        QVERIFY(!restored.vault.isUnlocked());

        QMap<QString, QMap<QString, Held>> byUser;
        for (const QString& user : {kOwner, kAlice, kBob}) {
            QString error;
            byUser.insert(user, holdings(restored.vault, user, &error));
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        QVERIFY(restored.vault.isUnlocked());
        QCOMPARE(byUser.value(kOwner).keys(), QStringList{kKopo}); // not the later instasend
        QCOMPARE(byUser.value(kAlice).keys(), (QStringList{kInsta, kKopo}));
        QCOMPARE(byUser.value(kBob).keys(), QStringList{kInsta});
        for (const Key& key : kSourceKeys) {
            const Held held = byUser.value(key.username).value(key.provider);
            const QString label = key.username + u'/' + key.provider;
            EXPECT_SAME_SECRET(held.privateKey, key.privateKey, label + " private key");
            EXPECT_SAME_SECRET(held.apiKey, key.apiKey, label + " api key");
            QCOMPARE(held.environment, key.environment);
            QCOMPARE(held.active, key.active);
        }
        EXPECT_VAULT_OK(restored.vault.checkIntegrity());
    }

    void restoreRefusesAnExistingTarget() {
        const QString backupPath = dirPath(QStringLiteral("exists.paycred-backup"));
        QVERIFY(writeFile(backupPath, m_backup));
        const QString target = dirPath(QStringLiteral("exists.paycred"));
        QVERIFY(writeFile(target, "keep me"));
        const VaultStatus status = Backup::restoreToNew(backupPath, kPassphrase, target);
        EXPECT_VAULT_ERROR(status, Error::Exists);
        QCOMPARE(readFile(target), QByteArray("keep me"));

        // A dangling symbolic link is something there too.
        const QString link = dirPath(QStringLiteral("dangling.paycred"));
        QVERIFY(QFile::link(dirPath(QStringLiteral("nowhere")), link));
        EXPECT_VAULT_ERROR(Backup::restoreToNew(backupPath, kPassphrase, link), Error::Exists);
        QVERIFY(!QFileInfo::exists(dirPath(QStringLiteral("nowhere"))));
    }

    void restoreOfAMissingFile() {
        const QString target = dirPath(QStringLiteral("never.paycred"));
        EXPECT_VAULT_ERROR(
            Backup::restoreToNew(dirPath(QStringLiteral("no-such-backup")), kPassphrase, target),
            Error::NotFound);
        QVERIFY(!QFileInfo::exists(target));
        Backup::ImportReport report;
        EXPECT_VAULT_ERROR(Backup::importInto(m_target->vault,
                                              dirPath(QStringLiteral("no-such-backup")),
                                              kPassphrase, Backup::Conflict::Skip, &report),
                           Error::NotFound);
    }

    // ---- importInto --------------------------------------------------------------------------

    void importSkipsConflicts() {
        Box source(dirPath(QStringLiteral("skip-source.paycred")), startTime());
        const QString backupPath = dirPath(QStringLiteral("skip.paycred-backup"));
        makeBackup(source, backupPath);
        QMap<QString, Held> sourceAlice;
        {
            QString error;
            sourceAlice = holdings(source.vault, kAlice, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }

        Box target(dirPath(QStringLiteral("skip-target.paycred")), targetTime());
        QVERIFY2(populateTarget(target).isEmpty(), "populate failed");
        QString error;
        const auto aliceBefore = holdings(target.vault, kAlice, &error);
        const auto carolBefore = holdings(target.vault, kCarol, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const qint64 auditBefore = storage::AuditRepository(target.vault.database()).count();
        target.clock.advance(3600 * 1000);
        const QDateTime importTime = target.clock.now();

        Backup::ImportReport report;
        EXPECT_VAULT_OK(Backup::importInto(target.vault, backupPath, kPassphrase,
                                           Backup::Conflict::Skip, &report));
        QCOMPARE(report.imported, 2);
        QCOMPARE(report.replaced, 0);
        QCOMPARE(report.written.size(), 2);
        for (const Backup::Written& written : report.written) {
            QVERIFY(!written.replaced);
            QVERIFY(!written.username.isEmpty());
            QVERIFY(!written.provider.isEmpty());
        }
        QCOMPARE(report.skipped.size(), 2);
        QCOMPARE(report.skipped.at(0).username, kAlice);
        QCOMPARE(report.skipped.at(0).provider, kKopo);
        QCOMPARE(report.skipped.at(0).reason,
                 QStringLiteral("you already have credentials for kopokopo"));
        QCOMPARE(report.skipped.at(1).username, kBob);
        QCOMPARE(report.skipped.at(1).provider, kInsta);
        QCOMPARE(report.skipped.at(1).reason, QStringLiteral("no user named bob in this vault"));

        // The owner and alice got the backup's credentials, under the target's keys.
        const auto owner = holdings(target.vault, kOwner, &error);
        const auto alice = holdings(target.vault, kAlice, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(owner.keys(), QStringList{kKopo});
        QCOMPARE(alice.keys(), (QStringList{kInsta, kKopo}));
        const QByteArray aliceToken = login(target.vault, kAlice, kPasswords.value(kAlice));
        const QByteArray ownerToken = login(target.vault, kOwner, kPasswords.value(kOwner));
        for (const auto& [keyIndex, held, token] :
             {std::tuple{0, owner.value(kKopo), ownerToken},
              std::tuple{2, alice.value(kInsta), aliceToken}}) {
            const Key& key = kSourceKeys.at(keyIndex);
            const QString label = key.username + u'/' + key.provider;
            EXPECT_SAME_SECRET(held.privateKey, key.privateKey, label + " private key");
            EXPECT_SAME_SECRET(held.apiKey, key.apiKey, label + " api key");
            QCOMPARE(held.environment, key.environment);
            QCOMPARE(held.active, key.active);
            QCOMPARE(QDateTime::fromString(held.updatedAt, Qt::ISODateWithMs), importTime);
            // The digest was made under the target's key: verify works, and a wrong key fails.
            QCOMPARE(verifyKey(target.vault, token, held.id, key.privateKey), std::optional(true));
            QCOMPARE(verifyKey(target.vault, token, held.id, key.privateKey + "x"),
                     std::optional(false));
        }
        QCOMPARE(alice.value(kInsta).createdAt, sourceAlice.value(kInsta).createdAt);

        // Alice's own kopokopo and carol's credential are untouched.
        const Held kept = alice.value(kKopo);
        QCOMPARE(kept.id, aliceBefore.value(kKopo).id);
        EXPECT_SAME_SECRET(kept.privateKey, kTargetKeys.at(0).privateKey, "alice's kept key");
        EXPECT_SAME_SECRET(kept.apiKey, kTargetKeys.at(0).apiKey, "alice's kept api key");
        QCOMPARE(kept.updatedAt, aliceBefore.value(kKopo).updatedAt);
        const auto carol = holdings(target.vault, kCarol, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(carol.keys(), carolBefore.keys());
        QCOMPARE(carol.value(kInsta).updatedAt, carolBefore.value(kInsta).updatedAt);
        EXPECT_VAULT_OK(target.vault.checkIntegrity());

        // Audited as imports.
        int created = 0;
        for (const auto& event : storage::AuditRepository(target.vault.database()).latest(500)) {
            if (event.detail == QLatin1String("imported from backup")) {
                QCOMPARE(event.action, QStringLiteral("credential_created"));
                QCOMPARE(event.outcome, QStringLiteral("ok"));
                QVERIFY(event.credentialId.has_value());
                ++created;
            }
        }
        QCOMPARE(created, 2);
        QVERIFY(storage::AuditRepository(target.vault.database()).count() > auditBefore);

        // Importing the same backup again imports nothing more.
        Backup::ImportReport again;
        const QString before = fingerprint(target.vault);
        EXPECT_VAULT_OK(Backup::importInto(target.vault, backupPath, kPassphrase,
                                           Backup::Conflict::Skip, &again));
        QCOMPARE(describeReport(again),
                 QStringLiteral("imported 0, replaced 0, skipped ["
                                "owner/kopokopo: you already have credentials for kopokopo; "
                                "alice/kopokopo: you already have credentials for kopokopo; "
                                "alice/instasend: you already have credentials for instasend; "
                                "bob/instasend: no user named bob in this vault]"));
        QCOMPARE(fingerprint(target.vault), before);
    }

    void importReplacesConflicts() {
        Box source(dirPath(QStringLiteral("replace-source.paycred")), startTime());
        const QString backupPath = dirPath(QStringLiteral("replace.paycred-backup"));
        makeBackup(source, backupPath);

        Box target(dirPath(QStringLiteral("replace-target.paycred")), targetTime());
        QVERIFY2(populateTarget(target).isEmpty(), "populate failed");
        QString error;
        const auto aliceBefore = holdings(target.vault, kAlice, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        target.clock.advance(3600 * 1000);
        const QDateTime importTime = target.clock.now();

        Backup::ImportReport report;
        EXPECT_VAULT_OK(Backup::importInto(target.vault, backupPath, kPassphrase,
                                           Backup::Conflict::Replace, &report));
        QCOMPARE(describeReport(report),
                 QStringLiteral("imported 2, replaced 1, skipped ["
                                "bob/instasend: no user named bob in this vault]"));
        QCOMPARE(report.written.size(), 3);
        const auto replacedEntry =
            std::find_if(report.written.cbegin(), report.written.cend(),
                         [](const Backup::Written& written) { return written.replaced; });
        QVERIFY(replacedEntry != report.written.cend());
        QCOMPARE(replacedEntry->username, kAlice);
        QCOMPARE(replacedEntry->provider, kKopo);

        const auto alice = holdings(target.vault, kAlice, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(alice.keys(), (QStringList{kInsta, kKopo}));
        const Held replaced = alice.value(kKopo);
        const Key& backedUp = kSourceKeys.at(1);
        QCOMPARE(replaced.id, aliceBefore.value(kKopo).id); // updated in place
        EXPECT_SAME_SECRET(replaced.privateKey, backedUp.privateKey, "replaced private key");
        EXPECT_SAME_SECRET(replaced.apiKey, backedUp.apiKey, "replaced api key");
        QCOMPARE(replaced.environment, QStringLiteral("live"));
        QCOMPARE(replaced.createdAt, aliceBefore.value(kKopo).createdAt);
        QCOMPARE(QDateTime::fromString(replaced.updatedAt, Qt::ISODateWithMs), importTime);
        const QByteArray token = login(target.vault, kAlice, kPasswords.value(kAlice));
        QCOMPARE(verifyKey(target.vault, token, replaced.id, backedUp.privateKey),
                 std::optional(true));
        QCOMPARE(verifyKey(target.vault, token, replaced.id, kTargetKeys.at(0).privateKey),
                 std::optional(false));
        EXPECT_VAULT_OK(target.vault.checkIntegrity());

        int updated = 0;
        for (const auto& event : storage::AuditRepository(target.vault.database()).latest(500)) {
            if (event.detail == QLatin1String("imported from backup") &&
                event.action == QLatin1String("credential_updated")) {
                QCOMPARE(event.credentialId, std::optional<qint64>(replaced.id));
                ++updated;
            }
        }
        QCOMPARE(updated, 1);
    }

    void importSkipsUsersMissingFromTheTarget() {
        Box target(dirPath(QStringLiteral("strangers-target.paycred")), targetTime());
        const QString admin = QStringLiteral("admin");
        QVERIFY2(populate(target, admin, {}, {}).isEmpty(), "populate failed");
        const QString before = fingerprint(target.vault);
        const QString backupPath = dirPath(QStringLiteral("strangers.paycred-backup"));
        QVERIFY(writeFile(backupPath, m_backup));

        Backup::ImportReport report;
        EXPECT_VAULT_OK(Backup::importInto(target.vault, backupPath, kPassphrase,
                                           Backup::Conflict::Replace, &report));
        QCOMPARE(describeReport(report),
                 QStringLiteral("imported 0, replaced 0, skipped ["
                                "owner/kopokopo: no user named owner in this vault; "
                                "alice/kopokopo: no user named alice in this vault; "
                                "alice/instasend: no user named alice in this vault; "
                                "bob/instasend: no user named bob in this vault]"));
        QCOMPARE(fingerprint(target.vault), before);
    }

    void importIsAllOrNothing() {
        Box target(dirPath(QStringLiteral("atomic-target.paycred")), targetTime());
        QVERIFY2(populateTarget(target).isEmpty(), "populate failed");
        // The database refuses the second insert (alice's instasend, after the owner's
        // kopokopo went in): the whole import must roll back.
        QString sqlError;
        QVERIFY(withRawConnection(target.path, [&](QSqlDatabase& db) {
            execSql(db,
                    "CREATE TRIGGER refuse_instasend BEFORE INSERT ON payment_credentials "
                    "WHEN NEW.provider = 'instasend' BEGIN SELECT RAISE(ABORT, 'refused'); END",
                    {}, &sqlError);
        }));
        QVERIFY2(sqlError.isEmpty(), qPrintable(sqlError));
        const QString before = fingerprint(target.vault);
        const QString backupPath = dirPath(QStringLiteral("atomic.paycred-backup"));
        QVERIFY(writeFile(backupPath, m_backup));

        Backup::ImportReport report;
        report.imported = 5;
        EXPECT_VAULT_ERROR(Backup::importInto(target.vault, backupPath, kPassphrase,
                                              Backup::Conflict::Replace, &report),
                           Error::Failed);
        QCOMPARE(describeReport(report), describeReport({}));
        QCOMPARE(fingerprint(target.vault), before);
        QString error;
        QCOMPARE(holdings(target.vault, kOwner, &error).size(), 0);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void importSkipsCredentialsTheBackupCannotDecrypt() {
        Box source(dirPath(QStringLiteral("unreadable-source.paycred")), startTime());
        const QString populated = populateSource(source);
        QVERIFY2(populated.isEmpty(), qPrintable(populated));
        QString sqlError;
        QVERIFY(withRawConnection(source.path, [&](QSqlDatabase& db) {
            QCOMPARE(execSql(db,
                             "UPDATE payment_credentials SET encrypted_api_key = 'gAAAAAbroken' "
                             "WHERE provider = 'kopokopo' AND user_id = (SELECT id FROM users "
                             "WHERE username = 'owner')",
                             {}, &sqlError),
                     1);
        }));
        QVERIFY2(sqlError.isEmpty(), qPrintable(sqlError));
        const QString backupPath = dirPath(QStringLiteral("unreadable.paycred-backup"));
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, backupPath, kPassphrase, {}, kCheapKdf));

        Box target(dirPath(QStringLiteral("unreadable-target.paycred")), targetTime());
        QVERIFY2(populateTarget(target).isEmpty(), "populate failed");
        Backup::ImportReport report;
        EXPECT_VAULT_OK(Backup::importInto(target.vault, backupPath, kPassphrase,
                                           Backup::Conflict::Skip, &report));
        QCOMPARE(describeReport(report),
                 QStringLiteral("imported 1, replaced 0, skipped ["
                                "owner/kopokopo: its keys cannot be decrypted in the backup; "
                                "alice/kopokopo: you already have credentials for kopokopo; "
                                "bob/instasend: no user named bob in this vault]"));
        QCOMPARE(storage::CredentialRepository(target.vault.database()).count(), 3);
        EXPECT_VAULT_OK(target.vault.checkIntegrity());
    }

    void importNeedsAnUnlockedVault() {
        Box target(dirPath(QStringLiteral("locked-target.paycred")), targetTime());
        QVERIFY2(populateTarget(target).isEmpty(), "populate failed");
        target.vault.lock();
        const QString backupPath = dirPath(QStringLiteral("locked-import.paycred-backup"));
        QVERIFY(writeFile(backupPath, m_backup));
        Backup::ImportReport report;
        report.replaced = 3;
        EXPECT_VAULT_ERROR(Backup::importInto(target.vault, backupPath, kPassphrase,
                                              Backup::Conflict::Skip, &report),
                           Error::Locked);
        QCOMPARE(describeReport(report), describeReport({}));
        QVERIFY(!login(target.vault, kOwner, kPasswords.value(kOwner)).isEmpty());
        QCOMPARE(storage::CredentialRepository(target.vault.database()).count(), 2);
        // A null report is allowed.
        EXPECT_VAULT_OK(Backup::importInto(target.vault, backupPath, kPassphrase,
                                           Backup::Conflict::Skip, nullptr));
        QCOMPARE(storage::CredentialRepository(target.vault.database()).count(), 4);
    }

    // ---- files that must not open ------------------------------------------------------------

    void wrongPassphrase() {
        const QString backupPath = dirPath(QStringLiteral("bad.paycred-backup"));
        QVERIFY(writeFile(backupPath, m_backup));
        const QString restoredPath = dirPath(QStringLiteral("never.paycred"));
        for (const QString& guess : {QStringLiteral("a long backup passphrasE"),
                                     QStringLiteral("a long backup passphrase "), QString()}) {
            const VaultStatus restored = Backup::restoreToNew(backupPath, guess, restoredPath);
            EXPECT_VAULT_ERROR(restored, Error::WrongPassword);
            QCOMPARE(restored.message, kWrongPassphraseText);
            QVERIFY(!QFileInfo::exists(restoredPath));

            const QString before = fingerprint(m_target->vault);
            Backup::ImportReport report;
            const VaultStatus imported = Backup::importInto(m_target->vault, backupPath, guess,
                                                            Backup::Conflict::Replace, &report);
            EXPECT_VAULT_ERROR(imported, Error::WrongPassword);
            QCOMPARE(imported.message, kWrongPassphraseText);
            QCOMPARE(fingerprint(m_target->vault), before);
            QCOMPARE(describeReport(report), describeReport({}));
        }
        // The right one still opens it.
        EXPECT_VAULT_OK(Backup::restoreToNew(backupPath, kPassphrase, restoredPath));
    }

    void truncatedBackup_data() {
        QTest::addColumn<qsizetype>("length");
        QTest::addColumn<int>("expected");
        const qsizetype size = m_backup.size();
        const int damaged = int(Error::Damaged);
        QTest::newRow("last 100 bytes cut") << size - 100 << damaged;
        QTest::newRow("last byte cut") << size - 1 << damaged;
        QTest::newRow("half the payload") << kHeaderBytes + (size - kHeaderBytes) / 2 << damaged;
        QTest::newRow("nonce and tag only") << qsizetype(kHeaderBytes + 12 + 16 - 1) << damaged;
        QTest::newRow("cut to the header") << qsizetype(kHeaderBytes) << damaged;
        QTest::newRow("cut inside the header digest") << qsizetype(kHeaderBytes - 1) << damaged;
        QTest::newRow("cut inside the salt") << qsizetype(kSaltOffset + 3) << damaged;
        QTest::newRow("cut after the version") << qsizetype(kVersionOffset + 2) << damaged;
        QTest::newRow("cut inside the version") << qsizetype(kVersionOffset + 1) << damaged;
        QTest::newRow("cut inside the magic") << qsizetype(8) << int(Error::NotAVault);
        QTest::newRow("empty") << qsizetype(0) << int(Error::NotAVault);
    }
    void truncatedBackup() {
        QFETCH(qsizetype, length);
        QFETCH(int, expected);
        const auto error = Error(expected);
        expectRefused(m_backup.first(length), error,
                      error == Error::Damaged ? kDamagedText : QString());
    }

    void tamperedHeader() {
        // Every header byte after the version: the header digest catches it before any
        // key derivation.
        for (qsizetype offset = kVersionOffset + 2; offset < kHeaderBytes; ++offset) {
            const QString backupPath = dirPath(QStringLiteral("bad.paycred-backup"));
            QVERIFY(writeFile(backupPath, flipped(m_backup, offset)));
            const QString target = dirPath(QStringLiteral("never.paycred"));
            const VaultStatus status = Backup::restoreToNew(backupPath, kPassphrase, target);
            QVERIFY2(status.error == Error::Damaged,
                     qPrintable(QStringLiteral("byte %1: %2").arg(offset).arg(statusText(status))));
            QCOMPARE(status.message, kDamagedText);
            QVERIFY(!QFileInfo::exists(target));
        }
        // And through an import, which changes nothing.
        expectRefused(flipped(m_backup, kSaltOffset + 5), Error::Damaged, kDamagedText);
    }

    void tamperedHeaderWithAMatchingDigest() {
        // Someone who rewrites the salt and recomputes the unkeyed digest still gets nothing:
        // the passphrase check (keyed by the passphrase) no longer matches.
        QByteArray bytes = flipped(m_backup, kSaltOffset);
        const qsizetype digestAt = kHeaderBytes - 32;
        bytes.replace(digestAt, 32, crypto::Digest::sha256(bytes.first(digestAt)));
        expectRefused(bytes, Error::WrongPassword, kWrongPassphraseText);
    }

    void tamperedPayload_data() {
        QTest::addColumn<qsizetype>("offset");
        QTest::newRow("nonce") << qsizetype(kHeaderBytes);
        QTest::newRow("master key length") << qsizetype(kHeaderBytes + 12);
        QTest::newRow("master key") << qsizetype(kHeaderBytes + 12 + 4 + 7);
        QTest::newRow("snapshot") << qsizetype(kHeaderBytes + (m_backup.size() - kHeaderBytes) / 2);
        QTest::newRow("tag") << m_backup.size() - 1;
    }
    void tamperedPayload() {
        QFETCH(qsizetype, offset);
        expectRefused(flipped(m_backup, offset), Error::Damaged, kDamagedText);
    }

    void appendedBytes() {
        expectRefused(m_backup + QByteArray(1, '\0'), Error::Damaged, kDamagedText);
    }

    void notABackup_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("text") << QByteArray("hello, this is not a backup at all\n");
        QTest::newRow("magic's first byte changed") << flipped(m_backup, 0);
        QTest::newRow("lower-case magic") << QByteArray("paycred-backup") + m_backup.mid(14);
        QTest::newRow("a vault file") << readFile(m_target->path);
        QTest::newRow("zeros") << QByteArray(4096, '\0');
    }
    void notABackup() {
        QFETCH(QByteArray, bytes);
        QVERIFY(!bytes.isEmpty());
        expectRefused(bytes, Error::NotAVault);
    }

    void newerFormat() {
        QByteArray bytes = m_backup;
        bytes[kVersionOffset + 1] = 2;
        expectRefused(bytes, Error::TooNew);
        bytes[kVersionOffset] = char(0xff);
        expectRefused(bytes, Error::TooNew);
        bytes[kVersionOffset] = 0;
        bytes[kVersionOffset + 1] = 0;
        expectRefused(bytes, Error::Damaged, kDamagedText);
    }

    // A well-sealed backup whose vault this PayCred cannot use: refused before anything is
    // written, with the vault's own reason.
    void backupOfAnUnusableVault_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("expected");
        QTest::newRow("newer schema")
            << QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)")
            << int(Error::TooNew);
        QTest::newRow("newer vault format")
            << QStringLiteral("UPDATE vault_meta SET value = '2' WHERE name = 'format_version'")
            << int(Error::TooNew);
        QTest::newRow("no data-key ring")
            << QStringLiteral("DELETE FROM vault_meta WHERE name = 'data_ring'")
            << int(Error::Damaged);
        QTest::newRow("another vault's id")
            << QStringLiteral("UPDATE vault_meta SET value = 'x' WHERE name = 'vault_id'")
            << int(Error::Damaged);
        QTest::newRow("not a vault")
            << QStringLiteral("DELETE FROM vault_meta WHERE name = 'format'")
            << int(Error::Damaged);
    }
    void backupOfAnUnusableVault() {
        QFETCH(QString, sql);
        QFETCH(int, expected);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        Box source(dirPath(QStringLiteral("unusable-%1.paycred").arg(tag)), startTime());
        const QString populated = populateSource(source);
        QVERIFY2(populated.isEmpty(), qPrintable(populated));
        QString sqlError;
        QVERIFY(withRawConnection(
            source.path, [&](QSqlDatabase& db) { QCOMPARE(execSql(db, sql, {}, &sqlError), 1); }));
        QVERIFY2(sqlError.isEmpty(), qPrintable(sqlError));
        const QString backupPath = dirPath(QStringLiteral("unusable-%1.paycred-backup").arg(tag));
        EXPECT_VAULT_OK(Backup::exportTo(source.vault, backupPath, kPassphrase, {}, kCheapKdf));
        expectRefused(readFile(backupPath), Error(expected),
                      Error(expected) == Error::Damaged ? kDamagedText : QString());
    }

    void targetStillBacksUpAfterRefusedImports() {
        // The target vault of the import tests still backs up and restores after the failed
        // imports: nothing was left half-done.
        const QString backupPath = dirPath(QStringLiteral("target.paycred-backup"));
        EXPECT_VAULT_OK(Backup::exportTo(m_target->vault, backupPath, kPassphrase, {}, kCheapKdf));
        const QString restoredPath = dirPath(QStringLiteral("target-restored.paycred"));
        EXPECT_VAULT_OK(Backup::restoreToNew(backupPath, kPassphrase, restoredPath));
        Box restored(restoredPath, targetTime());
        EXPECT_VAULT_OK(restored.vault.open(restoredPath));
        QString error;
        const auto carol = holdings(restored.vault, kCarol, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(carol.keys(), QStringList{kInsta});
        EXPECT_SAME_SECRET(carol.value(kInsta).privateKey, kTargetKeys.at(1).privateKey,
                           "carol's key");
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
