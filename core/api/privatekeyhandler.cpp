#include "core/api/privatekeyhandler.h"

#include "core/api/credentialanswer.h"
#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/crypto/secret.h"
#include "core/service/credentialfields.h"
#include "core/service/provider.h"
#include "core/service/services.h"

#include <climits>

namespace paycred::api {

namespace {
using service::CredentialService;

// The trimmed "private_key" of the body; empty when absent, blank or not text. Its length is
// the sealer's to judge (replace) or nobody's (verify: a wrong key of any length is just wrong).
QString privateKeyOf(const RequestBody& body) {
    if (!body.isObject())
        return {};
    auto field = FieldReader::text(body.object(), QStringLiteral("private_key"), INT_MAX);
    if (field.ok())
        return field.value;
    crypto::wipe(field.value);
    return {};
}

// A string of whitespace only: sent, unlike "" or null, but nothing once trimmed.
bool isBlankText(const RequestBody& body) {
    const QJsonValue value =
        body.isObject() ? body.object().value(QLatin1String("private_key")) : QJsonValue();
    return value.isString() && !value.toString().isEmpty() && value.toString().trimmed().isEmpty();
}

QJsonObject credentialHeader(const service::Credential& credential) {
    return {{QStringLiteral("credentials_id"), credential.id},
            {QStringLiteral("provider"), credential.provider},
            {QStringLiteral("provider_display"),
             service::Provider::displayNameOf(credential.provider)}};
}

// The credential a request names and the private key it brings, or the answer to give instead.
// The credential is looked up (once) before the body is read: 404 comes before 400.
struct KeyInput {
    std::optional<ApiResponse> refusal;
    CredentialService::Found found;
    QString privateKey;
    ~KeyInput() { crypto::wipe(privateKey); }
};

// `requiredMessage` answers a missing, null or empty key; `blankMessage` one of whitespace only.
void readPrivateKey(const RequestContext& context, service::AuditAction action,
                    const QString& requiredMessage, const QString& blankMessage,
                    const service::Precondition& precondition, KeyInput& input) {
    const auto id = context.id();
    if (!id) {
        input.refusal = ErrorResponse::credentialNotFound();
        return;
    }
    input.found = context.services.credentials().findOrAuditDenial(context.actor, *id, action);
    if (!input.found.ok()) {
        input.refusal = CredentialAnswer::failure(input.found.error);
        return;
    }
    if (!precondition.allows(input.found.row.version)) {
        input.refusal = CredentialAnswer::failure(CredentialService::Error::Changed);
        return;
    }
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok()) {
        input.refusal = body.error();
        return;
    }
    input.privateKey = privateKeyOf(body);
    if (input.privateKey.isEmpty())
        input.refusal =
            ErrorResponse::error(400, isBlankText(body) ? blankMessage : requiredMessage);
}
} // namespace

ApiResponse PrivateKeyHandler::replace(const RequestContext& context) {
    const service::Precondition precondition = context.precondition();
    KeyInput input;
    // As the seed's server: whitespace is a key that is too short once trimmed.
    readPrivateKey(context, service::AuditAction::PrivateKeyUpdated,
                   QStringLiteral("Private key is required"),
                   service::CredentialFields::keyProblem(service::CredentialFields::Key::Private,
                                                         QStringView()),
                   precondition, input);
    if (input.refusal)
        return *input.refusal;
    const auto outcome = context.services.credentials().replacePrivateKey(
        context.actor, input.found, input.privateKey, precondition);
    if (!outcome.ok())
        return CredentialAnswer::failure(outcome);
    return CredentialAnswer::withMessage(QStringLiteral("Private key updated successfully"),
                                         outcome.credential);
}

ApiResponse PrivateKeyHandler::reveal(const RequestContext& context) {
    const auto id = context.id();
    if (!id)
        return ErrorResponse::credentialNotFound();
    if (context.services.settings().requireRecentPasswordForLiveMins > 0) {
        // The step-up comes after the lookup: 401, then 404, then 403 (API.md's order).
        const auto found = context.services.credentials().findOrAuditDenial(
            context.actor, *id, service::AuditAction::PrivateKeyRevealed);
        if (!found.ok())
            return CredentialAnswer::failure(found.error);
        if (found.row.environment == QLatin1String("live") &&
            !context.services.auth().liveRevealAllowed(context.actor)) {
            context.services.audit().record(
                context.actor,
                service::AuditLog::Entry::about(
                    service::AuditAction::PrivateKeyRevealed, found.credential(),
                    service::AuditLog::Outcome::Denied,
                    QStringLiteral("password not confirmed in this session recently")));
            return ErrorResponse::passwordRequired();
        }
    }
    auto revealed = context.services.credentials().reveal(context.actor, *id);
    if (revealed.error != CredentialService::Error::None)
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
    KeyInput input;
    const QString required = QStringLiteral("Private key is required for verification");
    readPrivateKey(context, service::AuditAction::CredentialVerified, required, required,
                   service::Precondition::none(), input);
    if (input.refusal)
        return *input.refusal;
    const auto result =
        context.services.credentials().verify(context.actor, input.found, input.privateKey);
    if (result.error != CredentialService::Error::None)
        return CredentialAnswer::failure(result.error);

    QJsonObject answer = credentialHeader(result.credential);
    answer.insert(QStringLiteral("is_valid"), result.valid);
    answer.insert(QStringLiteral("message"),
                  result.valid ? QStringLiteral("Credentials verified successfully")
                               : QStringLiteral("Invalid private key"));
    return ApiResponse::json(200, answer);
}

} // namespace paycred::api
