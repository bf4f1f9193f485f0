#pragma once

#include <QDateTime>
#include <QString>

namespace paycred::service {

// UserSession: one of a user's sessions as the sessions list shows it (API.md §1).
struct UserSession {
    QString sid;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QString remoteAddr;
    QString userAgent;
    bool current = false; // the session of the request that asked
};

} // namespace paycred::service
