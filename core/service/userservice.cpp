#include "core/service/userservice.h"

#include "core/foundation/clock.h"
#include "core/service/auditlog.h"
#include "core/service/fielderrors.h"
#include "core/service/passwordstore.h"
#include "core/service/servicesettings.h"
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
} // namespace

UserService::UserService(const storage::Database& db, const ServiceSettings& settings,
                         const PasswordStore& passwords, const AuditLog& audit, const Clock& clock)
    : m_db(db)
    , m_settings(settings)
    , m_passwords(passwords)
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
    if (name.size() > MaxUsernameLength ||
        !std::all_of(name.begin(), name.end(), isValidUsernameChar)) {
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
            m_audit.record(
                actor, {AuditAction::UserCreated, AuditLog::Outcome::Ok, std::nullopt, QString(),
                        QStringLiteral("user %1 (id %2)%3")
                            .arg(name)
                            .arg(user.id)
                            .arg(isSuperuser ? QStringLiteral(", superuser") : QString())}))
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
        result.field = QStringLiteral("username");
        result.error =
            QStringLiteral("The user could not be saved: the database refused the write, or the "
                           "vault is locked. Nothing was changed; try again.");
        return result;
    }
    result.id = inserted.value;
    return result;
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

} // namespace paycred::service
