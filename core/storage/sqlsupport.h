#pragma once

#include "core/storage/records.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

// Helpers shared by the repositories (private to core/storage).
namespace paycred::storage::detail {

// The driver's reason, first line only: PostgreSQL appends a DETAIL line that can quote the
// values of the failing row, which must never reach a log.
QString driverText(const QSqlError& error);

// True for a UNIQUE / PRIMARY KEY violation (SQLite 2067, 1555, or 19 with a UNIQUE message;
// PostgreSQL SQLSTATE 23505).
bool isUniqueViolation(const QSqlError& error);

// Conflict for a unique violation, Failed otherwise.
WriteStatus classify(const QSqlError& error);

// Logs that `what` failed, with the native code and the first line of the driver's text only.
void logFailure(const char* what, const QSqlError& error);

// Prepares `sql` on `db` (forward only); logs and returns false when that fails.
bool prepare(QSqlQuery& query, const QString& sql, const char* what);
// Executes a prepared query; logs and returns false when that fails.
bool exec(QSqlQuery& query, const char* what);

// The same for a read whose caller cannot tell a failure from "no rows" (a lookup, a whole
// list, a count): logged, then StorageUnavailable is thrown.
void prepareRead(QSqlQuery& query, const QString& sql, const char* what);
void execRead(QSqlQuery& query, const char* what);

// True once a statement on this thread failed for a reason other than a constraint (the
// connection may be dead: PostgreSQL stopped, the network broke), until cleared. The Database
// checks such a connection before handing it out again.
bool connectionSuspect();
void clearConnectionSuspect();

// Executes a prepared `INSERT ... RETURNING id`: Ok with the new id, Conflict on a unique
// violation, Failed (logged) otherwise.
WriteResult<qint64> execInsert(QSqlQuery& query, const char* what);
// Executes a prepared UPDATE or DELETE of one row: Ok when exactly one row changed, NoMatch when
// none matched its WHERE, Conflict on a unique violation, Failed (logged) otherwise.
WriteStatus execWriteOne(QSqlQuery& query, const char* what);
// Executes a prepared write with a RETURNING clause and steps to its one row: Ok with the query
// on that row, NoMatch when no row matched, Conflict or Failed (logged) as above.
WriteStatus execReturningOne(QSqlQuery& query, const char* what);

// A page of rows in a stable order: by `column` (an SQL expression the repository writes, never
// text from a request), ties by `idColumn`, starting after (afterValue, afterId) when set.
struct Keyset {
    // The keyset of `slice`, ordered by `column` with ties by `idColumn`.
    static Keyset of(const QString& column, const QString& idColumn, const Slice& slice);

    QString column;
    QString idColumn = QStringLiteral("id");
    bool descending = false;
    std::optional<QVariant> afterValue;
    qint64 afterId = 0;
    int limit = 50;

    // "((col, id) > (:keysetValue, :keysetId) AND col >= :keysetValue)", or empty without a
    // start.
    QString condition() const;
    // "ORDER BY col ASC, id ASC LIMIT :keysetLimit"
    QString orderAndLimit() const;
    void bind(QSqlQuery& query) const;
};

// Where: the conditions a list's rows must all meet, and the values they bind.
struct Where {
    QStringList conditions;
    QList<QPair<QString, QVariant>> values;

    // `condition` binds `placeholder` to `value` (none when `placeholder` is empty).
    void require(const QString& condition, const QString& placeholder = {},
                 const QVariant& value = {});
    // "a AND b"; "1 = 1" without conditions.
    QString text() const;
    void bind(QSqlQuery& query) const;
};

// "SELECT <columns> <from> WHERE <where> [AND <keyset's condition>] ORDER BY ... LIMIT ...": one
// page of a list; bind `where` and `keyset` to the query prepared from it.
QString pageSql(const QString& columns, const QString& from, const Where& where,
                const Keyset& keyset);

// Prepares pageSql(...) on `query`, binds `where` and `keyset` and runs it; false (logged as
// "Could not <what>") when that fails.
bool execPage(QSqlQuery& query, const QString& columns, const QString& from, const Where& where,
              const Keyset& keyset, const char* what);
// SELECT COUNT(*) <from> WHERE <where> on `db`; empty (logged) when it fails.
std::optional<qint64> countWhere(const QSqlDatabase& db, const QString& from, const Where& where,
                                 const char* what);

// A LIKE pattern that finds `part` anywhere, its own % and _ taken literally (ESCAPE '\').
QString containsPattern(const QString& part);

// Times are stored as milliseconds since the epoch, UTC.
inline QVariant msecs(const QDateTime& at) {
    return QVariant(at.toMSecsSinceEpoch());
}
QVariant optionalMsecs(const std::optional<QDateTime>& at);
QDateTime fromMsecs(const QVariant& value);
std::optional<QDateTime> optionalFromMsecs(const QVariant& value);

QVariant optionalId(const std::optional<qint64>& id);
std::optional<qint64> optionalIdFrom(const QVariant& value);

// Booleans are INTEGER 0/1 in every dialect.
inline QVariant flag(bool value) {
    return QVariant(value ? 1 : 0);
}
inline bool flagFrom(const QVariant& value) {
    return value.toLongLong() != 0;
}

// Fernet tokens and hex digests are ASCII; they are stored as TEXT, never as blobs.
inline QVariant text(const QByteArray& bytes) {
    return QVariant(QString::fromLatin1(bytes));
}
inline QByteArray bytesFrom(const QVariant& value) {
    return value.toString().toLatin1();
}

} // namespace paycred::storage::detail
