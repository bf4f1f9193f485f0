#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AdminHandler: /admin/ (API.md §3), for superusers only — the router refuses everyone else.
class AdminHandler {
public:
    static ApiResponse stats(const RequestContext& context);
};

} // namespace paycred::api
