#include "core/storage/userrepository.h"

#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

#include <QPair>

namespace paycred::storage {

namespace {

constexpr auto kColumns = "id, username, password_hash, is_superuser, is_active, date_joined, "
                          "last_login, token_version";

QString select(const char* rest) {
    return QStringLiteral("SELECT %1 FROM users %2")
        .arg(QLatin1String(kColumns), QLatin1String(rest));
}

UserRecord readUser(const QSqlQuery& query) {
    return UserRepository::read(query, 0);
}

std::optional<UserRecord> findOne(const Database& db, const char* where, const QString& name,
                                  const QVariant& value) {
    QSqlQuery query(db.connection());
    detail::prepareRead(query, select(where), "prepare a user lookup");
    query.bindValue(name, value);
    detail::execRead(query, "look up a user");
    if (!query.next())
        return std::nullopt;
    return readUser(query);
}

// Runs an UPDATE of one user row: `sql` binds :id and the given values.
WriteStatus updateUser(const Database& db, const QString& sql, qint64 id,
                       const QList<QPair<QString, QVariant>>& values, const char* what) {
    QSqlQuery query(db.connection());
    if (!detail::prepare(query, sql, what))
        return WriteStatus::Failed;
    for (const auto& [name, value] : values)
        query.bindValue(name, value);
    query.bindValue(QStringLiteral(":id"), id);
    return detail::execWriteOne(query, what);
}

// What the user list keeps.
detail::Where userWhere(const UserFilter& filter) {
    detail::Where where;
    if (!filter.usernamePart.isEmpty())
        where.require(QStringLiteral("LOWER(username) LIKE LOWER(:part) ESCAPE '\\'"),
                      QStringLiteral(":part"), detail::containsPattern(filter.usernamePart));
    if (filter.isActive)
        where.require(QStringLiteral("is_active = :active"), QStringLiteral(":active"),
                      detail::flag(*filter.isActive));
    if (filter.isSuperuser)
        where.require(QStringLiteral("is_superuser = :superuser"), QStringLiteral(":superuser"),
                      detail::flag(*filter.isSuperuser));
    return where;
}

QString orderColumn(UserRepository::Order order) {
    switch (order) {
    case UserRepository::Order::Username:
        return QStringLiteral("username");
    case UserRepository::Order::DateJoined:
        return QStringLiteral("date_joined");
    case UserRepository::Order::LastLogin:
        return QStringLiteral("COALESCE(last_login, 0)");
    case UserRepository::Order::Id:
        break;
    }
    return QStringLiteral("id");
}

} // namespace

QString UserRepository::columns(const QString& alias) {
    QStringList names = QString::fromLatin1(kColumns).split(QStringLiteral(", "));
    for (QString& name : names)
        name.prepend(alias);
    return names.join(QStringLiteral(", "));
}

UserRecord UserRepository::read(const QSqlQuery& query, int first) {
    UserRecord user;
    user.id = query.value(first).toLongLong();
    user.username = query.value(first + 1).toString();
    user.passwordHash = query.value(first + 2).toString();
    user.isSuperuser = detail::flagFrom(query.value(first + 3));
    user.isActive = detail::flagFrom(query.value(first + 4));
    user.dateJoined = detail::fromMsecs(query.value(first + 5));
    user.lastLogin = detail::optionalFromMsecs(query.value(first + 6));
    user.tokenVersion = query.value(first + 7).toLongLong();
    return user;
}

std::optional<UserRecord> UserRepository::findById(qint64 id) const {
    return findOne(m_db, "WHERE id = :id", QStringLiteral(":id"), QVariant(id));
}

std::optional<UserRecord> UserRepository::findByUsername(const QString& username) const {
    // No stored name holds a NUL (PostgreSQL's text cannot), so such a name matches nobody; asked
    // anyway, PostgreSQL would refuse the statement and the lookup would fail as an outage.
    if (username.contains(QChar(u'\0')))
        return std::nullopt;
    return findOne(m_db, "WHERE username = :username", QStringLiteral(":username"),
                   QVariant(username));
}

QList<UserRecord> UserRepository::list() const {
    QList<UserRecord> users;
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, select("ORDER BY id"), "prepare the user list");
    detail::execRead(query, "list the users");
    while (query.next())
        users.append(readUser(query));
    return users;
}

qint64 UserRepository::count() const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, QStringLiteral("SELECT COUNT(*) FROM users"),
                        "prepare the user count");
    detail::execRead(query, "count the users");
    return query.next() ? query.value(0).toLongLong() : 0;
}

std::optional<UserRepository::ActiveCounts> UserRepository::countByActive() const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("SELECT is_active, COUNT(*) FROM users GROUP BY is_active"),
                         "prepare the user counts") ||
        !detail::exec(query, "count the users"))
        return std::nullopt;
    ActiveCounts counts;
    while (query.next())
        (detail::flagFrom(query.value(0)) ? counts.active : counts.inactive) +=
            query.value(1).toLongLong();
    return counts;
}

WriteResult<qint64> UserRepository::insert(const UserRecord& user) const {
    WriteResult<qint64> result;
    if (!user.dateJoined.isValid()) {
        qCWarning(lcStorage, "Could not insert a user: its date_joined is not a valid time.");
        return result;
    }
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("INSERT INTO users (username, password_hash, is_superuser, "
                                        "is_active, date_joined, last_login, token_version) "
                                        "VALUES (:username, :hash, :superuser, :active, :joined, "
                                        ":lastLogin, :tokenVersion) RETURNING id"),
                         "prepare a user insert"))
        return result;
    query.bindValue(QStringLiteral(":username"), user.username);
    query.bindValue(QStringLiteral(":hash"), user.passwordHash);
    query.bindValue(QStringLiteral(":superuser"), detail::flag(user.isSuperuser));
    query.bindValue(QStringLiteral(":active"), detail::flag(user.isActive));
    query.bindValue(QStringLiteral(":joined"), detail::msecs(user.dateJoined));
    query.bindValue(QStringLiteral(":lastLogin"), detail::optionalMsecs(user.lastLogin));
    query.bindValue(QStringLiteral(":tokenVersion"), user.tokenVersion);
    return detail::execInsert(query, "insert a user");
}

WriteStatus UserRepository::setPasswordHash(qint64 id, const QString& hash) const {
    return updateUser(m_db, QStringLiteral("UPDATE users SET password_hash = :hash WHERE id = :id"),
                      id, {{QStringLiteral(":hash"), hash}}, "set a password hash");
}

WriteStatus UserRepository::replacePasswordHash(qint64 id, const QString& expected,
                                                const QString& hash) const {
    return updateUser(m_db,
                      QStringLiteral("UPDATE users SET password_hash = :hash WHERE id = :id AND "
                                     "password_hash = :expected"),
                      id,
                      {{QStringLiteral(":hash"), hash}, {QStringLiteral(":expected"), expected}},
                      "replace a password hash");
}

WriteStatus UserRepository::bumpTokenVersion(qint64 id) const {
    return updateUser(
        m_db, QStringLiteral("UPDATE users SET token_version = token_version + 1 WHERE id = :id"),
        id, {}, "bump a token version");
}

WriteStatus UserRepository::setActive(qint64 id, bool active) const {
    return updateUser(m_db, QStringLiteral("UPDATE users SET is_active = :active WHERE id = :id"),
                      id, {{QStringLiteral(":active"), detail::flag(active)}},
                      "set whether a user is active");
}

WriteStatus UserRepository::setSuperuser(qint64 id, bool superuser) const {
    return updateUser(m_db,
                      QStringLiteral("UPDATE users SET is_superuser = :superuser WHERE id = :id"),
                      id, {{QStringLiteral(":superuser"), detail::flag(superuser)}},
                      "set whether a user is a superuser");
}

bool UserRepository::setLastLogin(qint64 id, const QDateTime& at) const {
    if (!at.isValid()) {
        qCWarning(lcStorage, "Could not set a user's last login: not a valid time.");
        return false;
    }
    return updateUser(m_db, QStringLiteral("UPDATE users SET last_login = :at WHERE id = :id"), id,
                      {{QStringLiteral(":at"), detail::msecs(at)}},
                      "set a user's last login") == WriteStatus::Ok;
}

bool UserRepository::remove(qint64 id) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("DELETE FROM users WHERE id = :id"),
                         "prepare a user delete"))
        return false;
    query.bindValue(QStringLiteral(":id"), id);
    return detail::exec(query, "delete a user") && query.numRowsAffected() == 1;
}

std::optional<QList<qint64>> UserRepository::lockActiveSuperusers() const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("SELECT id FROM users WHERE is_superuser = 1 AND "
                                        "is_active = 1 ORDER BY id%1")
                             .arg(m_db.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE")),
                         "prepare the lock of the active superusers") ||
        !detail::exec(query, "lock the active superusers"))
        return std::nullopt;
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

std::optional<QList<ListedUserRecord>>
UserRepository::listPage(const UserFilter& filter, Order order, const Slice& slice) const {
    QSqlQuery query(m_db.connection());
    if (!detail::execPage(query,
                          QLatin1String(kColumns) +
                              QStringLiteral(", (SELECT COUNT(*) FROM payment_credentials c "
                                             "WHERE c.user_id = users.id)"),
                          QStringLiteral("FROM users"), userWhere(filter),
                          detail::Keyset::of(orderColumn(order), QStringLiteral("id"), slice),
                          "list the users"))
        return std::nullopt;
    QList<ListedUserRecord> rows;
    while (query.next())
        rows.append({readUser(query), query.value(8).toLongLong()});
    return rows;
}

std::optional<qint64> UserRepository::countMatching(const UserFilter& filter) const {
    return detail::countWhere(m_db.connection(), QStringLiteral("FROM users"), userWhere(filter),
                              "count the users");
}

QVariant UserRepository::orderValue(Order order, const ListedUserRecord& row) {
    switch (order) {
    case Order::Username:
        return row.user.username;
    case Order::DateJoined:
        return detail::msecs(row.user.dateJoined);
    case Order::LastLogin:
        return row.user.lastLogin ? detail::msecs(*row.user.lastLogin) : QVariant(qint64(0));
    case Order::Id:
        break;
    }
    return row.user.id;
}

} // namespace paycred::storage
