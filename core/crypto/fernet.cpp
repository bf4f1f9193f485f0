#include "core/crypto/fernet.h"

#include "core/crypto/base64url.h"
#include "core/crypto/digest.h"
#include "core/crypto/logging.h"
#include "core/crypto/opensslptr.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <algorithm>
#include <limits>
#include <memory>

namespace paycred::crypto {

namespace {

// Token layout: version (1) | timestamp (8, big-endian) | IV (16) | ciphertext (n*16) | HMAC (32)
constexpr char Version = char(0x80);
constexpr qsizetype TimestampSize = 8;
constexpr qsizetype IvSize = 16;
constexpr qsizetype BlockSize = 16;
constexpr qsizetype MacSize = 32;
constexpr qsizetype HeaderSize = 1 + TimestampSize + IvSize;
constexpr qsizetype MinTokenSize = HeaderSize + BlockSize + MacSize;
constexpr std::int64_t MaxClockSkewSecs = 60;
// Keeps every length OpenSSL sees inside an int, with room for the padding block.
constexpr qsizetype MaxPlaintextSize = std::numeric_limits<int>::max() - 2 * BlockSize;

const unsigned char* bytes(QByteArrayView view) {
    return reinterpret_cast<const unsigned char*>(view.data());
}

// The decoded token when it has the shape of a Fernet token (version byte, room for at least
// one block, whole blocks): nothing is authenticated yet.
std::optional<QByteArray> decodeToken(QByteArrayView token) {
    // Python writes tokens padded; the unpadded spelling decodes to the same bytes and is
    // accepted, any other spelling is not.
    auto data = base64url::decode(token, base64url::Padding::Optional);
    if (!data || data->size() < MinTokenSize || data->at(0) != Version ||
        (data->size() - HeaderSize - MacSize) % BlockSize != 0)
        return std::nullopt;
    return data;
}

bool macMatches(const FernetKey& key, QByteArrayView data) {
    const QByteArrayView signedPart = data.first(data.size() - MacSize);
    const QByteArrayView mac = data.last(MacSize);
    return Digest::constantTimeEquals(Digest::hmacSha256(key.signingKey(), signedPart), mac);
}

std::uint64_t readTimestamp(QByteArrayView data) {
    std::uint64_t value = 0;
    for (qsizetype i = 1; i <= TimestampSize; ++i)
        value = (value << 8) | static_cast<unsigned char>(data.at(i));
    return value;
}

} // namespace

QByteArray Fernet::encrypt(const FernetKey& key, QByteArrayView plaintext, std::int64_t nowSecs) {
    return encryptWithIv(key, plaintext, nowSecs, Digest::randomBytes(int(IvSize)));
}

QByteArray Fernet::encryptWithIv(const FernetKey& key, QByteArrayView plaintext,
                                 std::int64_t nowSecs, QByteArrayView iv) {
    if (iv.size() != IvSize || nowSecs < 0 || plaintext.size() > MaxPlaintextSize ||
        key.encryptionKey().size() != 16)
        return {};

    const qsizetype cipherCapacity = (plaintext.size() / BlockSize + 1) * BlockSize;
    QByteArray data(HeaderSize + cipherCapacity + MacSize, Qt::Uninitialized);
    char* out = data.data();
    out[0] = Version;
    const auto timestamp = static_cast<std::uint64_t>(nowSecs);
    for (qsizetype i = 0; i < TimestampSize; ++i)
        out[1 + i] = char((timestamp >> (8 * (TimestampSize - 1 - i))) & 0xff);
    std::copy(iv.begin(), iv.end(), out + 1 + TimestampSize);

    const CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    auto* cipherOut = reinterpret_cast<unsigned char*>(out + HeaderSize);
    int written = 0;
    int finalWritten = 0;
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, bytes(key.encryptionKey()),
                           bytes(iv)) != 1 ||
        (!plaintext.isEmpty() && EVP_EncryptUpdate(ctx.get(), cipherOut, &written, bytes(plaintext),
                                                   int(plaintext.size())) != 1) ||
        EVP_EncryptFinal_ex(ctx.get(), cipherOut + written, &finalWritten) != 1 ||
        written + finalWritten != cipherCapacity) {
        qCWarning(lcCrypto, "AES-128-CBC encryption failed in OpenSSL");
        return {};
    }

    const qsizetype signedSize = HeaderSize + cipherCapacity;
    const QByteArray mac = Digest::hmacSha256(key.signingKey(), QByteArrayView(out, signedSize));
    if (mac.size() != MacSize)
        return {};
    std::copy(mac.begin(), mac.end(), out + signedSize);
    return base64url::encode(data, true);
}

Fernet::Decrypted Fernet::decrypt(const FernetKey& key, QByteArrayView token, std::int64_t nowSecs,
                                  std::optional<std::int64_t> ttlSecs) {
    Decrypted result;
    const auto data = decodeToken(token);
    // Authenticate first: nothing about an unauthenticated token is reported or decrypted.
    if (!data || !macMatches(key, *data))
        return result;

    const std::uint64_t rawTimestamp = readTimestamp(*data);
    // Like Python's cryptography: the TTL and the clock skew are checked only when a TTL is
    // given (`timestamp + ttl < now` → expired, `now + 60 < timestamp` → from the future).
    if (ttlSecs) {
        constexpr auto Max = std::numeric_limits<std::int64_t>::max();
        if (rawTimestamp > std::uint64_t(Max)) {
            result.error = Error::FromFuture;
            return result;
        }
        const auto timestamp = static_cast<std::int64_t>(rawTimestamp);
        const bool expired = *ttlSecs <= Max - timestamp && timestamp + *ttlSecs < nowSecs;
        if (expired) {
            result.error = Error::Expired;
            return result;
        }
        if (timestamp - MaxClockSkewSecs > nowSecs) {
            result.error = Error::FromFuture;
            return result;
        }
    }

    const QByteArrayView iv = QByteArrayView(*data).sliced(1 + TimestampSize, IvSize);
    const QByteArrayView ciphertext =
        QByteArrayView(*data).sliced(HeaderSize, data->size() - HeaderSize - MacSize);
    if (ciphertext.size() > MaxPlaintextSize)
        return result;

    QByteArray plain(ciphertext.size() + BlockSize, Qt::Uninitialized);
    auto* plainOut = reinterpret_cast<unsigned char*>(plain.data());
    int written = 0;
    int finalWritten = 0;
    const CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    const bool ok =
        ctx &&
        EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, bytes(key.encryptionKey()),
                           bytes(iv)) == 1 &&
        EVP_DecryptUpdate(ctx.get(), plainOut, &written, bytes(ciphertext),
                          int(ciphertext.size())) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), plainOut + written, &finalWritten) == 1; // PKCS7 check
    if (ok) {
        result.plaintext = Secret(QByteArrayView(plain.constData(), written + finalWritten));
        result.timestamp = static_cast<std::int64_t>(rawTimestamp);
        result.error = Error::None;
    } else {
        ERR_clear_error(); // a bad padding leaves "bad decrypt" on this thread's error queue
    }
    wipe(plain);
    return result;
}

bool Fernet::isSignedBy(const FernetKey& key, QByteArrayView token) {
    const auto data = decodeToken(token);
    return data && macMatches(key, *data);
}

} // namespace paycred::crypto
