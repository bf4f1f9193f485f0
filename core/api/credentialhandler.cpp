#include "core/api/credentialhandler.h"

#include "core/api/credentialanswer.h"
#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/crypto/secret.h"
#include "core/service/environment.h"
#include "core/service/provider.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
using service::CredentialService;
constexpr int MaxKey = CredentialService::MaxKeyLength;

QStringList providerIds() {
    QStringList ids;
    for (const auto& provider : service::Provider::all())
        ids.append(provider.id);
    return ids;
}

ApiResponse notADictionary(const RequestBody& body) {
    return ErrorResponse::field(
        service::FieldErrors::nonField(),
        QStringLiteral("Invalid data. Expected a dictionary, but got %1.").arg(body.typeName()));
}

ApiResponse credentialAnswer(int status, const storage::CredentialRecord& credential) {
    return ApiResponse::json(status, CredentialJson::toJson(credential));
}

// Runs `operation` on the credential the path names and answers with `reply`, or with the
// not-found / failure answer every credential endpoint shares.
template <typename Operation, typename Reply>
ApiResponse onCredential(const RequestContext& context, Operation operation, Reply reply) {
    const auto id = context.id();
    if (!id)
        return ErrorResponse::credentialNotFound();
    const CredentialService::Outcome outcome = operation(context.services.credentials(), *id);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return reply(outcome.credential);
}

QString statusMessage(const storage::CredentialRecord& credential, const QString& what) {
    return QStringLiteral("Payment credentials for %1 have been %2")
        .arg(service::Provider::displayNameOf(credential.provider), what);
}
} // namespace

ApiResponse CredentialHandler::list(const RequestContext& context) {
    return ApiResponse::json(
        200, CredentialJson::toJson(context.services.credentials().list(context.actor)));
}

ApiResponse CredentialHandler::create(const RequestContext& context) {
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return body.error();
    if (!body.isObject())
        return notADictionary(body);
    const QJsonObject& data = body.object();

    const auto provider = FieldReader::choice(data, QStringLiteral("provider"), providerIds());
    auto apiKey = FieldReader::text(data, QStringLiteral("api_key"), MaxKey);
    auto privateKey = FieldReader::text(data, QStringLiteral("private_key"), MaxKey);
    auto environment =
        FieldReader::choice(data, QStringLiteral("environment"), service::Environment::all());
    if (!environment.present && environment.error == FieldReader::requiredMessage()) {
        environment.error.clear();
        environment.value = service::Environment::sandbox();
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
        return ErrorResponse::fields(errors);
    }

    const CredentialService::NewCredential input{provider.value, apiKey.value, privateKey.value,
                                                 environment.value};
    const auto outcome = context.services.credentials().create(context.actor, input);
    crypto::wipe(privateKey.value);
    crypto::wipe(apiKey.value);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return credentialAnswer(201, outcome.credential);
}

ApiResponse CredentialHandler::retrieve(const RequestContext& context) {
    return onCredential(
        context,
        [&](const CredentialService& credentials, qint64 id) {
            return credentials.find(context.actor, id);
        },
        [](const storage::CredentialRecord& credential) {
            return credentialAnswer(200, credential);
        });
}

ApiResponse CredentialHandler::update(const RequestContext& context) {
    const auto id = context.id();
    const auto& credentials = context.services.credentials();
    if (!id || !credentials.find(context.actor, *id, QStringLiteral("credential_updated")).ok())
        return ErrorResponse::credentialNotFound();

    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return body.error();
    if (!body.isObject())
        return notADictionary(body);
    const QJsonObject& data = body.object();

    CredentialService::Change change;
    service::FieldErrors errors;
    if (data.contains(QStringLiteral("api_key"))) {
        auto apiKey = FieldReader::text(data, QStringLiteral("api_key"), MaxKey);
        if (apiKey.ok())
            change.apiKey = apiKey.value;
        else
            errors.add(QStringLiteral("api_key"), apiKey.error);
    }
    if (data.contains(QStringLiteral("environment"))) {
        const auto environment =
            FieldReader::choice(data, QStringLiteral("environment"), service::Environment::all());
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
    if (!errors.isEmpty())
        return ErrorResponse::fields(errors);

    const auto outcome = credentials.update(context.actor, *id, change);
    if (change.apiKey)
        crypto::wipe(*change.apiKey);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return credentialAnswer(200, outcome.credential);
}

ApiResponse CredentialHandler::remove(const RequestContext& context) {
    return onCredential(
        context,
        [&](const CredentialService& credentials, qint64 id) {
            return credentials.remove(context.actor, id);
        },
        [](const storage::CredentialRecord& credential) {
            const QString message =
                statusMessage(credential, QStringLiteral("successfully deleted"));
            return ApiResponse::json(200, QJsonObject{{QStringLiteral("message"), message}});
        });
}

ApiResponse CredentialHandler::toggleStatus(const RequestContext& context) {
    return onCredential(
        context,
        [&](const CredentialService& credentials, qint64 id) {
            return credentials.toggle(context.actor, id);
        },
        [](const storage::CredentialRecord& credential) {
            const QString what =
                credential.isActive ? QStringLiteral("activated") : QStringLiteral("deactivated");
            return ApiResponse::json(
                200,
                QJsonObject{{QStringLiteral("message"), statusMessage(credential, what)},
                            {QStringLiteral("credentials"), CredentialJson::toJson(credential)}});
        });
}

ApiResponse CredentialHandler::byProvider(const RequestContext& context) {
    const QString provider = context.parameters.value(0);
    const auto outcome = context.services.credentials().findByProvider(context.actor, provider);
    if (!outcome.ok()) {
        return ErrorResponse::error(
            404, QStringLiteral("No credentials found for %1").arg(provider.left(100)));
    }
    return credentialAnswer(200, outcome.credential);
}

} // namespace paycred::api
