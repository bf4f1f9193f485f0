#pragma once

#include "core/service/passwordstore.h"

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

private:
    Vault& m_vault;
};

} // namespace paycred::vault
