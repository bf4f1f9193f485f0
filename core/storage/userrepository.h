#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// UserRepository: the users table.
class UserRepository {
public:
    explicit UserRepository(const Database& db) : m_db(db) {}

    std::optional<UserRecord> findById(qint64 id) const;
    std::optional<UserRecord> findByUsername(const QString& username) const;
    QList<UserRecord> list() const;
    qint64 count() const;
    // Inserts and returns the new id; Conflict when the username exists.
    WriteResult<qint64> insert(const UserRecord& user) const;
    // Writes username, flags, password hash, last login and token version of `user.id`.
    WriteStatus update(const UserRecord& user) const;
    bool setLastLogin(qint64 id, const QDateTime& at) const;
    bool remove(qint64 id) const; // its credentials go with it (ON DELETE CASCADE)

private:
    const Database& m_db;
};

} // namespace paycred::storage
