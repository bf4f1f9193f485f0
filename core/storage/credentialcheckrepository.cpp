#include "core/storage/credentialcheckrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlsupport.h"

namespace paycred::storage {

bool CredentialCheckRepository::insert(const CredentialCheckRecord& check) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("INSERT INTO credential_checks (credential_id, checked_at, "
                                        "environment, result, message) VALUES (:credentialId, "
                                        ":checkedAt, :environment, :result, :message)"),
                         "prepare a credential check"))
        return false;
    query.bindValue(QStringLiteral(":credentialId"), check.credentialId);
    query.bindValue(QStringLiteral(":checkedAt"), detail::msecs(check.checkedAt));
    query.bindValue(QStringLiteral(":environment"), check.environment);
    query.bindValue(QStringLiteral(":result"), check.result);
    query.bindValue(QStringLiteral(":message"), check.message);
    if (!detail::exec(query, "record a credential check"))
        return false;

    QSqlQuery prune(m_db.connection());
    if (!detail::prepare(prune,
                         QStringLiteral("DELETE FROM credential_checks WHERE credential_id = "
                                        ":credentialId AND id NOT IN (SELECT id FROM "
                                        "credential_checks WHERE credential_id = :credentialId2 "
                                        "ORDER BY id DESC LIMIT %1)")
                             .arg(Kept),
                         "prepare dropping old credential checks"))
        return false;
    prune.bindValue(QStringLiteral(":credentialId"), check.credentialId);
    prune.bindValue(QStringLiteral(":credentialId2"), check.credentialId);
    return detail::exec(prune, "drop old credential checks");
}

QList<CredentialCheckRecord> CredentialCheckRepository::listFor(qint64 credentialId) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query,
                        QStringLiteral("SELECT id, credential_id, checked_at, environment, result, "
                                       "message FROM credential_checks WHERE credential_id = "
                                       ":credentialId ORDER BY id DESC"),
                        "prepare reading credential checks");
    query.bindValue(QStringLiteral(":credentialId"), credentialId);
    detail::execRead(query, "read credential checks");
    QList<CredentialCheckRecord> checks;
    while (query.next()) {
        CredentialCheckRecord check;
        check.id = query.value(0).toLongLong();
        check.credentialId = query.value(1).toLongLong();
        check.checkedAt = detail::fromMsecs(query.value(2));
        check.environment = query.value(3).toString();
        check.result = query.value(4).toString();
        check.message = query.value(5).toString();
        checks.append(check);
    }
    return checks;
}

} // namespace paycred::storage
