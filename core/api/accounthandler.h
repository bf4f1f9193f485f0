#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AccountHandler: /users/me/, /users/change-password/ and /users/verify-password/.
class AccountHandler {
public:
    static ApiResponse me(const RequestContext& context);
    static ApiResponse changePassword(const RequestContext& context);
    static ApiResponse verifyPassword(const RequestContext& context);
};

} // namespace paycred::api
