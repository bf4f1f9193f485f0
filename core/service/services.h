#pragma once

#include "core/crypto/passwordhasher.h"
#include "core/foundation/clock.h"
#include "core/service/activekeys.h"
#include "core/service/auditchain.h"
#include "core/service/auditlog.h"
#include "core/service/audittrail.h"
#include "core/service/authservice.h"
#include "core/service/credentialcheckservice.h"
#include "core/service/credentialdirectory.h"
#include "core/service/credentialsealer.h"
#include "core/service/credentialservice.h"
#include "core/service/hashedpasswordstore.h"
#include "core/service/keyrotation.h"
#include "core/service/loginthrottle.h"
#include "core/service/overview.h"
#include "core/service/servicesettings.h"
#include "core/service/userdirectory.h"
#include "core/service/userservice.h"

namespace paycred::storage {
class Database;
}

namespace paycred::service {

// Services: the domain wired together once (the composition root of the core). Re-entrant:
// one instance serves every worker thread; each thread gets its own database connection.
class Services {
public:
    // A server: the keys of `settings`, passwords hashed in the users table; every event is
    // chained as it is written.
    Services(const storage::Database& db, ServiceSettings settings, const Clock& clock);
    // A vault: keys it sets when unlocked and clears when locked, passwords in its key slots;
    // events written while locked are chained at the next unlock (AuditChain::chainPending).
    Services(const storage::Database& db, ServiceSettings settings, const Clock& clock,
             const ActiveKeys& keys, const PasswordStore& passwords);

    const storage::Database& database() const { return m_db; }
    // A trivial query: true when the database answers (GET /health/).
    bool databaseAnswers() const;
    const ServiceSettings& settings() const { return m_settings; }
    const Clock& clock() const { return m_clock; }
    const crypto::PasswordHasher& hasher() const { return m_hasher; }
    const ActiveKeys& keys() const { return m_keys; }
    const PasswordStore& passwords() const { return m_passwords; }

    const AuditChain& auditChain() const { return m_chain; }
    const AuditLog& audit() const { return m_audit; }
    const AuditTrail& auditTrail() const { return m_auditTrail; }
    const LoginThrottle& throttle() const { return m_throttle; }
    const UserService& users() const { return m_users; }
    const AuthService& auth() const { return m_auth; }
    const CredentialSealer& sealer() const { return m_sealer; }
    const CredentialService& credentials() const { return m_credentials; }
    const CredentialCheckService& checks() const { return m_checks; }
    const KeyRotation& rotation() const { return m_rotation; }
    const Overview& overview() const { return m_overview; }
    const CredentialDirectory& credentialDirectory() const { return m_credentialDirectory; }
    const UserDirectory& userDirectory() const { return m_userDirectory; }

private:
    const storage::Database& m_db;
    ServiceSettings m_settings;
    const Clock& m_clock;
    crypto::PasswordHasher m_hasher;
    std::unique_ptr<ActiveKeys> m_ownKeys;
    std::unique_ptr<HashedPasswordStore> m_ownPasswords;
    const ActiveKeys& m_keys;
    const PasswordStore& m_passwords;
    AuditChain m_chain;
    AuditLog m_audit;
    LoginThrottle m_throttle;
    UserService m_users;
    AuthService m_auth;
    CredentialSealer m_sealer;
    CredentialService m_credentials;
    CredentialCheckService m_checks;
    KeyRotation m_rotation;
    Overview m_overview;
    CredentialDirectory m_credentialDirectory;
    UserDirectory m_userDirectory;
    AuditTrail m_auditTrail;
};

} // namespace paycred::service
