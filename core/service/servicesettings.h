#pragma once

#include "core/crypto/keyring.h"
#include "core/crypto/passwordhasher.h"
#include "core/crypto/secret.h"
#include "core/service/auditkeys.h"
#include "core/service/providerchecksettings.h"

namespace paycred::service {

// ServiceSettings: the keys and limits the domain runs with (server config or vault).
struct ServiceSettings {
    crypto::Secret secretKey; // signs JWTs (PAYCRED_SECRET_KEY)
    crypto::KeyRing keyRing;  // encrypts keys at rest (PAYCRED_ENCRYPTION_KEY), primary first
    AuditKeys auditKeys;      // seal the audit chain (PAYCRED_AUDIT_KEY), primary first
    // Keys the login throttle's usernames (HMAC-SHA256), so no username is stored in clear.
    // Empty: derived from secretKey with HKDF (a server); a vault keeps a random one.
    crypto::Secret throttleKey;
    int accessLifetimeSecs = 5 * 60;
    int refreshLifetimeSecs = 24 * 60 * 60;
    int passwordIterations = crypto::PasswordHasher::DefaultIterations;
    int minPasswordLength = 10;
    // Login throttling: after `throttleMaxFailures` failures within `throttleWindowSecs` for one
    // username (or `throttleMaxFailuresPerAddress` for one address), refuse logins for
    // `throttleLockoutSecs`.
    int throttleMaxFailures = 5;
    int throttleMaxFailuresPerAddress = 20; // higher: an office shares one address
    int throttleWindowSecs = 15 * 60;
    int throttleLockoutSecs = 15 * 60;
    // The live-key step-up (API.md §1 extension): when above 0, revealing a live credential's
    // private key needs a good verify-password in the same session within this many minutes.
    int requireRecentPasswordForLiveMins = 0;
    // A session's last_used_at is written at most this often by access (refresh always writes),
    // so requests do not each cost a database write.
    int sessionTouchIntervalSecs = 60;
    ProviderCheckSettings providerChecks;
};

} // namespace paycred::service
