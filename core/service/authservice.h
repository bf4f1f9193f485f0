#pragma once

#include "core/service/actor.h"
#include "core/service/fielderrors.h"
#include "core/service/user.h"
#include "core/storage/records.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred {
class Clock;
}

namespace paycred::service {

class ActiveKeys;
class AuditLog;
class LoginThrottle;
class PasswordStore;
class UserService;
struct ServiceSettings;

// AuthService: logging in for JWTs, checking them on every request, refreshing, logging out
// and changing a password. Unknown users cost the same password work as known ones.
class AuthService {
public:
    AuthService(const storage::Database& db, const ServiceSettings& settings,
                const ActiveKeys& keys, const PasswordStore& passwords,
                const LoginThrottle& throttle, const UserService& users, const AuditLog& audit,
                const Clock& clock);

    struct Login {
        enum class Status { Ok, Invalid, Throttled } status = Status::Invalid;
        qint64 retryAfterSecs = 0;
        User user;
        QByteArray accessToken;
        QByteArray refreshToken;
    };
    Login login(const QString& username, const QString& password, const QString& remoteAddr) const;
    // Tokens for a user whose identity was proven another way (a vault resumed with a
    // remembered key); audited as a login.
    Login startSession(const storage::UserRecord& user, const QString& remoteAddr) const;

    enum class Failure {
        None,
        NotProvided,
        BadHeader,
        InvalidToken,
        WrongType,
        UserNotFound,
        UserInactive
    };
    struct Authentication {
        Failure failure = Failure::NotProvided;
        Actor actor;
        bool ok() const { return failure == Failure::None; }
    };
    // Checks an Authorization header value (empty when the header is absent) for an access token.
    Authentication authenticate(QByteArrayView authorization, const QString& remoteAddr) const;

    // A new access token for a valid, unrevoked refresh token of an active user.
    std::optional<QByteArray> refresh(QByteArrayView refreshToken) const;
    // Revokes the caller's refresh token; false when it is not a valid refresh token of theirs.
    bool logout(const Actor& actor, QByteArrayView refreshToken) const;

    // Errors in DRF's field shape ("old_password" / "new_password"); empty on success.
    FieldErrors changePassword(const Actor& actor, const QString& oldPassword,
                               const QString& newPassword) const;

    struct PasswordCheck {
        std::optional<qint64> retryAfterSecs; // set when throttled: nothing was checked
        bool valid = false;
    };
    PasswordCheck verifyPassword(const Actor& actor, const QString& password) const;

    int accessLifetimeSecs() const;

private:
    struct TokenCheck {
        Failure failure = Failure::InvalidToken;
        storage::UserRecord user;
        QString jti;
        qint64 expiresAt = 0;
    };
    TokenCheck checkToken(QByteArrayView token, const QString& expectedType) const;
    QByteArray issue(const storage::UserRecord& user, const QString& type, int lifetimeSecs) const;

    const storage::Database& m_db;
    const ServiceSettings& m_settings;
    const ActiveKeys& m_keys;
    const PasswordStore& m_passwords;
    const LoginThrottle& m_throttle;
    const UserService& m_users;
    const AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace paycred::service
