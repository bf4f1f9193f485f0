// The vault's files are readable by their owner only (mode 0600): the vault file and SQLite's
// -wal and -shm beside it, from the moment they exist; an older vault's wider files on open; a
// snapshot, a backup and a restored vault. The modes are read with stat(), under a umask of 022
// (the common default, which would give 0644).

#include "core/foundation/manualclock.h"
#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace paycred;
using namespace paycred::vaulttest;
using vault::Backup;
using vault::Vault;

namespace {

const QString kOwner = QStringLiteral("owner");
const QString kOwnerPassword = QStringLiteral("correct horse battery staple");
const QString kPassphrase = QStringLiteral("a long backup passphrase");
const crypto::Scrypt::Parameters kCheapKdf{1u << 10, 8, 1};

// The permission bits of `path`, or -1 when it does not exist.
int modeOf(const QString& path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QString octal(int mode) {
    return mode < 0 ? QStringLiteral("missing") : QStringLiteral("0%1").arg(mode, 0, 8);
}

#define EXPECT_MODE(path, expected)                                                                \
    do {                                                                                           \
        const int actual_ = modeOf(path);                                                          \
        QVERIFY2(actual_ == (expected),                                                            \
                 qPrintable(QStringLiteral("%1 has mode %2, expected %3")                          \
                                .arg(path, octal(actual_), octal(expected))));                     \
    } while (false)

// Writes through the vault (a login writes its audit event and last_login), so SQLite has its
// -wal and -shm beside the file.
void writeSomething(Vault& v) {
    QVERIFY(!login(v, kOwner, kOwnerPassword).isEmpty());
}

} // namespace

class TestVaultPermissions : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void createdVaultIsPrivate();
    void olderVaultIsTightenedOnOpen();
    void snapshotIsPrivate();
    void backupAndRestoredVaultArePrivate();

private:
    ManualClock m_clock{startTime()};
};

void TestVaultPermissions::initTestCase() {
    ::umask(022);
}

void TestVaultPermissions::createdVaultIsPrivate() {
    QTemporaryDir dir;
    const QString path = dir.filePath("vault.paycred");
    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.create(path, kOwner, kOwnerPassword));
    EXPECT_MODE(path, 0600);
    writeSomething(v);
    QVERIFY2(QFile::exists(path + "-wal") && QFile::exists(path + "-shm"),
             "the vault in WAL mode has no -wal/-shm while open");
    EXPECT_MODE(path, 0600);
    EXPECT_MODE(path + "-wal", 0600);
    EXPECT_MODE(path + "-shm", 0600);

    // Opened again later: still private, and so are the files SQLite makes anew.
    v.close();
    EXPECT_VAULT_OK(v.open(path));
    writeSomething(v);
    EXPECT_MODE(path, 0600);
    EXPECT_MODE(path + "-wal", 0600);
    EXPECT_MODE(path + "-shm", 0600);
}

void TestVaultPermissions::olderVaultIsTightenedOnOpen() {
    QTemporaryDir dir;
    const QString path = dir.filePath("vault.paycred");
    {
        Vault v(m_clock, cheapOptions());
        EXPECT_VAULT_OK(v.create(path, kOwner, kOwnerPassword));
        writeSomething(v);
    }
    // What an older PayCred left: the file and a -wal 0644 (SQLite would give a new -shm the
    // file's mode too).
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    QVERIFY(writeFile(path + "-wal", {}));
    QVERIFY(::chmod(QFile::encodeName(path + "-wal").constData(), 0644) == 0);
    EXPECT_MODE(path, 0644);

    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.open(path));
    EXPECT_MODE(path, 0600);
    writeSomething(v);
    EXPECT_MODE(path, 0600);
    EXPECT_MODE(path + "-wal", 0600);
    EXPECT_MODE(path + "-shm", 0600);
}

void TestVaultPermissions::snapshotIsPrivate() {
    QTemporaryDir dir;
    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.create(dir.filePath("vault.paycred"), kOwner, kOwnerPassword));
    writeSomething(v);
    const QString copy = dir.filePath("copy.paycred");
    EXPECT_VAULT_OK(v.snapshot(copy));
    EXPECT_MODE(copy, 0600);
    Vault opened(m_clock, cheapOptions());
    EXPECT_VAULT_OK(opened.open(copy)); // a whole vault, not just an empty private file
}

void TestVaultPermissions::backupAndRestoredVaultArePrivate() {
    QTemporaryDir dir;
    Vault v(m_clock, cheapOptions());
    EXPECT_VAULT_OK(v.create(dir.filePath("vault.paycred"), kOwner, kOwnerPassword));
    writeSomething(v);
    const QString backup = dir.filePath("vault.paycred-backup");
    EXPECT_VAULT_OK(Backup::exportTo(v, backup, kPassphrase, {}, kCheapKdf));
    EXPECT_MODE(backup, 0600);

    const QString restored = dir.filePath("restored.paycred");
    EXPECT_VAULT_OK(Backup::restoreToNew(backup, kPassphrase, restored));
    EXPECT_MODE(restored, 0600);
    Vault reopened(m_clock, cheapOptions());
    EXPECT_VAULT_OK(reopened.open(restored));
    writeSomething(reopened);
    EXPECT_MODE(restored + "-wal", 0600);
    EXPECT_MODE(restored + "-shm", 0600);
}

QTEST_GUILESS_MAIN(TestVaultPermissions)
#include "tst_vault_permissions.moc"
