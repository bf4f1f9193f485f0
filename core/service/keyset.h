#pragma once

#include "core/crypto/jwt.h"
#include "core/crypto/keyring.h"
#include "core/service/auditkeys.h"

namespace paycred::service {

// KeySet: the keys a running core works with — the data-key ring that encrypts credentials, the
// key that signs its JWTs and the audit keys that seal the audit chain.
struct KeySet {
    crypto::KeyRing ring;
    crypto::Jwt jwt;
    AuditKeys audit;
};

} // namespace paycred::service
