#include "core/service/userservice.h"

#include "core/crypto/secret.h"
#include "core/foundation/clock.h"
#include "core/service/auditlog.h"
#include "core/service/fielderrors.h"
#include "core/service/loginthrottle.h"
#include "core/service/passwordstore.h"
#include "core/service/servicesettings.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"

#include <algorithm>

namespace paycred::service {

namespace {
constexpr int MaxUsernameLength = 150; // Django's

bool isValidUsernameChar(QChar c) {
    // Django's UnicodeUsernameValidator: letters, digits and @ . + - _
    return c.isLetterOrNumber() || QStringLiteral("@.+-_").contains(c);
}

QString flagText(bool value) {
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// Who an event about a user is about: their name and id (never a password).
QString target(const QString& username, qint64 id) {
    return QStringLiteral("username=%1 id=%2").arg(username).arg(id);
}

UserService::Outcome refused(UserService::Error error, const QString& message = {}) {
    UserService::Outcome outcome;
    outcome.error = error;
    outcome.message = message;
    return outcome;
}

QString lastSuperuserRefusal() {
    return QStringLiteral("At least one active superuser must remain: make another user an "
                          "active superuser first.");
}
} // namespace

UserService::UserService(const storage::Database& db, const ServiceSettings& settings,
                         const PasswordStore& passwords, const LoginThrottle& throttle,
                         const AuditLog& audit, const Clock& clock)
    : m_db(db)
    , m_settings(settings)
    , m_passwords(passwords)
    , m_throttle(throttle)
    , m_audit(audit)
    , m_clock(clock) {}

QString UserService::passwordProblem(const QString& password) const {
    if (password.size() < m_settings.minPasswordLength) {
        return QStringLiteral("This password is too short. It must contain at least %1 characters.")
            .arg(m_settings.minPasswordLength);
    }
    bool numeric = false;
    password.toULongLong(&numeric);
    if (numeric)
        return QStringLiteral("This password is entirely numeric.");
    return {};
}

UserService::Created UserService::create(const QString& username, const QString& password,
                                         bool isSuperuser) const {
    return create(AuditLog::system(), username, password, isSuperuser);
}

UserService::Created UserService::create(const Actor& actor, const QString& username,
                                         const QString& password, bool isSuperuser) const {
    Created result;
    const QString name = username.trimmed();
    if (name.isEmpty()) {
        result.field = QStringLiteral("username");
        result.error = FieldErrors::blank();
        return result;
    }
    if (!isValidUsername(name)) {
        result.field = QStringLiteral("username");
        result.error =
            QStringLiteral("Enter a valid username. This value may contain only letters, "
                           "numbers, and @/./+/-/_ characters.");
        return result;
    }
    if (const QString problem = passwordProblem(password); !problem.isEmpty()) {
        result.field = QStringLiteral("password");
        result.error = problem;
        return result;
    }

    storage::UserRecord user;
    user.username = name;
    user.passwordHash = QStringLiteral("!"); // unusable until the store keeps the password
    user.isSuperuser = isSuperuser;
    user.isActive = true;
    user.dateJoined = m_clock.now();
    storage::WriteResult<qint64> inserted;
    m_db.transaction([&] {
        inserted = storage::UserRepository(m_db).insert(user);
        if (!inserted.ok())
            return false;
        user.id = inserted.value;
        if (m_passwords.store(user, password) &&
            m_audit.record(actor,
                           {AuditAction::UserCreated,
                            AuditLog::Outcome::Ok,
                            std::nullopt,
                            {},
                            QStringLiteral("%1 superuser=%2")
                                .arg(target(name, user.id),
                                     isSuperuser ? QStringLiteral("yes") : QStringLiteral("no"))}))
            return true;
        inserted.status = storage::WriteStatus::Failed;
        return false;
    });
    if (inserted.status == storage::WriteStatus::Conflict) {
        result.field = QStringLiteral("username");
        result.error = QStringLiteral("A user with that username already exists.");
        return result;
    }
    if (!inserted.ok()) {
        result.storageFailed = true;
        result.field = QStringLiteral("username");
        result.error =
            QStringLiteral("The user could not be saved: the database refused the write, or the "
                           "vault is locked. Nothing was changed; try again.");
        return result;
    }
    result.id = inserted.value;
    return result;
}

bool UserService::isValidUsername(const QString& name) {
    return !name.isEmpty() && name.size() <= MaxUsernameLength &&
           std::all_of(name.begin(), name.end(), isValidUsernameChar);
}

std::optional<User> UserService::find(qint64 id) const {
    const auto row = storage::UserRepository(m_db).findById(id);
    return row ? std::optional<User>(User::from(*row)) : std::nullopt;
}

bool UserService::setPassword(qint64 userId, const QString& password) const {
    return m_db.transaction([&] {
        const storage::UserRepository users(m_db);
        const auto user = users.findById(userId);
        return user && users.bumpTokenVersion(userId) == storage::WriteStatus::Ok &&
               m_passwords.store(*user, password);
    });
}

std::optional<storage::UserRecord> UserService::lockTarget(const Actor& actor, qint64 id,
                                                           bool takesSuperuserAway,
                                                           Outcome& outcome) const {
    const storage::UserRepository users(m_db);
    // The lock first: what is read after it is what the other writers committed.
    const auto superusers = users.lockActiveSuperusers();
    if (!superusers) {
        outcome = refused(Error::StorageFailed);
        return std::nullopt;
    }
    auto user = users.findById(id);
    if (!user) {
        outcome = refused(Error::NotFound);
        return std::nullopt;
    }
    if (takesSuperuserAway && superusers->size() == 1 && superusers->first() == id) {
        outcome = refused(Error::Refused, lastSuperuserRefusal());
        return std::nullopt;
    }
    // The system (the command line) acts with the rights of whoever may open the database.
    const bool bySystem = actor.userId <= 0;
    if (!bySystem && !superusers->contains(actor.userId)) {
        // Demoted or deactivated since the request was let in.
        outcome = refused(Error::Forbidden);
        return std::nullopt;
    }
    return user;
}

void UserService::recordRefusal(const Actor& actor, AuditAction action, qint64 id,
                                const Outcome& outcome) const {
    QString why;
    switch (outcome.error) {
    case Error::Refused:
        why = outcome.message;
        break;
    case Error::Forbidden:
        why = QStringLiteral("no longer an active superuser");
        break;
    case Error::None:
    case Error::NotFound: // a superuser asking for nobody: no security event
    case Error::Invalid:
    case Error::StorageFailed:
        return;
    }
    m_audit.record(actor, {action,
                           AuditLog::Outcome::Denied,
                           std::nullopt,
                           {},
                           QStringLiteral("id=%1 refused: %2").arg(id).arg(why)});
}

UserService::Outcome UserService::resetPassword(qint64 id, const QString& password) const {
    Change change;
    change.password = password;
    change.unlock = true;
    auto outcome = update(AuditLog::system(), id, change);
    crypto::wipe(*change.password);
    return outcome;
}

UserService::Outcome UserService::update(const Actor& actor, qint64 id,
                                         const Change& change) const {
    const bool changesColumns = change.isActive || change.isSuperuser || change.password;
    if (!changesColumns && !change.unlock) {
        Outcome unchanged;
        if (const auto user = find(id))
            unchanged.user = *user;
        else
            unchanged = refused(Error::NotFound);
        return unchanged;
    }
    const AuditAction action =
        changesColumns ? AuditAction::UserUpdated : AuditAction::UserUnlocked;
    if (change.password) {
        if (const QString problem = passwordProblem(*change.password); !problem.isEmpty()) {
            Outcome invalid = refused(Error::Invalid);
            invalid.errors = FieldErrors::single(QStringLiteral("password"), problem);
            return invalid;
        }
    }
    Outcome outcome;
    if (actor.userId == id && change.isActive == false)
        outcome =
            refused(Error::Refused, QStringLiteral("You cannot deactivate your own account."));
    else if (actor.userId == id && change.isSuperuser == false)
        outcome =
            refused(Error::Refused, QStringLiteral("You cannot remove your own superuser status."));
    if (!outcome.ok()) {
        recordRefusal(actor, action, id, outcome);
        return outcome;
    }

    const bool takesAway = change.isActive == false || change.isSuperuser == false;
    const bool committed = m_db.transaction([&] {
        const auto user = lockTarget(actor, id, takesAway, outcome);
        if (!user)
            return false;
        const storage::UserRepository users(m_db);
        QStringList changed;
        bool ok = true;
        if (change.isActive) {
            ok = ok && users.setActive(id, *change.isActive) == storage::WriteStatus::Ok;
            changed << QStringLiteral("is_active=%1").arg(flagText(*change.isActive));
        }
        if (change.isSuperuser) {
            ok = ok && users.setSuperuser(id, *change.isSuperuser) == storage::WriteStatus::Ok;
            changed << QStringLiteral("is_superuser=%1").arg(flagText(*change.isSuperuser));
        }
        if (change.password) {
            ok = ok && m_passwords.store(*user, *change.password);
            changed << QStringLiteral("password=reset");
        }
        // Every token issued before a deactivation or a reset dies with it.
        if (change.isActive == false || change.password)
            ok = ok && users.bumpTokenVersion(id) == storage::WriteStatus::Ok;
        const QString who = target(user->username, id);
        if (ok && changesColumns)
            ok = m_audit.record(actor, {AuditAction::UserUpdated,
                                        AuditLog::Outcome::Ok,
                                        std::nullopt,
                                        {},
                                        who + u' ' + changed.join(u' ')});
        if (ok && change.unlock) {
            ok = m_throttle.unlock(user->username) &&
                 m_audit.record(
                     actor,
                     {AuditAction::UserUnlocked, AuditLog::Outcome::Ok, std::nullopt, {}, who});
        }
        const auto written = users.findById(id);
        if (!ok || !written) {
            outcome = refused(Error::StorageFailed);
            return false;
        }
        outcome.user = User::from(*written);
        return true;
    });
    if (!committed && outcome.ok())
        outcome = refused(Error::StorageFailed);
    recordRefusal(actor, action, id, outcome);
    return outcome;
}

UserService::Outcome UserService::remove(const Actor& actor, qint64 id) const {
    Outcome outcome;
    if (actor.userId == id) {
        outcome = refused(Error::Refused, QStringLiteral("You cannot delete your own account."));
        recordRefusal(actor, AuditAction::UserDeleted, id, outcome);
        return outcome;
    }
    const bool committed = m_db.transaction([&] {
        const auto user = lockTarget(actor, id, true, outcome);
        if (!user)
            return false;
        storage::CredentialFilter owned;
        owned.userId = id;
        const auto credentials = storage::CredentialRepository(m_db).countWithOwners(owned);
        // Their credentials go with them (ON DELETE CASCADE); their audit events stay.
        if (!credentials || !storage::UserRepository(m_db).remove(id) ||
            !m_audit.record(actor, {AuditAction::UserDeleted,
                                    AuditLog::Outcome::Ok,
                                    std::nullopt,
                                    {},
                                    QStringLiteral("%1 credentials=%2")
                                        .arg(target(user->username, id))
                                        .arg(*credentials)})) {
            outcome = refused(Error::StorageFailed);
            return false;
        }
        outcome.user = User::from(*user);
        outcome.credentialsDeleted = *credentials;
        return true;
    });
    if (!committed && outcome.ok())
        outcome = refused(Error::StorageFailed);
    recordRefusal(actor, AuditAction::UserDeleted, id, outcome);
    return outcome;
}

} // namespace paycred::service
