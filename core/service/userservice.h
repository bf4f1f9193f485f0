#pragma once

#include "core/service/actor.h"
#include "core/service/user.h"

#include <QString>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred {
class Clock;
}

namespace paycred::service {

class AuditLog;
class PasswordStore;
struct ServiceSettings;

// UserService: accounts — creating them, their passwords, and the rules a password must meet.
class UserService {
public:
    UserService(const storage::Database& db, const ServiceSettings& settings,
                const PasswordStore& passwords, const AuditLog& audit, const Clock& clock);

    struct Created {
        std::optional<qint64> id;
        QString field; // "username" | "password" when refused, with `error`
        QString error; // the API's sentence
        bool ok() const { return id.has_value(); }
    };
    // Validates and stores a new user with its user_created event (by `actor`; the first form:
    // by the system, as the command line and a new vault make users). Refuses a blank or taken
    // username and a weak password, and then writes no event.
    Created create(const QString& username, const QString& password, bool isSuperuser) const;
    Created create(const Actor& actor, const QString& username, const QString& password,
                   bool isSuperuser) const;

    std::optional<User> find(qint64 id) const;
    // Empty when the password is acceptable; otherwise the API's message for `new_password`.
    QString passwordProblem(const QString& password) const;
    // Keeps a new password and bumps the token version, so every earlier token stops working.
    bool setPassword(qint64 userId, const QString& password) const;

private:
    const storage::Database& m_db;
    const ServiceSettings& m_settings;
    const PasswordStore& m_passwords;
    const AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace paycred::service
