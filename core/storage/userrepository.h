#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// UserRepository: the users table.
class UserRepository {
public:
    explicit UserRepository(const Database& db)
        : m_db(db) {}

    std::optional<UserRecord> findById(qint64 id) const;
    std::optional<UserRecord> findByUsername(const QString& username) const;
    QList<UserRecord> list() const;
    qint64 count() const;
    struct ActiveCounts {
        qint64 active = 0;
        qint64 inactive = 0;
    };
    // Empty when the database could not be read (never a made-up zero).
    std::optional<ActiveCounts> countByActive() const;
    // Inserts and returns the new id; Conflict when the username exists.
    WriteResult<qint64> insert(const UserRecord& user) const;
    // Each write sets only its own columns, so writes made at the same time never undo each
    // other. NoMatch when no row matched.
    WriteStatus setPasswordHash(qint64 id, const QString& hash) const;
    // Sets the hash only while it is still `expected` (an upgrade of the hash just checked must
    // not undo a password change made meanwhile).
    WriteStatus replacePasswordHash(qint64 id, const QString& expected, const QString& hash) const;
    // Every token issued before stops working (API.md §1).
    WriteStatus bumpTokenVersion(qint64 id) const;
    WriteStatus setActive(qint64 id, bool active) const;
    bool setLastLogin(qint64 id, const QDateTime& at) const;
    bool remove(qint64 id) const; // its credentials go with it (ON DELETE CASCADE)

private:
    const Database& m_db;
};

} // namespace paycred::storage
