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
    // Atomically (one statement) counts an attempt, as a failure until it is known to be none:
    // starts a new window at `nowSecs` when the old one began before `nowSecs - windowSecs`, and
    // counts nothing while the key is locked after `nowSecs`. Returns the record after the update.
    std::optional<ThrottleRecord> countAttempt(const QString& key, qint64 nowSecs,
                                               qint64 windowSecs) const;
    // Takes one counted attempt back (it succeeded, or was refused for another key's sake).
    bool forgive(const QString& key) const;
    // Locks `key` until `lockedUntilSecs`. Its failures become `failuresAfter` (at least 0), so
    // that a lock that ends leaves as many attempts as the caller wants before the next one.
    bool lockUntil(const QString& key, qint64 lockedUntilSecs, int failuresAfter) const;
    bool clear(const QString& key) const;
    // Deletes the records that count for nothing any more: no lock after `nowSecs` and a window
    // that began before `nowSecs - windowSecs`. The number deleted, or nothing when it failed.
    std::optional<int> purgeExpired(qint64 nowSecs, qint64 windowSecs) const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
