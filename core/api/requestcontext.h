#pragma once

#include "core/api/apirequest.h"
#include "core/service/actor.h"

#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace paycred::service {
class Services;
}

namespace paycred::api {

// RequestContext: what a handler gets — the request, the route's path parameters, the
// authenticated caller (for protected routes) and the services.
struct RequestContext {
    const ApiRequest& request;
    const service::Services& services;
    QStringList parameters; // the {placeholders} of the route, in order, percent-decoded
    QUrlQuery query;
    service::Actor actor;

    // The route's first parameter as a credential id: a positive integer that fits in 64 bits.
    std::optional<qint64> id() const;
};

} // namespace paycred::api
