#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// CheckHandler: /payments/credentials/{id}/check/ and /checks/ — a credential's keys checked
// with its provider, and the last such checks (API.md §2 check).
class CheckHandler {
public:
    static ApiResponse check(const RequestContext& context);
    static ApiResponse history(const RequestContext& context);
};

} // namespace paycred::api
