#pragma once

#include "core/api/apiresponse.h"

namespace paycred::api {

struct RequestContext;

// AdminUserHandler: /admin/users/ (API.md §3), for superusers only — list (a page at a time),
// create, read, change (active, superuser, password, unlock) and delete users, under
// UserService's rules that keep the system administrable.
class AdminUserHandler {
public:
    static ApiResponse list(const RequestContext& context);
    static ApiResponse create(const RequestContext& context);
    static ApiResponse retrieve(const RequestContext& context);
    static ApiResponse update(const RequestContext& context);
    static ApiResponse remove(const RequestContext& context);
};

} // namespace paycred::api
