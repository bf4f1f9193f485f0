#pragma once

#include "core/storage/records.h"

#include <QList>

class QSqlQuery;

namespace paycred::storage {

class Database;

// What a list of users keeps (all set conditions hold at once).
struct UserFilter {
    QString usernamePart; // part of the username, any case; empty: any user
    std::optional<bool> isActive;
    std::optional<bool> isSuperuser;
};

struct ListedUserRecord {
    UserRecord user;
    qint64 credentialsCount = 0;
};

// UserRepository: the users table.
class UserRepository {
public:
    explicit UserRepository(const Database& db)
        : m_db(db) {}

    std::optional<UserRecord> findById(qint64 id) const;
    // The columns a user is read from, each prefixed with `alias` ("u." or empty), and the user
    // read from them, starting at column `first` of `query` (for statements that join users).
    static QString columns(const QString& alias);
    static UserRecord read(const QSqlQuery& query, int first);
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
    WriteStatus setSuperuser(qint64 id, bool superuser) const;
    bool setLastLogin(qint64 id, const QDateTime& at) const;
    bool remove(qint64 id) const; // its credentials go with it (ON DELETE CASCADE)

    // The ids of the active superusers, ordered by id, their rows locked until the transaction
    // this runs in ends — so two transactions that each remove one superuser run one after the
    // other, and the second sees what the first did (PostgreSQL: FOR UPDATE, taken in id order
    // so two such transactions never deadlock; SQLite: its transactions already hold the write
    // lock). Empty when the database could not be read.
    std::optional<QList<qint64>> lockActiveSuperusers() const;

    // The users with how many credentials each has, a page at a time. Never-logged-in users
    // sort by last_login as the earliest time.
    enum class Order { Id, Username, DateJoined, LastLogin };
    std::optional<QList<ListedUserRecord>> listPage(const UserFilter& filter, Order order,
                                                    const Slice& slice) const;
    std::optional<qint64> countMatching(const UserFilter& filter) const;
    // The value `order` sorts `row` by, as a page's cursor keeps it.
    static QVariant orderValue(Order order, const ListedUserRecord& row);

private:
    const Database& m_db;
};

} // namespace paycred::storage
