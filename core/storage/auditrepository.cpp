#include "core/storage/auditrepository.h"

#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

namespace paycred::storage {

bool AuditRepository::append(const AuditRecord& event) const {
    if (!event.at.isValid()) {
        qCWarning(lcStorage, "Could not append an audit event: its time is not valid.");
        return false;
    }
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("INSERT INTO audit_events (at, actor_id, actor_username, action, "
                           "credential_id, provider, outcome, remote_addr, detail) VALUES (:at, "
                           ":actorId, :actorUsername, :action, :credentialId, :provider, "
                           ":outcome, :remoteAddr, :detail)"),
            "prepare an audit append"))
        return false;
    // The NOT NULL DEFAULT '' columns: a null QString would bind NULL, so bind "" instead.
    // action and outcome have no default: a missing one is refused by the database.
    const auto textOf = [](const QString& value) {
        return value.isNull() ? QString(QLatin1String("")) : value;
    };
    query.bindValue(QStringLiteral(":at"), detail::msecs(event.at));
    query.bindValue(QStringLiteral(":actorId"), detail::optionalId(event.actorId));
    query.bindValue(QStringLiteral(":actorUsername"), textOf(event.actorUsername));
    query.bindValue(QStringLiteral(":action"), event.action);
    query.bindValue(QStringLiteral(":credentialId"), detail::optionalId(event.credentialId));
    query.bindValue(QStringLiteral(":provider"), textOf(event.provider));
    query.bindValue(QStringLiteral(":outcome"), event.outcome);
    query.bindValue(QStringLiteral(":remoteAddr"), textOf(event.remoteAddr));
    query.bindValue(QStringLiteral(":detail"), textOf(event.detail));
    return detail::exec(query, "append an audit event");
}

QList<AuditRecord> AuditRepository::latest(int limit) const {
    QList<AuditRecord> events;
    if (limit <= 0)
        return events;
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("SELECT id, at, actor_id, actor_username, action, "
                                        "credential_id, provider, outcome, remote_addr, detail "
                                        "FROM audit_events ORDER BY at DESC, id DESC LIMIT :limit"),
                         "prepare the audit list"))
        return events;
    query.bindValue(QStringLiteral(":limit"), limit);
    if (!detail::exec(query, "list the audit events"))
        return events;
    while (query.next()) {
        AuditRecord event;
        event.id = query.value(0).toLongLong();
        event.at = detail::fromMsecs(query.value(1));
        event.actorId = detail::optionalIdFrom(query.value(2));
        event.actorUsername = query.value(3).toString();
        event.action = query.value(4).toString();
        event.credentialId = detail::optionalIdFrom(query.value(5));
        event.provider = query.value(6).toString();
        event.outcome = query.value(7).toString();
        event.remoteAddr = query.value(8).toString();
        event.detail = query.value(9).toString();
        events.append(event);
    }
    return events;
}

qint64 AuditRepository::count() const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("SELECT COUNT(*) FROM audit_events"),
                         "prepare the audit count") ||
        !detail::exec(query, "count the audit events") || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

} // namespace paycred::storage
