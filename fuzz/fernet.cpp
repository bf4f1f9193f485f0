// The Fernet parser: any bytes as a token under the spec vector's key, with and without a ttl.
#include "fuzz/fuzztarget.h"

#include "core/crypto/fernet.h"

#include <cstdlib>

namespace paycred::fuzz {

void fuzzFernet(QByteArrayView input) {
    // The key of /work/shared/testdata/fernet/verify.json, so its token seeds deep paths.
    static const crypto::FernetKey key = [] {
        auto parsed = crypto::FernetKey::fromBase64("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=");
        if (!parsed)
            std::abort();
        return *parsed;
    }();
    constexpr std::int64_t Now = 499'162'801; // 1985-10-26T01:20:01-07:00, the vector's now
    (void)crypto::Fernet::isSignedBy(key, input);
    (void)crypto::Fernet::decrypt(key, input, Now);
    (void)crypto::Fernet::decrypt(key, input, Now, 60);
}

} // namespace paycred::fuzz
