#include "core/api/healthhandler.h"

#include "core/api/requestcontext.h"
#include "core/service/services.h"

namespace paycred::api {

ApiResponse HealthHandler::health(const RequestContext& context) {
    const bool database = context.services.databaseAnswers();
    return ApiResponse::json(
        database ? 200 : 503,
        QJsonObject{{QStringLiteral("status"),
                     database ? QStringLiteral("ok") : QStringLiteral("degraded")},
                    {QStringLiteral("version"), QStringLiteral(PAYCRED_VERSION)},
                    {QStringLiteral("database"),
                     database ? QStringLiteral("ok") : QStringLiteral("unreachable")}});
}

} // namespace paycred::api
