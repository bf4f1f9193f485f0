#include "core/api/privatekeyhandler.h"

#include "core/api/credentialanswer.h"
#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/crypto/secret.h"
#include "core/service/provider.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
// The trimmed "private_key" of the body; empty when absent, blank or not text.
QString privateKeyOf(const RequestBody& body) {
    if (!body.isObject())
        return {};
    const auto field = FieldReader::text(body.object(), QStringLiteral("private_key"), INT_MAX);
    return field.ok() ? field.value : QString();
}

QJsonObject credentialHeader(const storage::CredentialRecord& credential) {
    return {{QStringLiteral("credentials_id"), credential.id},
            {QStringLiteral("provider"), credential.provider},
            {QStringLiteral("provider_display"),
             service::Provider::displayNameOf(credential.provider)}};
}

// The private key a request brings, or the answer to give instead. The credential is looked up
// before the body is read: 404 comes before 400.
struct KeyInput {
    std::optional<ApiResponse> refusal;
    QString privateKey;
};

KeyInput readPrivateKey(const RequestContext& context, const QString& action,
                        const QString& requiredMessage) {
    const auto id = context.id();
    if (!id || !context.services.credentials().find(context.actor, *id, action).ok())
        return {ErrorResponse::credentialNotFound(), {}};
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return {body.error(), {}};
    QString privateKey = privateKeyOf(body);
    if (privateKey.isEmpty())
        return {ErrorResponse::error(400, requiredMessage), {}};
    return {std::nullopt, privateKey};
}
} // namespace

ApiResponse PrivateKeyHandler::replace(const RequestContext& context) {
    KeyInput input = readPrivateKey(context, QStringLiteral("private_key_updated"),
                                    QStringLiteral("Private key is required"));
    if (input.refusal)
        return *input.refusal;
    const auto outcome = context.services.credentials().replacePrivateKey(
        context.actor, *context.id(), input.privateKey);
    crypto::wipe(input.privateKey);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return ApiResponse::json(
        200,
        QJsonObject{{QStringLiteral("message"), QStringLiteral("Private key updated successfully")},
                    {QStringLiteral("credentials"), CredentialJson::toJson(outcome.credential)}});
}

ApiResponse PrivateKeyHandler::reveal(const RequestContext& context) {
    const auto id = context.id();
    if (!id)
        return ErrorResponse::credentialNotFound();
    auto revealed = context.services.credentials().reveal(context.actor, *id);
    if (revealed.error != service::CredentialService::Error::None)
        return CredentialAnswer::failure(revealed.error);

    QJsonObject answer = credentialHeader(revealed.credential);
    QString privateKey = QString::fromUtf8(revealed.privateKey.view());
    QString apiKey = QString::fromUtf8(revealed.apiKey.view());
    answer.insert(QStringLiteral("private_key"), privateKey);
    answer.insert(QStringLiteral("message"), QStringLiteral("Private key retrieved successfully"));
    answer.insert(QStringLiteral("api_key"), apiKey);
    auto response = ApiResponse::json(200, answer);
    crypto::wipe(privateKey);
    crypto::wipe(apiKey);
    response.setHeader("Cache-Control", "no-store");
    return response;
}

ApiResponse PrivateKeyHandler::verify(const RequestContext& context) {
    KeyInput input = readPrivateKey(context, QStringLiteral("credential_verified"),
                                    QStringLiteral("Private key is required for verification"));
    if (input.refusal)
        return *input.refusal;
    const auto result =
        context.services.credentials().verify(context.actor, *context.id(), input.privateKey);
    crypto::wipe(input.privateKey);
    if (result.error != service::CredentialService::Error::None)
        return CredentialAnswer::failure(result.error);

    QJsonObject answer = credentialHeader(result.credential);
    answer.insert(QStringLiteral("is_valid"), result.valid);
    answer.insert(QStringLiteral("message"),
                  result.valid ? QStringLiteral("Credentials verified successfully")
                               : QStringLiteral("Invalid private key"));
    return ApiResponse::json(200, answer);
}

} // namespace paycred::api
