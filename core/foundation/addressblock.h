#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringView>

#include <optional>

namespace paycred {

// AddressBlock: one IP address or a CIDR block of them ("10.0.0.0/8", "fd00::/8", "::1"), IPv4 or
// IPv6 — what trusted proxies are listed as and what the login throttle counts an IPv6 client by.
class AddressBlock {
public:
    // "ADDRESS" (a block of one) or "ADDRESS/PREFIX"; nothing when it is neither. An address
    // with bits set beyond the prefix ("10.0.0.1/8") is refused: it is likely a typo.
    static std::optional<AddressBlock> parse(QStringView text);
    // The block of `prefixLength` bits around `address` (e.g. an IPv6 client's /64).
    static AddressBlock around(const QHostAddress& address, int prefixLength);
    // `text` as an address: IPv4 (dotted quad), IPv6, or IPv4-mapped IPv6 made IPv4
    // ("::ffff:1.2.3.4"); a null address when it is none.
    static QHostAddress address(QStringView text);
    // The block one client is counted by: an IPv4 address alone, an IPv6 one with its whole /64
    // (which one client usually holds: counting its addresses apart would let it go on from
    // fresh ones). Nothing when `text` is no address.
    static std::optional<AddressBlock> client(QStringView text);

    bool contains(const QHostAddress& address) const;
    // "10.0.0.0/8", "2001:db8:1:2::/64"; a block of one address is written as the address.
    QString toString() const;

private:
    AddressBlock(const QHostAddress& network, int prefixLength);

    QHostAddress m_network;
    int m_prefixLength = 0;
};

} // namespace paycred
