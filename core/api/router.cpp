#include "core/api/router.h"

#include "core/foundation/storageunavailable.h"

#include "core/api/errorresponse.h"
#include "core/api/logging.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/api/route.h"
#include "core/service/services.h"

#include <QUrl>

#include <exception>

namespace paycred::api {

namespace {
// A path's segments, percent-decoded; one final "/" is optional. Empty segments ("//") stay,
// so they match nothing.
QStringList segmentsOf(const QByteArray& path) {
    QByteArray trimmed = path;
    if (trimmed.startsWith('/'))
        trimmed.remove(0, 1);
    if (trimmed.endsWith('/'))
        trimmed.chop(1);
    QStringList segments;
    if (trimmed.isEmpty())
        return segments;
    for (const QByteArray& segment : trimmed.split('/'))
        segments.append(QString::fromUtf8(QByteArray::fromPercentEncoding(segment)));
    return segments;
}

bool isParameter(const QString& segment) {
    return segment.startsWith(u'{') && segment.endsWith(u'}');
}
} // namespace

struct Router::Routes {
    struct Compiled {
        const Route* route;
        QStringList pattern;
    };
    QList<Compiled> compiled;
    // The methods some work that is not quick answers to: any other request is quick without a
    // match (workOf runs on the transport's I/O threads).
    QList<QByteArray> slowMethods;

    Routes() {
        for (const Route& route : Route::table()) {
            compiled.append({&route, segmentsOf(route.path.toUtf8())});
            for (const Route::Method& method : route.methods) {
                if (method.work != Route::Work::Quick && !slowMethods.contains(method.name))
                    slowMethods.append(method.name);
            }
        }
    }

    // The first route whose pattern matches, with its parameters.
    const Route* match(const QStringList& segments, QStringList& parameters) const {
        for (const Compiled& candidate : compiled) {
            if (candidate.pattern.size() != segments.size())
                continue;
            QStringList values;
            bool matches = true;
            for (qsizetype i = 0; i < segments.size() && matches; ++i) {
                if (isParameter(candidate.pattern[i]))
                    values.append(segments[i]);
                else
                    matches = candidate.pattern[i] == segments[i];
            }
            if (matches) {
                parameters = values;
                return candidate.route;
            }
        }
        return nullptr;
    }
};

Router::Router(const service::Services& services)
    : m_routes(std::make_unique<Routes>())
    , m_services(services) {}

Router::~Router() = default;

ApiResponse Router::handle(const ApiRequest& request) const {
    try {
        return withStandardHeaders(dispatch(request));
    } catch (const StorageUnavailable&) {
        // A read failed before or outside a handler (authentication, say): the same 503.
        return withStandardHeaders(ErrorResponse::storageFailed());
    }
}

Route::Work Router::workOf(const ApiRequest& request) {
    static const Routes routes;
    if (!routes.slowMethods.contains(request.method))
        return Route::Work::Quick;
    const qsizetype queryStart = request.target.indexOf('?');
    const QByteArray path = queryStart < 0 ? request.target : request.target.left(queryStart);
    QStringList parameters;
    const Route* route =
        path.startsWith('/') ? routes.match(segmentsOf(path), parameters) : nullptr;
    if (!route)
        return Route::Work::Quick;
    for (const Route::Method& method : route->methods) {
        if (method.name == request.method)
            return method.work;
    }
    return Route::Work::Quick;
}

ApiResponse Router::withStandardHeaders(ApiResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (response.status == 401 && response.header("WWW-Authenticate").isEmpty())
        response.setHeader("WWW-Authenticate", R"(Bearer realm="api")");
    return response;
}

ApiResponse Router::dispatch(const ApiRequest& request) const {
    if (request.body.size() > MaxBodyBytes)
        return ErrorResponse::bodyTooLarge();

    const qsizetype queryStart = request.target.indexOf('?');
    const QByteArray path = queryStart < 0 ? request.target : request.target.left(queryStart);
    RequestContext context{request, m_services, {}, path, {}, {}};
    const Route* route =
        path.startsWith('/') ? m_routes->match(segmentsOf(path), context.parameters) : nullptr;
    if (!route)
        return ErrorResponse::notFound();
    if (queryStart >= 0)
        context.query = RequestBody::queryFields(request.target.mid(queryStart + 1));

    if (route->access != Route::Access::Anyone) {
        const auto authentication =
            m_services.auth().authenticate(request.header("Authorization"), request.remoteAddress);
        if (!authentication.ok())
            return ErrorResponse::unauthorized(authentication.failure);
        context.actor = authentication.actor;
    }
    context.actor.remoteAddr = request.remoteAddress;
    if (route->access == Route::Access::Superuser && !context.actor.isSuperuser) {
        // The path names the endpoint; its query is the caller's and is not kept.
        m_services.audit().record(
            context.actor,
            {service::AuditAction::AdminRequest, service::AuditLog::Outcome::Denied, std::nullopt,
             QString(),
             QStringLiteral("%1 %2").arg(QString::fromLatin1(request.method.left(16)),
                                         QString::fromUtf8(path.left(200)))});
        return ErrorResponse::permissionDenied();
    }

    QStringList allowed;
    for (const Route::Method& method : route->methods) {
        if (method.name == request.method)
            return invoke(method, context);
        allowed.append(QString::fromLatin1(method.name));
    }
    return ErrorResponse::methodNotAllowed(request.method, allowed);
}

ApiResponse Router::invoke(const Route::Method& method, const RequestContext& context) const {
    try {
        return method.handler(context);
    } catch (const StorageUnavailable&) {
        qCWarning(lcApi) << "the database could not answer; the request gets 503";
        return ErrorResponse::storageFailed();
    } catch (const std::exception& error) {
        qCCritical(lcApi) << "handler failed:" << error.what();
    } catch (...) {
        qCCritical(lcApi) << "handler failed with an unknown exception";
    }
    return ErrorResponse::error(500, QStringLiteral("Internal server error. Nothing was changed; "
                                                    "try again, and report it if it repeats."));
}

} // namespace paycred::api
