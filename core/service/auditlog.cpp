#include "core/service/auditlog.h"

#include "core/foundation/clock.h"
#include "core/service/auditchain.h"
#include "core/service/credential.h"
#include "core/service/logging.h"
#include "core/storage/records.h"

namespace paycred::service {

namespace {
// Text as the database gives it back, so that the mac made now is the one verify() makes from
// the stored row: valid UTF-16 (a cut surrogate pair becomes U+FFFD) and no NUL, which
// PostgreSQL refuses.
QString storable(const QString& text) {
    QString clean = QString::fromUtf8(text.toUtf8());
    clean.remove(QChar(u'\0'));
    return clean;
}
} // namespace

AuditLog::Entry AuditLog::Entry::about(AuditAction action, const Credential& credential,
                                       Outcome outcome, QString detail) {
    return {action,
            outcome,
            credential.id,
            credential.provider,
            std::move(detail),
            credential.environment};
}

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

const QStringList& AuditLog::outcomeNames() {
    static const QStringList names{outcomeName(Outcome::Ok), outcomeName(Outcome::Denied),
                                   outcomeName(Outcome::Failed)};
    return names;
}

Actor AuditLog::system() {
    Actor actor;
    actor.username = QStringLiteral("system");
    return actor;
}

bool AuditLog::record(const Actor& actor, const Entry& entry) const {
    storage::AuditRecord row;
    row.at = m_clock.now();
    if (actor.userId > 0)
        row.actorId = actor.userId;
    row.actorUsername = storable(actor.username);
    row.action = auditActionName(entry.action);
    row.credentialId = entry.credentialId;
    row.provider = storable(entry.provider);
    row.environment = storable(entry.environment);
    row.outcome = outcomeName(entry.outcome);
    row.remoteAddr = storable(actor.remoteAddr);
    row.detail = storable(entry.detail);
    if (m_chain.append(row))
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
