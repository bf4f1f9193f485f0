#pragma once

#include "core/service/page.h"
#include "core/service/user.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred::service {

class LoginThrottle;

// UserDirectory: the accounts as a superuser sees them (GET /admin/users/) — each with how many
// credentials it has and the login throttle's lock; never a password hash or a token version.
class UserDirectory {
public:
    UserDirectory(const storage::Database& db, const LoginThrottle& throttle)
        : m_db(db)
        , m_throttle(throttle) {}

    struct Listed {
        User user;
        qint64 credentialsCount = 0;
        std::optional<QDateTime> lockedUntil; // the login throttle's lock, when there is one now
    };
    struct Filter {
        QString usernamePart;
        std::optional<bool> isActive;
        std::optional<bool> isSuperuser;
    };

    // The fields a page may be ordered by (API.md §3).
    static const QStringList& orderings();
    // Counts the matches on the first page only (a later page has no count).
    Page<Listed> list(const Filter& filter, const PageRequest& request) const;
    std::optional<Listed> find(qint64 id) const;

private:
    Listed listed(const User& user, qint64 credentialsCount) const;

    const storage::Database& m_db;
    const LoginThrottle& m_throttle;
};

} // namespace paycred::service
