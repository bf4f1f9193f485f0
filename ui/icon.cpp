#include "ui/icon.h"

#include <QHash>

namespace paycred::ui {

QIcon icon(const QString& name) {
    static QHash<QString, QIcon> made;
    const auto found = made.constFind(name);
    if (found != made.constEnd())
        return *found;
    return *made.insert(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
}

} // namespace paycred::ui
