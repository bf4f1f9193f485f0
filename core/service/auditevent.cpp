#include "core/service/auditevent.h"

#include "core/storage/records.h"

namespace paycred::service {

AuditEvent AuditEvent::from(const storage::AuditRecord& row) {
    return {row.id,      row.at,           row.actorId,  row.actorUsername,
            row.action,  row.credentialId, row.provider, row.environment,
            row.outcome, row.remoteAddr,   row.detail};
}

} // namespace paycred::service
