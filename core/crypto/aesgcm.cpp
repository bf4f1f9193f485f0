#include "core/crypto/aesgcm.h"

#include "core/crypto/digest.h"
#include "core/crypto/logging.h"
#include "core/crypto/opensslptr.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <algorithm>
#include <limits>
#include <memory>

namespace paycred::crypto {

namespace {

constexpr qsizetype Overhead = AesGcm::NonceBytes + AesGcm::TagBytes;
// Keeps every length OpenSSL sees inside an int, the sealed output included.
constexpr qsizetype MaxInputSize = std::numeric_limits<int>::max() - Overhead;

const unsigned char* bytes(QByteArrayView view) {
    return reinterpret_cast<const unsigned char*>(view.data());
}

// Wipes a buffer that held plaintext on every way out of the scope.
class WipeOnExit {
public:
    explicit WipeOnExit(QByteArray& buffer)
        : m_buffer(buffer) {}
    WipeOnExit(const WipeOnExit&) = delete;
    WipeOnExit& operator=(const WipeOnExit&) = delete;
    ~WipeOnExit() { wipe(m_buffer); }

private:
    QByteArray& m_buffer;
};

// Key, 96-bit nonce and associated data into a fresh context, for sealing or opening.
bool begin(EVP_CIPHER_CTX* ctx, bool encrypt, QByteArrayView key, QByteArrayView nonce,
           QByteArrayView associatedData) {
    const int enc = encrypt ? 1 : 0;
    int written = 0;
    return EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr, enc) == 1 &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, AesGcm::NonceBytes, nullptr) == 1 &&
           EVP_CipherInit_ex(ctx, nullptr, nullptr, bytes(key), bytes(nonce), enc) == 1 &&
           (associatedData.isEmpty() ||
            EVP_CipherUpdate(ctx, nullptr, &written, bytes(associatedData),
                             int(associatedData.size())) == 1);
}

} // namespace

QByteArray AesGcm::seal(QByteArrayView key, QByteArrayView plaintext,
                        QByteArrayView associatedData) {
    if (key.size() != KeyBytes)
        return {};
    return sealWithNonce(key, Digest::randomBytes(NonceBytes), plaintext, associatedData);
}

QByteArray AesGcm::sealWithNonce(QByteArrayView key, QByteArrayView nonce, QByteArrayView plaintext,
                                 QByteArrayView associatedData) {
    if (key.size() != KeyBytes || nonce.size() != NonceBytes || plaintext.size() > MaxInputSize ||
        associatedData.size() > MaxInputSize)
        return {};

    QByteArray sealed(NonceBytes + plaintext.size() + TagBytes, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(sealed.data());
    std::copy(nonce.begin(), nonce.end(), sealed.data());
    unsigned char* cipherOut = out + NonceBytes;
    int written = 0;
    int finalWritten = 0;

    const CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx || !begin(ctx.get(), true, key, nonce, associatedData) ||
        (!plaintext.isEmpty() && EVP_EncryptUpdate(ctx.get(), cipherOut, &written, bytes(plaintext),
                                                   int(plaintext.size())) != 1) ||
        EVP_EncryptFinal_ex(ctx.get(), cipherOut + written, &finalWritten) != 1 ||
        written + finalWritten != plaintext.size() ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagBytes,
                            cipherOut + plaintext.size()) != 1) {
        qCWarning(lcCrypto, "AES-256-GCM encryption failed in OpenSSL");
        ERR_clear_error();
        return {};
    }
    return sealed;
}

std::optional<Secret> AesGcm::open(QByteArrayView key, QByteArrayView sealed,
                                   QByteArrayView associatedData) {
    if (key.size() != KeyBytes || sealed.size() < Overhead ||
        sealed.size() - Overhead > MaxInputSize || associatedData.size() > MaxInputSize)
        return std::nullopt;

    const QByteArrayView nonce = sealed.first(NonceBytes);
    const QByteArrayView ciphertext = sealed.sliced(NonceBytes, sealed.size() - Overhead);
    // OpenSSL takes the expected tag through a non-const pointer; it only reads it.
    QByteArray tag = sealed.last(TagBytes).toByteArray();

    // Decrypted bytes are not authentic until the final call checks the tag; they never leave
    // this buffer, which is wiped whatever happens.
    QByteArray plain(ciphertext.size(), Qt::Uninitialized);
    const WipeOnExit wipePlain(plain);
    auto* plainOut = reinterpret_cast<unsigned char*>(plain.data());
    int written = 0;
    int finalWritten = 0;

    const CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    const bool ok =
        ctx && begin(ctx.get(), false, key, nonce, associatedData) &&
        (ciphertext.isEmpty() || EVP_DecryptUpdate(ctx.get(), plainOut, &written, bytes(ciphertext),
                                                   int(ciphertext.size())) == 1) &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagBytes, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), plainOut + written, &finalWritten) == 1 && // the tag check
        written + finalWritten == ciphertext.size();
    if (!ok) {
        ERR_clear_error(); // a wrong tag may leave an entry on this thread's error queue
        return std::nullopt;
    }
    return Secret(QByteArrayView(plain.constData(), ciphertext.size()));
}

} // namespace paycred::crypto
