#include "core/service/authservice.h"

#include "core/crypto/digest.h"
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
#include "core/storage/sessionrepository.h"
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
// The session a token belongs to (API.md §1). Tokens issued before sessions existed have none
// and are refused: their users sign in once more.
const QString SessionClaim = QStringLiteral("sid");
// A user agent is kept for the sessions list only; what is longer is cut.
constexpr qsizetype MaxUserAgentLength = 256;

Actor actorOf(const storage::UserRecord& user, const QString& remoteAddr, const QString& sid = {}) {
    return {user.id, user.username, user.isSuperuser, remoteAddr, sid};
}

bool isSessionId(const QString& sid) {
    if (sid.size() != 32)
        return false;
    for (const QChar c : sid) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
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
                              int lifetimeSecs, const QString& sid) const {
    QJsonObject claims = crypto::Jwt::claims(type, user.id, m_clock.nowSecs(), lifetimeSecs);
    claims.insert(VersionClaim, user.tokenVersion);
    claims.insert(SessionClaim, sid);
    const auto keys = m_keys.get();
    return keys ? keys->jwt.sign(claims) : QByteArray();
}

AuthService::Login AuthService::login(const QString& username, const QString& password,
                                      const QString& remoteAddr, const QString& userAgent) const {
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
    const LoginThrottle::Attempt attempt = m_throttle.begin(username, remoteAddr);
    if (attempt.refused()) {
        result.status = Login::Status::Throttled;
        result.retryAfterSecs = *attempt.refusedForSecs;
        refused(AuditLog::Outcome::Denied, QStringLiteral("too many failed attempts"));
        return result;
    }

    bool valid = false;
    if (user)
        valid = m_passwords.verify(*user, password); // an inactive user's check costs the same
    else
        m_passwords.verifyNothing(password);

    if (!valid || !user->isActive) {
        m_throttle.failed(attempt, username, remoteAddr);
        refused(AuditLog::Outcome::Failed, !user   ? QString()
                                           : valid ? QStringLiteral("inactive user")
                                                   : QStringLiteral("wrong password"));
        return result;
    }

    m_throttle.succeeded(attempt, username, remoteAddr);
    return startSession(*user, remoteAddr, userAgent);
}

AuthService::Login AuthService::startSession(const storage::UserRecord& user,
                                             const QString& remoteAddr,
                                             const QString& userAgent) const {
    Login result;
    const QString sid = QString::fromLatin1(crypto::Digest::randomBytes(16).toHex());
    result.accessToken = issue(user, AccessType, m_settings.accessLifetimeSecs, sid);
    result.refreshToken = issue(user, RefreshType, m_settings.refreshLifetimeSecs, sid);
    if (result.accessToken.isEmpty() || result.refreshToken.isEmpty()) {
        qCWarning(lcService) << "no signing key after a good password: the vault locked meanwhile";
        return result;
    }
    const QDateTime now = m_clock.now();
    const storage::SessionRepository sessions(m_db);
    sessions.purgeExpired(now);
    storage::SessionRecord session;
    session.sid = sid;
    session.userId = user.id;
    session.tokenVersion = user.tokenVersion;
    session.createdAt = now;
    session.lastUsedAt = now;
    session.expiresAt = now.addSecs(m_settings.refreshLifetimeSecs);
    session.remoteAddr = remoteAddr;
    session.userAgent = userAgent.left(MaxUserAgentLength);
    if (!sessions.insert(session)) {
        m_audit.record(actorOf(user, remoteAddr),
                       {AuditAction::Login, AuditLog::Outcome::Failed, std::nullopt, QString(),
                        QStringLiteral("the session could not be saved")});
        return Login();
    }
    storage::UserRepository(m_db).setLastLogin(user.id, m_clock.now());
    m_audit.record(actorOf(user, remoteAddr, sid), {AuditAction::Login});
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
    // The user and the session are read from the database (one statement), so a deactivation
    // or an ended session on one instance refuses the tokens on every other at once.
    const QString sid = claims.value(SessionClaim).toString();
    const bool wellFormedSid = isSessionId(sid);
    const auto found =
        storage::SessionRepository(m_db).findWithUser(userId, wellFormedSid ? sid : QString());
    if (!found) {
        check.failure = Failure::UserNotFound;
        return check;
    }
    const storage::UserRecord& user = found->user;
    if (!user.isActive) {
        check.failure = Failure::UserInactive;
        return check;
    }
    if (version.toInteger() != user.tokenVersion || !wellFormedSid)
        return check;
    const auto& session = found->session;
    if (!session || session->tokenVersion != user.tokenVersion)
        return check;
    check.failure = Failure::None;
    check.user = user;
    check.sid = sid;
    check.lastUsedAt = session->lastUsedAt;
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
    if (check.failure != Failure::None)
        return result;
    result.actor = actorOf(check.user, remoteAddr, check.sid);
    // At most one write per session per interval: only when the value read is stale, and then
    // conditionally, so instances racing on it write once.
    const QDateTime now = m_clock.now();
    const QDateTime staleBefore = now.addSecs(-m_settings.sessionTouchIntervalSecs);
    if (check.lastUsedAt <= staleBefore)
        storage::SessionRepository(m_db).touch(check.sid, now, staleBefore);
    return result;
}

std::optional<QByteArray> AuthService::refresh(QByteArrayView refreshToken) const {
    const TokenCheck check = checkToken(refreshToken, RefreshType);
    if (check.failure != Failure::None)
        return std::nullopt;
    if (storage::RevokedTokenRepository(m_db).isRevoked(check.jti))
        return std::nullopt;
    const QDateTime now = m_clock.now();
    storage::SessionRepository(m_db).touch(check.sid, now, now);
    return issue(check.user, AccessType, m_settings.accessLifetimeSecs, check.sid);
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
    // Both sessions end (the same one unless the client mixed tokens): the access token the
    // call came with stops working too.
    const storage::SessionRepository sessions(m_db);
    sessions.end(check.sid, actor.userId);
    if (!actor.sessionId.isEmpty() && actor.sessionId != check.sid)
        sessions.end(actor.sessionId, actor.userId);
    const bool done =
        revoked.revoke(check.jti, QDateTime::fromSecsSinceEpoch(check.expiresAt, Qt::UTC));
    m_audit.record(actor, {AuditAction::Logout,
                           done ? AuditLog::Outcome::Ok : AuditLog::Outcome::Failed, std::nullopt,
                           QString(), done ? QString() : QStringLiteral("could not be saved")});
    return done;
}

AuthService::PasswordChange AuthService::changePassword(const Actor& actor,
                                                        const QString& oldPassword,
                                                        const QString& newPassword) const {
    PasswordChange result;
    const auto failed = [&](const QString& why, AuditLog::Outcome outcome) {
        m_audit.record(actor,
                       {AuditAction::PasswordChanged, outcome, std::nullopt, QString(), why});
    };
    // Throttled like verify-password: the old password is a guess too.
    const LoginThrottle::Attempt attempt = m_throttle.begin(actor.username, actor.remoteAddr);
    if (attempt.refused()) {
        result.retryAfterSecs = attempt.refusedForSecs;
        failed(QStringLiteral("too many failed attempts"), AuditLog::Outcome::Denied);
        return result;
    }
    const auto user = storage::UserRepository(m_db).findById(actor.userId);
    if (!user || !m_passwords.verify(*user, oldPassword)) {
        m_throttle.failed(attempt, actor.username, actor.remoteAddr);
        failed(QStringLiteral("wrong password"), AuditLog::Outcome::Failed);
        result.errors =
            FieldErrors::single(QStringLiteral("old_password"), QStringLiteral("Wrong password."));
        return result;
    }
    m_throttle.succeeded(attempt, actor.username, actor.remoteAddr);
    // From here the old password is known to be right: a refusal is worth an event too.
    if (const QString problem = m_users.passwordProblem(newPassword); !problem.isEmpty()) {
        failed(QStringLiteral("the new password breaks the password rules"),
               AuditLog::Outcome::Failed);
        result.errors = FieldErrors::single(QStringLiteral("new_password"), problem);
        return result;
    }
    if (!m_users.setPassword(actor.userId, newPassword)) {
        failed(QStringLiteral("could not be saved"), AuditLog::Outcome::Failed);
        result.errors = FieldErrors::single(
            FieldErrors::nonField(), QStringLiteral("The password could not be saved. Try again."));
        return result;
    }
    m_audit.record(actor, {AuditAction::PasswordChanged});
    return result;
}

AuthService::PasswordCheck AuthService::verifyPassword(const Actor& actor,
                                                       const QString& password) const {
    PasswordCheck result;
    AuditLog::Entry entry{AuditAction::PasswordVerified};
    const LoginThrottle::Attempt attempt = m_throttle.begin(actor.username, actor.remoteAddr);
    if (attempt.refused()) {
        result.retryAfterSecs = attempt.refusedForSecs;
        entry.outcome = AuditLog::Outcome::Denied;
        entry.detail = QStringLiteral("too many failed attempts");
        m_audit.record(actor, entry);
        return result;
    }
    const auto user = storage::UserRepository(m_db).findById(actor.userId);
    result.valid = user && m_passwords.verify(*user, password);
    if (result.valid) {
        m_throttle.succeeded(attempt, actor.username, actor.remoteAddr);
        // In the database, so the step-up is honoured by every instance.
        storage::SessionRepository(m_db).confirmPassword(actor.sessionId, actor.userId,
                                                         m_clock.now());
    } else {
        m_throttle.failed(attempt, actor.username, actor.remoteAddr);
        entry.outcome = AuditLog::Outcome::Failed;
        entry.detail = QStringLiteral("wrong password");
    }
    m_audit.record(actor, entry);
    return result;
}

QList<UserSession> AuthService::sessions(const Actor& actor) const {
    QList<UserSession> result;
    const auto user = storage::UserRepository(m_db).findById(actor.userId);
    if (!user)
        return result;
    const auto rows =
        storage::SessionRepository(m_db).listLive(user->id, user->tokenVersion, m_clock.now());
    for (const storage::SessionRecord& row : rows) {
        result.append({row.sid, row.createdAt, row.lastUsedAt, row.remoteAddr, row.userAgent,
                       row.sid == actor.sessionId});
    }
    return result;
}

bool AuthService::endSession(const Actor& actor, const QString& sid) const {
    // Another user's sid, or one that is no sid at all, matches no row of the caller's.
    const bool ended = isSessionId(sid) && storage::SessionRepository(m_db).end(sid, actor.userId);
    if (ended) {
        m_audit.record(actor, {AuditAction::Logout, AuditLog::Outcome::Ok, std::nullopt, QString(),
                               sid == actor.sessionId ? QStringLiteral("this session ended")
                                                      : QStringLiteral("another session ended")});
    } else {
        m_audit.record(actor, {AuditAction::Logout, AuditLog::Outcome::Denied, std::nullopt,
                               QString(), QStringLiteral("no such session")});
    }
    return ended;
}

int AuthService::endAllSessions(const Actor& actor) const {
    const int ended = storage::SessionRepository(m_db).endAll(actor.userId);
    m_audit.record(actor, {AuditAction::Logout,
                           ended < 0 ? AuditLog::Outcome::Failed : AuditLog::Outcome::Ok,
                           std::nullopt, QString(),
                           ended < 0 ? QStringLiteral("could not be saved")
                                     : QStringLiteral("every session ended (%1)").arg(ended)});
    return ended;
}

bool AuthService::liveRevealAllowed(const Actor& actor) const {
    const int minutes = m_settings.requireRecentPasswordForLiveMins;
    if (minutes <= 0)
        return true;
    const auto session = storage::SessionRepository(m_db).find(actor.sessionId, actor.userId);
    if (!session || !session->passwordConfirmedAt)
        return false;
    return *session->passwordConfirmedAt >= m_clock.now().addSecs(-qint64(minutes) * 60);
}

} // namespace paycred::service
