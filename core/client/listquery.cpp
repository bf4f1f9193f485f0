#include "core/client/listquery.h"

#include <QUrl>

namespace paycred::client {

QByteArray ListQuery::target(const QByteArray& path) const {
    QList<QPair<QString, QString>> items = filters;
    if (!ordering.isEmpty())
        items.append({QStringLiteral("ordering"), ordering});
    if (pageSize > 0)
        items.append({QStringLiteral("page_size"), QString::number(pageSize)});
    QByteArray query;
    for (const auto& [name, value] : items) {
        if (value.isEmpty())
            continue;
        query += (query.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(name) + '=' +
                 QUrl::toPercentEncoding(value);
    }
    return query.isEmpty() ? path : path + '?' + query;
}

bool ListQuery::isPath(const QByteArray& target) {
    return target.startsWith('/') && !target.startsWith("//") && !target.contains('\\');
}

bool ListQuery::isPageOf(const QByteArray& target, const QByteArray& path) {
    return isPath(target) && target.startsWith(path);
}

} // namespace paycred::client
