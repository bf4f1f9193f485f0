#include "core/api/providerhandler.h"

#include "core/service/provider.h"

namespace paycred::api {

ApiResponse ProviderHandler::list(const RequestContext&) {
    QJsonArray providers;
    for (const auto& provider : service::Provider::all()) {
        providers.append(QJsonObject{{QStringLiteral("id"), provider.id},
                                     {QStringLiteral("display_name"), provider.displayName}});
    }
    return ApiResponse::json(200, providers);
}

} // namespace paycred::api
