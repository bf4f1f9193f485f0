#include "core/api/credentialanswer.h"

#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/service/provider.h"

namespace paycred::api {

namespace {
ApiResponse tagged(ApiResponse response, const service::Credential& credential) {
    response.setHeader("ETag", CredentialJson::entityTag(credential));
    return response;
}

QString statusMessage(const service::Credential& credential, const QString& what) {
    return QStringLiteral("Payment credentials for %1 have been %2")
        .arg(service::Provider::displayNameOf(credential.provider), what);
}
} // namespace

ApiResponse CredentialAnswer::credential(int status, const service::Credential& credential) {
    return tagged(ApiResponse::json(status, CredentialJson::toJson(credential)), credential);
}

ApiResponse CredentialAnswer::withMessage(const QString& message,
                                          const service::Credential& credential) {
    return tagged(ApiResponse::json(200, QJsonObject{{QStringLiteral("message"), message},
                                                     {QStringLiteral("credentials"),
                                                      CredentialJson::toJson(credential)}}),
                  credential);
}

ApiResponse CredentialAnswer::toggled(const service::CredentialService::Outcome& outcome) {
    if (!outcome.ok())
        return failure(outcome);
    const QString what =
        outcome.credential.isActive ? QStringLiteral("activated") : QStringLiteral("deactivated");
    return withMessage(statusMessage(outcome.credential, what), outcome.credential);
}

ApiResponse CredentialAnswer::deleted(const service::CredentialService::Outcome& outcome) {
    if (!outcome.ok())
        return failure(outcome);
    return ApiResponse::json(
        200,
        QJsonObject{{QStringLiteral("message"),
                     statusMessage(outcome.credential, QStringLiteral("successfully deleted"))}});
}

ApiResponse CredentialAnswer::failure(const service::CredentialService::Outcome& outcome) {
    if (outcome.error != service::CredentialService::Error::Invalid)
        return failure(outcome.error);
    if (!outcome.message.isEmpty())
        return ErrorResponse::error(400, outcome.message);
    return ErrorResponse::fields(outcome.errors);
}

ApiResponse CredentialAnswer::failure(service::CredentialService::Error error) {
    using Error = service::CredentialService::Error;
    switch (error) {
    case Error::NotFound:
        return ErrorResponse::credentialNotFound();
    case Error::Changed:
        return ErrorResponse::error(412, QStringLiteral("The credentials were changed by someone "
                                                        "else. Reload them and try again."));
    case Error::DecryptFailed:
        return ErrorResponse::error(500,
                                    QStringLiteral("Failed to decrypt private key: Invalid token"));
    case Error::Locked:
        return ErrorResponse::unauthorized(service::AuthService::Failure::InvalidToken);
    case Error::Invalid:
    case Error::StorageFailed:
    case Error::None:
        break;
    }
    return ErrorResponse::storageFailed();
}

} // namespace paycred::api
