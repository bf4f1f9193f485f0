#pragma once

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"
#include "core/api/route.h"

#include <memory>

namespace paycred::service {
class Services;
}

namespace paycred::api {

struct RequestContext;

// Router: the one implementation of API.md. Takes a request from any transport, answers it.
// Re-entrant: call it from any number of threads at once.
class Router {
public:
    static constexpr qsizetype MaxBodyBytes = 64 * 1024;

    explicit Router(const service::Services& services);
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    ApiResponse handle(const ApiRequest& request) const;
    // What kind of work `request` asks for, without doing any: a transport runs password work
    // and provider checks apart (Route::Work). Quick for a request that matches no route. Reads
    // only the route table: any thread, any time, with or without a router.
    static Route::Work workOf(const ApiRequest& request);
    // The headers every answer carries (nosniff; WWW-Authenticate on a 401), for answers made
    // outside handle().
    static ApiResponse withStandardHeaders(ApiResponse response);

private:
    struct Routes;
    ApiResponse dispatch(const ApiRequest& request) const;
    ApiResponse invoke(const Route::Method& method, const RequestContext& context) const;

    std::unique_ptr<Routes> m_routes;
    const service::Services& m_services;
};

} // namespace paycred::api
