#include "core/vault/backup.h"

#include "core/crypto/aesgcm.h"
#include "core/crypto/digest.h"
#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"
#include "core/foundation/clock.h"
#include "core/foundation/unicodetext.h"
#include "core/service/activekeys.h"
#include "core/service/services.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/migrations.h"
#include "core/storage/userrepository.h"
#include "core/storage/vaultmetarepository.h"
#include "core/vault/datakeyring.h"
#include "core/vault/vault.h"
#include "core/vault/vaultmeta.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtEndian>

#include <algorithm>
#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

// The file, all integers big-endian:
//
//   header   "PAYCRED-BACKUP" | u16 format (1) | u8 length + KDF name ("scrypt")
//            | u64 N | u32 r | u32 p | u8 length + salt (16 bytes)
//            | passphrase check (16 bytes) | SHA-256 of everything before it (32 bytes)
//   payload  AES-256-GCM (nonce || ciphertext || tag), the whole header as associated data, of
//            u32 length + the vault's master key, then the vault snapshot (a SQLite file)
//
// The scrypt output is split with HKDF into the payload key and a check key. The check (an HMAC
// of the header before it) tells a wrong passphrase from a damaged payload, which the GCM tag
// alone cannot; it reveals nothing the tag does not (either one confirms a guess after the same
// scrypt work). The header digest catches a changed header before any scrypt work.

namespace paycred::vault {

namespace {

using Error = VaultStatus::Error;

const QByteArray Magic = QByteArrayLiteral("PAYCRED-BACKUP");
const QByteArray KdfName = QByteArrayLiteral("scrypt");
const QByteArray PayloadPurpose = QByteArrayLiteral("paycred/backup/payload-key/v1");
const QByteArray CheckPurpose = QByteArrayLiteral("paycred/backup/passphrase-check/v1");
constexpr int CheckBytes = 16;
constexpr int HeaderDigestBytes = 32;
constexpr int DerivedKeyBytes = 32;
const QString SnapshotName = QStringLiteral("vault.sqlite");
const QString ImportDetail = QStringLiteral("imported from backup");

VaultStatus fail(Error error, QString message) {
    return VaultStatus::failure(error, std::move(message));
}

VaultStatus wrongPassphrase() {
    return fail(
        Error::WrongPassword,
        QStringLiteral("The passphrase does not open this backup. Check it and try again."));
}

VaultStatus damaged() {
    return fail(
        Error::Damaged,
        QStringLiteral("The backup file is damaged or was changed; it cannot be restored."));
}

QString nativePath(const QString& path) {
    return QDir::toNativeSeparators(path);
}

VaultStatus notABackup(const QString& path) {
    return fail(Error::NotAVault, QStringLiteral("%1 is not a PayCred backup. Choose a file made "
                                                 "with PayCred's backup.")
                                      .arg(nativePath(path)));
}

template <typename T> void appendNumber(QByteArray& out, T value) {
    const T bigEndian = qToBigEndian(value);
    out.append(reinterpret_cast<const char*>(&bigEndian), qsizetype(sizeof bigEndian));
}

// Reads a buffer front to back; every read fails once the data runs out.
class Reader {
public:
    explicit Reader(QByteArrayView data)
        : m_data(data) {}

    std::optional<QByteArrayView> take(qsizetype count) {
        if (count < 0 || m_data.size() - m_position < count)
            return std::nullopt;
        const QByteArrayView bytes = m_data.sliced(m_position, count);
        m_position += count;
        return bytes;
    }
    template <typename T> std::optional<T> number() {
        const auto bytes = take(qsizetype(sizeof(T)));
        if (!bytes)
            return std::nullopt;
        return qFromBigEndian<T>(bytes->data());
    }
    QByteArrayView rest() const { return m_data.sliced(m_position); }
    qsizetype position() const { return m_position; }

private:
    QByteArrayView m_data;
    qsizetype m_position = 0;
};

// The header up to (not including) the passphrase check.
QByteArray headerPrefix(const crypto::Scrypt::Parameters& kdf, QByteArrayView salt) {
    QByteArray out = Magic;
    appendNumber<quint16>(out, quint16(Backup::FormatVersion));
    appendNumber<quint8>(out, quint8(KdfName.size()));
    out.append(KdfName);
    appendNumber<quint64>(out, quint64(kdf.n));
    appendNumber<quint32>(out, quint32(kdf.r));
    appendNumber<quint32>(out, quint32(kdf.p));
    appendNumber<quint8>(out, quint8(salt.size()));
    out.append(salt);
    return out;
}

struct BackupKeys {
    crypto::Secret payload;
    crypto::Secret check;
};

// scrypt(passphrase, salt), split by HKDF into the payload key and the check key.
std::optional<BackupKeys> deriveKeys(const QString& passphrase, QByteArrayView salt,
                                     const crypto::Scrypt::Parameters& kdf) {
    QByteArray password = passphrase.toUtf8();
    const crypto::Secret root = crypto::Scrypt::derive(password, salt, kdf, DerivedKeyBytes);
    crypto::wipe(password);
    if (root.size() != std::size_t(DerivedKeyBytes))
        return std::nullopt;
    QByteArray payload = crypto::Digest::hkdfSha256(root.view(), PayloadPurpose, DerivedKeyBytes);
    QByteArray check = crypto::Digest::hkdfSha256(root.view(), CheckPurpose, DerivedKeyBytes);
    BackupKeys keys{crypto::Secret(payload), crypto::Secret(check)};
    crypto::wipe(payload);
    crypto::wipe(check);
    if (keys.payload.size() != std::size_t(crypto::AesGcm::KeyBytes) ||
        keys.check.size() != std::size_t(DerivedKeyBytes))
        return std::nullopt;
    return keys;
}

QByteArray passphraseCheck(const crypto::Secret& checkKey, QByteArrayView prefix) {
    return crypto::Digest::hmacSha256(checkKey.view(), prefix).left(CheckBytes);
}

struct Header {
    crypto::Scrypt::Parameters kdf;
    QByteArray salt;
    QByteArray prefix; // what the passphrase check covers
    QByteArray check;
    QByteArray bytes; // the whole header: the payload's associated data
};

struct ParsedFile {
    VaultStatus status;
    Header header;
    QByteArray sealed;
};

ParsedFile parseFile(const QByteArray& file, const QString& path) {
    ParsedFile parsed;
    if (!file.startsWith(Magic)) {
        parsed.status = notABackup(path);
        return parsed;
    }
    Reader in(file);
    in.take(Magic.size());
    const auto version = in.number<quint16>();
    if (!version || *version < 1) {
        parsed.status = damaged();
        return parsed;
    }
    if (*version > Backup::FormatVersion) {
        parsed.status =
            fail(Error::TooNew, QStringLiteral("This backup was made by a newer PayCred (backup "
                                               "format %1; this one reads format %2). Upgrade "
                                               "PayCred to restore it.")
                                    .arg(*version)
                                    .arg(Backup::FormatVersion));
        return parsed;
    }
    // Copied out of the file: length-prefixed fields are short.
    const auto takeField = [&in](std::optional<quint8> length) -> std::optional<QByteArray> {
        if (!length)
            return std::nullopt;
        const auto bytes = in.take(*length);
        if (!bytes)
            return std::nullopt;
        return bytes->toByteArray();
    };
    const auto name = takeField(in.number<quint8>());
    const auto n = in.number<quint64>();
    const auto r = in.number<quint32>();
    const auto p = in.number<quint32>();
    const auto salt = takeField(in.number<quint8>());
    const qsizetype prefixEnd = in.position();
    const auto check = in.take(CheckBytes);
    const qsizetype digestStart = in.position();
    const auto digest = in.take(HeaderDigestBytes);
    if (!name || !n || !r || !p || !salt || !check || !digest) {
        parsed.status = damaged();
        return parsed;
    }
    const QByteArray expectedDigest =
        crypto::Digest::sha256(QByteArrayView(file).first(digestStart));
    if (!crypto::Digest::constantTimeEquals(expectedDigest, *digest)) {
        parsed.status = damaged();
        return parsed;
    }
    parsed.header.kdf = {*n, *r, *p};
    // The digest matched, so these are as written: anything else is not ours to read.
    if (*name != KdfName || salt->size() != Backup::SaltBytes || !parsed.header.kdf.isValid()) {
        parsed.status = damaged();
        return parsed;
    }
    parsed.header.salt = *salt;
    parsed.header.prefix = file.first(prefixEnd);
    parsed.header.check = check->toByteArray();
    parsed.header.bytes = file.first(in.position());
    parsed.sealed = in.rest().toByteArray();
    if (parsed.sealed.size() < crypto::AesGcm::NonceBytes + crypto::AesGcm::TagBytes)
        parsed.status = damaged();
    return parsed;
}

struct OpenedBackup {
    VaultStatus status;
    crypto::Secret masterKey;
    crypto::Secret snapshot;
};

// Reads, checks and decrypts a backup file.
OpenedBackup openBackup(const QString& path, const QString& passphrase) {
    OpenedBackup opened;
    QFile file(path);
    if (!file.exists()) {
        opened.status = fail(
            Error::NotFound,
            QStringLiteral("There is no backup file at %1. Check the path.").arg(nativePath(path)));
        return opened;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        opened.status = fail(Error::Failed, QStringLiteral("Could not read the backup %1: %2.")
                                                .arg(nativePath(path), file.errorString()));
        return opened;
    }
    // Whatever the file is, only a backup is read whole.
    if (file.peek(Magic.size()) != Magic) {
        opened.status = notABackup(path);
        return opened;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        opened.status = fail(Error::Failed, QStringLiteral("Could not read the backup %1: %2.")
                                                .arg(nativePath(path), file.errorString()));
        return opened;
    }
    ParsedFile parsed = parseFile(bytes, path);
    if (!parsed.status.ok()) {
        opened.status = parsed.status;
        return opened;
    }
    const auto keys = deriveKeys(passphrase, parsed.header.salt, parsed.header.kdf);
    if (!keys) {
        opened.status = fail(Error::Failed, QStringLiteral("Could not derive the backup's key "
                                                           "(scrypt failed). Nothing was changed; "
                                                           "try again."));
        return opened;
    }
    if (!crypto::Digest::constantTimeEquals(passphraseCheck(keys->check, parsed.header.prefix),
                                            parsed.header.check)) {
        opened.status = wrongPassphrase();
        return opened;
    }
    const std::optional<crypto::Secret> plain =
        crypto::AesGcm::open(keys->payload.view(), parsed.sealed, parsed.header.bytes);
    if (!plain) {
        opened.status = damaged();
        return opened;
    }
    Reader payload(plain->view());
    const auto keyLength = payload.number<quint32>();
    const auto masterKey = keyLength ? payload.take(qsizetype(*keyLength)) : std::nullopt;
    if (!masterKey || masterKey->isEmpty() || payload.rest().isEmpty()) {
        opened.status = damaged();
        return opened;
    }
    opened.masterKey = crypto::Secret(*masterKey);
    opened.snapshot = crypto::Secret(payload.rest());
    return opened;
}

// Writes `bytes` to a new file `path` (never over an existing one), readable by its owner only.
bool writeNewFile(const QString& path, QByteArrayView bytes, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(bytes.data(), bytes.size()) != bytes.size() || !file.flush()) {
        *error = file.errorString();
        return false;
    }
    file.close();
    return true;
}

// The backed-up vault, read through its own Database (a different file, its own connections).
struct SourceVault {
    VaultStatus status;
    QList<storage::UserRecord> users;
    QList<storage::CredentialRecord> credentials;
    crypto::KeyRing ring;
};

SourceVault readSnapshot(const QString& path, const crypto::Secret& masterKey) {
    SourceVault source;
    storage::DatabaseConfig config;
    config.name = path;
    storage::Database db(config);
    const int schema = db.schemaVersion();
    if (schema > storage::Migrations::latestVersion()) {
        source.status =
            fail(Error::TooNew, QStringLiteral("This backup holds a vault from a newer PayCred "
                                               "(schema version %1; this one knows up to %2). "
                                               "Upgrade PayCred to restore it.")
                                    .arg(schema)
                                    .arg(storage::Migrations::latestVersion()));
        return source;
    }
    if (schema < 1 || !db.open()) {
        source.status = damaged();
        return source;
    }
    const storage::VaultMetaRepository meta(db);
    if (meta.value(VaultMeta::format()) != VaultMeta::formatName()) {
        source.status = damaged();
        return source;
    }
    if (meta.value(VaultMeta::formatVersion()).value_or(QString()).toInt() > Vault::FormatVersion) {
        source.status = fail(Error::TooNew, QStringLiteral("This backup holds a vault from a newer "
                                                           "PayCred. Upgrade PayCred to restore "
                                                           "it."));
        return source;
    }
    const auto vaultId = meta.value(VaultMeta::vaultId());
    const auto sealedRing = meta.value(VaultMeta::dataRing());
    const auto ring =
        vaultId && sealedRing ? DataKeyRing::open(*sealedRing, masterKey, *vaultId) : std::nullopt;
    if (!ring || ring->isEmpty()) {
        source.status = damaged();
        return source;
    }
    source.ring = *ring;

    const storage::UserRepository users(db);
    const storage::CredentialRepository credentials(db);
    source.users = users.list();
    source.credentials = credentials.listAll();
    // A failed read returns an empty list: compare with the counts.
    if (source.users.size() != users.count() || source.credentials.size() != credentials.count()) {
        source.status = damaged();
        return source;
    }
    return source;
}

// The backup's master key and snapshot, the snapshot written into `work` and read.
struct Restored {
    VaultStatus status;
    OpenedBackup backup;
    SourceVault source;
};

Restored restore(const QString& backupPath, const QString& passphrase, const QTemporaryDir& work) {
    Restored restored;
    restored.backup = openBackup(backupPath, passphrase);
    if (!restored.backup.status.ok()) {
        restored.status = restored.backup.status;
        return restored;
    }
    if (!work.isValid()) {
        restored.status =
            fail(Error::Failed, QStringLiteral("Could not make a temporary folder: %1. Nothing was "
                                               "changed.")
                                    .arg(work.errorString()));
        return restored;
    }
    const QString snapshotPath = work.filePath(SnapshotName);
    QString error;
    if (!writeNewFile(snapshotPath, restored.backup.snapshot.view(), &error)) {
        restored.status =
            fail(Error::Failed, QStringLiteral("Could not write a temporary copy of the backup: "
                                               "%1. Nothing was changed.")
                                    .arg(error));
        return restored;
    }
    restored.source = readSnapshot(snapshotPath, restored.backup.masterKey);
    restored.status = restored.source.status;
    return restored;
}

// True when writing `path` would replace the vault's own file (or its journal) — a backup must
// never take the place of what it backs up.
bool isVaultFile(const Vault& vault, const QString& path) {
    const QString target = QFileInfo(path).canonicalFilePath();
    const QString vaultPath = vault.path();
    if (target.isEmpty() || vaultPath.isEmpty())
        return false;
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        if (QFileInfo(vaultPath + suffix).canonicalFilePath() == target)
            return true;
    }
    return false;
}

} // namespace

bool Backup::passphraseLongEnough(QStringView passphrase) {
    return UnicodeText::codePoints(passphrase) >= MinPassphraseLength;
}

VaultStatus Backup::exportTo(const Vault& vault, const QString& path, const QString& passphrase,
                             const std::function<void(int percent)>& progress,
                             const crypto::Scrypt::Parameters& kdf) {
    const auto report = [&progress](int percent) {
        if (progress)
            progress(percent);
    };
    const VaultStatus locked = fail(Error::Locked, QStringLiteral("Unlock the vault before "
                                                                  "backing it up."));
    if (!vault.isUnlocked())
        return locked;
    if (!passphraseLongEnough(passphrase)) {
        return fail(Error::Refused,
                    QStringLiteral("A backup passphrase must be at least %1 characters long. "
                                   "Choose a longer one.")
                        .arg(MinPassphraseLength));
    }
    if (!kdf.isValid())
        return fail(Error::Refused,
                    QStringLiteral("The backup's scrypt parameters are not valid."));
    if (isVaultFile(vault, path)) {
        return fail(Error::Refused, QStringLiteral("%1 is the vault itself. Choose another file "
                                                   "for the backup.")
                                        .arg(nativePath(path)));
    }
    report(0);

    const crypto::Secret masterKey = vault.masterKey();
    if (masterKey.isEmpty())
        return locked;
    QTemporaryDir work;
    if (!work.isValid()) {
        return fail(Error::Failed,
                    QStringLiteral("Could not make a temporary folder for the backup: %1.")
                        .arg(work.errorString()));
    }
    const QString snapshotPath = work.filePath(SnapshotName);
    const VaultStatus snapshot = vault.snapshot(snapshotPath);
    if (!snapshot.ok())
        return snapshot;
    report(20);

    QByteArray plaintext;
    {
        QFile file(snapshotPath);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(
                Error::Failed,
                QStringLiteral("Could not read the vault's snapshot: %1.").arg(file.errorString()));
        }
        // Reserved up front so that no reallocation leaves a copy of the master key behind.
        plaintext.reserve(4 + qsizetype(masterKey.size()) + file.size());
        appendNumber<quint32>(plaintext, quint32(masterKey.size()));
        plaintext.append(masterKey.view());
        const QByteArray bytes = file.readAll();
        if (file.error() != QFileDevice::NoError || bytes.isEmpty()) {
            crypto::wipe(plaintext);
            return fail(
                Error::Failed,
                QStringLiteral("Could not read the vault's snapshot: %1.").arg(file.errorString()));
        }
        plaintext.append(bytes);
    }
    report(35);

    const QByteArray salt = crypto::Digest::randomBytes(SaltBytes);
    const auto keys = salt.size() == SaltBytes ? deriveKeys(passphrase, salt, kdf) : std::nullopt;
    if (!keys) {
        crypto::wipe(plaintext);
        return fail(Error::Failed, QStringLiteral("Could not derive the backup's key (scrypt "
                                                  "failed). No backup was written; try again."));
    }
    report(70);

    QByteArray header = headerPrefix(kdf, salt);
    header += passphraseCheck(keys->check, header);
    header += crypto::Digest::sha256(header);
    const QByteArray sealed = crypto::AesGcm::seal(keys->payload.view(), plaintext, header);
    crypto::wipe(plaintext);
    if (sealed.isEmpty()) {
        return fail(Error::Failed,
                    QStringLiteral("Could not encrypt the backup. No backup was written."));
    }
    report(85);

    QSaveFile out(path);
    bool written = out.open(QIODevice::WriteOnly);
#ifdef Q_OS_UNIX
    written = written && ::fchmod(out.handle(), S_IRUSR | S_IWUSR) == 0;
#else
    written = written && out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
#endif
    written = written && out.write(header) == header.size() && out.write(sealed) == sealed.size();
    if (!written || !out.commit()) {
        const QString reason = out.errorString();
        out.cancelWriting();
        return fail(
            Error::Failed,
            QStringLiteral("Could not write the backup to %1: %2.").arg(nativePath(path), reason));
    }
    report(100);
    return VaultStatus::success();
}

VaultStatus Backup::restoreToNew(const QString& backupPath, const QString& passphrase,
                                 const QString& newVaultPath) {
    const QFileInfo target(newVaultPath);
    const VaultStatus exists = fail(Error::Exists, QStringLiteral("There is already a file at %1. "
                                                                  "Choose a new name for the "
                                                                  "restored vault.")
                                                       .arg(nativePath(newVaultPath)));
    if (target.exists() || target.isSymLink())
        return exists;

    const QTemporaryDir work;
    const Restored restored = restore(backupPath, passphrase, work);
    if (!restored.status.ok())
        return restored.status;

    const QString folder = target.absolutePath();
    if (!QDir().mkpath(folder)) {
        return fail(Error::Failed, QStringLiteral("Could not make the folder %1 for the restored "
                                                  "vault.")
                                       .arg(nativePath(folder)));
    }
    // Written beside the target and renamed into place, never over an existing file: the vault
    // appears whole or not at all.
    QTemporaryFile file(QDir(folder).filePath(QStringLiteral(".paycred-restore-XXXXXX")));
    const QByteArrayView bytes = restored.backup.snapshot.view();
    bool written =
        file.open() && file.write(bytes.data(), bytes.size()) == bytes.size() && file.flush();
#ifdef Q_OS_UNIX
    written = written && ::fsync(file.handle()) == 0;
#endif
    if (!written) {
        return fail(Error::Failed, QStringLiteral("Could not write the restored vault in %1: %2. "
                                                  "Nothing was changed.")
                                       .arg(nativePath(folder), file.errorString()));
    }
    if (!file.rename(newVaultPath)) {
        if (QFileInfo::exists(newVaultPath))
            return exists;
        return fail(Error::Failed,
                    QStringLiteral("Could not write the restored vault to %1: %2. Nothing was "
                                   "changed.")
                        .arg(nativePath(newVaultPath), file.errorString()));
    }
    file.setAutoRemove(false);
    return VaultStatus::success();
}

VaultStatus Backup::importInto(Vault& vault, const QString& backupPath, const QString& passphrase,
                               Conflict conflict, ImportReport* report) {
    if (report)
        *report = {};
    const VaultStatus locked =
        fail(Error::Locked, QStringLiteral("Unlock the vault before importing a backup into it."));
    if (!vault.isUnlocked())
        return locked;

    const QTemporaryDir work;
    const Restored restored = restore(backupPath, passphrase, work);
    if (!restored.status.ok())
        return restored.status;
    const SourceVault& source = restored.source;

    if (!vault.keys().isSet())
        return locked;
    const service::Services& services = vault.services();

    QHash<qint64, QString> ownerNames;
    for (const storage::UserRecord& user : source.users)
        ownerNames.insert(user.id, user.username);
    for (const storage::CredentialRecord& row : source.credentials) {
        if (!ownerNames.contains(row.userId))
            return damaged();
    }

    const storage::Database& db = vault.database();
    service::Actor importer;
    importer.remoteAddr = QStringLiteral("local");
    ImportReport result;
    const bool committed = db.transaction([&] {
        result = {};
        const storage::UserRepository users(db);
        for (const storage::CredentialRecord& row : source.credentials) {
            const QString username = ownerNames.value(row.userId);
            const auto user = users.findByUsername(username);
            if (!user) {
                result.skipped.append(
                    {username, row.provider,
                     QStringLiteral("no user named %1 in this vault").arg(username)});
                continue;
            }
            // Through the same rules as a credential created by hand (CredentialService).
            const auto imported = services.credentials().importCredential(
                importer, user->id, row, source.ring, conflict == Conflict::Replace, ImportDetail);
            using Result = service::CredentialService::Imported::Result;
            switch (imported.result) {
            case Result::Failed:
                return false;
            case Result::Skipped:
                result.skipped.append({username, row.provider, imported.reason});
                break;
            case Result::Created:
                ++result.imported;
                result.written.append({username, row.provider, false});
                break;
            case Result::Replaced:
                ++result.replaced;
                result.written.append({username, row.provider, true});
                break;
            }
        }
        return true;
    });
    if (!committed) {
        return fail(Error::Failed, QStringLiteral("The vault's database failed while importing "
                                                  "the backup. Nothing was changed; try again."));
    }
    if (report)
        *report = result;
    return VaultStatus::success();
}

} // namespace paycred::vault
