#pragma once

#include "core/crypto/secret.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace paycred::crypto {

// FernetKey: the 32 bytes of a Fernet key (16 signing, 16 encryption), held as a Secret.
class FernetKey {
public:
    // From the url-safe base64 text of 32 bytes (as Python's Fernet.generate_key() writes it).
    static std::optional<FernetKey> fromBase64(QByteArrayView text);
    static FernetKey generate();

    QByteArray toBase64() const;         // url-safe, padded: the caller wipes it
    QByteArrayView signingKey() const;   // first 16 bytes
    QByteArrayView encryptionKey() const; // last 16 bytes
    // A stable, non-secret name for the key (first 8 hex chars of SHA-256 of the key bytes),
    // for logs and rotation reports.
    QString fingerprint() const;

private:
    explicit FernetKey(Secret bytes);
    Secret m_bytes;
};

} // namespace paycred::crypto
