#include "core/api/credentialanswer.h"

#include "core/api/errorresponse.h"

namespace paycred::api {

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
