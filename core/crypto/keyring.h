#pragma once

#include "core/crypto/fernet.h"
#include "core/crypto/fernetkey.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace paycred::crypto {

// KeyRing: like MultiFernet, the primary (first) key encrypts, every key decrypts, so the
// encryption key can be rotated and rows re-encrypted without downtime.
class KeyRing {
public:
    KeyRing() = default;
    explicit KeyRing(QList<FernetKey> keys);
    // From a comma-separated list of url-safe base64 keys, primary first (PAYCRED_ENCRYPTION_KEY).
    static std::optional<KeyRing> fromBase64List(QByteArrayView text);

    bool isEmpty() const { return m_keys.isEmpty(); }
    qsizetype size() const { return m_keys.size(); }
    const FernetKey& primary() const { return m_keys.front(); }
    const FernetKey& key(qsizetype index) const { return m_keys.at(index); }

    QByteArray encrypt(QByteArrayView plaintext, std::int64_t nowSecs) const;
    Fernet::Decrypted decrypt(QByteArrayView token, std::int64_t nowSecs) const;
    // Index of the key whose HMAC matches the token (0 = primary), without decrypting.
    std::optional<qsizetype> keyIndexFor(QByteArrayView token) const;
    // Re-encrypts under the primary key; empty when no key decrypts the token.
    std::optional<QByteArray> rotate(QByteArrayView token, std::int64_t nowSecs) const;

private:
    QList<FernetKey> m_keys;
};

} // namespace paycred::crypto
