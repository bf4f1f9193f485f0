#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace paycred::storage {
struct UserRecord;
}

namespace paycred::service {

// User: an account as the API shows it — never its password hash or token version.
struct User {
    qint64 id = 0;
    QString username;
    bool isSuperuser = false;
    bool isActive = true;
    QDateTime dateJoined;
    std::optional<QDateTime> lastLogin;

    static User from(const storage::UserRecord& row);
};

} // namespace paycred::service
