#pragma once

#include "core/crypto/jwt.h"
#include "core/crypto/keyring.h"

namespace paycred::service {

// KeySet: the keys a running core works with — the data-key ring that encrypts credentials and
// the key that signs its JWTs.
struct KeySet {
    crypto::KeyRing ring;
    crypto::Jwt jwt;
};

} // namespace paycred::service
