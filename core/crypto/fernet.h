#pragma once

#include "core/crypto/fernetkey.h"
#include "core/crypto/secret.h"

#include <QByteArray>

#include <cstdint>
#include <optional>

namespace paycred::crypto {

// Fernet: authenticated symmetric tokens exactly per the Fernet spec (0x80, timestamp, IV,
// AES-128-CBC, HMAC-SHA256, url-safe base64), interoperable with Python's cryptography.
class Fernet {
public:
    enum class Error { None, InvalidToken, Expired, FromFuture };

    struct Decrypted {
        Error error = Error::InvalidToken;
        Secret plaintext;
        std::int64_t timestamp = 0;
        bool ok() const { return error == Error::None; }
    };

    // Encrypts at `nowSecs` (Unix seconds) with a random IV.
    static QByteArray encrypt(const FernetKey& key, QByteArrayView plaintext, std::int64_t nowSecs);
    // The same with a given 16-byte IV: for the spec's test vectors only.
    static QByteArray encryptWithIv(const FernetKey& key, QByteArrayView plaintext,
                                    std::int64_t nowSecs, QByteArrayView iv);
    // Verifies then decrypts. As Python's cryptography: only with a `ttlSecs` are the age and
    // the 60 s clock skew checked (stored data must stay readable after a clock jump).
    static Decrypted decrypt(const FernetKey& key, QByteArrayView token, std::int64_t nowSecs,
                             std::optional<std::int64_t> ttlSecs = std::nullopt);
    // Checks only the version and the HMAC: true when `key` made `token`. Never decrypts.
    static bool isSignedBy(const FernetKey& key, QByteArrayView token);
};

} // namespace paycred::crypto
