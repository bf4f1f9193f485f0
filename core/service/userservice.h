#pragma once

#include "core/service/actor.h"
#include "core/service/auditaction.h"
#include "core/service/fielderrors.h"
#include "core/service/user.h"
#include "core/storage/records.h"

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
class LoginThrottle;
class PasswordStore;
struct ServiceSettings;

// UserService: accounts — creating them, their passwords, and the rules a password must meet;
// and what a superuser changes of them, under the rules that keep the system administrable:
// nobody deletes, deactivates or demotes themselves, and one active superuser always remains.
class UserService {
public:
    UserService(const storage::Database& db, const ServiceSettings& settings,
                const PasswordStore& passwords, const LoginThrottle& throttle,
                const AuditLog& audit, const Clock& clock);

    struct Created {
        std::optional<qint64> id;
        QString field;              // "username" | "password" when refused, with `error`
        QString error;              // the API's sentence
        bool storageFailed = false; // the database (or a locked vault) refused the write
        bool ok() const { return id.has_value(); }
    };
    // Validates and stores a new user, audited as made by `actor`. Refuses a blank or taken
    // username and a weak password.
    Created create(const Actor& actor, const QString& username, const QString& password,
                   bool isSuperuser) const;
    // The same, made by the system (the first owner of a vault, createsuperuser).
    Created create(const QString& username, const QString& password, bool isSuperuser) const;

    // Django's username rule: at most 150 letters, digits and @ . + - _ (an import checks the
    // names it brings by it too).
    static bool isValidUsername(const QString& name);

    std::optional<User> find(qint64 id) const;
    // Empty when the password is acceptable; otherwise the API's message for `new_password`.
    QString passwordProblem(const QString& password) const;
    // Keeps a new password and bumps the token version, so every earlier token stops working.
    bool setPassword(qint64 userId, const QString& password) const;

    // What a superuser changes of a user (PATCH /admin/users/{id}/); unset: left as it is.
    struct Change {
        std::optional<bool> isActive;
        std::optional<bool> isSuperuser;
        std::optional<QString> password; // a reset: every token of the user dies with it
        bool unlock = false;             // clears the login throttle's lock of the user
    };
    // NotFound: no such user. Invalid: `errors` in DRF's field shape. Refused: a rule said no,
    // `message` is the API's sentence. Forbidden: the actor is no longer an active superuser.
    enum class Error { None, NotFound, Invalid, Refused, Forbidden, StorageFailed };
    struct Outcome {
        Error error = Error::None;
        FieldErrors errors;
        QString message;
        User user;                     // as written (update) or as it was (remove)
        qint64 credentialsDeleted = 0; // remove: how many went with the user
        bool ok() const { return error == Error::None; }
    };
    // Applies `change` to user `id` as `actor` (a superuser), in one transaction with its audit
    // events (user_updated, user_unlocked). A deactivation or a password reset bumps the user's
    // token version in that transaction: every token issued before dies at once.
    Outcome update(const Actor& actor, qint64 id, const Change& change) const;
    // The command line's changepassword: a new password for user `id`, set by the system; as a
    // superuser's reset, every token of the user ends, and the login throttle's lock is lifted.
    Outcome resetPassword(qint64 id, const QString& password) const;
    // Deletes user `id` and their credentials as `actor`; their audit events stay.
    Outcome remove(const Actor& actor, qint64 id) const;

private:
    // Inside the transaction of a superuser's write to user `id`: locks the active superusers,
    // then reads the user. Nothing (with `outcome` saying why) when there is no such user, when
    // the write `takesSuperuserAway` from the last active superuser, or when `actor` is no longer
    // an active superuser.
    std::optional<storage::UserRecord> lockTarget(const Actor& actor, qint64 id,
                                                  bool takesSuperuserAway, Outcome& outcome) const;
    // Records a refused write of `action` to user `id` as denied, with why.
    void recordRefusal(const Actor& actor, AuditAction action, qint64 id,
                       const Outcome& outcome) const;

    const storage::Database& m_db;
    const ServiceSettings& m_settings;
    const PasswordStore& m_passwords;
    const LoginThrottle& m_throttle;
    const AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace paycred::service
