#include "core/service/credentialcheckservice.h"

#include "core/foundation/clock.h"
#include "core/service/activekeys.h"
#include "core/service/auditlog.h"
#include "core/service/credentialsealer.h"
#include "core/service/httpsproviderlink.h"
#include "core/service/keyset.h"
#include "core/service/logging.h"
#include "core/service/provider.h"
#include "core/service/providerchecksettings.h"
#include "core/storage/credentialcheckrepository.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"

namespace paycred::service {

namespace {
using Result = ProviderChecker::Result;

ProviderChecker::Outcome notCheckable(QString message) {
    return {Result::NotCheckable, std::move(message)};
}

// The audit event says what the provider answered, never why in its own words (they could
// echo what was sent).
AuditLog::Entry entryFor(const Credential& credential, Result result) {
    return AuditLog::Entry::about(AuditAction::CredentialChecked, credential,
                                  result == Result::Valid ? AuditLog::Outcome::Ok
                                                          : AuditLog::Outcome::Failed,
                                  ProviderChecker::nameOf(result));
}

// The environment's sentence for a check whose keys say they are for another one.
QString mismatchNote(const ProviderChecker& checker, const QString& said, const QString& marked) {
    return QStringLiteral(" The keys look like %1 %2 keys, but the credential is marked %3.")
        .arg(checker.company(), said, marked);
}
} // namespace

CredentialCheckService::CredentialCheckService(const storage::Database& db, const ActiveKeys& keys,
                                               const CredentialSealer& sealer,
                                               const AuditLog& audit, const Clock& clock,
                                               const ProviderCheckSettings& settings)
    : m_db(db)
    , m_keys(keys)
    , m_sealer(sealer)
    , m_audit(audit)
    , m_clock(clock)
    , m_settings(settings) {}

QUrl CredentialCheckService::baseUrl(const Provider& provider, const QString& environment) const {
    const QString configured =
        m_settings.baseUrls.value(ProviderCheckSettings::urlKey(provider.id, environment));
    return QUrl(configured.isEmpty() ? provider.urlFor(environment) : configured);
}

ProviderChecker::Outcome CredentialCheckService::ask(const storage::CredentialRecord& row,
                                                     const Provider* provider, Error& error) const {
    const QString name = Provider::displayNameOf(row.provider);
    if (!m_settings.enabled)
        return notCheckable(
            QStringLiteral("Checking keys with their provider is switched off here%1.")
                .arg(m_settings.disabledReason.isEmpty()
                         ? QString()
                         : QStringLiteral(": ") + m_settings.disabledReason));
    if (!provider || !provider->checker)
        return notCheckable(
            QStringLiteral("PayCred cannot check %1 keys with %1 itself.").arg(name));
    const auto keys = m_keys.get();
    if (!keys) {
        error = Error::Locked;
        return {};
    }
    CredentialSealer::Opened opened = m_sealer.open(keys->ring, row);
    if (!opened.ok) {
        qCWarning(lcService) << "credential" << row.id
                             << "cannot be decrypted with any configured key";
        error = Error::DecryptFailed;
        return {};
    }
    ProviderChecker::Keys pair{std::move(opened.apiKey), std::move(opened.privateKey)};
    HttpsProviderLink link(baseUrl(*provider, row.environment), m_settings);
    ProviderChecker::Outcome outcome = provider->checker->check(pair, link);

    // Text copies of the keys for reading their prefixes, wiped like the keys themselves.
    QString apiKey = QString::fromUtf8(pair.apiKey.view());
    QString privateKey = QString::fromUtf8(pair.privateKey.view());
    const QString said = provider->contradictedEnvironment(apiKey, privateKey, row.environment);
    crypto::wipe(apiKey);
    crypto::wipe(privateKey);
    if (!said.isEmpty())
        outcome.message += mismatchNote(*provider->checker, said, row.environment);
    return outcome;
}

CredentialCheckService::Checked
CredentialCheckService::check(const Actor& actor, const CredentialService::Found& found) const {
    Checked answer;
    answer.error = found.error;
    if (!found.ok())
        return answer;
    const storage::CredentialRecord& row = found.row;
    const Provider* provider = Provider::find(row.provider);
    const ProviderChecker::Outcome outcome = ask(row, provider, answer.error);
    const Credential credential = found.credential();
    if (answer.error == Error::DecryptFailed) {
        m_audit.record(actor, AuditLog::Entry::about(AuditAction::CredentialChecked, credential,
                                                     AuditLog::Outcome::Failed,
                                                     QStringLiteral("decryption failed")));
        return answer;
    }
    if (answer.error != Error::None)
        return answer;

    storage::CredentialCheckRecord record;
    record.credentialId = row.id;
    record.checkedAt = m_clock.now();
    record.environment = row.environment;
    record.result = ProviderChecker::nameOf(outcome.result);
    record.message = outcome.message;
    const storage::CredentialCheckRepository checks(m_db);
    // No answer the audit log does not have is given.
    const bool committed = m_db.transaction([&] {
        return checks.insert(record) && m_audit.record(actor, entryFor(credential, outcome.result));
    });
    if (!committed) {
        // Deleted while the provider was asked: its checks went with it (a 404, as for any
        // request that comes after the delete).
        const bool gone = !storage::CredentialRepository(m_db).findAnyOwner(row.id);
        answer.error = gone ? Error::NotFound : Error::StorageFailed;
        return answer;
    }
    answer.check = CredentialCheck::from(record, row.provider);
    return answer;
}

QList<CredentialCheck> CredentialCheckService::history(const Credential& credential) const {
    QList<CredentialCheck> checks;
    for (const auto& row : storage::CredentialCheckRepository(m_db).listFor(credential.id))
        checks.append(CredentialCheck::from(row, credential.provider));
    return checks;
}

} // namespace paycred::service
