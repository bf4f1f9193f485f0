#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace paycred::crypto {

// Digest: SHA-256 and HMAC-SHA256 from OpenSSL, and a constant-time comparison.
class Digest {
public:
    static QByteArray sha256(QByteArrayView data);
    static QByteArray sha256Hex(QByteArrayView data);
    static QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);
    // HKDF-SHA256 (RFC 5869) expanding `key` into `length` bytes for the purpose named by `info`.
    static QByteArray hkdfSha256(QByteArrayView key, QByteArrayView info, int length);
    // The same with a salt (RFC 5869's extract step); the overload above uses no salt.
    // Empty for a length outside 1..8160.
    static QByteArray hkdfSha256(QByteArrayView key, QByteArrayView salt, QByteArrayView info,
                                 int length);
    // True when equal; the time taken depends only on the lengths (CRYPTO_memcmp).
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);
    static QByteArray randomBytes(int count);
};

} // namespace paycred::crypto
