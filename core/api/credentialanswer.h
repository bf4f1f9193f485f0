#pragma once

#include "core/api/apiresponse.h"
#include "core/service/credentialservice.h"

namespace paycred::api {

// CredentialAnswer: turns a CredentialService outcome that failed into its API answer, so every
// credential endpoint says "not found", "invalid" and "storage failed" the same way.
class CredentialAnswer {
public:
    static ApiResponse failure(const service::CredentialService::Outcome& outcome);
    static ApiResponse failure(service::CredentialService::Error error);
};

} // namespace paycred::api
