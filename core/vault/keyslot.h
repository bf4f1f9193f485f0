#pragma once

#include "core/crypto/scrypt.h"
#include "core/crypto/secret.h"
#include "core/storage/records.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace paycred::vault {

// KeySlot: one user's sealed copy of the vault master key. scrypt turns the password into the
// key that seals it with AES-256-GCM; the GCM tag is the password check. Bound to its vault and
// user, so a slot copied onto another user opens nothing.
class KeySlot {
public:
    static std::optional<storage::KeySlotRecord> seal(qint64 userId, const QString& vaultId,
                                                      const crypto::Secret& masterKey,
                                                      const QString& password,
                                                      const crypto::Scrypt::Parameters& parameters,
                                                      const QDateTime& now);
    // The master key, or empty when the password is wrong or the slot was changed.
    static std::optional<crypto::Secret> open(const storage::KeySlotRecord& slot,
                                              const QString& vaultId, const QString& password);
    // The scrypt work of one open() for nobody: an unknown user costs what a known one does.
    static void spend(const QString& password, const crypto::Scrypt::Parameters& parameters);

    static crypto::Scrypt::Parameters parametersOf(const storage::KeySlotRecord& slot);
};

} // namespace paycred::vault
