#pragma once

#include "core/service/actor.h"
#include "core/service/credentialcheck.h"
#include "core/service/credentialservice.h"

#include <QList>

namespace paycred {
class Clock;
}
namespace paycred::storage {
class Database;
}

namespace paycred::service {

class ActiveKeys;
class AuditLog;
class CredentialSealer;
struct Provider;
struct ProviderCheckSettings;

// CredentialCheckService: asks a credential's provider whether its stored keys work, from where
// the keys are (API.md §2 check). The keys are opened only for the call and wiped after it; the
// answer is kept beside the credential (never in it: its row and version stay as they were)
// with its audit event, in one transaction. The call blocks for up to the settings' time limit:
// run it on a pool of its own (Route::Work::Provider).
class CredentialCheckService {
public:
    using Error = CredentialService::Error;

    CredentialCheckService(const storage::Database& db, const ActiveKeys& keys,
                           const CredentialSealer& sealer, const AuditLog& audit,
                           const Clock& clock, const ProviderCheckSettings& settings);

    struct Checked {
        Error error = Error::None;
        CredentialCheck check;
    };
    // Checks `found` (the caller's, looked up for credential_checked) with its provider.
    Checked check(const Actor& actor, const CredentialService::Found& found) const;

    // The checks of `credential` (the caller's, found without auditing: reading them is no
    // check), newest first.
    QList<CredentialCheck> history(const Credential& credential) const;

private:
    // The provider's verdict on the keys of `row`, or why it could not be asked.
    ProviderChecker::Outcome ask(const storage::CredentialRecord& row, const Provider* provider,
                                 Error& error) const;
    QUrl baseUrl(const Provider& provider, const QString& environment) const;

    const storage::Database& m_db;
    const ActiveKeys& m_keys;
    const CredentialSealer& m_sealer;
    const AuditLog& m_audit;
    const Clock& m_clock;
    const ProviderCheckSettings& m_settings;
};

} // namespace paycred::service
