#include "core/service/authservice.h"

#include "core/crypto/jwt.h"
#include "core/foundation/clock.h"
#include "core/service/activekeys.h"
#include "core/service/auditlog.h"
#include "core/service/logging.h"
#include "core/service/loginthrottle.h"
#include "core/service/passwordstore.h"
#include "core/service/servicesettings.h"
#include "core/service/userservice.h"
#include "core/storage/revokedtokenrepository.h"
#include "core/storage/userrepository.h"

#include <QJsonObject>
#include <QTimeZone>

namespace paycred::service {

namespace {
const QString AccessType = QStringLiteral("access");
const QString RefreshType = QStringLiteral("refresh");
// Our own claim beside SimpleJWT's: the user's token version when the token was issued. A
// password change bumps the version, so every token issued before it stops working.
const QString VersionClaim = QStringLiteral("ver");

Actor actorOf(const storage::UserRecord& user, const QString& remoteAddr) {
    return {user.id, user.username, user.isSuperuser, remoteAddr};
}
} // namespace

AuthService::AuthService(const storage::Database& db, const ServiceSettings& settings,
                         const ActiveKeys& keys, const PasswordStore& passwords,
                         const LoginThrottle& throttle, const UserService& users,
                         const AuditLog& audit, const Clock& clock)
    : m_db(db)
    , m_settings(settings)
    , m_keys(keys)
    , m_passwords(passwords)
    , m_throttle(throttle)
    , m_users(users)
    , m_audit(audit)
    , m_clock(clock) {}

int AuthService::accessLifetimeSecs() const {
    return m_settings.accessLifetimeSecs;
}

QByteArray AuthService::issue(const storage::UserRecord& user, const QString& type,
                              int lifetimeSecs) const {
    QJsonObject claims = crypto::Jwt::claims(type, user.id, m_clock.nowSecs(), lifetimeSecs);
    claims.insert(VersionClaim, user.tokenVersion);
    const auto keys = m_keys.get();
    return keys ? keys->jwt.sign(claims) : QByteArray();
}

AuthService::Login AuthService::login(const QString& username, const QString& password,
                                      const QString& remoteAddr) const {
    Login result;
    // The event names the user tried, or says the user is unknown: what was typed as a
    // username is never kept (it is often a password typed in the wrong field).
    const auto user = storage::UserRepository(m_db).findByUsername(username);
    const auto refused = [&](AuditLog::Outcome outcome, const QString& why) {
        if (user) {
            m_audit.record(actorOf(*user, remoteAddr),
                           {AuditAction::Login, outcome, std::nullopt, QString(), why});
            return;
        }
        const QString unknown = QStringLiteral("unknown user");
        m_audit.recordAnonymous(
            remoteAddr, {AuditAction::Login, outcome, std::nullopt, QString(),
                         why.isEmpty() ? unknown : QStringLiteral("%1; %2").arg(unknown, why)});
    };
    if (const auto wait = m_throttle.retryAfter(username, remoteAddr)) {
        result.status = Login::Status::Throttled;
        result.retryAfterSecs = *wait;
        refused(AuditLog::Outcome::Denied, QStringLiteral("too many failed attempts"));
        return result;
    }

    bool valid = false;
    if (user)
        valid = m_passwords.verify(*user, password); // an inactive user's check costs the same
    else
        m_passwords.verifyNothing(password);

    if (!valid || !user->isActive) {
        m_throttle.recordFailure(username, remoteAddr);
        refused(AuditLog::Outcome::Failed, !user   ? QString()
                                           : valid ? QStringLiteral("inactive user")
                                                   : QStringLiteral("wrong password"));
        return result;
    }

    m_throttle.recordSuccess(username);
    return startSession(*user, remoteAddr);
}

AuthService::Login AuthService::startSession(const storage::UserRecord& user,
                                             const QString& remoteAddr) const {
    Login result;
    result.accessToken = issue(user, AccessType, m_settings.accessLifetimeSecs);
    result.refreshToken = issue(user, RefreshType, m_settings.refreshLifetimeSecs);
    if (result.accessToken.isEmpty() || result.refreshToken.isEmpty()) {
        qCWarning(lcService) << "no signing key after a good password: the vault locked meanwhile";
        return result;
    }
    storage::UserRepository(m_db).setLastLogin(user.id, m_clock.now());
    m_audit.record(actorOf(user, remoteAddr), {AuditAction::Login});
    result.status = Login::Status::Ok;
    result.user = User::from(user);
    return result;
}

AuthService::TokenCheck AuthService::checkToken(QByteArrayView token,
                                                const QString& expectedType) const {
    TokenCheck check;
    const auto keys = m_keys.get(); // none while a vault is locked: no token verifies
    if (!keys)
        return check;
    const auto decoded = keys->jwt.verify(token, m_clock.nowSecs());
    if (!decoded.ok())
        return check;
    const QJsonObject& claims = decoded.claims;
    const qint64 userId = crypto::Jwt::userId(claims);
    const QJsonValue version = claims.value(VersionClaim);
    check.jti = claims.value(QStringLiteral("jti")).toString();
    check.expiresAt = claims.value(QStringLiteral("exp")).toInteger();
    if (userId <= 0 || !version.isDouble() || check.jti.isEmpty())
        return check;
    if (claims.value(QStringLiteral("token_type")).toString() != expectedType) {
        check.failure = Failure::WrongType;
        return check;
    }
    const auto user = storage::UserRepository(m_db).findById(userId);
    if (!user) {
        check.failure = Failure::UserNotFound;
        return check;
    }
    if (!user->isActive) {
        check.failure = Failure::UserInactive;
        return check;
    }
    if (version.toInteger() != user->tokenVersion)
        return check;
    check.failure = Failure::None;
    check.user = *user;
    return check;
}

AuthService::Authentication AuthService::authenticate(QByteArrayView authorization,
                                                      const QString& remoteAddr) const {
    Authentication result;
    // As SimpleJWT: split on whitespace; no header or another scheme is "not provided".
    const QList<QByteArray> parts = authorization.toByteArray().simplified().split(' ');
    if (authorization.trimmed().isEmpty() || parts.first() != "Bearer")
        return result;
    if (parts.size() != 2) {
        result.failure = Failure::BadHeader;
        return result;
    }
    const TokenCheck check = checkToken(parts.at(1), AccessType);
    result.failure = check.failure;
    if (check.failure == Failure::None)
        result.actor = actorOf(check.user, remoteAddr);
    return result;
}

std::optional<QByteArray> AuthService::refresh(QByteArrayView refreshToken) const {
    const TokenCheck check = checkToken(refreshToken, RefreshType);
    if (check.failure != Failure::None)
        return std::nullopt;
    if (storage::RevokedTokenRepository(m_db).isRevoked(check.jti))
        return std::nullopt;
    return issue(check.user, AccessType, m_settings.accessLifetimeSecs);
}

bool AuthService::logout(const Actor& actor, QByteArrayView refreshToken) const {
    const TokenCheck check = checkToken(refreshToken, RefreshType);
    if (check.failure != Failure::None) {
        m_audit.record(actor, {AuditAction::Logout, AuditLog::Outcome::Failed, std::nullopt,
                               QString(), QStringLiteral("refresh token not valid")});
        return false;
    }
    if (check.user.id != actor.userId) {
        m_audit.record(actor, {AuditAction::Logout, AuditLog::Outcome::Denied, std::nullopt,
                               QString(), QStringLiteral("another user's refresh token")});
        return false;
    }
    const storage::RevokedTokenRepository revoked(m_db);
    revoked.purgeExpired(m_clock.now());
    const bool done =
        revoked.revoke(check.jti, QDateTime::fromSecsSinceEpoch(check.expiresAt, Qt::UTC));
    m_audit.record(actor, {AuditAction::Logout,
                           done ? AuditLog::Outcome::Ok : AuditLog::Outcome::Failed, std::nullopt,
                           QString(), done ? QString() : QStringLiteral("could not be saved")});
    return done;
}

FieldErrors AuthService::changePassword(const Actor& actor, const QString& oldPassword,
                                        const QString& newPassword) const {
    const auto user = storage::UserRepository(m_db).findById(actor.userId);
    const auto failed = [&](const QString& why) {
        m_audit.record(actor, {AuditAction::PasswordChanged, AuditLog::Outcome::Failed,
                               std::nullopt, QString(), why});
    };
    if (!user || !m_passwords.verify(*user, oldPassword)) {
        failed(QStringLiteral("wrong password"));
        return FieldErrors::single(QStringLiteral("old_password"),
                                   QStringLiteral("Wrong password."));
    }
    // From here the old password is known to be right: a refusal is worth an event too.
    if (const QString problem = m_users.passwordProblem(newPassword); !problem.isEmpty()) {
        failed(QStringLiteral("the new password breaks the password rules"));
        return FieldErrors::single(QStringLiteral("new_password"), problem);
    }
    if (!m_users.setPassword(actor.userId, newPassword)) {
        failed(QStringLiteral("could not be saved"));
        return FieldErrors::single(FieldErrors::nonField(),
                                   QStringLiteral("The password could not be saved. Try again."));
    }
    m_audit.record(actor, {AuditAction::PasswordChanged});
    return {};
}

AuthService::PasswordCheck AuthService::verifyPassword(const Actor& actor,
                                                       const QString& password) const {
    PasswordCheck result;
    AuditLog::Entry entry{AuditAction::PasswordVerified};
    if (const auto wait = m_throttle.retryAfter(actor.username, actor.remoteAddr)) {
        result.retryAfterSecs = *wait;
        entry.outcome = AuditLog::Outcome::Denied;
        entry.detail = QStringLiteral("too many failed attempts");
        m_audit.record(actor, entry);
        return result;
    }
    const auto user = storage::UserRepository(m_db).findById(actor.userId);
    result.valid = user && m_passwords.verify(*user, password);
    if (result.valid) {
        m_throttle.recordSuccess(actor.username);
    } else {
        m_throttle.recordFailure(actor.username, actor.remoteAddr);
        entry.outcome = AuditLog::Outcome::Failed;
        entry.detail = QStringLiteral("wrong password");
    }
    m_audit.record(actor, entry);
    return result;
}

} // namespace paycred::service
