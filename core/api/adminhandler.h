#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AdminHandler: GET /admin/stats/ (API.md §3), for superusers only — the router refuses everyone
// else. Users and credentials have their own handlers (AdminUserHandler, AdminCredentialHandler).
class AdminHandler {
public:
    static ApiResponse stats(const RequestContext& context);
};

} // namespace paycred::api
