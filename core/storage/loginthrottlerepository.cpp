#include "core/storage/loginthrottlerepository.h"

#include "core/storage/database.h"
#include "core/storage/logging.h"
#include "core/storage/sqlsupport.h"

#include <algorithm>

namespace paycred::storage {

// The record speaks seconds; the columns hold milliseconds, like every time in the schema.
namespace {

constexpr qint64 kMsPerSec = 1000;

std::optional<ThrottleRecord> findOn(const Database& db, const QString& key) {
    QSqlQuery query(db.connection());
    detail::prepareRead(query,
                        QStringLiteral("SELECT key, failures, window_start, locked_until "
                                       "FROM login_throttle WHERE key = :key"),
                        "prepare a throttle lookup");
    query.bindValue(QStringLiteral(":key"), key);
    detail::execRead(query, "look up a throttle record");
    if (!query.next())
        return std::nullopt;
    ThrottleRecord record;
    record.key = query.value(0).toString();
    record.failures = query.value(1).toInt();
    record.windowStartSecs = query.value(2).toLongLong() / kMsPerSec;
    record.lockedUntilSecs = query.value(3).toLongLong() / kMsPerSec;
    return record;
}

} // namespace

std::optional<ThrottleRecord> LoginThrottleRepository::find(const QString& key) const {
    return findOn(m_db, key);
}

std::optional<ThrottleRecord>
LoginThrottleRepository::countAttempt(const QString& key, qint64 nowSecs, qint64 windowSecs) const {
    std::optional<ThrottleRecord> after;
    const bool committed = m_db.transaction([&] {
        QSqlQuery query(m_db.connection());
        // One statement, so concurrent attempts (other threads, other processes) all count, and
        // the first statement of the transaction, so SQLite takes its write lock before the
        // read that follows: what is read back is this attempt's own count.
        if (!detail::prepare(
                query,
                QStringLiteral(
                    "INSERT INTO login_throttle (key, failures, window_start, locked_until) "
                    "VALUES (:key, 1, :now, 0) "
                    "ON CONFLICT (key) DO UPDATE SET "
                    "failures = CASE WHEN login_throttle.locked_until > :now1 "
                    "THEN login_throttle.failures "
                    "WHEN login_throttle.window_start < :cutoff1 THEN 1 "
                    "ELSE login_throttle.failures + 1 END, "
                    "window_start = CASE WHEN login_throttle.locked_until > :now2 "
                    "THEN login_throttle.window_start "
                    "WHEN login_throttle.window_start < :cutoff2 THEN excluded.window_start "
                    "ELSE login_throttle.window_start END"),
                "prepare a login attempt count"))
            return false;
        const qint64 nowMs = nowSecs * kMsPerSec;
        const qint64 cutoffMs = (nowSecs - windowSecs) * kMsPerSec;
        query.bindValue(QStringLiteral(":key"), key);
        query.bindValue(QStringLiteral(":now"), nowMs);
        query.bindValue(QStringLiteral(":now1"), nowMs);
        query.bindValue(QStringLiteral(":now2"), nowMs);
        query.bindValue(QStringLiteral(":cutoff1"), cutoffMs);
        query.bindValue(QStringLiteral(":cutoff2"), cutoffMs);
        if (!detail::exec(query, "count a login attempt"))
            return false;
        after = findOn(m_db, key);
        return after.has_value();
    });
    if (!committed)
        return std::nullopt;
    return after;
}

bool LoginThrottleRepository::forgive(const QString& key) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("UPDATE login_throttle SET failures = failures - 1 "
                                        "WHERE key = :key AND failures > 0"),
                         "prepare a throttle forgiveness"))
        return false;
    query.bindValue(QStringLiteral(":key"), key);
    return detail::exec(query, "take back a login attempt");
}

bool LoginThrottleRepository::lockUntil(const QString& key, qint64 lockedUntilSecs,
                                        int failuresAfter) const {
    // A key without failures yet gets a row with an expired window, so its next failure
    // starts a new one.
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("INSERT INTO login_throttle (key, failures, window_start, "
                                        "locked_until) VALUES (:key, 0, 0, :until) "
                                        "ON CONFLICT (key) DO UPDATE SET "
                                        "locked_until = excluded.locked_until, "
                                        "failures = :failures"),
                         "prepare a throttle lock"))
        return false;
    query.bindValue(QStringLiteral(":key"), key);
    query.bindValue(QStringLiteral(":until"), lockedUntilSecs * kMsPerSec);
    query.bindValue(QStringLiteral(":failures"), std::max(failuresAfter, 0));
    return detail::exec(query, "lock a throttle key");
}

bool LoginThrottleRepository::clear(const QString& key) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("DELETE FROM login_throttle WHERE key = :key"),
                         "prepare a throttle clear"))
        return false;
    query.bindValue(QStringLiteral(":key"), key);
    return detail::exec(query, "clear a throttle key");
}

std::optional<int> LoginThrottleRepository::purgeExpired(qint64 nowSecs, qint64 windowSecs) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("DELETE FROM login_throttle WHERE locked_until <= :now "
                                        "AND window_start < :cutoff"),
                         "prepare a throttle purge"))
        return std::nullopt;
    query.bindValue(QStringLiteral(":now"), nowSecs * kMsPerSec);
    query.bindValue(QStringLiteral(":cutoff"), (nowSecs - windowSecs) * kMsPerSec);
    if (!detail::exec(query, "purge expired throttle records"))
        return std::nullopt;
    return query.numRowsAffected();
}

} // namespace paycred::storage
