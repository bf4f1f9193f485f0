#include "core/vault/vault.h"

#include <algorithm>

#include "core/api/router.h"
#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/foundation/clock.h"
#include "core/service/activekeys.h"
#include "core/service/services.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/keyslotrepository.h"
#include "core/storage/migrations.h"
#include "core/storage/userrepository.h"
#include "core/storage/vaultmetarepository.h"
#include "core/vault/datakeyring.h"
#include "core/vault/keyslot.h"
#include "core/vault/logging.h"
#include "core/vault/rememberedslot.h"
#include "core/vault/slotpasswordstore.h"
#include "core/vault/vaultauditkey.h"
#include "core/vault/vaultmeta.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <atomic>

namespace paycred::vault {

namespace {
using Error = VaultStatus::Error;

constexpr int MasterKeyBytes = 32;
constexpr int JwtKeyBytes = 32;
constexpr int ThrottleKeyBytes = 32;

crypto::Secret randomThrottleKey() {
    return crypto::Secret(crypto::Digest::randomBytes(ThrottleKeyBytes));
}

QString throttleKeyText(const crypto::Secret& key) {
    return QString::fromLatin1(key.view().toByteArray().toBase64());
}

// The throttle key of an open vault, made and stored first when it has none (a vault made
// before the throttle keyed its usernames). In clear: the throttle counts failed logins of a
// locked vault.
std::optional<crypto::Secret> loadOrCreateThrottleKey(const storage::Database& db) {
    std::optional<crypto::Secret> key;
    const bool committed = db.transaction([&] {
        const storage::VaultMetaRepository meta(db);
        if (const auto stored = meta.value(VaultMeta::throttleKey())) {
            QByteArray bytes = QByteArray::fromBase64(stored->toLatin1());
            if (bytes.size() == ThrottleKeyBytes)
                key = crypto::Secret(bytes);
            crypto::wipe(bytes);
            return key.has_value();
        }
        crypto::Secret made = randomThrottleKey();
        if (!meta.setValue(VaultMeta::throttleKey(), throttleKeyText(made)))
            return false;
        key = std::move(made);
        return true;
    });
    return committed ? std::move(key) : std::nullopt;
}

QString shown(const QString& path) {
    return QDir::toNativeSeparators(path);
}

void removeFiles(const QString& path) {
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// An empty file only its owner may read or write, made before SQLite opens it: SQLite gives a
// database's -wal, -shm and -journal files the mode of the database file itself.
bool createOwnerOnly(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly) &&
           file.setPermissions(OwnerOnly); // the umask may have taken bits away: set exactly
}

// A vault made before its files were private, or a file whose mode someone widened: only the
// owner again, for the file and whichever of its -wal/-shm/-journal exist.
void restrictToOwner(const QString& path) {
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile file(path + suffix);
        if (file.exists() && !file.setPermissions(OwnerOnly))
            qCWarning(lcVault) << "could not make" << shown(path + suffix)
                               << "readable by its owner only";
    }
}

VaultStatus wrongPassword() {
    return VaultStatus::failure(Error::WrongPassword,
                                QStringLiteral("The username or password is wrong. Check them "
                                               "and try again."));
}

VaultStatus locked() {
    return VaultStatus::failure(Error::Locked,
                                QStringLiteral("The vault is locked. Log in to unlock it, then "
                                               "try again."));
}

// A read-only look at a file through its own raw connection: no migrations, no pragmas, so a
// file that is not a vault is left exactly as it was.
class RawConnection {
public:
    explicit RawConnection(const QString& path)
        : m_name(QStringLiteral("paycred-vault-inspect-%1").arg(++s_sequence)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_opened = db.open();
        if (!m_opened)
            m_error = db.lastError().driverText();
    }
    ~RawConnection() {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool isOpen() const { return m_opened; }
    QString error() const { return m_error; }
    std::optional<QString> value(const QString& sql) const {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql) || !query.next() || query.value(0).isNull())
            return std::nullopt;
        return query.value(0).toString();
    }
    // For a copy this vault just wrote (snapshot()), never for a file being inspected.
    bool exec(const QString& sql) const {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(sql);
    }
    std::optional<QString> meta(const QString& name) const {
        return value(QStringLiteral("SELECT value FROM vault_meta WHERE name = '%1'").arg(name));
    }

private:
    static inline std::atomic<int> s_sequence{0};
    QString m_name;
    bool m_opened = false;
    QString m_error;
};

std::optional<int> number(const std::optional<QString>& text) {
    bool ok = false;
    const int value = text ? text->toInt(&ok) : 0;
    return ok ? std::optional<int>(value) : std::nullopt;
}

// Whether `path` holds a vault this build can open, without changing the file.
VaultStatus inspect(const QString& path) {
    QFile file(path);
    if (!file.exists()) {
        return VaultStatus::failure(Error::NotFound,
                                    QStringLiteral("There is no vault at %1. Create one, or choose "
                                                   "another file.")
                                        .arg(shown(path)));
    }
    if (!file.open(QIODevice::ReadOnly) || file.read(16) != QByteArray("SQLite format 3\0", 16)) {
        return VaultStatus::failure(
            Error::NotAVault, QStringLiteral("%1 is not a PayCred vault: it is not a database "
                                             "file. Choose the vault file, or restore it from a "
                                             "backup.")
                                  .arg(shown(path)));
    }
    file.close();

    const RawConnection raw(path);
    if (!raw.isOpen()) {
        return VaultStatus::failure(
            Error::NotAVault,
            QStringLiteral("%1 cannot be opened as a vault: %2.").arg(shown(path), raw.error()));
    }
    if (raw.meta(VaultMeta::format()) != VaultMeta::formatName()) {
        return VaultStatus::failure(
            Error::NotAVault, QStringLiteral("%1 is a database, but not a PayCred vault. Choose "
                                             "the vault file.")
                                  .arg(shown(path)));
    }
    const auto formatVersion = number(raw.meta(VaultMeta::formatVersion()));
    const auto schemaVersion =
        number(raw.value(QStringLiteral("SELECT MAX(version) FROM schema_migrations")));
    if ((formatVersion && *formatVersion > Vault::FormatVersion) ||
        (schemaVersion && *schemaVersion > storage::Migrations::latestVersion())) {
        return VaultStatus::failure(
            Error::TooNew,
            QStringLiteral("%1 was made by a newer PayCred. Update PayCred to open it.")
                .arg(shown(path)));
    }
    if (!formatVersion || !schemaVersion || !raw.meta(VaultMeta::vaultId()) ||
        !raw.meta(VaultMeta::dataRing())) {
        return VaultStatus::failure(Error::Damaged,
                                    QStringLiteral("The vault %1 is damaged: its description or "
                                                   "keys are missing. Restore it from a backup.")
                                        .arg(shown(path)));
    }
    return VaultStatus::success();
}
} // namespace

Vault::Vault(const Clock& clock, VaultOptions options)
    : m_clock(clock)
    , m_options(std::move(options)) {}

Vault::~Vault() {
    close();
}

bool Vault::isOpen() const {
    return m_db != nullptr;
}

bool Vault::isUnlocked() const {
    QMutexLocker lock(&m_mutex);
    return !m_masterKey.isEmpty();
}

QString Vault::path() const {
    QMutexLocker lock(&m_mutex);
    return m_path;
}

QString Vault::id() const {
    QMutexLocker lock(&m_mutex);
    return m_id;
}

const service::Services& Vault::services() const {
    return *m_services;
}

const service::ActiveKeys& Vault::keys() const {
    return *m_keys;
}

const storage::Database& Vault::database() const {
    return *m_db;
}

crypto::Secret Vault::masterKey() const {
    QMutexLocker lock(&m_mutex);
    return m_masterKey;
}

VaultStatus Vault::openDatabase(const QString& path, bool creating) {
    storage::DatabaseConfig config;
    config.name = path;
    auto db = std::make_unique<storage::Database>(config);
    QString error;
    if (!db->open(&error)) {
        return VaultStatus::failure(
            creating ? Error::Failed : Error::Damaged,
            QStringLiteral("The vault %1 cannot be opened: %2").arg(shown(path), error));
    }
    m_db = std::move(db);
    QMutexLocker lock(&m_mutex);
    m_path = path;
    return VaultStatus::success();
}

void Vault::wire(const crypto::Secret& throttleKey) {
    service::ServiceSettings settings = m_options.settings;
    settings.throttleKey = throttleKey;
    m_keys = std::make_unique<service::ActiveKeys>();
    m_passwords = std::make_unique<SlotPasswordStore>(*this);
    m_services = std::make_unique<service::Services>(*m_db, std::move(settings), m_clock, *m_keys,
                                                     *m_passwords);
    m_router = std::make_unique<api::Router>(*m_services);
}

VaultStatus Vault::create(const QString& path, const QString& ownerName,
                          const QString& ownerPassword) {
    close();
    if (QFileInfo::exists(path)) {
        return VaultStatus::failure(
            Error::Exists, QStringLiteral("%1 already exists. Open it, or choose another file "
                                          "for the new vault.")
                               .arg(shown(path)));
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!createOwnerOnly(path)) {
        return VaultStatus::failure(Error::Failed,
                                    QStringLiteral("The vault %1 could not be made. Check that "
                                                   "the folder is writable and has space.")
                                        .arg(shown(path)));
    }
    if (VaultStatus status = openDatabase(path, true); !status.ok()) {
        removeFiles(path);
        return status;
    }
    const QString vaultId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const crypto::Secret masterKey(crypto::Digest::randomBytes(MasterKeyBytes));
    const crypto::KeyRing ring({crypto::FernetKey::generate()});
    const crypto::Secret auditKey(crypto::Digest::randomBytes(VaultAuditKey::KeyBytes));
    const crypto::Secret throttleKey = randomThrottleKey();
    {
        QMutexLocker lock(&m_mutex);
        m_id = vaultId;
    }
    wire(throttleKey);

    QString refusal;
    const bool written = m_db->transaction([&] {
        const storage::VaultMetaRepository repository(*m_db);
        const QString sealedRing = DataKeyRing::seal(ring, masterKey, vaultId);
        const QString sealedAuditKey = VaultAuditKey::seal(auditKey, masterKey, vaultId);
        if (sealedRing.isEmpty() || sealedAuditKey.isEmpty() ||
            !repository.setValue(VaultMeta::format(), VaultMeta::formatName()) ||
            !repository.setValue(VaultMeta::formatVersion(), QString::number(FormatVersion)) ||
            !repository.setValue(VaultMeta::vaultId(), vaultId) ||
            !repository.setValue(VaultMeta::dataRing(), sealedRing) ||
            !repository.setValue(VaultMeta::auditKey(), sealedAuditKey) ||
            !repository.setValue(VaultMeta::throttleKey(), throttleKeyText(throttleKey)) ||
            !repository.setValue(VaultMeta::createdAt(), m_clock.now().toString(Qt::ISODate)))
            return false;
        if (!acceptMasterKey(masterKey).ok())
            return false;
        const auto owner = m_services->users().create(ownerName, ownerPassword, true);
        refusal = owner.error;
        return owner.ok();
    });
    if (!written) {
        close();
        removeFiles(path);
        if (!refusal.isEmpty())
            return VaultStatus::failure(Error::Refused, refusal);
        return VaultStatus::failure(Error::Failed,
                                    QStringLiteral("The vault %1 could not be written. Check that "
                                                   "the folder is writable and has space.")
                                        .arg(shown(path)));
    }
    qCInfo(lcVault) << "created the vault" << shown(path);
    return VaultStatus::success();
}

VaultStatus Vault::open(const QString& path) {
    close();
    if (VaultStatus status = inspect(path); !status.ok())
        return status;
    restrictToOwner(path);
    if (VaultStatus status = openDatabase(path, false); !status.ok())
        return status;
    const auto vaultId = storage::VaultMetaRepository(*m_db).value(VaultMeta::vaultId());
    if (!vaultId) {
        close();
        return VaultStatus::failure(Error::Damaged,
                                    QStringLiteral("The vault %1 is damaged: its id cannot be "
                                                   "read. Restore it from a backup.")
                                        .arg(shown(path)));
    }
    const auto throttleKey = loadOrCreateThrottleKey(*m_db);
    if (!throttleKey) {
        close();
        return VaultStatus::failure(Error::Damaged,
                                    QStringLiteral("The vault %1 is damaged: its login throttle's "
                                                   "key cannot be read or written. Restore it "
                                                   "from a backup.")
                                        .arg(shown(path)));
    }
    {
        QMutexLocker lock(&m_mutex);
        m_id = *vaultId;
    }
    wire(*throttleKey);
    // A remembered unlock whose time is up is gone from the file, not only refused on use.
    if (const int expired = RememberedSlot::removeExpired(*m_db, m_clock.nowSecs()); expired > 0)
        qCInfo(lcVault) << "removed" << expired << "expired remembered unlock(s)";
    else if (expired < 0)
        qCWarning(lcVault) << "the expired remembered unlocks could not be removed";
    touch();
    return VaultStatus::success();
}

void Vault::close() {
    lock();
    m_router.reset();
    m_services.reset();
    m_passwords.reset();
    m_keys.reset();
    m_db.reset();
    QMutexLocker lock(&m_mutex);
    m_path.clear();
    m_id.clear();
}

void Vault::lock() {
    QMutexLocker lock(&m_mutex);
    m_masterKey.clear();
    if (m_keys)
        m_keys->clear();
}

VaultStatus Vault::acceptMasterKey(const crypto::Secret& masterKey) {
    {
        QMutexLocker lock(&m_mutex);
        if (!m_masterKey.isEmpty()) {
            return crypto::Digest::constantTimeEquals(m_masterKey.view(), masterKey.view())
                       ? VaultStatus::success()
                       : wrongPassword();
        }
    }
    const auto sealedRing = storage::VaultMetaRepository(*m_db).value(VaultMeta::dataRing());
    const auto ring = sealedRing ? DataKeyRing::open(*sealedRing, masterKey, id()) : std::nullopt;
    if (!ring || ring->isEmpty()) {
        return VaultStatus::failure(Error::Damaged,
                                    QStringLiteral("The vault's data keys cannot be opened with "
                                                   "this key. Restore the vault from a backup."));
    }
    const auto auditKey = VaultAuditKey::loadOrCreate(*m_db, masterKey, id());
    if (!auditKey) {
        return VaultStatus::failure(Error::Damaged,
                                    QStringLiteral("The vault's audit key cannot be opened or "
                                                   "made with this key. Restore the vault from "
                                                   "a backup."));
    }
    service::KeySet keys{*ring,
                         crypto::Jwt(crypto::Secret(crypto::Digest::randomBytes(JwtKeyBytes))),
                         service::AuditKeys({*auditKey})};
    {
        // The master key and the keys it opens appear together, under the mutex lock() takes:
        // a lock() can never fall between them and leave keys active in a locked vault.
        QMutexLocker lock(&m_mutex);
        if (!m_masterKey.isEmpty()) // unlocked by another request meanwhile
            return crypto::Digest::constantTimeEquals(m_masterKey.view(), masterKey.view())
                       ? VaultStatus::success()
                       : wrongPassword();
        m_masterKey = masterKey;
        m_keys->set(std::move(keys));
    }
    touch();
    // The failed logins written while the vault was locked join the chain now.
    if (!m_services->auditChain().chainPending())
        qCWarning(lcVault) << "the audit events written while locked could not be chained yet";
    if (rotationPending()) {
        qCInfo(lcVault) << "finishing an interrupted key rotation";
        if (const VaultStatus finished = finishRotation(); !finished.ok())
            qCWarning(lcVault) << finished.message;
    }
    return VaultStatus::success();
}

api::ApiResponse Vault::handle(const api::ApiRequest& request) {
    if (!m_router) {
        return api::Router::withStandardHeaders(api::ApiResponse::json(
            503, QJsonObject{{QStringLiteral("error"),
                              QStringLiteral("No vault is open. Open or create one first.")}}));
    }
    touch();
    return m_router->handle(request);
}

VaultStatus Vault::unlock(const QString& username, const QString& password) {
    if (!isOpen())
        return VaultStatus::failure(Error::Failed, QStringLiteral("No vault is open."));
    const auto user = storage::UserRepository(*m_db).findByUsername(username);
    const auto masterKey = user ? m_passwords->openSlot(*user, password) : std::nullopt;
    if (!user)
        m_passwords->verifyNothing(password);
    if (!masterKey || !user->isActive)
        return wrongPassword();
    return acceptMasterKey(*masterKey);
}

ResumedSession Vault::resume(const QString& username, const crypto::Secret& masterKey,
                             const QString& remoteAddress) {
    ResumedSession session;
    if (!isOpen())
        return session;
    const auto user = storage::UserRepository(*m_db).findByUsername(username);
    const bool hasSlot = user && storage::KeySlotRepository(*m_db).find(user->id).has_value();
    if (!hasSlot || !user->isActive || !acceptMasterKey(masterKey).ok())
        return session;
    const auto login = m_services->auth().startSession(*user, remoteAddress);
    if (login.status != service::AuthService::Login::Status::Ok)
        return session;
    session.ok = true;
    session.userId = login.user.id;
    session.username = login.user.username;
    session.isSuperuser = login.user.isSuperuser;
    session.accessToken = crypto::Secret(login.accessToken);
    session.refreshToken = crypto::Secret(login.refreshToken);
    session.expiresInSecs = m_services->auth().accessLifetimeSecs();
    return session;
}

crypto::Secret Vault::rememberUnlock(const QString& username, qint64 expiresAt) {
    const crypto::Secret master = masterKey();
    if (!isOpen() || master.isEmpty() || expiresAt <= m_clock.nowSecs())
        return {};
    const auto user = storage::UserRepository(*m_db).findByUsername(username);
    if (!user || !user->isActive || !storage::KeySlotRepository(*m_db).find(user->id))
        return {};
    crypto::Secret secret(crypto::Digest::randomBytes(RememberedSlot::SecretBytes));
    const auto slot =
        RememberedSlot::seal(id(), user->id, user->username, expiresAt, master, secret);
    if (!slot || !RememberedSlot::save(*m_db, *slot)) {
        qCWarning(lcVault) << "a remembered unlock could not be written to the vault";
        return {};
    }
    qCInfo(lcVault) << "remembered the unlock of user" << user->id << "until" << expiresAt;
    return secret;
}

bool Vault::forgetRemembered(const QString& username) {
    if (!isOpen())
        return false;
    const auto user = storage::UserRepository(*m_db).findByUsername(username);
    return !user || RememberedSlot::remove(*m_db, user->id);
}

ResumedSession Vault::resumeRemembered(const QString& username, const crypto::Secret& secret,
                                       const QString& remoteAddress) {
    if (!isOpen())
        return {};
    const auto user = storage::UserRepository(*m_db).findByUsername(username);
    const auto slot = user ? RememberedSlot::find(*m_db, user->id) : std::nullopt;
    if (!slot || slot->username != user->username)
        return {};
    if (m_clock.nowSecs() >= slot->expiresAt) {
        RememberedSlot::remove(*m_db, user->id);
        return {};
    }
    const auto master = slot->open(id(), secret);
    if (!master)
        return {};
    return resume(username, *master, remoteAddress);
}

bool Vault::rotationPending() const {
    return isOpen() && storage::VaultMetaRepository(*m_db).value(VaultMeta::rotation()).has_value();
}

VaultStatus Vault::rotateDataKey() {
    const auto keys = m_keys ? m_keys->get() : nullptr;
    const crypto::Secret master = masterKey();
    if (!keys || master.isEmpty())
        return locked();
    QList<crypto::FernetKey> list{crypto::FernetKey::generate()};
    for (qsizetype i = 0; i < keys->ring.size(); ++i)
        list.append(keys->ring.key(i));
    const crypto::KeyRing next(list);
    // First the ring that holds both keys, then the rows: a crash anywhere leaves every row
    // readable, and the flag makes the next unlock finish the work.
    const bool started = m_db->transaction([&] {
        const storage::VaultMetaRepository repository(*m_db);
        const QString sealed = DataKeyRing::seal(next, master, id());
        return !sealed.isEmpty() && repository.setValue(VaultMeta::dataRing(), sealed) &&
               repository.setValue(VaultMeta::rotation(), m_clock.now().toString(Qt::ISODate));
    });
    if (!started)
        return VaultStatus::failure(Error::Failed, QStringLiteral("The key rotation could not "
                                                                  "start; nothing was changed."));
    if (!replaceKeys(service::KeySet{next, keys->jwt, keys->audit}))
        return locked(); // locked meanwhile: the next unlock finishes the rotation
    return finishRotation();
}

bool Vault::replaceKeys(service::KeySet keys) {
    // Under the mutex that lock() takes: keys are never put back after a lock.
    QMutexLocker lock(&m_mutex);
    if (m_masterKey.isEmpty())
        return false;
    m_keys->set(std::move(keys));
    return true;
}

VaultStatus Vault::finishRotation() {
    const auto keys = m_keys->get();
    const crypto::Secret master = masterKey();
    if (!keys || master.isEmpty())
        return locked();
    const crypto::KeyRing& ring = keys->ring;
    service::KeyRotation::Options options;
    options.mayContinue = [this] {
        if (m_options.rotationPauseMsPerRow > 0)
            QThread::msleep(static_cast<unsigned long>(m_options.rotationPauseMsPerRow));
        return isUnlocked(); // a lock stops here; the next unlock resumes
    };
    options.detail = QStringLiteral("new data key %1").arg(ring.primary().fingerprint());
    const service::KeyRotation::Report report = m_services->rotation().run(ring, options);
    if (report.stopped)
        return locked();
    if (!report.failures.isEmpty()) {
        return VaultStatus::failure(
            Error::Failed, QStringLiteral("Some credentials could not be re-encrypted (%1); the "
                                          "old key is kept so nothing is lost. Run the integrity "
                                          "check.")
                               .arg(report.failures.join(QStringLiteral("; "))));
    }
    const crypto::KeyRing finalRing({ring.primary()});
    const bool finished = m_db->transaction([&] {
        const storage::VaultMetaRepository repository(*m_db);
        const QString sealed = DataKeyRing::seal(finalRing, master, id());
        return isUnlocked() && !sealed.isEmpty() &&
               repository.setValue(VaultMeta::dataRing(), sealed) &&
               repository.remove(VaultMeta::rotation());
    });
    if (!finished)
        return VaultStatus::failure(Error::Failed, QStringLiteral("The key rotation could not "
                                                                  "finish; it will resume at the "
                                                                  "next unlock."));
    replaceKeys(service::KeySet{finalRing, keys->jwt, keys->audit});
    return VaultStatus::success();
}

VaultStatus Vault::checkIntegrity() const {
    if (!isOpen())
        return VaultStatus::failure(Error::Failed, QStringLiteral("No vault is open."));
    QSqlQuery query(m_db->connection());
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")) || !query.next() ||
        query.value(0).toString() != QLatin1String("ok")) {
        return VaultStatus::failure(Error::Damaged,
                                    QStringLiteral("The vault file is damaged (%1). Restore it "
                                                   "from a backup.")
                                        .arg(query.value(0).toString().left(200)));
    }
    QStringList problems;
    for (const auto& slot : storage::KeySlotRepository(*m_db).list()) {
        const QByteArray sealed = QByteArray::fromBase64(slot.sealedMasterKey);
        if (!KeySlot::parametersOf(slot).isValid() || sealed.size() != 12 + MasterKeyBytes + 16)
            problems << QStringLiteral("the key slot of user %1 is damaged").arg(slot.userId);
    }
    const auto keys = m_keys ? m_keys->get() : nullptr;
    if (keys) {
        const service::CredentialSealer& sealer = m_services->sealer();
        for (const auto& row : storage::CredentialRepository(*m_db).listAll()) {
            const auto opened = sealer.open(keys->ring, row);
            QString text = opened.ok ? QString::fromUtf8(opened.privateKey.view()) : QString();
            if (!opened.ok || !service::CredentialSealer::matches(keys->ring, text, row))
                problems << QStringLiteral("credential %1 (%2) cannot be decrypted or does not "
                                           "match its digest")
                                .arg(row.id)
                                .arg(row.provider);
            crypto::wipe(text);
        }
    }
    if (!problems.isEmpty()) {
        return VaultStatus::failure(Error::Damaged,
                                    QStringLiteral("Integrity check failed: %1. Replace the "
                                                   "affected keys, or restore from a backup.")
                                        .arg(problems.join(QStringLiteral("; "))));
    }
    return VaultStatus::success();
}

VaultStatus Vault::snapshot(const QString& targetPath) const {
    if (!isOpen())
        return VaultStatus::failure(Error::Failed, QStringLiteral("No vault is open."));
    if (QFileInfo::exists(targetPath))
        return VaultStatus::failure(Error::Exists,
                                    QStringLiteral("%1 already exists.").arg(shown(targetPath)));
    // VACUUM INTO writes into an empty file as well, keeping its mode: the copy is private from
    // its first byte.
    if (!createOwnerOnly(targetPath)) {
        return VaultStatus::failure(Error::Failed, QStringLiteral("The snapshot could not be "
                                                                  "written to %1.")
                                                       .arg(shown(targetPath)));
    }
    QSqlQuery query(m_db->connection());
    query.prepare(QStringLiteral("VACUUM INTO :path"));
    query.bindValue(QStringLiteral(":path"), targetPath);
    if (!query.exec()) {
        QFile::remove(targetPath);
        return VaultStatus::failure(Error::Failed,
                                    QStringLiteral("The snapshot could not be written to %1: %2")
                                        .arg(shown(targetPath), query.lastError().driverText()));
    }
    // A copy (a backup) carries no remembered unlock: the keychain's secret opens nothing in it.
    // secure_delete overwrites the row's bytes instead of leaving them in a free page.
    bool stripped = false;
    {
        const RawConnection copy(targetPath);
        stripped = copy.isOpen() && copy.exec(QStringLiteral("PRAGMA secure_delete = ON")) &&
                   copy.exec(QStringLiteral("DELETE FROM vault_meta WHERE name = '%1'")
                                 .arg(VaultMeta::rememberedSlots()));
    }
    if (!stripped) {
        removeFiles(targetPath);
        return VaultStatus::failure(Error::Failed, QStringLiteral("The snapshot could not be "
                                                                  "written to %1.")
                                                       .arg(shown(targetPath)));
    }
    return VaultStatus::success();
}

void Vault::touch() {
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    m_lastActivityMs = now;
}

bool Vault::lockIfIdle() {
    if (!isUnlocked())
        return false;
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    int idleSecs = 0;
    {
        QMutexLocker lock(&m_mutex);
        idleSecs = m_options.idleLockSecs;
        if (idleSecs <= 0 || now - m_lastActivityMs < qint64(idleSecs) * 1000)
            return false;
    }
    lock();
    qCInfo(lcVault) << "locked after" << idleSecs << "s without activity";
    return true;
}

void Vault::setIdleLockSecs(int secs) {
    QMutexLocker lock(&m_mutex);
    m_options.idleLockSecs = std::max(0, secs);
}

int Vault::idleLockSecs() const {
    QMutexLocker lock(&m_mutex);
    return m_options.idleLockSecs;
}

} // namespace paycred::vault
