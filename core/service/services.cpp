#include "core/service/services.h"

namespace paycred::service {

Services::Services(const storage::Database& db, ServiceSettings settings, const Clock& clock)
    : m_db(db)
    , m_settings(std::move(settings))
    , m_clock(clock)
    , m_hasher(m_settings.passwordIterations)
    , m_jwt(m_settings.secretKey)
    , m_audit(db, clock)
    , m_throttle(db, m_settings, clock)
    , m_users(db, m_settings, m_hasher, m_audit, clock)
    , m_auth(db, m_settings, m_hasher, m_jwt, m_throttle, m_users, m_audit, clock)
    , m_credentials(db, m_settings, m_audit, clock) {}

} // namespace paycred::service
