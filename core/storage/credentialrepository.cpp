#include "core/storage/credentialrepository.h"

#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

#include <QPair>
#include <QStringList>

namespace paycred::storage {

namespace {

constexpr auto kColumns = "id, user_id, provider, encrypted_api_key, encrypted_private_key, "
                          "private_key_digest, environment, is_active, created_at, updated_at, "
                          "version";

QString select(const char* rest) {
    return QStringLiteral("SELECT %1 FROM payment_credentials %2")
        .arg(QLatin1String(kColumns), QLatin1String(rest));
}

CredentialRecord readCredential(const QSqlQuery& query) {
    CredentialRecord credential;
    credential.id = query.value(0).toLongLong();
    credential.userId = query.value(1).toLongLong();
    credential.provider = query.value(2).toString();
    credential.encryptedApiKey = detail::bytesFrom(query.value(3));
    credential.encryptedPrivateKey = detail::bytesFrom(query.value(4));
    credential.privateKeyDigest = detail::bytesFrom(query.value(5));
    credential.environment = query.value(6).toString();
    credential.isActive = detail::flagFrom(query.value(7));
    credential.createdAt = detail::fromMsecs(query.value(8));
    credential.updatedAt = detail::fromMsecs(query.value(9));
    credential.version = query.value(10).toLongLong();
    return credential;
}

constexpr auto kOwnersFrom = "FROM payment_credentials c JOIN users u ON u.id = c.user_id";

// What the owner list keeps of every credential.
detail::Where ownerWhere(const CredentialFilter& filter) {
    detail::Where where;
    if (filter.provider)
        where.require(QStringLiteral("c.provider = :provider"), QStringLiteral(":provider"),
                      *filter.provider);
    if (filter.environment)
        where.require(QStringLiteral("c.environment = :environment"),
                      QStringLiteral(":environment"), *filter.environment);
    if (filter.isActive)
        where.require(QStringLiteral("c.is_active = :active"), QStringLiteral(":active"),
                      detail::flag(*filter.isActive));
    if (filter.userId)
        where.require(QStringLiteral("c.user_id = :userId"), QStringLiteral(":userId"),
                      *filter.userId);
    if (!filter.ownerPart.isEmpty())
        where.require(QStringLiteral("LOWER(u.username) LIKE LOWER(:owner) ESCAPE '\\'"),
                      QStringLiteral(":owner"), detail::containsPattern(filter.ownerPart));
    return where;
}

QString orderColumn(CredentialRepository::Order order) {
    switch (order) {
    case CredentialRepository::Order::Provider:
        return QStringLiteral("c.provider");
    case CredentialRepository::Order::Environment:
        return QStringLiteral("c.environment");
    case CredentialRepository::Order::Owner:
        return QStringLiteral("u.username");
    case CredentialRepository::Order::CreatedAt:
        return QStringLiteral("c.created_at");
    case CredentialRepository::Order::UpdatedAt:
        return QStringLiteral("c.updated_at");
    case CredentialRepository::Order::Id:
        break;
    }
    return QStringLiteral("c.id");
}

QList<CredentialRecord> readAll(QSqlQuery& query) {
    QList<CredentialRecord> credentials;
    while (query.next())
        credentials.append(readCredential(query));
    return credentials;
}

// The SET list and the values of a change, in the order they are bound.
struct Assignments {
    QStringList columns;
    QList<QPair<QString, QVariant>> values;

    void set(const char* column, const char* placeholder, const QVariant& value) {
        columns.append(
            QStringLiteral("%1 = %2").arg(QLatin1String(column), QLatin1String(placeholder)));
        values.append({QLatin1String(placeholder), value});
    }
};

Assignments assignmentsOf(const CredentialChange& change) {
    Assignments out;
    if (change.encryptedApiKey)
        out.set("encrypted_api_key", ":apiKey", detail::text(*change.encryptedApiKey));
    if (change.encryptedPrivateKey)
        out.set("encrypted_private_key", ":privateKey", detail::text(*change.encryptedPrivateKey));
    if (change.privateKeyDigest)
        out.set("private_key_digest", ":digest", detail::text(*change.privateKeyDigest));
    if (change.environment)
        out.set("environment", ":environment", *change.environment);
    if (change.isActive)
        out.set("is_active", ":active", detail::flag(*change.isActive));
    if (change.toggleActive)
        out.columns.append(QStringLiteral("is_active = CASE WHEN is_active = 0 THEN 1 ELSE 0 END"));
    out.set("updated_at", ":updatedAt", detail::msecs(change.updatedAt));
    out.columns.append(QStringLiteral("version = version + 1"));
    return out;
}

} // namespace

QList<CredentialRecord> CredentialRepository::listForUser(qint64 userId) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, select("WHERE user_id = :userId ORDER BY id"),
                        "prepare a credential list");
    query.bindValue(QStringLiteral(":userId"), userId);
    detail::execRead(query, "list a user's credentials");
    return readAll(query);
}

QList<CredentialRecord> CredentialRepository::listAll() const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, select("ORDER BY id"), "prepare the credential list");
    detail::execRead(query, "list the credentials");
    return readAll(query);
}

std::optional<CredentialRecord> CredentialRepository::findForUser(qint64 id, qint64 userId) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, select("WHERE id = :id AND user_id = :userId"),
                        "prepare a credential lookup");
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":userId"), userId);
    detail::execRead(query, "look up a credential");
    if (!query.next())
        return std::nullopt;
    return readCredential(query);
}

std::optional<CredentialRecord> CredentialRepository::findAnyOwner(qint64 id) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, select("WHERE id = :id"), "prepare a credential lookup by id");
    query.bindValue(QStringLiteral(":id"), id);
    detail::execRead(query, "look up a credential by id");
    if (!query.next())
        return std::nullopt;
    return readCredential(query);
}

std::optional<CredentialRecord>
CredentialRepository::findByProvider(qint64 userId, const QString& provider) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, select("WHERE user_id = :userId AND provider = :provider"),
                        "prepare a credential lookup by provider");
    query.bindValue(QStringLiteral(":userId"), userId);
    query.bindValue(QStringLiteral(":provider"), provider);
    detail::execRead(query, "look up a credential by provider");
    if (!query.next())
        return std::nullopt;
    return readCredential(query);
}

WriteResult<qint64> CredentialRepository::insert(const CredentialRecord& credential) const {
    if (!credential.createdAt.isValid() || !credential.updatedAt.isValid()) {
        qCWarning(lcStorage, "Could not insert a credential: its times are not valid.");
        return {};
    }
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("INSERT INTO payment_credentials (user_id, provider, encrypted_api_key, "
                           "encrypted_private_key, private_key_digest, environment, is_active, "
                           "created_at, updated_at) VALUES (:userId, :provider, :apiKey, "
                           ":privateKey, :digest, :environment, :active, :createdAt, :updatedAt) "
                           "RETURNING id"),
            "prepare a credential insert"))
        return {};
    query.bindValue(QStringLiteral(":userId"), credential.userId);
    query.bindValue(QStringLiteral(":provider"), credential.provider);
    query.bindValue(QStringLiteral(":apiKey"), detail::text(credential.encryptedApiKey));
    query.bindValue(QStringLiteral(":privateKey"), detail::text(credential.encryptedPrivateKey));
    query.bindValue(QStringLiteral(":digest"), detail::text(credential.privateKeyDigest));
    query.bindValue(QStringLiteral(":environment"), credential.environment);
    query.bindValue(QStringLiteral(":active"), detail::flag(credential.isActive));
    query.bindValue(QStringLiteral(":createdAt"), detail::msecs(credential.createdAt));
    query.bindValue(QStringLiteral(":updatedAt"), detail::msecs(credential.updatedAt));
    return detail::execInsert(query, "insert a credential");
}

CredentialRepository::Changed
CredentialRepository::change(qint64 id, qint64 userId, const CredentialChange& change,
                             std::optional<qint64> expectedVersion) const {
    Changed result;
    if (!change.updatedAt.isValid()) {
        qCWarning(lcStorage, "Could not change a credential: its updated_at is not a valid time.");
        return result;
    }
    const Assignments assignments = assignmentsOf(change);
    QSqlQuery query(m_db.connection());
    const QString sql =
        QStringLiteral("UPDATE payment_credentials SET %1 WHERE id = :id AND user_id = :userId%2 "
                       "RETURNING %3")
            .arg(assignments.columns.join(QStringLiteral(", ")),
                 expectedVersion ? QStringLiteral(" AND version = :expected") : QString(),
                 QLatin1String(kColumns));
    if (!detail::prepare(query, sql, "prepare a credential change"))
        return result;
    for (const auto& [placeholder, value] : assignments.values)
        query.bindValue(placeholder, value);
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":userId"), userId);
    if (expectedVersion)
        query.bindValue(QStringLiteral(":expected"), *expectedVersion);
    result.status = detail::execReturningOne(query, "change a credential");
    if (result.ok())
        result.credential = readCredential(query);
    // Complete the statement before anything commits.
    query.finish();
    return result;
}

WriteStatus CredentialRepository::reencrypt(qint64 id, qint64 expectedVersion,
                                            const QByteArray& encryptedApiKey,
                                            const QByteArray& encryptedPrivateKey,
                                            const QByteArray& privateKeyDigest) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("UPDATE payment_credentials SET encrypted_api_key = :apiKey, "
                           "encrypted_private_key = :privateKey, private_key_digest = :digest "
                           "WHERE id = :id AND version = :expected"),
            "prepare a credential re-encryption"))
        return WriteStatus::Failed;
    query.bindValue(QStringLiteral(":apiKey"), detail::text(encryptedApiKey));
    query.bindValue(QStringLiteral(":privateKey"), detail::text(encryptedPrivateKey));
    query.bindValue(QStringLiteral(":digest"), detail::text(privateKeyDigest));
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":expected"), expectedVersion);
    return detail::execWriteOne(query, "re-encrypt a credential");
}

WriteStatus CredentialRepository::remove(qint64 id, qint64 userId,
                                         std::optional<qint64> expectedVersion) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("DELETE FROM payment_credentials WHERE id = :id AND "
                           "user_id = :userId%1")
                .arg(expectedVersion ? QStringLiteral(" AND version = :expected") : QString()),
            "prepare a credential delete"))
        return WriteStatus::Failed;
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":userId"), userId);
    if (expectedVersion)
        query.bindValue(QStringLiteral(":expected"), *expectedVersion);
    return detail::execWriteOne(query, "delete a credential");
}

std::optional<QList<OwnedCredentialRecord>>
CredentialRepository::listWithOwners(const CredentialFilter& filter, Order order,
                                     const Slice& slice) const {
    QString columns = QLatin1String(kColumns);
    columns.replace(QLatin1String(", "), QLatin1String(", c.")).prepend(QLatin1String("c."));
    QSqlQuery query(m_db.connection());
    if (!detail::execPage(query, columns + QStringLiteral(", u.username"),
                          QLatin1String(kOwnersFrom), ownerWhere(filter),
                          detail::Keyset::of(orderColumn(order), QStringLiteral("c.id"), slice),
                          "list every credential"))
        return std::nullopt;
    QList<OwnedCredentialRecord> rows;
    while (query.next())
        rows.append({readCredential(query), query.value(11).toString()});
    return rows;
}

std::optional<qint64> CredentialRepository::countWithOwners(const CredentialFilter& filter) const {
    return detail::countWhere(m_db.connection(), QLatin1String(kOwnersFrom), ownerWhere(filter),
                              "count every credential");
}

QVariant CredentialRepository::orderValue(Order order, const OwnedCredentialRecord& row) {
    switch (order) {
    case Order::Provider:
        return row.credential.provider;
    case Order::Environment:
        return row.credential.environment;
    case Order::Owner:
        return row.ownerUsername;
    case Order::CreatedAt:
        return detail::msecs(row.credential.createdAt);
    case Order::UpdatedAt:
        return detail::msecs(row.credential.updatedAt);
    case Order::Id:
        break;
    }
    return row.credential.id;
}

std::optional<QList<CredentialRepository::Group>> CredentialRepository::countGroups() const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("SELECT provider, environment, is_active, COUNT(*) FROM "
                                        "payment_credentials GROUP BY provider, environment, "
                                        "is_active"),
                         "prepare the credential counts") ||
        !detail::exec(query, "count the credentials"))
        return std::nullopt;
    QList<Group> groups;
    while (query.next())
        groups.append({query.value(0).toString(), query.value(1).toString(),
                       detail::flagFrom(query.value(2)), query.value(3).toLongLong()});
    return groups;
}

WriteResult<qint64> CredentialRepository::deactivateLive(std::optional<qint64> userId,
                                                         const QDateTime& at) const {
    WriteResult<qint64> result;
    if (!at.isValid()) {
        qCWarning(lcStorage, "Could not deactivate live credentials: not a valid time.");
        return result;
    }
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("UPDATE payment_credentials SET is_active = 0, version = version + 1, "
                           "updated_at = :at WHERE environment = 'live' AND is_active = 1%1")
                .arg(userId ? QStringLiteral(" AND user_id = :userId") : QString()),
            "prepare the deactivation of live credentials"))
        return result;
    query.bindValue(QStringLiteral(":at"), detail::msecs(at));
    if (userId)
        query.bindValue(QStringLiteral(":userId"), *userId);
    if (!detail::exec(query, "deactivate live credentials"))
        return result;
    result.value = query.numRowsAffected();
    result.status = WriteStatus::Ok;
    return result;
}

qint64 CredentialRepository::count() const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, QStringLiteral("SELECT COUNT(*) FROM payment_credentials"),
                        "prepare the credential count");
    detail::execRead(query, "count the credentials");
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace paycred::storage
