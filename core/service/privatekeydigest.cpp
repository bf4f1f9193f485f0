#include "core/service/privatekeydigest.h"

#include "core/crypto/digest.h"
#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"

namespace paycred::service {

namespace {
const QByteArray DigestPurpose = QByteArrayLiteral("paycred/private-key-digest/v1");
}

QByteArray PrivateKeyDigest::computeWith(const crypto::FernetKey& key, const QString& privateKey) {
    QByteArray material = key.signingKey().toByteArray() + key.encryptionKey().toByteArray();
    QByteArray verificationKey = crypto::Digest::hkdfSha256(material, DigestPurpose, 32);
    QByteArray text = privateKey.toUtf8();
    const QByteArray digest = crypto::Digest::hmacSha256(verificationKey, text).toHex();
    crypto::wipe(material);
    crypto::wipe(verificationKey);
    crypto::wipe(text);
    return digest;
}

QByteArray PrivateKeyDigest::compute(const crypto::KeyRing& ring, const QString& privateKey) {
    return computeWith(ring.primary(), privateKey);
}

bool PrivateKeyDigest::matches(const crypto::KeyRing& ring, const QString& privateKey,
                               const QByteArray& stored) {
    bool matched = false;
    for (qsizetype i = 0; i < ring.size(); ++i)
        matched |= crypto::Digest::constantTimeEquals(computeWith(ring.key(i), privateKey), stored);
    return matched;
}

} // namespace paycred::service
