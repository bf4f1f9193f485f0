#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// PrivateKeyHandler: /payments/credentials/{id}/update-private-key/, get-private-key/ and
// verify/ — everything that touches a credential's private key.
class PrivateKeyHandler {
public:
    static ApiResponse replace(const RequestContext& context);
    static ApiResponse reveal(const RequestContext& context);
    static ApiResponse verify(const RequestContext& context);
};

} // namespace paycred::api
