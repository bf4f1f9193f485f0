#include "core/api/credentialhandler.h"

#include "core/api/credentialanswer.h"
#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/crypto/secret.h"
#include "core/service/credentialfields.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
using service::CredentialFields;
using service::CredentialService;
} // namespace

ApiResponse CredentialHandler::list(const RequestContext& context) {
    return ApiResponse::json(
        200, CredentialJson::toJson(context.services.credentials().list(context.actor)));
}

ApiResponse CredentialHandler::create(const RequestContext& context) {
    const RequestBody body = RequestBody::parseObject(context.request);
    if (!body.ok())
        return body.error();
    const QJsonObject& data = body.object();

    const auto provider =
        FieldReader::choice(data, QStringLiteral("provider"), CredentialFields::providers());
    auto apiKey =
        FieldReader::text(data, QStringLiteral("api_key"), CredentialFields::MaxKeyLength);
    auto privateKey =
        FieldReader::text(data, QStringLiteral("private_key"), CredentialFields::MaxKeyLength);
    auto environment =
        FieldReader::choice(data, QStringLiteral("environment"), CredentialFields::environments());
    if (!environment.present && environment.error == service::FieldErrors::required()) {
        environment.error.clear();
        environment.value = CredentialFields::defaultEnvironment();
    }

    service::FieldErrors errors;
    const std::pair<const char*, const FieldReader::Text*> fields[] = {
        {"provider", &provider},
        {"api_key", &apiKey},
        {"private_key", &privateKey},
        {"environment", &environment}};
    for (const auto& [name, field] : fields) {
        if (!field->error.isEmpty())
            errors.add(QString::fromLatin1(name), field->error);
    }
    if (!errors.isEmpty()) {
        crypto::wipe(privateKey.value);
        crypto::wipe(apiKey.value);
        return ErrorResponse::fields(errors);
    }

    const CredentialService::NewCredential input{provider.value, apiKey.value, privateKey.value,
                                                 environment.value};
    const auto outcome = context.services.credentials().create(context.actor, input);
    crypto::wipe(privateKey.value);
    crypto::wipe(apiKey.value);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return CredentialAnswer::credential(201, outcome.credential);
}

ApiResponse CredentialHandler::retrieve(const RequestContext& context) {
    const auto id = context.id();
    if (!id)
        return ErrorResponse::credentialNotFound();
    const auto outcome = context.services.credentials().find(context.actor, *id);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return CredentialAnswer::credential(200, outcome.credential);
}

ApiResponse CredentialHandler::update(const RequestContext& context) {
    const auto id = context.id();
    const auto& credentials = context.services.credentials();
    if (!id)
        return ErrorResponse::credentialNotFound();
    const auto found =
        credentials.findOrAuditDenial(context.actor, *id, service::AuditAction::CredentialUpdated);
    if (!found.ok())
        return CredentialAnswer::failure(found.error);
    const service::Precondition precondition = context.precondition();
    if (!precondition.allows(found.row.version))
        return CredentialAnswer::failure(CredentialService::Error::Changed);

    const RequestBody body = RequestBody::parseObject(context.request);
    if (!body.ok())
        return body.error();
    const QJsonObject& data = body.object();

    CredentialService::Change change;
    service::FieldErrors errors;
    if (data.contains(QStringLiteral("api_key"))) {
        auto apiKey =
            FieldReader::text(data, QStringLiteral("api_key"), CredentialFields::MaxKeyLength);
        if (apiKey.ok())
            change.apiKey = apiKey.value;
        else
            errors.add(QStringLiteral("api_key"), apiKey.error);
        crypto::wipe(apiKey.value);
    }
    if (data.contains(QStringLiteral("environment"))) {
        const auto environment = FieldReader::choice(data, QStringLiteral("environment"),
                                                     CredentialFields::environments());
        if (environment.ok())
            change.environment = environment.value;
        else
            errors.add(QStringLiteral("environment"), environment.error);
    }
    const auto active = FieldReader::boolean(data, QStringLiteral("is_active"));
    if (active.present && active.error.isEmpty())
        change.isActive = active.value;
    else if (active.present)
        errors.add(QStringLiteral("is_active"), active.error);
    if (!errors.isEmpty()) {
        if (change.apiKey)
            crypto::wipe(*change.apiKey);
        return ErrorResponse::fields(errors);
    }

    const auto outcome = credentials.update(context.actor, found, change, precondition);
    if (change.apiKey)
        crypto::wipe(*change.apiKey);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return CredentialAnswer::credential(200, outcome.credential);
}

ApiResponse CredentialHandler::remove(const RequestContext& context) {
    const auto id = context.id();
    if (!id)
        return ErrorResponse::credentialNotFound();
    return CredentialAnswer::deleted(
        context.services.credentials().remove(context.actor, *id, context.precondition()));
}

ApiResponse CredentialHandler::toggleStatus(const RequestContext& context) {
    const auto id = context.id();
    if (!id)
        return ErrorResponse::credentialNotFound();
    return CredentialAnswer::toggled(
        context.services.credentials().toggle(context.actor, *id, context.precondition()));
}

ApiResponse CredentialHandler::byProvider(const RequestContext& context) {
    const QString provider = context.parameters.value(0);
    const auto outcome = context.services.credentials().findByProvider(context.actor, provider);
    if (!outcome.ok()) {
        return ErrorResponse::error(
            404, QStringLiteral("No credentials found for %1").arg(provider.left(100)));
    }
    return CredentialAnswer::credential(200, outcome.credential);
}

} // namespace paycred::api
