#pragma once

#include <QString>

namespace paycred::service {

// Actor: who is acting and from where — the authenticated user of a request, for rules and audit.
struct Actor {
    qint64 userId = 0;
    QString username;
    bool isSuperuser = false;
    QString remoteAddr;
};

} // namespace paycred::service
