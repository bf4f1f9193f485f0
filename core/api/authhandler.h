#pragma once

#include "core/api/apiresponse.h"
#include "core/service/authservice.h"

namespace paycred::api {

struct RequestContext;

// AuthHandler: /users/login/, /users/token/refresh/ and /users/logout/ — the JWT session.
class AuthHandler {
public:
    static ApiResponse login(const RequestContext& context);
    static ApiResponse refresh(const RequestContext& context);
    static ApiResponse logout(const RequestContext& context);

    // The answer to a login: tokens (200), throttled (429) or refused (401).
    static ApiResponse loginAnswer(const service::AuthService::Login& result,
                                   int accessLifetimeSecs);
};

} // namespace paycred::api
