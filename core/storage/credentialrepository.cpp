#include "core/storage/credentialrepository.h"

#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

namespace paycred::storage {

namespace {

constexpr auto kColumns = "id, user_id, provider, encrypted_api_key, encrypted_private_key, "
                          "private_key_digest, environment, is_active, created_at, updated_at";

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
    return credential;
}

QList<CredentialRecord> readAll(QSqlQuery& query) {
    QList<CredentialRecord> credentials;
    while (query.next())
        credentials.append(readCredential(query));
    return credentials;
}

// Binds the columns an update may change (everything but id, user_id, provider, created_at).
void bindMutable(QSqlQuery& query, const CredentialRecord& credential) {
    query.bindValue(QStringLiteral(":apiKey"), detail::text(credential.encryptedApiKey));
    query.bindValue(QStringLiteral(":privateKey"), detail::text(credential.encryptedPrivateKey));
    query.bindValue(QStringLiteral(":digest"), detail::text(credential.privateKeyDigest));
    query.bindValue(QStringLiteral(":environment"), credential.environment);
    query.bindValue(QStringLiteral(":active"), detail::flag(credential.isActive));
    query.bindValue(QStringLiteral(":updatedAt"), detail::msecs(credential.updatedAt));
}

} // namespace

QList<CredentialRecord> CredentialRepository::listForUser(qint64 userId) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, select("WHERE user_id = :userId ORDER BY id"),
                         "prepare a credential list"))
        return {};
    query.bindValue(QStringLiteral(":userId"), userId);
    if (!detail::exec(query, "list a user's credentials"))
        return {};
    return readAll(query);
}

QList<CredentialRecord> CredentialRepository::listAll() const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, select("ORDER BY id"), "prepare the credential list") ||
        !detail::exec(query, "list the credentials"))
        return {};
    return readAll(query);
}

std::optional<CredentialRecord> CredentialRepository::findForUser(qint64 id, qint64 userId) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, select("WHERE id = :id AND user_id = :userId"),
                         "prepare a credential lookup"))
        return std::nullopt;
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":userId"), userId);
    if (!detail::exec(query, "look up a credential") || !query.next())
        return std::nullopt;
    return readCredential(query);
}

std::optional<CredentialRecord>
CredentialRepository::findByProvider(qint64 userId, const QString& provider) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, select("WHERE user_id = :userId AND provider = :provider"),
                         "prepare a credential lookup by provider"))
        return std::nullopt;
    query.bindValue(QStringLiteral(":userId"), userId);
    query.bindValue(QStringLiteral(":provider"), provider);
    if (!detail::exec(query, "look up a credential by provider") || !query.next())
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
    query.bindValue(QStringLiteral(":createdAt"), detail::msecs(credential.createdAt));
    bindMutable(query, credential);
    return detail::execInsert(query, "insert a credential");
}

WriteStatus CredentialRepository::update(const CredentialRecord& credential) const {
    if (!credential.updatedAt.isValid()) {
        qCWarning(lcStorage, "Could not update a credential: its updated_at is not a valid time.");
        return WriteStatus::Failed;
    }
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("UPDATE payment_credentials SET encrypted_api_key = :apiKey, "
                           "encrypted_private_key = :privateKey, private_key_digest = :digest, "
                           "environment = :environment, is_active = :active, "
                           "updated_at = :updatedAt WHERE id = :id"),
            "prepare a credential update"))
        return WriteStatus::Failed;
    bindMutable(query, credential);
    query.bindValue(QStringLiteral(":id"), credential.id);
    return detail::execUpdateOne(query, "update a credential");
}

bool CredentialRepository::remove(qint64 id, qint64 userId) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("DELETE FROM payment_credentials WHERE id = :id AND user_id = :userId"),
            "prepare a credential delete"))
        return false;
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":userId"), userId);
    return detail::exec(query, "delete a credential") && query.numRowsAffected() == 1;
}

qint64 CredentialRepository::count() const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("SELECT COUNT(*) FROM payment_credentials"),
                         "prepare the credential count") ||
        !detail::exec(query, "count the credentials") || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

} // namespace paycred::storage
