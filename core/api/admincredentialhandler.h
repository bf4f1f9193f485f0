#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AdminCredentialHandler: /admin/credentials/ (API.md §3), for superusers only — every user's
// credentials as metadata with their owner; a toggle and a delete of any of them through the
// same write path and with the same answers as §2 (ETag, If-Match, 412); and the emergency
// switch. Never a key.
class AdminCredentialHandler {
public:
    // GET /admin/credentials/: a page at a time, with filters and orderings.
    static ApiResponse list(const RequestContext& context);
    static ApiResponse toggleStatus(const RequestContext& context);
    static ApiResponse remove(const RequestContext& context);
    // POST /admin/credentials/deactivate-live/ {"user"?: id} → {"deactivated": n}.
    static ApiResponse deactivateLive(const RequestContext& context);
};

} // namespace paycred::api
