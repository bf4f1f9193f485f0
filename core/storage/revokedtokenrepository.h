#pragma once

#include <QDateTime>
#include <QString>

namespace paycred::storage {

class Database;

// RevokedTokenRepository: refresh tokens (by jti) that logged out before they expired.
class RevokedTokenRepository {
public:
    explicit RevokedTokenRepository(const Database& db)
        : m_db(db) {}

    bool revoke(const QString& jti, const QDateTime& expiresAt) const; // idempotent
    bool isRevoked(const QString& jti) const;
    int purgeExpired(const QDateTime& now) const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
