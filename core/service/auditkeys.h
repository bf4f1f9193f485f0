#pragma once

#include "core/crypto/secret.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace paycred::service {

// AuditKeys: the keys that seal the audit chain — the primary MACs new events, every key (the
// retired ones too) verifies the events it sealed. Each key is known by an id derived from it,
// stored with every event, so a key never has to be guessed and is never written down.
class AuditKeys {
public:
    static constexpr int KeyBytes = 32; // what genkey makes, and the least a key may have

    AuditKeys() = default;
    explicit AuditKeys(QList<crypto::Secret> keys);
    // From comma-separated base64 keys (url-safe or standard), primary first (PAYCRED_AUDIT_KEY).
    // Nothing when an entry is empty or not base64: a typo is an error, not a shorter list.
    static std::optional<AuditKeys> fromBase64List(QByteArrayView text);
    // A fresh random key as url-safe base64 (the caller wipes it).
    static QByteArray generateBase64();

    bool isEmpty() const { return m_keys.isEmpty(); }
    qsizetype size() const { return m_keys.size(); }
    // The fewest bytes any key has (0 for no key): below KeyBytes a key is weak.
    qsizetype shortestKeyBytes() const;
    // Whether one of the keys is exactly `bytes` (an audit key must not be another key).
    bool contains(QByteArrayView bytes) const;

    const crypto::Secret& primary() const { return m_keys.front().secret; }
    const QString& primaryId() const { return m_keys.front().id; }
    // The key with id `id`, or null.
    const crypto::Secret* find(QStringView id) const;

    // 16 hex digits naming `key`: an HMAC of a fixed text under it, so the id says nothing of
    // the key.
    static QString idOf(const crypto::Secret& key);

private:
    struct Key {
        QString id;
        crypto::Secret secret;
    };
    QList<Key> m_keys;
};

} // namespace paycred::service
