#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// SchemaHandler: /api/schema/ — this API as an OpenAPI 3.0 document, made from the route table
// so it cannot drift from what the router serves.
class SchemaHandler {
public:
    static ApiResponse schema(const RequestContext& context);
    static QJsonObject document();
};

} // namespace paycred::api
