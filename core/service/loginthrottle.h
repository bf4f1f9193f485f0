#pragma once

#include "core/crypto/secret.h"

#include <QDateTime>
#include <QString>

#include <atomic>
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
// or from one address (an IPv6 address counts with its whole /64, which one client usually
// holds). The counters live in the database, so every process shares them; a
// username is kept only as an HMAC under the throttle key (ServiceSettings::throttleKey, or one
// derived from the secret key), since what is typed as a username is often a password. Every
// key is short (an HMAC, or an address in its canonical form), and records that count for
// nothing any more are deleted as failures are counted, at most once a minute: guesses
// sprayed over many names cannot grow the table without bound.
class LoginThrottle {
public:
    LoginThrottle(const storage::Database& db, const ServiceSettings& settings, const Clock& clock);

    // Seconds to wait before the next attempt, or empty when an attempt may be made now.
    std::optional<qint64> retryAfter(const QString& username, const QString& remoteAddr) const;
    void recordFailure(const QString& username, const QString& remoteAddr) const;
    // A success forgives the username's failures (not the address's: one good account must not
    // reset a guessing run against others from the same place).
    void recordSuccess(const QString& username) const;

    // Until when `username` is locked out, or nothing when it is not.
    std::optional<QDateTime> lockedUntil(const QString& username) const;
    // Forgets `username`'s failures and lock (an administrator's unlock); false when the
    // database refused.
    bool unlock(const QString& username) const;

    // The counter's key for `username`: "user:" and the HMAC (hex) of its case-folded form.
    QString userKey(const QString& username) const;
    // The counter's key for a client address: "addr:" and the address in its canonical form
    // (an IPv6 one as its /64), or the SHA-256 (hex) of text that is no address.
    static QString addressKey(const QString& remoteAddr);

private:
    void purgeExpired(qint64 now) const;
    std::optional<qint64> lockedFor(const QString& key, qint64 now) const;
    void countFailure(const QString& key, int maxFailures, qint64 now) const;

    const storage::Database& m_db;
    const ServiceSettings& m_settings;
    const Clock& m_clock;
    crypto::Secret m_key;
    mutable std::atomic<qint64> m_nextPurgeSecs{0};
};

} // namespace paycred::service
