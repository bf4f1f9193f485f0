#include "core/api/checkhandler.h"

#include "core/api/credentialanswer.h"
#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/requestcontext.h"
#include "core/service/provider.h"
#include "core/service/services.h"

#include <QJsonArray>

namespace paycred::api {

namespace {
using service::AuditAction;

QJsonObject toJson(const service::CredentialCheck& check) {
    return {{QStringLiteral("credentials_id"), check.credentialId},
            {QStringLiteral("provider"), check.provider},
            {QStringLiteral("provider_display"), service::Provider::displayNameOf(check.provider)},
            {QStringLiteral("environment"), check.environment},
            {QStringLiteral("result"), service::ProviderChecker::nameOf(check.result)},
            {QStringLiteral("message"), check.message},
            {QStringLiteral("checked_at"), CredentialJson::timestamp(check.checkedAt)}};
}

service::CredentialService::Found lookUp(const RequestContext& context) {
    const auto id = context.id();
    if (!id)
        return {};
    return context.services.credentials().findOrAuditDenial(context.actor, *id,
                                                            AuditAction::CredentialChecked);
}
} // namespace

ApiResponse CheckHandler::check(const RequestContext& context) {
    const auto found = lookUp(context);
    if (!found.ok())
        return CredentialAnswer::failure(found.error);
    const auto checked = context.services.checks().check(context.actor, found);
    if (checked.error != service::CredentialService::Error::None)
        return CredentialAnswer::failure(checked.error);
    return ApiResponse::json(200, toJson(checked.check));
}

ApiResponse CheckHandler::history(const RequestContext& context) {
    // A read, like GET of the credential: another user's id is a 404 without an audit event (a
    // denied credential_checked would say someone tried to check it).
    const auto id = context.id();
    if (!id)
        return CredentialAnswer::failure(service::CredentialService::Error::NotFound);
    const auto found = context.services.credentials().find(context.actor, *id);
    if (!found.ok())
        return CredentialAnswer::failure(found.error);
    QJsonArray checks;
    for (const auto& check : context.services.checks().history(found.credential))
        checks.append(toJson(check));
    return ApiResponse::json(200, checks);
}

} // namespace paycred::api
