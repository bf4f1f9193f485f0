#pragma once

#include <QString>

namespace paycred::service {

// Actor: who is acting and from where — the authenticated user of a request, for rules and audit.
struct Actor {
    qint64 userId = 0;
    QString username;
    bool isSuperuser = false;
    QString remoteAddr;
    QString sessionId{}; // the `sid` of the access token (API.md §1 Sessions)
};

} // namespace paycred::service
