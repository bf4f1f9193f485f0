#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AuthHandler: /users/login/, /users/token/refresh/ and /users/logout/ — the JWT session.
class AuthHandler {
public:
    static ApiResponse login(const RequestContext& context);
    static ApiResponse refresh(const RequestContext& context);
    static ApiResponse logout(const RequestContext& context);
};

} // namespace paycred::api
