#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AuthHandler: /users/login/, /users/token/refresh/, /users/logout/ and /users/logout-all/ —
// the JWT session.
class AuthHandler {
public:
    static ApiResponse login(const RequestContext& context);
    static ApiResponse refresh(const RequestContext& context);
    static ApiResponse logout(const RequestContext& context);
    static ApiResponse logoutAll(const RequestContext& context);
};

} // namespace paycred::api
