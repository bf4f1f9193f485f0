#pragma once

#include "core/crypto/secret.h"
#include "core/service/passwordstore.h"

#include <optional>

namespace paycred::vault {

class Vault;

// SlotPasswordStore: a vault's passwords are its key slots. Checking one opens the slot (and so
// unlocks the vault); keeping one seals the master key anew, which needs the vault unlocked.
class SlotPasswordStore final : public service::PasswordStore {
public:
    explicit SlotPasswordStore(Vault& vault)
        : m_vault(vault) {}

    bool verify(const storage::UserRecord& user, const QString& password) const override;
    void verifyNothing(const QString& password) const override;
    bool store(const storage::UserRecord& user, const QString& password) const override;

    // The master key in `user`'s slot, or empty when the password does not open it (the same
    // scrypt work either way, also when the user has no slot).
    std::optional<crypto::Secret> openSlot(const storage::UserRecord& user,
                                           const QString& password) const;

private:
    Vault& m_vault;
};

} // namespace paycred::vault
