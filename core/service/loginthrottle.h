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
// nothing any more are deleted as attempts are counted, at most once a minute: guesses
// sprayed over many names cannot grow the table without bound.
class LoginThrottle {
public:
    LoginThrottle(const storage::Database& db, const ServiceSettings& settings, const Clock& clock);

    // One password attempt, counted as a failure before the password is checked: parallel
    // guesses all count, and those past the limit are refused without a hash being run.
    struct Attempt {
        std::optional<qint64> refusedForSecs; // refused: the seconds to wait before the next
        bool lastForUser = false;             // the last allowed: its failure locks the name
        bool lastForAddress = false;          // ... the address
        bool countedAddress = false;
        bool refused() const { return refusedForSecs.has_value(); }
    };
    // Counts an attempt for `username` and `remoteAddr` (none when empty). Throws
    // StorageUnavailable when it cannot be counted: an attempt the throttle cannot see is not
    // made.
    Attempt begin(const QString& username, const QString& remoteAddr) const;
    // The password was wrong (or the user unknown or inactive): locks where this was the last.
    void failed(const Attempt& attempt, const QString& username, const QString& remoteAddr) const;
    // A success forgives the username's failures (not the address's: one good account must not
    // reset a guessing run against others from the same place); this attempt's count at the
    // address is taken back.
    void succeeded(const Attempt& attempt, const QString& username,
                   const QString& remoteAddr) const;

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
    struct Count {
        std::optional<qint64> refusedForSecs;
        bool last = false;
        bool counted = false;
    };
    void purgeExpired(qint64 now) const;
    std::optional<qint64> lockedFor(const QString& key, qint64 now) const;
    Count count(const QString& key, int maxFailures, qint64 now) const;
    void lock(const QString& key, int maxFailures, qint64 now) const;

    const storage::Database& m_db;
    const ServiceSettings& m_settings;
    const Clock& m_clock;
    crypto::Secret m_key;
    mutable std::atomic<qint64> m_nextPurgeSecs{0};
};

} // namespace paycred::service
