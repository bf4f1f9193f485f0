#pragma once

#include "core/foundation/addressblock.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace paycred::server {

// TrustedProxies: the load balancers (addresses or CIDR blocks) whose X-Forwarded-For the server
// believes, and the client address that follows from a connection's peer and that header —
// the address the login throttle and the audit log see.
class TrustedProxies {
public:
    // "127.0.0.1, 10.0.0.0/8, fd00::/8" (empty: none). Nothing when an entry is not an address
    // or a block; `badEntry` then says which.
    static std::optional<TrustedProxies> parse(const QString& list, QString* badEntry);

    bool isEmpty() const { return m_blocks.isEmpty(); }
    bool contains(const QString& address) const;
    // From a peer that is no trusted proxy: the peer, whatever the header says. From a trusted
    // one: walking `forwardedFor` (every X-Forwarded-For value, comma-joined) from the right,
    // the first address that is not itself a trusted proxy — anything left of it is what the
    // client claimed. An entry that is no address stops the walk at the hop that added it.
    QString clientAddress(const QString& peer, const QByteArray& forwardedFor) const;
    // "127.0.0.1, 10.0.0.0/8", for the log.
    QString toString() const;

private:
    QList<AddressBlock> m_blocks;
};

} // namespace paycred::server
