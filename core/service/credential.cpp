#include "core/service/credential.h"

#include "core/storage/records.h"

namespace paycred::service {

Credential Credential::from(const storage::CredentialRecord& row) {
    return {row.id,       row.userId,    row.provider,  row.environment,
            row.isActive, row.createdAt, row.updatedAt, row.version};
}

} // namespace paycred::service
