#include "core/api/adminhandler.h"

#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/pagequery.h"
#include "core/api/queryreader.h"
#include "core/api/requestcontext.h"
#include "core/service/credentialfields.h"
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

ApiResponse AdminHandler::credentials(const RequestContext& context) {
    using service::CredentialDirectory;
    using service::CredentialFields;
    QueryReader filters(context.query);
    CredentialDirectory::Filter filter;
    filter.provider = filters.choice(QStringLiteral("provider"), CredentialFields::providers());
    filter.environment =
        filters.choice(QStringLiteral("environment"), CredentialFields::environments());
    filter.isActive = filters.boolean(QStringLiteral("is_active"));
    filter.userId = filters.id(QStringLiteral("user"));
    filter.ownerPart = filters.text(QStringLiteral("search"), 150);
    service::FieldErrors errors = filters.errors();
    const service::PageRequest request =
        PageQuery::read(context.query, CredentialDirectory::orderings(), errors);
    if (!errors.isEmpty())
        return ErrorResponse::fields(errors);
    const auto page = context.services.credentialDirectory().list(filter, request);
    return PageQuery::answer<CredentialDirectory::Owned>(
        context, request, page, [](const CredentialDirectory::Owned& owned) {
            QJsonObject object = CredentialJson::toJson(owned.credential);
            object.insert(QStringLiteral("user"),
                          QJsonObject{{QStringLiteral("id"), owned.credential.userId},
                                      {QStringLiteral("username"), owned.ownerUsername}});
            return object;
        });
}

} // namespace paycred::api
