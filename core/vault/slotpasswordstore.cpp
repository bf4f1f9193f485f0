#include "core/vault/slotpasswordstore.h"

#include "core/foundation/clock.h"
#include "core/storage/database.h"
#include "core/storage/keyslotrepository.h"
#include "core/vault/keyslot.h"
#include "core/vault/logging.h"
#include "core/vault/rememberedslot.h"
#include "core/vault/vault.h"

namespace paycred::vault {

std::optional<crypto::Secret> SlotPasswordStore::openSlot(const storage::UserRecord& user,
                                                          const QString& password) const {
    const auto slot = storage::KeySlotRepository(m_vault.database()).find(user.id);
    if (!slot) {
        verifyNothing(password);
        return std::nullopt;
    }
    return KeySlot::open(*slot, m_vault.id(), password);
}

bool SlotPasswordStore::verify(const storage::UserRecord& user, const QString& password) const {
    const auto masterKey = openSlot(user, password);
    if (!masterKey)
        return false;
    // An inactive user's password is checked (the same work) but does not unlock the vault.
    if (!user.isActive)
        return true;
    const VaultStatus accepted = m_vault.acceptMasterKey(*masterKey);
    if (!accepted.ok())
        qCWarning(lcVault) << "a slot opened but the vault did not unlock:" << accepted.message;
    return accepted.ok();
}

void SlotPasswordStore::verifyNothing(const QString& password) const {
    KeySlot::spend(password, m_vault.m_options.scrypt);
}

bool SlotPasswordStore::store(const storage::UserRecord& user, const QString& password) const {
    const crypto::Secret masterKey = m_vault.masterKey();
    if (masterKey.isEmpty())
        return false; // only an unlocked vault can seal a new slot
    const auto slot = KeySlot::seal(user.id, m_vault.id(), masterKey, password,
                                    m_vault.m_options.scrypt, m_vault.m_clock.now());
    // A new password also ends the user's remembered unlock: whoever read its secret from the
    // keychain must not keep the vault open past the change (a superuser's reset included).
    return slot && m_vault.database().transaction([&] {
        return storage::KeySlotRepository(m_vault.database()).save(*slot) &&
               RememberedSlot::remove(m_vault.database(), user.id);
    });
}

} // namespace paycred::vault
