#pragma once

#include "core/crypto/secret.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred::vault {

// RememberedSlot: a user's "remembered unlock" slot in the vault file — the master key sealed
// with AES-256-GCM under a key that HKDF-SHA256 derives from a random secret, the one thing the
// system keychain holds. Bound to the vault id, the user (id and username) and the expiry, all
// associated data, so a slot moved to another user or given a later expiry opens nothing.
// Deleting the slot makes that secret worthless for this file.
//
// Kept in vault_meta (row "remembered_slots", a JSON object keyed by user id), so remembering
// needs no schema change; at most one slot per user.
class RememberedSlot {
public:
    static constexpr int SecretBytes = 32;

    qint64 userId = 0;
    QString username;
    qint64 expiresAt = 0; // Unix seconds
    QByteArray salt;      // HKDF salt, random per slot
    QByteArray sealed;    // nonce || ciphertext || tag

    // A slot sealing `masterKey` under `secret` (SecretBytes random bytes); nothing when OpenSSL
    // failed or an argument is empty.
    static std::optional<RememberedSlot> seal(const QString& vaultId, qint64 userId,
                                              const QString& username, qint64 expiresAt,
                                              const crypto::Secret& masterKey,
                                              const crypto::Secret& secret);
    // The master key, or nothing when `secret` is not this slot's or the slot was changed. The
    // expiry is not checked here: the caller compares it with its clock.
    std::optional<crypto::Secret> open(const QString& vaultId, const crypto::Secret& secret) const;

    // The stored slots. find(): nothing when the user has none (or the row cannot be read).
    static std::optional<RememberedSlot> find(const storage::Database& db, qint64 userId);
    // Insert or replace the user's slot; in one transaction (read, change, write).
    static bool save(const storage::Database& db, const RememberedSlot& slot);
    // Removes the user's slot; true also when there was none.
    static bool remove(const storage::Database& db, qint64 userId);
    // Removes every slot whose expiry is at or before `nowSecs`; how many went, -1 on failure.
    static int removeExpired(const storage::Database& db, qint64 nowSecs);
    // How many slots the file holds.
    static int count(const storage::Database& db);
};

} // namespace paycred::vault
