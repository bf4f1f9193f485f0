#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AuditHandler: /admin/audit/ (API.md §3), for superusers only — reading the audit trail and
// verifying its chain. Nothing here changes or removes an event.
class AuditHandler {
public:
    static ApiResponse verify(const RequestContext& context);
};

} // namespace paycred::api
