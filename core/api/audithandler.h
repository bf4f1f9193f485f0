#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AuditHandler: /admin/audit/ (API.md §3), for superusers only — reading the audit trail a page
// at a time and verifying its chain. Nothing here changes or removes an event.
class AuditHandler {
public:
    static ApiResponse list(const RequestContext& context);
    static ApiResponse verify(const RequestContext& context);
};

} // namespace paycred::api
