#pragma once

#include "core/api/apirequest.h"
#include "core/service/actor.h"
#include "core/service/precondition.h"

#include <QJsonObject>
#include <QStringList>

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
    QByteArray path;        // as requested, without its query
    QJsonObject query;      // the query's parameters, decoded (RequestBody::queryFields)
    service::Actor actor;

    // The route's first parameter as a credential id: a positive integer that fits in 64 bits.
    std::optional<qint64> id() const;
    // What If-Match asks of the credential's version: none when absent, any version for "*",
    // otherwise the versions of its strong entity tags (a weak or malformed tag matches nothing,
    // as RFC 9110 compares If-Match strongly).
    service::Precondition precondition() const;
};

} // namespace paycred::api
