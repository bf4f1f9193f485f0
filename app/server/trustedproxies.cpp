#include "app/server/trustedproxies.h"

#include <QStringList>

namespace paycred::server {

namespace {

// One X-Forwarded-For entry as an address: "192.0.2.1", "2001:db8::1", and the forms some
// proxies write with a port ("192.0.2.1:4711", "[2001:db8::1]:4711").
QHostAddress forwardedAddress(QStringView entry) {
    entry = entry.trimmed();
    if (entry.startsWith(u'[')) {
        const qsizetype close = entry.indexOf(u']');
        return close < 0 ? QHostAddress() : AddressBlock::address(entry.mid(1, close - 1));
    }
    if (entry.count(u':') == 1)
        entry = entry.left(entry.indexOf(u':'));
    return AddressBlock::address(entry);
}

} // namespace

std::optional<TrustedProxies> TrustedProxies::parse(const QString& list, QString* badEntry) {
    TrustedProxies proxies;
    const QStringList entries = list.split(u',', Qt::SkipEmptyParts);
    for (const QString& entry : entries) {
        if (entry.trimmed().isEmpty())
            continue;
        const auto block = AddressBlock::parse(entry);
        if (!block) {
            if (badEntry)
                *badEntry = entry.trimmed();
            return std::nullopt;
        }
        proxies.m_blocks.append(*block);
    }
    return proxies;
}

bool TrustedProxies::contains(const QString& address) const {
    const QHostAddress parsed = AddressBlock::address(address);
    if (parsed.isNull())
        return false;
    for (const AddressBlock& block : m_blocks) {
        if (block.contains(parsed))
            return true;
    }
    return false;
}

QString TrustedProxies::clientAddress(const QString& peer, const QByteArray& forwardedFor) const {
    if (forwardedFor.isEmpty() || !contains(peer))
        return peer;
    QString client = peer;
    const QStringList hops = QString::fromLatin1(forwardedFor).split(u',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address = forwardedAddress(*hop);
        if (address.isNull())
            return client;
        client = address.toString();
        if (!contains(client))
            return client;
    }
    return client;
}

QString TrustedProxies::toString() const {
    QStringList parts;
    for (const AddressBlock& block : m_blocks)
        parts << block.toString();
    return parts.join(QStringLiteral(", "));
}

} // namespace paycred::server
