#include "core/foundation/addressblock.h"

#include <algorithm>

namespace paycred {

namespace {

int fullLength(const QHostAddress& address) {
    return address.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32;
}

// `address` with every bit after the first `prefixLength` cleared.
QHostAddress masked(const QHostAddress& address, int prefixLength) {
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 mask = prefixLength == 0 ? 0u : ~0u << (32 - prefixLength);
        return QHostAddress(address.toIPv4Address() & mask);
    }
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 16; ++i) {
        const int bitsKept = std::clamp(prefixLength - 8 * i, 0, 8);
        bytes[i] = static_cast<quint8>(bytes[i] & (0xff00 >> bitsKept));
    }
    return QHostAddress(bytes);
}

} // namespace

AddressBlock::AddressBlock(const QHostAddress& network, int prefixLength)
    : m_network(network)
    , m_prefixLength(prefixLength) {}

QHostAddress AddressBlock::address(QStringView text) {
    // Only the dotted quad for IPv4: the short forms inet_aton takes ("10.1" for 10.0.0.1) read
    // as a typo would.
    const bool dottedQuad = text.contains(u':') || text.count(u'.') == 3;
    QHostAddress parsed;
    if (text.isEmpty() || text.contains(u'%') || !dottedQuad || !parsed.setAddress(text.toString()))
        return {};
    bool mapped = false;
    const quint32 v4 = parsed.toIPv4Address(&mapped);
    if (mapped && parsed.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    return parsed;
}

std::optional<AddressBlock> AddressBlock::parse(QStringView text) {
    text = text.trimmed();
    const qsizetype slash = text.indexOf(u'/');
    const QHostAddress network = address(slash < 0 ? text : text.left(slash));
    if (network.isNull())
        return std::nullopt;
    if (slash < 0)
        return AddressBlock(network, fullLength(network));
    const QStringView digits = text.mid(slash + 1);
    bool ok = !digits.isEmpty() && digits.size() <= 3;
    for (const QChar c : digits)
        ok = ok && c.isDigit();
    const int length = ok ? digits.toInt(&ok) : -1;
    if (!ok || length < 0 || length > fullLength(network) || masked(network, length) != network)
        return std::nullopt;
    return AddressBlock(network, length);
}

AddressBlock AddressBlock::around(const QHostAddress& address, int prefixLength) {
    const int length = std::clamp(prefixLength, 0, fullLength(address));
    return AddressBlock(masked(address, length), length);
}

std::optional<AddressBlock> AddressBlock::client(QStringView text) {
    constexpr int Ipv6ClientPrefix = 64;
    const QHostAddress parsed = address(text);
    if (parsed.protocol() == QAbstractSocket::IPv4Protocol)
        return around(parsed, fullLength(parsed));
    if (parsed.protocol() == QAbstractSocket::IPv6Protocol)
        return around(parsed, Ipv6ClientPrefix);
    return std::nullopt;
}

bool AddressBlock::contains(const QHostAddress& address) const {
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    const QHostAddress plain =
        mapped && address.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(v4) : address;
    return plain.protocol() == m_network.protocol() && masked(plain, m_prefixLength) == m_network;
}

QString AddressBlock::toString() const {
    if (m_prefixLength == fullLength(m_network))
        return m_network.toString();
    return QStringLiteral("%1/%2").arg(m_network.toString()).arg(m_prefixLength);
}

} // namespace paycred
