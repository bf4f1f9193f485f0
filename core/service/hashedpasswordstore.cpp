#include "core/service/hashedpasswordstore.h"

#include "core/crypto/passwordhasher.h"
#include "core/service/logging.h"
#include "core/storage/userrepository.h"

namespace paycred::service {

bool HashedPasswordStore::verify(const storage::UserRecord& user, const QString& password) const {
    const auto verdict = m_hasher.verify(password, user.passwordHash);
    if (verdict.valid && verdict.needsRehash) {
        // Only the hash, and only if it is still the one just checked: a password change made
        // during the (long) check must not be undone.
        const auto status = storage::UserRepository(m_db).replacePasswordHash(
            user.id, user.passwordHash, m_hasher.hash(password));
        if (status == storage::WriteStatus::Failed)
            qCWarning(lcService) << "could not store the rehashed password of user" << user.id;
    }
    return verdict.valid;
}

void HashedPasswordStore::verifyNothing(const QString& password) const {
    m_hasher.verifyNothing(password);
}

bool HashedPasswordStore::store(const storage::UserRecord& user, const QString& password) const {
    return storage::UserRepository(m_db).setPasswordHash(user.id, m_hasher.hash(password)) ==
           storage::WriteStatus::Ok;
}

} // namespace paycred::service
