#pragma once

#include <QByteArray>
#include <QString>

namespace paycred::crypto {
class FernetKey;
class KeyRing;
} // namespace paycred::crypto

namespace paycred::service {

// PrivateKeyDigest: the keyed digest stored beside a private key so it can be verified without
// decrypting: HMAC-SHA256 under a key derived (HKDF) from an encryption key, so a copied
// database alone cannot test guesses.
class PrivateKeyDigest {
public:
    // Hex digest of `privateKey` under the ring's primary key.
    static QByteArray compute(const crypto::KeyRing& ring, const QString& privateKey);
    // True when `stored` is the digest of `privateKey` under any key of the ring (a row written
    // before a rotation still verifies). Constant time per key.
    static bool matches(const crypto::KeyRing& ring, const QString& privateKey,
                        const QByteArray& stored);

private:
    static QByteArray computeWith(const crypto::FernetKey& key, const QString& privateKey);
};

} // namespace paycred::service
