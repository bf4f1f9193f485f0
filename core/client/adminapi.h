#pragma once

#include "core/client/session.h"

#include <QByteArray>

namespace paycred::client {

// AdminApi: what makes a request one of API.md §3 (AdminClient, UsersClient, AuditClient): its
// 404 says the server has no §3, and the panel is hidden.
class AdminApi {
public:
    static Session::Request request(const QByteArray& method, const QByteArray& target);
};

} // namespace paycred::client
