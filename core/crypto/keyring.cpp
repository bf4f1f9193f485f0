#include "core/crypto/keyring.h"

#include <utility>

namespace paycred::crypto {

KeyRing::KeyRing(QList<FernetKey> keys)
    : m_keys(std::move(keys)) {}

std::optional<KeyRing> KeyRing::fromBase64List(QByteArrayView text) {
    // Every entry must be a key: a typo in one of them is an error, not a shorter ring.
    QList<FernetKey> keys;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(',', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView entry = text.sliced(start, end - start).trimmed();
        auto key = FernetKey::fromBase64(entry);
        if (!key)
            return std::nullopt;
        keys.append(std::move(*key));
        start = end + 1;
    }
    return KeyRing(std::move(keys));
}

QByteArray KeyRing::encrypt(QByteArrayView plaintext, std::int64_t nowSecs) const {
    if (isEmpty())
        return {};
    return Fernet::encrypt(primary(), plaintext, nowSecs);
}

Fernet::Decrypted KeyRing::decrypt(QByteArrayView token, std::int64_t nowSecs) const {
    // Only the key whose HMAC matches is asked to decrypt: one decryption at most, and a
    // failure is that key's verdict rather than whichever key was tried last.
    const auto index = keyIndexFor(token);
    if (!index)
        return {};
    return Fernet::decrypt(key(*index), token, nowSecs);
}

std::optional<qsizetype> KeyRing::keyIndexFor(QByteArrayView token) const {
    for (qsizetype i = 0; i < m_keys.size(); ++i) {
        if (Fernet::isSignedBy(m_keys.at(i), token))
            return i;
    }
    return std::nullopt;
}

std::optional<QByteArray> KeyRing::rotate(QByteArrayView token, std::int64_t nowSecs) const {
    const Fernet::Decrypted decrypted = decrypt(token, nowSecs);
    if (!decrypted.ok())
        return std::nullopt;
    // Like MultiFernet.rotate: the token keeps its original timestamp, so a TTL still counts
    // from when the data was first encrypted.
    QByteArray rotated =
        Fernet::encrypt(primary(), decrypted.plaintext.view(), decrypted.timestamp);
    if (rotated.isEmpty())
        return std::nullopt;
    return rotated;
}

} // namespace paycred::crypto
