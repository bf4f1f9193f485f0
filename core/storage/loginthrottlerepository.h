#pragma once

#include "core/storage/records.h"

namespace paycred::storage {

class Database;

// LoginThrottleRepository: failed-login counters kept in the database, so every server
// process behind one database sees the same counts.
class LoginThrottleRepository {
public:
    explicit LoginThrottleRepository(const Database& db)
        : m_db(db) {}

    std::optional<ThrottleRecord> find(const QString& key) const;
    // Atomically (one statement) counts a failure: starts a new window at `nowSecs` when the
    // old one began before `nowSecs - windowSecs`; returns the record after the update.
    std::optional<ThrottleRecord> recordFailure(const QString& key, qint64 nowSecs,
                                                qint64 windowSecs) const;
    bool lockUntil(const QString& key, qint64 lockedUntilSecs) const;
    bool clear(const QString& key) const;
    // Deletes the records that count for nothing any more: no lock after `nowSecs` and a window
    // that began before `nowSecs - windowSecs`. The number deleted, or nothing when it failed.
    std::optional<int> purgeExpired(qint64 nowSecs, qint64 windowSecs) const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
