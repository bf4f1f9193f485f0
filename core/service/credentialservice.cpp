#include "core/service/credentialservice.h"

#include "core/crypto/keyring.h"
#include "core/foundation/clock.h"
#include "core/service/activekeys.h"
#include "core/service/auditlog.h"
#include "core/service/logging.h"
#include "core/service/privatekeydigest.h"
#include "core/service/provider.h"
#include "core/storage/credentialrepository.h"

namespace paycred::service {

namespace {
QString apiKeyTooShort() {
    return QStringLiteral("API key must be at least %1 characters long")
        .arg(CredentialService::MinKeyLength);
}
QString privateKeyTooShort() {
    return QStringLiteral("Private key must be at least %1 characters long")
        .arg(CredentialService::MinKeyLength);
}
qsizetype codePoints(const QString& text) {
    return text.toUcs4().size();
}

CredentialService::Outcome invalid(FieldErrors errors, QString message = {}) {
    CredentialService::Outcome outcome;
    outcome.error = CredentialService::Error::Invalid;
    outcome.errors = std::move(errors);
    outcome.message = std::move(message);
    return outcome;
}

CredentialService::Outcome failed(CredentialService::Error error) {
    CredentialService::Outcome outcome;
    outcome.error = error;
    return outcome;
}

QString duplicateMessage(const QString& provider) {
    return QStringLiteral(
               "You already have credentials for %1. Update existing credentials instead.")
        .arg(provider);
}
} // namespace

CredentialService::CredentialService(const storage::Database& db, const ActiveKeys& keys,
                                     const AuditLog& audit, const Clock& clock)
    : m_db(db)
    , m_keys(keys)
    , m_audit(audit)
    , m_clock(clock) {}

QByteArray CredentialService::encrypt(const crypto::KeyRing& ring, const QString& text) const {
    QByteArray plain = text.toUtf8();
    const QByteArray token = ring.encrypt(plain, m_clock.nowSecs());
    crypto::wipe(plain);
    return token;
}

void CredentialService::audit(const Actor& actor, const QString& action,
                              const storage::CredentialRecord& row, bool ok,
                              const QString& detail) const {
    AuditLog::Entry entry{action, ok ? AuditLog::Outcome::Ok : AuditLog::Outcome::Failed,
                          row.id > 0 ? std::optional<qint64>(row.id) : std::nullopt, row.provider,
                          detail};
    m_audit.record(actor, entry);
}

QList<storage::CredentialRecord> CredentialService::list(const Actor& actor) const {
    return storage::CredentialRepository(m_db).listForUser(actor.userId);
}

CredentialService::Outcome CredentialService::find(const Actor& actor, qint64 id,
                                                   const QString& deniedAction) const {
    const auto row = storage::CredentialRepository(m_db).findForUser(id, actor.userId);
    if (!row) {
        if (!deniedAction.isEmpty()) {
            m_audit.record(actor, {deniedAction,
                                   AuditLog::Outcome::Denied,
                                   id > 0 ? std::optional<qint64>(id) : std::nullopt,
                                   {},
                                   QStringLiteral("not found or not the caller's")});
        }
        return failed(Error::NotFound);
    }
    Outcome outcome;
    outcome.credential = *row;
    return outcome;
}

CredentialService::Outcome
CredentialService::findWithKeys(const Actor& actor, qint64 id, const QString& deniedAction,
                                std::shared_ptr<const KeySet>& keys) const {
    Outcome found = find(actor, id, deniedAction);
    if (!found.ok())
        return found;
    keys = m_keys.get();
    return keys ? found : failed(Error::Locked);
}

CredentialService::Outcome CredentialService::findByProvider(const Actor& actor,
                                                             const QString& provider) const {
    const auto row = storage::CredentialRepository(m_db).findByProvider(actor.userId, provider);
    if (!row)
        return failed(Error::NotFound);
    Outcome outcome;
    outcome.credential = *row;
    return outcome;
}

CredentialService::Outcome CredentialService::create(const Actor& actor,
                                                     const NewCredential& input) const {
    const auto keys = m_keys.get();
    if (!keys)
        return failed(Error::Locked);
    const storage::CredentialRepository repository(m_db);
    if (repository.findByProvider(actor.userId, input.provider))
        return invalid(
            FieldErrors::single(FieldErrors::nonField(), duplicateMessage(input.provider)));
    if (codePoints(input.apiKey) < MinKeyLength)
        return invalid(FieldErrors::single(FieldErrors::nonField(), apiKeyTooShort()));
    if (codePoints(input.privateKey) < MinKeyLength)
        return invalid(FieldErrors::single(FieldErrors::nonField(), privateKeyTooShort()));

    storage::CredentialRecord row;
    row.userId = actor.userId;
    row.provider = input.provider;
    row.encryptedApiKey = encrypt(keys->ring, input.apiKey);
    row.encryptedPrivateKey = encrypt(keys->ring, input.privateKey);
    row.privateKeyDigest = PrivateKeyDigest::compute(keys->ring, input.privateKey);
    row.environment = input.environment;
    row.isActive = true;
    row.createdAt = row.updatedAt = m_clock.now();

    const auto inserted = repository.insert(row);
    if (inserted.status == storage::WriteStatus::Conflict) {
        // Another request created it between our check and our insert.
        return invalid(
            FieldErrors::single(FieldErrors::nonField(), duplicateMessage(input.provider)));
    }
    if (!inserted.ok())
        return failed(Error::StorageFailed);
    row.id = inserted.value;
    audit(actor, QStringLiteral("credential_created"), row, true,
          QStringLiteral("environment=%1").arg(row.environment));
    Outcome outcome;
    outcome.credential = row;
    return outcome;
}

CredentialService::Outcome CredentialService::save(const Actor& actor,
                                                   storage::CredentialRecord row,
                                                   const QString& action,
                                                   const QString& detail) const {
    row.updatedAt = m_clock.now();
    const auto status = storage::CredentialRepository(m_db).update(row);
    if (status != storage::WriteStatus::Ok) {
        // Deleted meanwhile, or the database failed: nothing was changed either way.
        return failed(find(actor, row.id).ok() ? Error::StorageFailed : Error::NotFound);
    }
    audit(actor, action, row, true, detail);
    Outcome outcome;
    outcome.credential = row;
    return outcome;
}

CredentialService::Outcome CredentialService::update(const Actor& actor, qint64 id,
                                                     const Change& change) const {
    Outcome found = find(actor, id, QStringLiteral("credential_updated"));
    if (!found.ok())
        return found;
    if (change.apiKey && codePoints(*change.apiKey) < MinKeyLength)
        return invalid(FieldErrors::single(FieldErrors::nonField(), apiKeyTooShort()));

    storage::CredentialRecord row = found.credential;
    QStringList changed;
    if (change.apiKey) {
        const auto keys = m_keys.get();
        if (!keys)
            return failed(Error::Locked);
        row.encryptedApiKey = encrypt(keys->ring, *change.apiKey);
        changed << QStringLiteral("api_key");
    }
    if (change.environment) {
        row.environment = *change.environment;
        changed << QStringLiteral("environment=%1").arg(row.environment);
    }
    if (change.isActive) {
        row.isActive = *change.isActive;
        changed << QStringLiteral("is_active=%1").arg(row.isActive ? "true" : "false");
    }
    return save(actor, row, QStringLiteral("credential_updated"), changed.join(u' '));
}

CredentialService::Outcome CredentialService::replacePrivateKey(const Actor& actor, qint64 id,
                                                                const QString& privateKey) const {
    std::shared_ptr<const KeySet> keys;
    Outcome found = findWithKeys(actor, id, QStringLiteral("private_key_updated"), keys);
    if (!found.ok())
        return found;
    if (privateKey.isEmpty())
        return invalid({}, QStringLiteral("Private key is required"));
    if (codePoints(privateKey) < MinKeyLength)
        return invalid({}, privateKeyTooShort());
    if (codePoints(privateKey) > MaxKeyLength) {
        return invalid(
            {}, QStringLiteral("Private key must be at most %1 characters long").arg(MaxKeyLength));
    }
    storage::CredentialRecord row = found.credential;
    row.encryptedPrivateKey = encrypt(keys->ring, privateKey);
    row.privateKeyDigest = PrivateKeyDigest::compute(keys->ring, privateKey);
    return save(actor, row, QStringLiteral("private_key_updated"));
}

CredentialService::Outcome CredentialService::toggle(const Actor& actor, qint64 id) const {
    Outcome found = find(actor, id, QStringLiteral("status_toggled"));
    if (!found.ok())
        return found;
    storage::CredentialRecord row = found.credential;
    row.isActive = !row.isActive;
    return save(actor, row, QStringLiteral("status_toggled"),
                row.isActive ? QStringLiteral("activated") : QStringLiteral("deactivated"));
}

CredentialService::Outcome CredentialService::remove(const Actor& actor, qint64 id) const {
    Outcome found = find(actor, id, QStringLiteral("credential_deleted"));
    if (!found.ok())
        return found;
    if (!storage::CredentialRepository(m_db).remove(id, actor.userId))
        return failed(find(actor, id).ok() ? Error::StorageFailed : Error::NotFound);
    audit(actor, QStringLiteral("credential_deleted"), found.credential);
    return found;
}

CredentialService::Revealed CredentialService::reveal(const Actor& actor, qint64 id) const {
    Revealed result;
    std::shared_ptr<const KeySet> keys;
    const Outcome found = findWithKeys(actor, id, QStringLiteral("private_key_revealed"), keys);
    result.credential = found.credential;
    if (!found.ok()) {
        result.error = found.error;
        return result;
    }
    const qint64 now = m_clock.nowSecs();
    auto privateKey = keys->ring.decrypt(result.credential.encryptedPrivateKey, now);
    auto apiKey = keys->ring.decrypt(result.credential.encryptedApiKey, now);
    if (!privateKey.ok() || !apiKey.ok()) {
        qCWarning(lcService) << "credential" << id << "cannot be decrypted with any configured key";
        audit(actor, QStringLiteral("private_key_revealed"), result.credential, false,
              QStringLiteral("decryption failed"));
        result.error = Error::DecryptFailed;
        return result;
    }
    result.privateKey = std::move(privateKey.plaintext);
    result.apiKey = std::move(apiKey.plaintext);
    audit(actor, QStringLiteral("private_key_revealed"), result.credential);
    return result;
}

CredentialService::Verification CredentialService::verify(const Actor& actor, qint64 id,
                                                          const QString& privateKey) const {
    Verification result;
    std::shared_ptr<const KeySet> keys;
    const Outcome found = findWithKeys(actor, id, QStringLiteral("credential_verified"), keys);
    result.credential = found.credential;
    if (!found.ok()) {
        result.error = found.error;
        return result;
    }
    result.valid =
        PrivateKeyDigest::matches(keys->ring, privateKey, result.credential.privateKeyDigest);
    audit(actor, QStringLiteral("credential_verified"), result.credential, result.valid,
          result.valid ? QString() : QStringLiteral("key did not match"));
    return result;
}

} // namespace paycred::service
