#pragma once

#include "core/api/apiresponse.h"
#include "core/service/credentialservice.h"

namespace paycred::api {

// CredentialAnswer: the answers of the credential endpoints — one credential with its ETag, or a
// failed outcome as API.md says it ("not found", "invalid", "changed", "storage failed") — the
// same way on every endpoint.
class CredentialAnswer {
public:
    // The credential object, with `ETag`.
    static ApiResponse credential(int status, const service::Credential& credential);
    // {"message", "credentials": credential}, with `ETag`.
    static ApiResponse withMessage(const QString& message, const service::Credential& credential);

    // The answer of a toggle-status: {"message": "... have been deactivated" | "... activated",
    // "credentials"}, with `ETag`; or the failure.
    static ApiResponse toggled(const service::CredentialService::Outcome& outcome);
    // The answer of a delete: {"message": "Payment credentials for KopoKopo have been
    // successfully deleted"}; or the failure.
    static ApiResponse deleted(const service::CredentialService::Outcome& outcome);

    static ApiResponse failure(const service::CredentialService::Outcome& outcome);
    static ApiResponse failure(service::CredentialService::Error error);
};

} // namespace paycred::api
