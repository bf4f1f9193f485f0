#include "core/crypto/fernetkey.h"

#include "core/crypto/base64url.h"
#include "core/crypto/digest.h"

#include <utility>

namespace paycred::crypto {

namespace {
constexpr qsizetype KeySize = 32;
constexpr qsizetype HalfKeySize = 16;
} // namespace

FernetKey::FernetKey(Secret bytes)
    : m_bytes(std::move(bytes)) {}

std::optional<FernetKey> FernetKey::fromBase64(QByteArrayView text) {
    // Python writes keys padded (44 characters); the unpadded spelling is accepted too.
    auto decoded = base64url::decode(text, base64url::Padding::Optional);
    if (!decoded)
        return std::nullopt;
    std::optional<FernetKey> key;
    if (decoded->size() == KeySize)
        key = FernetKey(Secret(*decoded));
    wipe(*decoded);
    return key;
}

FernetKey FernetKey::generate() {
    QByteArray bytes = Digest::randomBytes(int(KeySize));
    FernetKey key{Secret(bytes)};
    wipe(bytes);
    return key;
}

QByteArray FernetKey::toBase64() const {
    return base64url::encode(m_bytes.view(), true);
}

// A FernetKey always holds 32 bytes, except once moved from: then both halves are empty.
QByteArrayView FernetKey::signingKey() const {
    return m_bytes.view().size() == KeySize ? m_bytes.view().first(HalfKeySize) : QByteArrayView();
}

QByteArrayView FernetKey::encryptionKey() const {
    return m_bytes.view().size() == KeySize ? m_bytes.view().sliced(HalfKeySize) : QByteArrayView();
}

QString FernetKey::fingerprint() const {
    return QString::fromLatin1(Digest::sha256Hex(m_bytes.view()).left(8));
}

} // namespace paycred::crypto
