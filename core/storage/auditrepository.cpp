#include "core/storage/auditrepository.h"

#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

namespace paycred::storage {

namespace {
const QString Columns =
    QStringLiteral("id, at, actor_id, actor_username, action, credential_id, provider, outcome, "
                   "remote_addr, detail, environment, key_id, mac");

AuditRecord eventFrom(const QSqlQuery& query) {
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
    event.environment = query.value(10).toString();
    event.keyId = query.value(11).toString();
    event.mac = query.value(12).toString();
    return event;
}

// The NOT NULL DEFAULT '' columns: a null QString would bind NULL, so bind "" instead.
QString textOf(const QString& value) {
    return value.isNull() ? QString(QLatin1String("")) : value;
}

// NULL for an empty key id or mac: what a pending event holds.
QVariant optionalText(const QString& value) {
    return value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value);
}

std::optional<QList<AuditRecord>> eventsOf(QSqlQuery& query, const char* what) {
    if (!detail::exec(query, what))
        return std::nullopt;
    QList<AuditRecord> events;
    while (query.next())
        events.append(eventFrom(query));
    return events;
}

// The list's WHERE and its values to bind.
struct FilterQuery {
    QString where;
    QList<QPair<QString, QVariant>> values;
};

FilterQuery filterQuery(const AuditFilter& filter) {
    FilterQuery out;
    QStringList where{QStringLiteral("1 = 1")};
    const auto require = [&](const char* condition, const char* placeholder, QVariant value) {
        where.append(QLatin1String(condition));
        out.values.append({QLatin1String(placeholder), std::move(value)});
    };
    if (filter.actorId)
        require("actor_id = :actorId", ":actorId", *filter.actorId);
    if (filter.action)
        require("action = :action", ":action", *filter.action);
    if (filter.outcome)
        require("outcome = :outcome", ":outcome", *filter.outcome);
    if (filter.credentialId)
        require("credential_id = :credentialId", ":credentialId", *filter.credentialId);
    if (filter.environment)
        require("environment = :environment", ":environment", *filter.environment);
    if (filter.provider)
        require("provider = :provider", ":provider", *filter.provider);
    if (filter.since)
        require("at >= :since", ":since", detail::msecs(*filter.since));
    if (filter.until)
        require("at < :until", ":until", detail::msecs(*filter.until));
    out.where = where.join(QStringLiteral(" AND "));
    return out;
}

void bindFilter(QSqlQuery& query, const FilterQuery& filter) {
    for (const auto& [name, value] : filter.values)
        query.bindValue(name, value);
}

std::optional<AuditHead> headFrom(QSqlQuery& query, const char* what) {
    if (!detail::exec(query, what) || !query.next())
        return std::nullopt;
    AuditHead head;
    head.lastId = query.value(0).toLongLong();
    head.lastMac = query.value(1).toString();
    head.legacyUntil = query.value(2).toLongLong();
    return head;
}
} // namespace

std::optional<qint64> AuditRepository::insert(const AuditRecord& event) const {
    if (!event.at.isValid()) {
        qCWarning(lcStorage, "Could not append an audit event: its time is not valid.");
        return std::nullopt;
    }
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("INSERT INTO audit_events (at, actor_id, actor_username, action, "
                           "credential_id, provider, outcome, remote_addr, detail, environment, "
                           "key_id, mac) VALUES (:at, :actorId, :actorUsername, :action, "
                           ":credentialId, :provider, :outcome, :remoteAddr, :detail, "
                           ":environment, :keyId, :mac) RETURNING id"),
            "prepare an audit append"))
        return std::nullopt;
    // action and outcome have no default: a missing one is refused by the database.
    query.bindValue(QStringLiteral(":at"), detail::msecs(event.at));
    query.bindValue(QStringLiteral(":actorId"), detail::optionalId(event.actorId));
    query.bindValue(QStringLiteral(":actorUsername"), textOf(event.actorUsername));
    query.bindValue(QStringLiteral(":action"), event.action);
    query.bindValue(QStringLiteral(":credentialId"), detail::optionalId(event.credentialId));
    query.bindValue(QStringLiteral(":provider"), textOf(event.provider));
    query.bindValue(QStringLiteral(":outcome"), event.outcome);
    query.bindValue(QStringLiteral(":remoteAddr"), textOf(event.remoteAddr));
    query.bindValue(QStringLiteral(":detail"), textOf(event.detail));
    query.bindValue(QStringLiteral(":environment"), textOf(event.environment));
    query.bindValue(QStringLiteral(":keyId"), optionalText(event.keyId));
    query.bindValue(QStringLiteral(":mac"), optionalText(event.mac));
    const WriteResult<qint64> inserted = detail::execInsert(query, "append an audit event");
    return inserted.ok() ? std::optional<qint64>(inserted.value) : std::nullopt;
}

bool AuditRepository::seal(qint64 id, const QString& keyId, const QString& mac) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("UPDATE audit_events SET key_id = :keyId, mac = :mac "
                                        "WHERE id = :id AND mac IS NULL"),
                         "prepare an audit seal"))
        return false;
    query.bindValue(QStringLiteral(":keyId"), keyId);
    query.bindValue(QStringLiteral(":mac"), mac);
    query.bindValue(QStringLiteral(":id"), id);
    return detail::execWriteOne(query, "seal an audit event") == WriteStatus::Ok;
}

std::optional<AuditHead> AuditRepository::lockHead() const {
    QSqlQuery lock(m_db.connection());
    if (!detail::prepare(lock,
                         QStringLiteral("UPDATE audit_chain SET last_id = last_id WHERE id = 1"),
                         "prepare the audit head's lock") ||
        detail::execWriteOne(lock, "lock the audit head") != WriteStatus::Ok)
        return std::nullopt;
    return head();
}

std::optional<AuditHead> AuditRepository::head() const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("SELECT last_id, last_mac, legacy_until FROM audit_chain "
                                        "WHERE id = 1"),
                         "prepare the audit head's read"))
        return std::nullopt;
    return headFrom(query, "read the audit head");
}

bool AuditRepository::advanceHead(qint64 lastId, const QString& lastMac) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("UPDATE audit_chain SET last_id = :lastId, last_mac = "
                                        ":lastMac WHERE id = 1"),
                         "prepare the audit head's advance"))
        return false;
    query.bindValue(QStringLiteral(":lastId"), lastId);
    query.bindValue(QStringLiteral(":lastMac"), lastMac);
    return detail::execWriteOne(query, "advance the audit head") == WriteStatus::Ok;
}

std::optional<QList<AuditRecord>>
AuditRepository::pendingAfter(qint64 afterId, std::optional<qint64> upToId) const {
    QSqlQuery query(m_db.connection());
    const QString bound = upToId ? QStringLiteral(" AND id <= :upTo") : QString();
    if (!detail::prepare(query,
                         QStringLiteral("SELECT %1 FROM audit_events WHERE id > :after AND mac "
                                        "IS NULL%2 ORDER BY id")
                             .arg(Columns, bound),
                         "prepare the pending audit events' list"))
        return std::nullopt;
    query.bindValue(QStringLiteral(":after"), afterId);
    if (upToId)
        query.bindValue(QStringLiteral(":upTo"), *upToId);
    return eventsOf(query, "list the pending audit events");
}

std::optional<QList<AuditRecord>> AuditRepository::after(qint64 afterId, int limit) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("SELECT %1 FROM audit_events WHERE id > :after ORDER BY "
                                        "id LIMIT :limit")
                             .arg(Columns),
                         "prepare an audit page"))
        return std::nullopt;
    query.bindValue(QStringLiteral(":after"), afterId);
    query.bindValue(QStringLiteral(":limit"), limit);
    return eventsOf(query, "read an audit page");
}

QList<AuditRecord> AuditRepository::latest(int limit) const {
    if (limit <= 0)
        return {};
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("SELECT %1 FROM audit_events ORDER BY at DESC, id DESC LIMIT :limit")
                .arg(Columns),
            "prepare the audit list"))
        return {};
    query.bindValue(QStringLiteral(":limit"), limit);
    return eventsOf(query, "list the audit events").value_or(QList<AuditRecord>());
}

std::optional<QList<AuditRecord>> AuditRepository::list(const AuditFilter& filter, Order order,
                                                        const Slice& slice) const {
    const FilterQuery where = filterQuery(filter);
    detail::Keyset keyset;
    keyset.column = order == Order::At ? QStringLiteral("at") : QStringLiteral("id");
    keyset.descending = slice.descending;
    keyset.afterValue = slice.afterValue;
    keyset.afterId = slice.afterId;
    keyset.limit = slice.limit;
    const QString condition = keyset.condition();
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral("SELECT %1 FROM audit_events WHERE %2%3 %4")
                .arg(Columns, where.where,
                     condition.isEmpty() ? QString() : QStringLiteral(" AND ") + condition,
                     keyset.orderAndLimit()),
            "prepare a page of audit events"))
        return std::nullopt;
    bindFilter(query, where);
    keyset.bind(query);
    return eventsOf(query, "read a page of audit events");
}

std::optional<qint64> AuditRepository::count(const AuditFilter& filter) const {
    const FilterQuery where = filterQuery(filter);
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query, QStringLiteral("SELECT COUNT(*) FROM audit_events WHERE %1").arg(where.where),
            "prepare the count of audit events"))
        return std::nullopt;
    bindFilter(query, where);
    if (!detail::exec(query, "count audit events") || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

QVariant AuditRepository::orderValue(Order order, const AuditRecord& event) {
    return order == Order::At ? detail::msecs(event.at) : QVariant(event.id);
}

qint64 AuditRepository::count() const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, QStringLiteral("SELECT COUNT(*) FROM audit_events"),
                        "prepare the audit count");
    detail::execRead(query, "count the audit events");
    return query.next() ? query.value(0).toLongLong() : 0;
}

} // namespace paycred::storage
