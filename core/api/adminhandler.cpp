#include "core/api/adminhandler.h"

#include "core/api/errorresponse.h"
#include "core/api/requestcontext.h"
#include "core/service/services.h"

namespace paycred::api {

ApiResponse AdminHandler::stats(const RequestContext& context) {
    const auto counts = context.services.overview().counts();
    if (!counts.ok)
        return ErrorResponse::storageFailed();
    QJsonObject byProvider;
    for (auto it = counts.byProvider.cbegin(); it != counts.byProvider.cend(); ++it) {
        byProvider.insert(it.key(), QJsonObject{{QStringLiteral("sandbox"), it->sandbox},
                                                {QStringLiteral("live"), it->live},
                                                {QStringLiteral("inactive"), it->inactive}});
    }
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("users"), counts.users},
                                              {QStringLiteral("active_users"), counts.activeUsers},
                                              {QStringLiteral("credentials"), counts.credentials},
                                              {QStringLiteral("by_provider"), byProvider}});
}

} // namespace paycred::api
