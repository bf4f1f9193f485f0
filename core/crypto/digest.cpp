#include "core/crypto/digest.h"

#include "core/crypto/logging.h"
#include "core/crypto/opensslptr.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <memory>

namespace paycred::crypto {

namespace {

constexpr int Sha256Size = 32;
constexpr int HkdfSha256MaxLength = 255 * Sha256Size; // RFC 5869: L <= 255 * HashLen

char sha256Name[] = "SHA256"; // OSSL_PARAM wants a mutable char*

// OpenSSL treats a null pointer as "parameter not given"; an empty view must still be a key.
const unsigned char* bytesOf(QByteArrayView view) {
    static const unsigned char empty = 0;
    return view.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(view.data());
}

OSSL_PARAM octetParam(const char* name, QByteArrayView view) {
    return OSSL_PARAM_construct_octet_string(name, const_cast<unsigned char*>(bytesOf(view)),
                                             static_cast<std::size_t>(view.size()));
}

} // namespace

QByteArray Digest::sha256(QByteArrayView data) {
    QByteArray out(Sha256Size, Qt::Uninitialized);
    unsigned int outLength = 0;
    if (EVP_Digest(bytesOf(data), static_cast<std::size_t>(data.size()),
                   reinterpret_cast<unsigned char*>(out.data()), &outLength, EVP_sha256(),
                   nullptr) != 1 ||
        outLength != Sha256Size) {
        qCWarning(lcCrypto, "SHA-256 failed in OpenSSL");
        return {};
    }
    return out;
}

QByteArray Digest::sha256Hex(QByteArrayView data) {
    return sha256(data).toHex();
}

QByteArray Digest::hmacSha256(QByteArrayView key, QByteArrayView data) {
    // Fetched once: a fetch costs as much as the HMAC of a short message (the audit chain's
    // verify makes a million of them), and a fetched algorithm may be shared by threads.
    static const MacPtr mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr));
    const MacCtxPtr ctx(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
    if (!ctx) {
        qCWarning(lcCrypto, "HMAC is not available in OpenSSL");
        return {};
    }
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, sha256Name, 0),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(Sha256Size, Qt::Uninitialized);
    std::size_t outLength = 0;
    if (EVP_MAC_init(ctx.get(), bytesOf(key), static_cast<std::size_t>(key.size()), params) != 1 ||
        EVP_MAC_update(ctx.get(), bytesOf(data), static_cast<std::size_t>(data.size())) != 1 ||
        EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &outLength,
                      static_cast<std::size_t>(out.size())) != 1 ||
        outLength != Sha256Size) {
        qCWarning(lcCrypto, "HMAC-SHA256 failed in OpenSSL");
        return {};
    }
    return out;
}

QByteArray Digest::hkdfSha256(QByteArrayView key, QByteArrayView info, int length) {
    // RFC 5869: an absent salt is HashLen zero bytes, which HMAC treats like an empty key.
    return hkdfSha256(key, QByteArrayView(), info, length);
}

QByteArray Digest::hkdfSha256(QByteArrayView key, QByteArrayView salt, QByteArrayView info,
                              int length) {
    if (length <= 0 || length > HkdfSha256MaxLength)
        return {};
    const KdfPtr kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_HKDF, nullptr));
    const KdfCtxPtr ctx(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
    if (!ctx) {
        qCWarning(lcCrypto, "HKDF is not available in OpenSSL");
        return {};
    }
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, sha256Name, 0),
        octetParam(OSSL_KDF_PARAM_KEY, key),
        octetParam(OSSL_KDF_PARAM_SALT, salt),
        octetParam(OSSL_KDF_PARAM_INFO, info),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(length, Qt::Uninitialized);
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()),
                       static_cast<std::size_t>(out.size()), params) != 1) {
        qCWarning(lcCrypto, "HKDF-SHA256 failed in OpenSSL");
        OPENSSL_cleanse(out.data(), static_cast<std::size_t>(out.size()));
        return {};
    }
    return out;
}

bool Digest::constantTimeEquals(QByteArrayView a, QByteArrayView b) {
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size())) == 0;
}

QByteArray Digest::randomBytes(int count) {
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), count) != 1) {
        // Carrying on with predictable keys, IVs or salts would be worse than stopping.
        qCCritical(lcCrypto, "RAND_bytes failed: the system has no usable randomness");
        std::abort();
    }
    return out;
}

} // namespace paycred::crypto
