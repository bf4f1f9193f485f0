#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred {
class Clock;
}

namespace paycred::service {

struct ServiceSettings;

// LoginThrottle: refuses password attempts for a while after repeated failures for one username
// or from one address. The counters live in the database, so every process shares them.
class LoginThrottle {
public:
    LoginThrottle(const storage::Database& db, const ServiceSettings& settings, const Clock& clock)
        : m_db(db)
        , m_settings(settings)
        , m_clock(clock) {}

    // Seconds to wait before the next attempt, or empty when an attempt may be made now.
    std::optional<qint64> retryAfter(const QString& username, const QString& remoteAddr) const;
    void recordFailure(const QString& username, const QString& remoteAddr) const;
    // A success forgives the username's failures (not the address's: one good account must not
    // reset a guessing run against others from the same place).
    void recordSuccess(const QString& username) const;

    // When the username's lock ends, or nothing when it is not locked now.
    std::optional<QDateTime> lockedUntil(const QString& username) const;
    // Clears the username's failures and lock (a superuser's unlock).
    void unlock(const QString& username) const;

private:
    static QString userKey(const QString& username);
    static QString addressKey(const QString& remoteAddr);
    std::optional<qint64> lockedFor(const QString& key, qint64 now) const;
    void countFailure(const QString& key, int maxFailures, qint64 now) const;

    const storage::Database& m_db;
    const ServiceSettings& m_settings;
    const Clock& m_clock;
};

} // namespace paycred::service
