#include "core/service/credentialcheck.h"

#include "core/storage/records.h"

namespace paycred::service {

CredentialCheck CredentialCheck::from(const storage::CredentialCheckRecord& row,
                                      const QString& provider) {
    return {row.credentialId, provider,
            row.environment,  ProviderChecker::resultNamed(row.result),
            row.message,      row.checkedAt};
}

} // namespace paycred::service
