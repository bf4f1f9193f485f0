#include "core/storage/sqlsupport.h"

#include "core/foundation/storageunavailable.h"
#include "core/storage/logging.h"

namespace paycred::storage::detail {

QString driverText(const QSqlError& error) {
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        text.truncate(newline);
    // libpq starts its messages with the severity.
    if (text.startsWith(QLatin1String("ERROR:")) || text.startsWith(QLatin1String("FATAL:")))
        text.remove(0, 6);
    text = text.trimmed();
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (text.isEmpty())
        text = QStringLiteral("unknown error");
    return text;
}

bool isUniqueViolation(const QSqlError& error) {
    const QString code = error.nativeErrorCode();
    if (code == QLatin1String("2067") || code == QLatin1String("1555") ||
        code == QLatin1String("23505"))
        return true;
    // SQLite without extended result codes: 19 is any constraint; only UNIQUE/PRIMARY KEY count.
    return code == QLatin1String("19") &&
           error.databaseText().startsWith(QLatin1String("UNIQUE constraint failed"));
}

WriteStatus classify(const QSqlError& error) {
    return isUniqueViolation(error) ? WriteStatus::Conflict : WriteStatus::Failed;
}

namespace {
thread_local bool t_connectionSuspect = false;
} // namespace

bool connectionSuspect() {
    return t_connectionSuspect;
}

void clearConnectionSuspect() {
    t_connectionSuspect = false;
}

void logFailure(const char* what, const QSqlError& error) {
    if (!isUniqueViolation(error))
        t_connectionSuspect = true;
    qCWarning(lcStorage).noquote()
        << QStringLiteral("Could not %1: %2 (code %3).")
               .arg(QLatin1String(what), driverText(error),
                    error.nativeErrorCode().isEmpty() ? QStringLiteral("none")
                                                      : error.nativeErrorCode());
}

bool prepare(QSqlQuery& query, const QString& sql, const char* what) {
    query.setForwardOnly(true);
    if (query.prepare(sql))
        return true;
    logFailure(what, query.lastError());
    return false;
}

bool exec(QSqlQuery& query, const char* what) {
    if (query.exec())
        return true;
    logFailure(what, query.lastError());
    return false;
}

void prepareRead(QSqlQuery& query, const QString& sql, const char* what) {
    if (!prepare(query, sql, what))
        throw StorageUnavailable();
}

void execRead(QSqlQuery& query, const char* what) {
    if (!exec(query, what))
        throw StorageUnavailable();
}

namespace {
// Conflict or Failed (logged) for a write that did not execute.
WriteStatus refusedWrite(const QSqlQuery& query, const char* what) {
    const WriteStatus status = classify(query.lastError());
    if (status == WriteStatus::Failed)
        logFailure(what, query.lastError());
    return status;
}
} // namespace

WriteResult<qint64> execInsert(QSqlQuery& query, const char* what) {
    WriteResult<qint64> result;
    if (!query.exec()) {
        result.status = refusedWrite(query, what);
        return result;
    }
    if (!query.next()) {
        logFailure(what, query.lastError());
        return result;
    }
    result.value = query.value(0).toLongLong();
    // Step the statement to its end so that it is complete before anything commits.
    while (query.next()) {
    }
    query.finish();
    result.status = WriteStatus::Ok;
    return result;
}

WriteStatus execWriteOne(QSqlQuery& query, const char* what) {
    if (!query.exec())
        return refusedWrite(query, what);
    if (query.numRowsAffected() == 0)
        return WriteStatus::NoMatch;
    if (query.numRowsAffected() != 1) {
        qCWarning(lcStorage, "Could not %s: more than one row matched.", what);
        return WriteStatus::Failed;
    }
    return WriteStatus::Ok;
}

WriteStatus execReturningOne(QSqlQuery& query, const char* what) {
    if (!query.exec())
        return refusedWrite(query, what);
    if (query.next())
        return WriteStatus::Ok;
    if (query.lastError().isValid()) {
        logFailure(what, query.lastError());
        return WriteStatus::Failed;
    }
    return WriteStatus::NoMatch;
}

Keyset Keyset::of(const QString& column, const QString& idColumn, const Slice& slice) {
    Keyset keyset;
    keyset.column = column;
    keyset.idColumn = idColumn;
    keyset.descending = slice.descending;
    keyset.afterValue = slice.afterValue;
    keyset.afterId = slice.afterId;
    keyset.limit = slice.limit;
    return keyset;
}

QString Keyset::condition() const {
    if (!afterValue)
        return {};
    const QLatin1String beyond(descending ? "<" : ">");
    // A row value, which SQLite (3.15+) and PostgreSQL both seek with an index on (column, id);
    // the equivalent "a > v OR (a = v AND id > i)" makes SQLite scan. The plain bound on the
    // column alone lets SQLite seek an index on an expression too (COALESCE(last_login, 0)),
    // where it does not seek the row value.
    return QStringLiteral("((%1, %3) %2 (:keysetValue, :keysetId) AND %1 %2= :keysetValue)")
        .arg(column, beyond, idColumn);
}

QString Keyset::orderAndLimit() const {
    const QLatin1String direction(descending ? "DESC" : "ASC");
    return QStringLiteral("ORDER BY %1 %2, %3 %2 LIMIT :keysetLimit")
        .arg(column, direction, idColumn);
}

void Keyset::bind(QSqlQuery& query) const {
    if (afterValue) {
        query.bindValue(QStringLiteral(":keysetValue"), *afterValue);
        query.bindValue(QStringLiteral(":keysetId"), afterId);
    }
    query.bindValue(QStringLiteral(":keysetLimit"), limit);
}

void Where::require(const QString& condition, const QString& placeholder, const QVariant& value) {
    conditions.append(condition);
    if (!placeholder.isEmpty())
        values.append({placeholder, value});
}

QString Where::text() const {
    return conditions.isEmpty() ? QStringLiteral("1 = 1")
                                : conditions.join(QStringLiteral(" AND "));
}

void Where::bind(QSqlQuery& query) const {
    for (const auto& [placeholder, value] : values)
        query.bindValue(placeholder, value);
}

QString pageSql(const QString& columns, const QString& from, const Where& where,
                const Keyset& keyset) {
    Where page = where;
    if (const QString after = keyset.condition(); !after.isEmpty())
        page.require(after);
    return QStringLiteral("SELECT %1 %2 WHERE %3 %4")
        .arg(columns, from, page.text(), keyset.orderAndLimit());
}

bool execPage(QSqlQuery& query, const QString& columns, const QString& from, const Where& where,
              const Keyset& keyset, const char* what) {
    if (!prepare(query, pageSql(columns, from, where, keyset), what))
        return false;
    where.bind(query);
    keyset.bind(query);
    return exec(query, what);
}

std::optional<qint64> countWhere(const QSqlDatabase& db, const QString& from, const Where& where,
                                 const char* what) {
    QSqlQuery query(db);
    if (!prepare(query, QStringLiteral("SELECT COUNT(*) %1 WHERE %2").arg(from, where.text()),
                 what))
        return std::nullopt;
    where.bind(query);
    if (!exec(query, what) || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

QString containsPattern(const QString& part) {
    QString escaped = part;
    escaped.replace(u'\\', QLatin1String("\\\\"))
        .replace(u'%', QLatin1String("\\%"))
        .replace(u'_', QLatin1String("\\_"));
    return u'%' + escaped + u'%';
}

QVariant optionalMsecs(const std::optional<QDateTime>& at) {
    if (!at || !at->isValid())
        return QVariant(QMetaType::fromType<qint64>());
    return msecs(*at);
}

QDateTime fromMsecs(const QVariant& value) {
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

std::optional<QDateTime> optionalFromMsecs(const QVariant& value) {
    if (value.isNull())
        return std::nullopt;
    return fromMsecs(value);
}

QVariant optionalId(const std::optional<qint64>& id) {
    if (!id)
        return QVariant(QMetaType::fromType<qint64>());
    return QVariant(*id);
}

std::optional<qint64> optionalIdFrom(const QVariant& value) {
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

} // namespace paycred::storage::detail
