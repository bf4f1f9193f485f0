#include "core/api/sessionhandler.h"

#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/requestcontext.h"
#include "core/service/services.h"

#include <QJsonArray>

namespace paycred::api {

ApiResponse SessionHandler::list(const RequestContext& context) {
    QJsonArray sessions;
    for (const service::UserSession& session : context.services.auth().sessions(context.actor)) {
        sessions.append(QJsonObject{
            {QStringLiteral("sid"), session.sid},
            {QStringLiteral("created_at"), CredentialJson::timestamp(session.createdAt)},
            {QStringLiteral("last_used_at"), CredentialJson::timestamp(session.lastUsedAt)},
            {QStringLiteral("remote_addr"), session.remoteAddr},
            {QStringLiteral("user_agent"), session.userAgent},
            {QStringLiteral("current"), session.current}});
    }
    return ApiResponse::json(200, sessions);
}

ApiResponse SessionHandler::end(const RequestContext& context) {
    // Another user's session and one that never existed are the same 404, in the seed views'
    // {"error"} shape: a client tells it from a server without the endpoint.
    if (!context.services.auth().endSession(context.actor, context.parameters.value(0)))
        return ErrorResponse::error(404, QStringLiteral("Session not found or already ended"));
    return ApiResponse::json(
        200, QJsonObject{{QStringLiteral("message"), QStringLiteral("Session ended")}});
}

} // namespace paycred::api
