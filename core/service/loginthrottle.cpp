#include "core/service/loginthrottle.h"

#include "core/crypto/digest.h"
#include "core/foundation/addressblock.h"
#include "core/foundation/clock.h"
#include "core/foundation/storageunavailable.h"
#include "core/service/logging.h"
#include "core/service/servicesettings.h"
#include "core/storage/loginthrottlerepository.h"

#include <algorithm>

namespace paycred::service {

namespace {
constexpr int ThrottleKeyBytes = 32;
constexpr qint64 PurgeIntervalSecs = 60;

crypto::Secret throttleKeyOf(const ServiceSettings& settings) {
    if (!settings.throttleKey.isEmpty())
        return settings.throttleKey;
    if (!settings.secretKey.isEmpty()) {
        QByteArray derived = crypto::Digest::hkdfSha256(settings.secretKey.view(),
                                                        QByteArrayView("paycred/login-throttle/v1"),
                                                        ThrottleKeyBytes);
        crypto::Secret key{QByteArrayView(derived)};
        crypto::wipe(derived);
        return key;
    }
    // Counters keyed by this process alone: another process counts apart. Only a core wired
    // without any key gets here.
    qCWarning(lcService, "No throttle or secret key is set: the login throttle uses a key of "
                         "this process only.");
    return crypto::Secret(crypto::Digest::randomBytes(ThrottleKeyBytes));
}
} // namespace

LoginThrottle::LoginThrottle(const storage::Database& db, const ServiceSettings& settings,
                             const Clock& clock)
    : m_db(db)
    , m_settings(settings)
    , m_clock(clock)
    , m_key(throttleKeyOf(settings)) {}

QString LoginThrottle::userKey(const QString& username) const {
    QByteArray folded = username.toCaseFolded().toUtf8();
    const QByteArray mac = crypto::Digest::hmacSha256(m_key.view(), folded);
    crypto::wipe(folded);
    return QStringLiteral("user:") + QString::fromLatin1(mac.toHex());
}

QString LoginThrottle::addressKey(const QString& remoteAddr) {
    if (const auto block = AddressBlock::client(remoteAddr))
        return QStringLiteral("addr:") + block->toString();
    // Not an address (a transport that names its caller otherwise): kept short all the same.
    return QStringLiteral("addr:") +
           QString::fromLatin1(crypto::Digest::sha256Hex(remoteAddr.toUtf8()));
}

std::optional<qint64> LoginThrottle::lockedFor(const QString& key, qint64 now) const {
    const auto record = storage::LoginThrottleRepository(m_db).find(key);
    if (!record || record->lockedUntilSecs <= now)
        return std::nullopt;
    return record->lockedUntilSecs - now;
}

void LoginThrottle::purgeExpired(qint64 now) const {
    qint64 due = m_nextPurgeSecs.load();
    // One thread of this process purges per interval; the others go on at once.
    if (now < due || !m_nextPurgeSecs.compare_exchange_strong(due, now + PurgeIntervalSecs))
        return;
    if (!storage::LoginThrottleRepository(m_db).purgeExpired(now, m_settings.throttleWindowSecs))
        qCWarning(lcService) << "could not delete expired throttle records";
}

LoginThrottle::Count LoginThrottle::count(const QString& key, int maxFailures, qint64 now) const {
    const auto record = storage::LoginThrottleRepository(m_db).countAttempt(
        key, now, m_settings.throttleWindowSecs);
    if (!record)
        throw StorageUnavailable();
    Count result;
    if (record->lockedUntilSecs > now) {
        result.refusedForSecs = record->lockedUntilSecs - now;
        return result;
    }
    result.counted = true;
    // Past the limit while earlier attempts are still being checked: the last of those locks
    // when it fails, and forgives when it succeeds.
    if (record->failures > maxFailures)
        result.refusedForSecs = m_settings.throttleLockoutSecs;
    result.last = record->failures == maxFailures;
    return result;
}

LoginThrottle::Attempt LoginThrottle::begin(const QString& username,
                                            const QString& remoteAddr) const {
    const qint64 now = m_clock.nowSecs();
    purgeExpired(now);
    Attempt attempt;
    const QString user = userKey(username);
    const Count byUser = count(user, m_settings.throttleMaxFailures, now);
    attempt.lastForUser = byUser.last;
    if (byUser.refusedForSecs) {
        attempt.refusedForSecs = byUser.refusedForSecs;
        return attempt;
    }
    if (remoteAddr.isEmpty())
        return attempt;
    const Count byAddress =
        count(addressKey(remoteAddr), m_settings.throttleMaxFailuresPerAddress, now);
    attempt.lastForAddress = byAddress.last;
    attempt.countedAddress = byAddress.counted;
    if (byAddress.refusedForSecs) {
        // Refused for the address's sake: not an attempt at the name.
        storage::LoginThrottleRepository(m_db).forgive(user);
        attempt.refusedForSecs = byAddress.refusedForSecs;
    }
    return attempt;
}

void LoginThrottle::lock(const QString& key, int maxFailures, qint64 now) const {
    // One attempt is left once the lock ends, and its failure locks again (within the window).
    if (!storage::LoginThrottleRepository(m_db).lockUntil(key, now + m_settings.throttleLockoutSecs,
                                                          maxFailures - 1))
        qCWarning(lcService) << "could not lock a throttle key";
}

void LoginThrottle::failed(const Attempt& attempt, const QString& username,
                           const QString& remoteAddr) const {
    const qint64 now = m_clock.nowSecs();
    if (attempt.lastForUser)
        lock(userKey(username), m_settings.throttleMaxFailures, now);
    if (attempt.lastForAddress && !remoteAddr.isEmpty())
        lock(addressKey(remoteAddr), m_settings.throttleMaxFailuresPerAddress, now);
}

void LoginThrottle::succeeded(const Attempt& attempt, const QString& username,
                              const QString& remoteAddr) const {
    const storage::LoginThrottleRepository repository(m_db);
    repository.clear(userKey(username));
    if (attempt.countedAddress && !remoteAddr.isEmpty())
        repository.forgive(addressKey(remoteAddr));
}

std::optional<QDateTime> LoginThrottle::lockedUntil(const QString& username) const {
    const qint64 now = m_clock.nowSecs();
    const auto wait = lockedFor(userKey(username), now);
    if (!wait)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(now + *wait, Qt::UTC);
}

bool LoginThrottle::unlock(const QString& username) const {
    return storage::LoginThrottleRepository(m_db).clear(userKey(username));
}

} // namespace paycred::service
