#include "core/service/auditlog.h"

#include "core/foundation/clock.h"
#include "core/service/logging.h"
#include "core/storage/auditrepository.h"

namespace paycred::service {

QString AuditLog::outcomeName(Outcome outcome) {
    switch (outcome) {
    case Outcome::Ok:
        return QStringLiteral("ok");
    case Outcome::Denied:
        return QStringLiteral("denied");
    case Outcome::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

bool AuditLog::record(const Actor& actor, const Entry& entry) const {
    storage::AuditRecord row;
    row.at = m_clock.now();
    if (actor.userId > 0)
        row.actorId = actor.userId;
    row.actorUsername = actor.username;
    row.action = auditActionName(entry.action);
    row.credentialId = entry.credentialId;
    row.provider = entry.provider;
    row.outcome = outcomeName(entry.outcome);
    row.remoteAddr = actor.remoteAddr;
    row.detail = entry.detail;
    if (storage::AuditRepository(m_db).append(row))
        return true;
    qCWarning(lcService).noquote() << "could not write the audit event" << row.action;
    return false;
}

bool AuditLog::recordAnonymous(const QString& remoteAddr, const Entry& entry) const {
    Actor nobody;
    nobody.remoteAddr = remoteAddr;
    return record(nobody, entry);
}

} // namespace paycred::service
