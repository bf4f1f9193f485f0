#include "core/service/hashedpasswordstore.h"

#include "core/crypto/passwordhasher.h"
#include "core/service/logging.h"
#include "core/storage/userrepository.h"

namespace paycred::service {

bool HashedPasswordStore::verify(const storage::UserRecord& user, const QString& password) const {
    const auto verdict = m_hasher.verify(password, user.passwordHash);
    if (verdict.valid && verdict.needsRehash && !store(user, password))
        qCWarning(lcService) << "could not store the rehashed password of user" << user.id;
    return verdict.valid;
}

void HashedPasswordStore::verifyNothing(const QString& password) const {
    m_hasher.verifyNothing(password);
}

bool HashedPasswordStore::store(const storage::UserRecord& user, const QString& password) const {
    storage::UserRecord updated = user;
    updated.passwordHash = m_hasher.hash(password);
    return storage::UserRepository(m_db).update(updated) == storage::WriteStatus::Ok;
}

} // namespace paycred::service
