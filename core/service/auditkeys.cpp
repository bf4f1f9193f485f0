#include "core/service/auditkeys.h"

#include "core/crypto/digest.h"

#include <algorithm>

namespace paycred::service {

namespace {
std::optional<crypto::Secret> decodeKey(QByteArrayView entry) {
    for (const auto encoding : {QByteArray::Base64UrlEncoding, QByteArray::Base64Encoding}) {
        auto decoded = QByteArray::fromBase64Encoding(
            entry.toByteArray(), encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded && !decoded.decoded.isEmpty()) {
            crypto::Secret key{QByteArrayView(decoded.decoded)};
            crypto::wipe(decoded.decoded);
            return key;
        }
    }
    return std::nullopt;
}
} // namespace

AuditKeys::AuditKeys(QList<crypto::Secret> keys) {
    for (crypto::Secret& key : keys) {
        if (key.isEmpty())
            continue;
        QString id = idOf(key);
        m_keys.append({std::move(id), std::move(key)});
    }
}

std::optional<AuditKeys> AuditKeys::fromBase64List(QByteArrayView text) {
    QList<crypto::Secret> keys;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(',', start);
        if (end < 0)
            end = text.size();
        auto key = decodeKey(text.sliced(start, end - start).trimmed());
        if (!key)
            return std::nullopt;
        keys.append(std::move(*key));
        start = end + 1;
    }
    return AuditKeys(std::move(keys));
}

QByteArray AuditKeys::generateBase64() {
    QByteArray key = crypto::Digest::randomBytes(KeyBytes);
    QByteArray text = key.toBase64(QByteArray::Base64UrlEncoding);
    crypto::wipe(key);
    return text;
}

qsizetype AuditKeys::shortestKeyBytes() const {
    if (m_keys.isEmpty())
        return 0;
    qsizetype shortest = m_keys.front().secret.size();
    for (const Key& key : m_keys)
        shortest = std::min(shortest, qsizetype(key.secret.size()));
    return shortest;
}

bool AuditKeys::contains(QByteArrayView bytes) const {
    return std::any_of(m_keys.begin(), m_keys.end(), [bytes](const Key& key) {
        return crypto::Digest::constantTimeEquals(key.secret.view(), bytes);
    });
}

const crypto::Secret* AuditKeys::find(QStringView id) const {
    for (const Key& key : m_keys) {
        if (key.id == id)
            return &key.secret;
    }
    return nullptr;
}

QString AuditKeys::idOf(const crypto::Secret& key) {
    const QByteArray mac =
        crypto::Digest::hmacSha256(key.view(), QByteArrayView("paycred/audit-key-id/v1"));
    return QString::fromLatin1(mac.left(8).toHex());
}

} // namespace paycred::service
