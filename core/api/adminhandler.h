#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AdminHandler: /admin/ (API.md §3), for superusers only — the router refuses everyone else.
class AdminHandler {
public:
    static ApiResponse stats(const RequestContext& context);
    // GET /admin/credentials/: every user's credentials, with their owner, a page at a time.
    static ApiResponse credentials(const RequestContext& context);
};

} // namespace paycred::api
