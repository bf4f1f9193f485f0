#pragma once

#include "core/crypto/secret.h"

#include <QString>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred::vault {

// VaultAuditKey: the vault's audit key (it seals the audit chain), random, made once and kept in
// vault_meta sealed with the master key (AES-256-GCM, bound to the vault's id). Never rotated:
// changing a password re-seals only the master key, so the chain keeps verifying.
class VaultAuditKey {
public:
    static constexpr int KeyBytes = 32;

    // Base64 text for vault_meta; empty when sealing failed.
    static QString seal(const crypto::Secret& auditKey, const crypto::Secret& masterKey,
                        const QString& vaultId);
    static std::optional<crypto::Secret>
    open(const QString& sealed, const crypto::Secret& masterKey, const QString& vaultId);

    // The vault's key, made and stored first when it has none (a vault made before the audit
    // chain), in one transaction so that two unlocks never make two keys. Nothing when the
    // stored key does not open with `masterKey` or the database refused.
    static std::optional<crypto::Secret> loadOrCreate(const storage::Database& db,
                                                      const crypto::Secret& masterKey,
                                                      const QString& vaultId);
};

} // namespace paycred::vault
