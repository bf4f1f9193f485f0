#include "core/service/services.h"

#include "core/service/logging.h"
#include "core/storage/database.h"

namespace paycred::service {

Services::Services(const storage::Database& db, ServiceSettings settings, const Clock& clock)
    : m_db(db)
    , m_settings(std::move(settings))
    , m_clock(clock)
    , m_hasher(m_settings.passwordIterations)
    , m_ownKeys(std::make_unique<ActiveKeys>(
          KeySet{m_settings.keyRing, crypto::Jwt(m_settings.secretKey), m_settings.auditKeys}))
    , m_ownPasswords(std::make_unique<HashedPasswordStore>(db, m_hasher))
    , m_keys(*m_ownKeys)
    , m_passwords(*m_ownPasswords)
    , m_chain(db, m_keys, AuditChain::PendingEvents::LegacyOnly)
    , m_audit(m_chain, clock)
    , m_throttle(db, m_settings, clock)
    , m_users(db, m_settings, m_passwords, m_throttle, m_audit, clock)
    , m_auth(db, m_settings, m_keys, m_passwords, m_throttle, m_users, m_audit, clock)
    , m_sealer(clock)
    , m_credentials(db, m_keys, m_sealer, m_audit, clock)
    , m_checks(db, m_keys, m_sealer, m_audit, clock, m_settings.providerChecks)
    , m_rotation(db, m_sealer, m_audit)
    , m_overview(db)
    , m_credentialDirectory(db)
    , m_userDirectory(db, m_throttle)
    , m_auditTrail(db) {
    if (m_settings.auditKeys.isEmpty())
        qCWarning(lcService, "No audit key is set: audit events are written but not chained, "
                             "and the audit log will not verify.");
}

Services::Services(const storage::Database& db, ServiceSettings settings, const Clock& clock,
                   const ActiveKeys& keys, const PasswordStore& passwords)
    : m_db(db)
    , m_settings(std::move(settings))
    , m_clock(clock)
    , m_hasher(m_settings.passwordIterations)
    , m_keys(keys)
    , m_passwords(passwords)
    , m_chain(db, m_keys, AuditChain::PendingEvents::ChainAtUnlock)
    , m_audit(m_chain, clock)
    , m_throttle(db, m_settings, clock)
    , m_users(db, m_settings, m_passwords, m_throttle, m_audit, clock)
    , m_auth(db, m_settings, m_keys, m_passwords, m_throttle, m_users, m_audit, clock)
    , m_sealer(clock)
    , m_credentials(db, m_keys, m_sealer, m_audit, clock)
    , m_checks(db, m_keys, m_sealer, m_audit, clock, m_settings.providerChecks)
    , m_rotation(db, m_sealer, m_audit)
    , m_overview(db)
    , m_credentialDirectory(db)
    , m_userDirectory(db, m_throttle)
    , m_auditTrail(db) {}

bool Services::databaseAnswers() const {
    return m_db.ping();
}

} // namespace paycred::service
