#pragma once

#include <QDateTime>
#include <QString>

namespace paycred::client {

// AccountSession: one of the signed-in user's sessions, as GET /users/sessions/ lists it.
struct AccountSession {
    QString sid;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QString remoteAddr;
    QString userAgent;
    bool current = false; // the session this client calls with
};

} // namespace paycred::client
