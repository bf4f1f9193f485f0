#include "core/service/loginthrottle.h"

#include "core/crypto/digest.h"
#include "core/foundation/addressblock.h"
#include "core/foundation/clock.h"
#include "core/service/logging.h"
#include "core/service/servicesettings.h"
#include "core/storage/loginthrottlerepository.h"

#include <algorithm>

namespace paycred::service {

namespace {
constexpr int ThrottleKeyBytes = 32;
constexpr int Ipv6ClientPrefix = 64;
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
    // One IPv6 client usually holds a whole /64: counting its addresses apart would let it
    // guess on and on from fresh ones.
    const QHostAddress address = AddressBlock::address(remoteAddr);
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return QStringLiteral("addr:") + address.toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("addr:") + AddressBlock::around(address, Ipv6ClientPrefix).toString();
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

void LoginThrottle::purgeExpired(qint64 now) const {
    qint64 due = m_nextPurgeSecs.load();
    // One thread of this process purges per interval; the others go on at once.
    if (now < due || !m_nextPurgeSecs.compare_exchange_strong(due, now + PurgeIntervalSecs))
        return;
    if (!storage::LoginThrottleRepository(m_db).purgeExpired(now, m_settings.throttleWindowSecs))
        qCWarning(lcService) << "could not delete expired throttle records";
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
    purgeExpired(now);
    countFailure(userKey(username), m_settings.throttleMaxFailures, now);
    if (!remoteAddr.isEmpty())
        countFailure(addressKey(remoteAddr), m_settings.throttleMaxFailuresPerAddress, now);
}

void LoginThrottle::recordSuccess(const QString& username) const {
    storage::LoginThrottleRepository(m_db).clear(userKey(username));
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
