#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace paycred::client {

// AdminUser: one user as the Administration lists and changes them (API.md §3, /admin/users/) —
// never a password or a hash. Times are UTC.
struct AdminUser {
    qint64 id = 0;
    QString username;
    bool isSuperuser = false;
    bool isActive = true;
    QDateTime dateJoined;
    std::optional<QDateTime> lastLogin;   // never logged in: none
    qint64 credentialsCount = 0;          // what deleting the user deletes with them
    std::optional<QDateTime> lockedUntil; // the login throttle's lock, while there is one

    bool isLocked() const { return lockedUntil.has_value(); }
    friend bool operator==(const AdminUser&, const AdminUser&) = default;
};

} // namespace paycred::client
