#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// HealthHandler: /health/ — is the service up and does its database answer.
class HealthHandler {
public:
    static ApiResponse health(const RequestContext& context);
};

} // namespace paycred::api
