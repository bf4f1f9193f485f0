#include "core/service/loginthrottle.h"

#include "core/foundation/clock.h"
#include "core/service/logging.h"
#include "core/service/servicesettings.h"
#include "core/storage/loginthrottlerepository.h"

#include <algorithm>

namespace paycred::service {

QString LoginThrottle::userKey(const QString& username) {
    return QStringLiteral("user:") + username.toCaseFolded();
}

QString LoginThrottle::addressKey(const QString& remoteAddr) {
    return QStringLiteral("addr:") + remoteAddr;
}

std::optional<qint64> LoginThrottle::lockedFor(const QString& key, qint64 now) const {
    const auto record = storage::LoginThrottleRepository(m_db).find(key);
    if (!record || record->lockedUntilSecs <= now)
        return std::nullopt;
    return record->lockedUntilSecs - now;
}

std::optional<qint64> LoginThrottle::retryAfter(const QString& username,
                                                const QString& remoteAddr) const {
    const qint64 now = m_clock.nowSecs();
    const auto byUser = lockedFor(userKey(username), now);
    const auto byAddress =
        remoteAddr.isEmpty() ? std::nullopt : lockedFor(addressKey(remoteAddr), now);
    if (!byUser && !byAddress)
        return std::nullopt;
    return std::max(byUser.value_or(0), byAddress.value_or(0));
}

void LoginThrottle::countFailure(const QString& key, int maxFailures, qint64 now) const {
    const storage::LoginThrottleRepository repository(m_db);
    const auto record = repository.recordFailure(key, now, m_settings.throttleWindowSecs);
    if (!record) {
        qCWarning(lcService) << "could not count a failed login";
        return;
    }
    if (record->failures >= maxFailures)
        repository.lockUntil(key, now + m_settings.throttleLockoutSecs);
}

void LoginThrottle::recordFailure(const QString& username, const QString& remoteAddr) const {
    const qint64 now = m_clock.nowSecs();
    countFailure(userKey(username), m_settings.throttleMaxFailures, now);
    if (!remoteAddr.isEmpty())
        countFailure(addressKey(remoteAddr), m_settings.throttleMaxFailuresPerAddress, now);
}

void LoginThrottle::recordSuccess(const QString& username) const {
    storage::LoginThrottleRepository(m_db).clear(userKey(username));
}

std::optional<QDateTime> LoginThrottle::lockedUntil(const QString& username) const {
    const qint64 now = m_clock.nowSecs();
    const auto left = lockedFor(userKey(username), now);
    if (!left)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(now + *left, Qt::UTC);
}

void LoginThrottle::unlock(const QString& username) const {
    storage::LoginThrottleRepository(m_db).clear(userKey(username));
}

} // namespace paycred::service
