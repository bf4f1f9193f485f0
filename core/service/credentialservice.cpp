#include "core/service/credentialservice.h"

#include "core/crypto/keyring.h"
#include "core/foundation/clock.h"
#include "core/service/activekeys.h"
#include "core/service/auditlog.h"
#include "core/service/credentialfields.h"
#include "core/service/credentialsealer.h"
#include "core/service/logging.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"

namespace paycred::service {

namespace {
using Error = CredentialService::Error;
using Outcome = CredentialService::Outcome;

Outcome invalid(FieldErrors errors, QString message = {}) {
    Outcome outcome;
    outcome.error = Error::Invalid;
    outcome.errors = std::move(errors);
    outcome.message = std::move(message);
    return outcome;
}

Outcome failed(Error error) {
    Outcome outcome;
    outcome.error = error;
    return outcome;
}

Outcome succeeded(const Credential& credential) {
    Outcome outcome;
    outcome.credential = credential;
    return outcome;
}

QString duplicateMessage(const QString& provider) {
    return QStringLiteral(
               "You already have credentials for %1. Update existing credentials instead.")
        .arg(provider);
}

AuditLog::Entry entryFor(AuditAction action, const Credential& credential, bool ok = true,
                         const QString& detail = {}) {
    return AuditLog::Entry::about(action, credential,
                                  ok ? AuditLog::Outcome::Ok : AuditLog::Outcome::Failed, detail);
}

// A change that moves a credential into or out of live touched a live credential: its event
// says so, so that filtering by "live" finds it either way.
AuditLog::Entry changeEntry(AuditAction action, const storage::CredentialRecord& before,
                            const Credential& after, const QString& detail) {
    AuditLog::Entry entry = entryFor(action, after, true, detail);
    const QString live = QStringLiteral("live");
    if (before.environment == live)
        entry.environment = live;
    return entry;
}

QString flagText(bool value) {
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// A superuser's write to someone else's credential names the owner in its event.
QString ownerNoted(const Actor& actor, const storage::CredentialRecord& found,
                   const QString& detail) {
    if (found.userId == actor.userId)
        return detail;
    const QString owner = QStringLiteral("owner=%1").arg(found.userId);
    return detail.isEmpty() ? owner : detail + u' ' + owner;
}
} // namespace

CredentialService::CredentialService(const storage::Database& db, const ActiveKeys& keys,
                                     const CredentialSealer& sealer, const AuditLog& audit,
                                     const Clock& clock)
    : m_db(db)
    , m_keys(keys)
    , m_sealer(sealer)
    , m_audit(audit)
    , m_clock(clock) {}

QList<Credential> CredentialService::list(const Actor& actor) const {
    QList<Credential> credentials;
    for (const auto& row : storage::CredentialRepository(m_db).listForUser(actor.userId))
        credentials.append(Credential::from(row));
    return credentials;
}

Outcome CredentialService::find(const Actor& actor, qint64 id) const {
    const auto row = storage::CredentialRepository(m_db).findForUser(id, actor.userId);
    return row ? succeeded(Credential::from(*row)) : failed(Error::NotFound);
}

CredentialService::Found
CredentialService::foundOrDenied(const Actor& actor, qint64 id, AuditAction action,
                                 std::optional<storage::CredentialRecord> row) const {
    Found found;
    if (row) {
        found.error = Error::None;
        found.row = std::move(*row);
        return found;
    }
    m_audit.record(actor, {action, AuditLog::Outcome::Denied,
                           id > 0 ? std::optional<qint64>(id) : std::nullopt, QString(),
                           QStringLiteral("not found or not the caller's")});
    return found;
}

CredentialService::Found CredentialService::findOrAuditDenial(const Actor& actor, qint64 id,
                                                              AuditAction action) const {
    return foundOrDenied(actor, id, action,
                         storage::CredentialRepository(m_db).findForUser(id, actor.userId));
}

CredentialService::Found CredentialService::findForSuperuser(const Actor& actor, qint64 id,
                                                             AuditAction action) const {
    return foundOrDenied(actor, id, action,
                         actor.isSuperuser ? storage::CredentialRepository(m_db).findAnyOwner(id)
                                           : std::nullopt);
}

Outcome CredentialService::findByProvider(const Actor& actor, const QString& provider) const {
    const auto row = storage::CredentialRepository(m_db).findByProvider(actor.userId, provider);
    return row ? succeeded(Credential::from(*row)) : failed(Error::NotFound);
}

Outcome CredentialService::create(const Actor& actor, const NewCredential& input) const {
    const auto keys = m_keys.get();
    if (!keys)
        return failed(Error::Locked);
    const storage::CredentialRepository repository(m_db);
    if (repository.findByProvider(actor.userId, input.provider))
        return invalid(
            FieldErrors::single(FieldErrors::nonField(), duplicateMessage(input.provider)));
    const auto sealing = m_sealer.seal(keys->ring, input.apiKey, input.privateKey);
    if (sealing.problem == CredentialSealer::Sealing::Problem::BrokenRule)
        return invalid(FieldErrors::single(FieldErrors::nonField(), sealing.reason));
    if (!sealing.ok())
        return failed(Error::StorageFailed);

    storage::CredentialRecord row;
    row.userId = actor.userId;
    row.provider = input.provider;
    sealing.applyTo(row);
    row.environment = input.environment;
    row.isActive = true;
    row.createdAt = row.updatedAt = m_clock.now();

    storage::WriteResult<qint64> inserted;
    const bool committed = m_db.transaction([&] {
        inserted = repository.insert(row);
        if (!inserted.ok())
            return false;
        row.id = inserted.value;
        return m_audit.record(actor,
                              entryFor(AuditAction::CredentialCreated, Credential::from(row)));
    });
    if (inserted.status == storage::WriteStatus::Conflict) {
        // Another request created it between our check and our insert.
        return invalid(
            FieldErrors::single(FieldErrors::nonField(), duplicateMessage(input.provider)));
    }
    return committed ? succeeded(Credential::from(row)) : failed(Error::StorageFailed);
}

Error CredentialService::missedWrite(const storage::CredentialRecord& found,
                                     const Precondition& precondition) const {
    const bool exists =
        storage::CredentialRepository(m_db).findForUser(found.id, found.userId).has_value();
    return exists && precondition.isSet() ? Error::Changed : Error::NotFound;
}

Outcome CredentialService::write(const Actor& actor, const storage::CredentialRecord& found,
                                 storage::CredentialChange change, const Precondition& precondition,
                                 AuditAction action,
                                 const std::function<QString(const Credential&)>& detail) const {
    if (!precondition.allows(found.version))
        return failed(Error::Changed);
    change.updatedAt = m_clock.now();
    // Conditional on the version that was checked, so a change made since is never overwritten.
    const auto expected =
        precondition.isSet() ? std::optional<qint64>(found.version) : std::nullopt;
    storage::CredentialRepository::Changed changed;
    const bool committed = m_db.transaction([&] {
        changed =
            storage::CredentialRepository(m_db).change(found.id, found.userId, change, expected);
        if (!changed.ok())
            return false;
        const Credential written = Credential::from(changed.credential);
        return m_audit.record(
            actor, changeEntry(action, found, written, ownerNoted(actor, found, detail(written))));
    });
    if (changed.status == storage::WriteStatus::NoMatch)
        return failed(missedWrite(found, precondition));
    return committed ? succeeded(Credential::from(changed.credential))
                     : failed(Error::StorageFailed);
}

Outcome CredentialService::update(const Actor& actor, const Found& found, const Change& change,
                                  const Precondition& precondition) const {
    if (!found.ok())
        return failed(found.error);
    storage::CredentialChange columns;
    QStringList changed;
    if (change.apiKey) {
        const auto keys = m_keys.get();
        if (!keys)
            return failed(Error::Locked);
        const auto sealing = m_sealer.sealApiKey(keys->ring, *change.apiKey);
        if (sealing.problem == CredentialSealer::Sealing::Problem::BrokenRule)
            return invalid(FieldErrors::single(FieldErrors::nonField(), sealing.reason));
        if (!sealing.ok())
            return failed(Error::StorageFailed);
        sealing.applyTo(columns);
        changed << QStringLiteral("api_key");
    }
    if (change.environment) {
        columns.environment = change.environment;
        changed << QStringLiteral("environment=%1").arg(*change.environment);
    }
    if (change.isActive) {
        columns.isActive = change.isActive;
        changed << QStringLiteral("is_active=%1").arg(flagText(*change.isActive));
    }
    QString detail = changed.join(u' ');
    return write(actor, found.row, columns, precondition, AuditAction::CredentialUpdated,
                 [&detail](const Credential&) { return detail; });
}

Outcome CredentialService::replacePrivateKey(const Actor& actor, const Found& found,
                                             const QString& privateKey,
                                             const Precondition& precondition) const {
    if (!found.ok())
        return failed(found.error);
    const auto keys = m_keys.get();
    if (!keys)
        return failed(Error::Locked);
    if (privateKey.isEmpty())
        return invalid({}, QStringLiteral("Private key is required"));
    const auto sealing = m_sealer.sealPrivateKey(keys->ring, privateKey);
    if (sealing.problem == CredentialSealer::Sealing::Problem::BrokenRule)
        return invalid({}, sealing.reason);
    if (!sealing.ok())
        return failed(Error::StorageFailed);
    storage::CredentialChange columns;
    sealing.applyTo(columns);
    return write(actor, found.row, columns, precondition, AuditAction::PrivateKeyUpdated,
                 [](const Credential&) { return QString(); });
}

Outcome CredentialService::toggle(const Actor& actor, qint64 id,
                                  const Precondition& precondition) const {
    return toggle(actor, findOrAuditDenial(actor, id, AuditAction::StatusToggled), precondition);
}

Outcome CredentialService::toggle(const Actor& actor, const Found& found,
                                  const Precondition& precondition) const {
    if (!found.ok())
        return failed(found.error);
    storage::CredentialChange columns;
    columns.toggleActive = true; // flipped by the database: two toggles are two, never one
    return write(actor, found.row, columns, precondition, AuditAction::StatusToggled,
                 [](const Credential& written) {
                     return written.isActive ? QStringLiteral("activated")
                                             : QStringLiteral("deactivated");
                 });
}

Outcome CredentialService::remove(const Actor& actor, qint64 id,
                                  const Precondition& precondition) const {
    return remove(actor, findOrAuditDenial(actor, id, AuditAction::CredentialDeleted),
                  precondition);
}

Outcome CredentialService::remove(const Actor& actor, const Found& found,
                                  const Precondition& precondition) const {
    if (!found.ok())
        return failed(found.error);
    if (!precondition.allows(found.row.version))
        return failed(Error::Changed);
    const auto expected =
        precondition.isSet() ? std::optional<qint64>(found.row.version) : std::nullopt;
    const Credential credential = found.credential();
    storage::WriteStatus status = storage::WriteStatus::Failed;
    const bool committed = m_db.transaction([&] {
        status =
            storage::CredentialRepository(m_db).remove(found.row.id, found.row.userId, expected);
        return status == storage::WriteStatus::Ok &&
               m_audit.record(actor, entryFor(AuditAction::CredentialDeleted, credential, true,
                                              ownerNoted(actor, found.row, {})));
    });
    if (status == storage::WriteStatus::NoMatch)
        return failed(missedWrite(found.row, precondition));
    return committed ? succeeded(credential) : failed(Error::StorageFailed);
}

CredentialService::Deactivated
CredentialService::deactivateLive(const Actor& actor, std::optional<qint64> userId) const {
    Deactivated result;
    if (!actor.isSuperuser)
        return result;
    storage::WriteResult<qint64> written;
    result.ok = m_db.transaction([&] {
        written = storage::CredentialRepository(m_db).deactivateLive(userId, m_clock.now());
        return written.ok() &&
               m_audit.record(
                   actor, {AuditAction::LiveCredentialsDeactivated, AuditLog::Outcome::Ok,
                           std::nullopt, QString(),
                           QStringLiteral("owner=%1 deactivated=%2")
                               .arg(userId ? QString::number(*userId) : QStringLiteral("everyone"))
                               .arg(written.value),
                           QStringLiteral("live")});
    });
    result.count = result.ok ? written.value : 0;
    return result;
}

std::shared_ptr<const KeySet> CredentialService::keysFor(const Found& found, Error& error) const {
    error = found.error;
    if (!found.ok())
        return nullptr;
    auto keys = m_keys.get();
    if (!keys)
        error = Error::Locked;
    return keys;
}

CredentialService::Revealed CredentialService::reveal(const Actor& actor, qint64 id) const {
    Revealed result;
    const Found found = findOrAuditDenial(actor, id, AuditAction::PrivateKeyRevealed);
    const auto keys = keysFor(found, result.error);
    if (!keys)
        return result;
    result.credential = found.credential();
    CredentialSealer::Opened opened = m_sealer.open(keys->ring, found.row);
    if (!opened.ok) {
        qCWarning(lcService) << "credential" << id << "cannot be decrypted with any configured key";
        m_audit.record(actor, entryFor(AuditAction::PrivateKeyRevealed, result.credential, false,
                                       QStringLiteral("decryption failed")));
        result.error = Error::DecryptFailed;
        return result;
    }
    // No reveal goes unrecorded: without its event, the key stays where it is (503).
    if (!m_audit.record(actor, entryFor(AuditAction::PrivateKeyRevealed, result.credential))) {
        result.error = Error::StorageFailed; // the opened keys are wiped as they go
        return result;
    }
    result.privateKey = std::move(opened.privateKey);
    result.apiKey = std::move(opened.apiKey);
    return result;
}

CredentialService::Verification CredentialService::verify(const Actor& actor, const Found& found,
                                                          const QString& privateKey) const {
    Verification result;
    const auto keys = keysFor(found, result.error);
    if (!keys)
        return result;
    result.credential = found.credential();
    result.valid = CredentialSealer::matches(keys->ring, privateKey, found.row);
    // Nor a check: an answer the audit log does not have is not given.
    if (!m_audit.record(actor,
                        entryFor(AuditAction::CredentialVerified, result.credential, result.valid,
                                 result.valid ? QString() : QStringLiteral("key did not match")))) {
        result.valid = false;
        result.error = Error::StorageFailed;
    }
    return result;
}

CredentialService::Imported CredentialService::importCredential(
    const Actor& importer, qint64 ownerId, const storage::CredentialRecord& source,
    const crypto::KeyRing& sourceRing, bool replace, const QString& detail) const {
    Imported imported;
    const auto skip = [&imported](QString reason) {
        imported.result = Imported::Result::Skipped;
        imported.reason = std::move(reason);
        return imported;
    };
    for (const QString& problem :
         {CredentialFields::choiceProblem(source.provider, CredentialFields::providers()),
          CredentialFields::choiceProblem(source.environment, CredentialFields::environments())}) {
        if (!problem.isEmpty())
            return skip(problem);
    }
    const auto keys = m_keys.get();
    if (!keys)
        return imported;
    const storage::CredentialRepository repository(m_db);
    const auto existing = repository.findByProvider(ownerId, source.provider);
    if (existing && !replace)
        return skip(QStringLiteral("you already have credentials for %1").arg(source.provider));
    const auto sealing = m_sealer.reseal(sourceRing, keys->ring, source);
    if (sealing.problem == CredentialSealer::Sealing::Problem::Unreadable)
        return skip(QStringLiteral("its keys cannot be decrypted in the backup"));
    if (!sealing.ok())
        return skip(sealing.reason);

    const QDateTime now = m_clock.now();
    const bool committed = m_db.transaction([&] {
        if (existing) {
            storage::CredentialChange columns;
            sealing.applyTo(columns);
            columns.environment = source.environment;
            columns.isActive = source.isActive;
            columns.updatedAt = now;
            const auto changed = repository.change(existing->id, ownerId, columns);
            if (!changed.ok())
                return false;
            imported.result = Imported::Result::Replaced;
            imported.credential = Credential::from(changed.credential);
        } else {
            storage::CredentialRecord row = source;
            row.id = 0;
            row.userId = ownerId;
            sealing.applyTo(row);
            row.updatedAt = now;
            const auto inserted = repository.insert(row);
            if (!inserted.ok())
                return false;
            row.id = inserted.value;
            row.version = 1;
            imported.result = Imported::Result::Created;
            imported.credential = Credential::from(row);
        }
        const AuditAction action =
            existing ? AuditAction::CredentialUpdated : AuditAction::CredentialCreated;
        const AuditLog::Entry entry =
            existing ? changeEntry(action, *existing, imported.credential, detail)
                     : entryFor(action, imported.credential, true, detail);
        return m_audit.record(importer, entry);
    });
    if (!committed)
        imported.result = Imported::Result::Failed;
    return imported;
}

} // namespace paycred::service
