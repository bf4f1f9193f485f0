#pragma once

#include "core/service/passwordstore.h"

namespace paycred::crypto {
class PasswordHasher;
}
namespace paycred::storage {
class Database;
}

namespace paycred::service {

// HashedPasswordStore: passwords as Django's pbkdf2_sha256 hashes in users.password_hash,
// upgraded to the current iteration count at the next successful check.
class HashedPasswordStore final : public PasswordStore {
public:
    HashedPasswordStore(const storage::Database& db, const crypto::PasswordHasher& hasher)
        : m_db(db)
        , m_hasher(hasher) {}

    bool verify(const storage::UserRecord& user, const QString& password) const override;
    void verifyNothing(const QString& password) const override;
    bool store(const storage::UserRecord& user, const QString& password) const override;

private:
    const storage::Database& m_db;
    const crypto::PasswordHasher& m_hasher;
};

} // namespace paycred::service
