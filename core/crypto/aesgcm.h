#pragma once

#include "core/crypto/secret.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace paycred::crypto {

// AesGcm: AES-256-GCM sealing, random 96-bit nonce; output nonce || ciphertext || 16-byte tag.
class AesGcm {
public:
    static constexpr int KeyBytes = 32, NonceBytes = 12, TagBytes = 16;

    // Empty QByteArray when the key is not 32 bytes or OpenSSL fails.
    static QByteArray seal(QByteArrayView key, QByteArrayView plaintext,
                           QByteArrayView associatedData = {});
    // The plaintext, or std::nullopt when the key is wrong, the data was changed, or it is too
    // short: the tag is the check.
    static std::optional<Secret> open(QByteArrayView key, QByteArrayView sealed,
                                      QByteArrayView associatedData = {});

    // The same as seal() with a given 12-byte nonce: for test vectors only (a nonce must never
    // be used twice under one key). Empty when the nonce is not 12 bytes.
    static QByteArray sealWithNonce(QByteArrayView key, QByteArrayView nonce,
                                    QByteArrayView plaintext, QByteArrayView associatedData = {});
};

} // namespace paycred::crypto
