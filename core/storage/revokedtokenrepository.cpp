#include "core/storage/revokedtokenrepository.h"

#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

namespace paycred::storage {

bool RevokedTokenRepository::revoke(const QString& jti, const QDateTime& expiresAt) const {
    if (!expiresAt.isValid()) {
        qCWarning(lcStorage, "Could not revoke a token: its expiry is not a valid time.");
        return false;
    }
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("INSERT INTO revoked_tokens (jti, expires_at) VALUES "
                                        "(:jti, :expiresAt) ON CONFLICT (jti) DO NOTHING"),
                         "prepare a token revocation"))
        return false;
    query.bindValue(QStringLiteral(":jti"), jti);
    query.bindValue(QStringLiteral(":expiresAt"), detail::msecs(expiresAt));
    return detail::exec(query, "revoke a token");
}

bool RevokedTokenRepository::isRevoked(const QString& jti) const {
    // When the database cannot say, the request fails (StorageUnavailable): never "not revoked".
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, QStringLiteral("SELECT 1 FROM revoked_tokens WHERE jti = :jti"),
                        "prepare a revocation lookup");
    query.bindValue(QStringLiteral(":jti"), jti);
    detail::execRead(query, "look up a revoked token");
    return query.next();
}

int RevokedTokenRepository::purgeExpired(const QDateTime& now) const {
    if (!now.isValid())
        return 0;
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("DELETE FROM revoked_tokens WHERE expires_at < :now"),
                         "prepare the purge of expired revocations"))
        return 0;
    query.bindValue(QStringLiteral(":now"), detail::msecs(now));
    if (!detail::exec(query, "purge expired revocations"))
        return 0;
    return query.numRowsAffected();
}

} // namespace paycred::storage
