#include "core/api/admincredentialhandler.h"

#include "core/api/credentialanswer.h"
#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/pagequery.h"
#include "core/api/queryreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/service/credentialfields.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
using service::CredentialService;

// The credential a superuser's write names: any user's; or the answer to give instead.
CredentialService::Found credentialNamed(const RequestContext& context,
                                         service::AuditAction action) {
    const auto id = context.id();
    if (!id)
        return {};
    return context.services.credentials().findForSuperuser(context.actor, *id, action);
}
} // namespace

ApiResponse AdminCredentialHandler::list(const RequestContext& context) {
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

ApiResponse AdminCredentialHandler::toggleStatus(const RequestContext& context) {
    const auto found = credentialNamed(context, service::AuditAction::StatusToggled);
    return CredentialAnswer::toggled(
        context.services.credentials().toggle(context.actor, found, context.precondition()));
}

ApiResponse AdminCredentialHandler::remove(const RequestContext& context) {
    const auto found = credentialNamed(context, service::AuditAction::CredentialDeleted);
    return CredentialAnswer::deleted(
        context.services.credentials().remove(context.actor, found, context.precondition()));
}

ApiResponse AdminCredentialHandler::deactivateLive(const RequestContext& context) {
    const RequestBody body = RequestBody::parseObject(context.request);
    if (!body.ok())
        return body.error();
    const QString userField = QStringLiteral("user");
    const auto user = FieldReader::primaryKey(body.object(), userField);
    if (!user.error.isEmpty())
        return ErrorResponse::field(userField, user.error);
    if (user.present && !context.services.users().find(user.value))
        return ErrorResponse::field(userField, FieldReader::invalidPrimaryKey(user.value));
    const auto deactivated = context.services.credentials().deactivateLive(
        context.actor, user.present ? std::optional<qint64>(user.value) : std::nullopt);
    if (!deactivated.ok)
        return ErrorResponse::storageFailed();
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("deactivated"), deactivated.count}});
}

} // namespace paycred::api
