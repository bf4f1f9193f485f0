#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// CredentialHandler: /payments/credentials/ — list, create, one credential, its status, and the
// lookup by provider.
class CredentialHandler {
public:
    static ApiResponse list(const RequestContext& context);
    static ApiResponse create(const RequestContext& context);
    static ApiResponse retrieve(const RequestContext& context);
    static ApiResponse update(const RequestContext& context);
    static ApiResponse remove(const RequestContext& context);
    static ApiResponse toggleStatus(const RequestContext& context);
    static ApiResponse byProvider(const RequestContext& context);
};

} // namespace paycred::api
