#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// ProviderHandler: /providers/ — the providers credentials can be kept for.
class ProviderHandler {
public:
    static ApiResponse list(const RequestContext& context);
};

} // namespace paycred::api
