#include "core/foundation/loopbackhost.h"

#include "core/foundation/addressblock.h"

namespace paycred {

bool LoopbackHost::matches(const QString& host) {
    QString bare = host.trimmed();
    if (bare.startsWith(u'[') && bare.endsWith(u']'))
        bare = bare.mid(1, bare.size() - 2);
    if (bare.endsWith(u'.'))
        bare.chop(1); // "localhost." is the same name, fully qualified
    if (bare.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address = AddressBlock::address(bare);
    return !address.isNull() && address.isLoopback();
}

} // namespace paycred
