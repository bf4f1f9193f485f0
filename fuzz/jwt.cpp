// The JWT parser: any bytes as a token, verified with a fixed key (and alg pinning, exp, claims).
#include "fuzz/fuzztarget.h"

#include "core/crypto/jwt.h"

namespace paycred::fuzz {

void fuzzJwt(QByteArrayView input) {
    static const crypto::Jwt jwt(crypto::Secret(QByteArrayLiteral("fuzz-signing-key-0123456789")));
    const auto decoded = jwt.verify(input, 1'700'000'000);
    if (decoded.ok())
        (void)crypto::Jwt::userId(decoded.claims);
}

} // namespace paycred::fuzz
