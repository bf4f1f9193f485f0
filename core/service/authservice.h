#pragma once

#include "core/service/actor.h"
#include "core/service/fielderrors.h"
#include "core/service/user.h"
#include "core/service/usersession.h"
#include "core/storage/records.h"

#include <QByteArray>
#include <QList>
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
// and changing a password; the sessions a login starts. Unknown users cost the same password
// work as known ones.
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
    // A good login starts a session (its row holds `remoteAddr` and `userAgent`); every token
    // of it carries its `sid`.
    Login login(const QString& username, const QString& password, const QString& remoteAddr,
                const QString& userAgent = {}) const;
    // Tokens for a user whose identity was proven another way (a vault resumed with a
    // remembered key); audited as a login.
    Login startSession(const storage::UserRecord& user, const QString& remoteAddr,
                       const QString& userAgent = {}) const;

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
    // A token without `sid`, or whose session ended, is invalid. The session's last use is
    // written at most once per ServiceSettings::sessionTouchIntervalSecs.
    Authentication authenticate(QByteArrayView authorization, const QString& remoteAddr) const;

    // A new access token for a valid, unrevoked refresh token of an active user.
    std::optional<QByteArray> refresh(QByteArrayView refreshToken) const;
    // Ends the caller's session (their access token's) and the refresh token's, which is revoked
    // too; false when it is not a valid refresh token of theirs.
    bool logout(const Actor& actor, QByteArrayView refreshToken) const;

    // The caller's sessions that still work, oldest first; `current` marks the caller's own.
    QList<UserSession> sessions(const Actor& actor) const;
    // Ends one of the caller's sessions; false when they have none of that sid.
    bool endSession(const Actor& actor, const QString& sid) const;
    // Ends every session of the caller; how many, or -1 when that could not be saved.
    int endAllSessions(const Actor& actor) const;
    // The live-key step-up: true when it is off, or when the caller's session confirmed the
    // password (verify-password) within ServiceSettings::requireRecentPasswordForLiveMins.
    bool liveRevealAllowed(const Actor& actor) const;

    struct PasswordChange {
        std::optional<qint64> retryAfterSecs; // set when throttled: nothing was checked
        FieldErrors errors; // DRF's field shape ("old_password" / "new_password"); empty: done
    };
    PasswordChange changePassword(const Actor& actor, const QString& oldPassword,
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
        QString sid;
        QDateTime lastUsedAt;
        qint64 expiresAt = 0;
    };
    TokenCheck checkToken(QByteArrayView token, const QString& expectedType) const;
    QByteArray issue(const storage::UserRecord& user, const QString& type, int lifetimeSecs,
                     const QString& sid) const;

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
