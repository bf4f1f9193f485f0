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

private:
    const Database& m_db;
};

} // namespace paycred::storage
