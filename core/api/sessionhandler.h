#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// SessionHandler: /users/sessions/ and /users/sessions/{sid}/ — the caller's sessions.
class SessionHandler {
public:
    static ApiResponse list(const RequestContext& context);
    static ApiResponse end(const RequestContext& context);
};

} // namespace paycred::api
