// The backup header reader: the input as a backup file, restored with a fixed passphrase. Its
// header digest is made to match (the reader checks it before anything else), so the fields
// behind it are reached; scrypt parameters above a small cost are not run.
#include "fuzz/fuzztarget.h"

#include "core/crypto/digest.h"
#include "core/vault/backup.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>

#include <cstdlib>

namespace paycred::fuzz {

namespace {

// The layout Backup writes (core/vault/backup.cpp): magic, u16 format, u8-length kdf name,
// u64 n, u32 r, u32 p, u8-length salt, 16-byte check, 32-byte SHA-256 of all before it.
constexpr qsizetype MagicBytes = 14; // "PAYCRED-BACKUP"
constexpr qsizetype CheckBytes = 16;
constexpr qsizetype DigestBytes = 32;
constexpr quint64 MaxFuzzScryptN = 16;
constexpr quint32 MaxFuzzScryptRp = 8;

// Rewrites the header digest of `file` to the right one; false when the kdf would be costly.
bool fixHeader(QByteArray& file) {
    qsizetype at = MagicBytes + 2;
    if (file.size() < at + 1)
        return true;
    at += 1 + quint8(file.at(at));
    if (file.size() < at + 16)
        return true;
    const auto n = qFromBigEndian<quint64>(file.constData() + at);
    const auto r = qFromBigEndian<quint32>(file.constData() + at + 8);
    const auto p = qFromBigEndian<quint32>(file.constData() + at + 12);
    if (n > MaxFuzzScryptN || quint64(r) * p > MaxFuzzScryptRp)
        return false;
    at += 16;
    if (file.size() < at + 1)
        return true;
    at += 1 + quint8(file.at(at)) + CheckBytes;
    if (file.size() < at + DigestBytes)
        return true;
    const QByteArray digest = crypto::Digest::sha256(QByteArrayView(file).first(at));
    file.replace(at, DigestBytes, digest);
    return true;
}

} // namespace

void fuzzBackup(QByteArrayView input) {
    static QTemporaryDir dir(QDir(QStringLiteral("/dev/shm")).exists()
                                 ? QStringLiteral("/dev/shm/paycred-fuzz-XXXXXX")
                                 : QDir::tempPath() + QStringLiteral("/paycred-fuzz-XXXXXX"));
    if (!dir.isValid())
        std::abort();
    QByteArray bytes = input.toByteArray();
    if (!fixHeader(bytes))
        return;
    const QString path = dir.filePath(QStringLiteral("input.paycred-backup"));
    const QString vaultPath = dir.filePath(QStringLiteral("restored.paycred"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size())
            std::abort();
    }
    QFile::remove(vaultPath);
    (void)vault::Backup::restoreToNew(path, QStringLiteral("fuzz passphrase"), vaultPath);
    QFile::remove(vaultPath);
}

} // namespace paycred::fuzz
