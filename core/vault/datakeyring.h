#pragma once

#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace paycred::vault {

// DataKeyRing: the vault's Fernet keys (the ring that encrypts credentials), sealed with the
// master key (AES-256-GCM, bound to the vault's id) for its one place in vault_meta.
class DataKeyRing {
public:
    // Base64 text for vault_meta; empty when sealing failed.
    static QString seal(const crypto::KeyRing& ring, const crypto::Secret& masterKey,
                        const QString& vaultId);
    static std::optional<crypto::KeyRing>
    open(const QString& sealed, const crypto::Secret& masterKey, const QString& vaultId);
};

} // namespace paycred::vault
