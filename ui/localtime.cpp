#include "ui/localtime.h"

#include <QLocale>

namespace paycred::ui {

QString localTimeText(const QDateTime& utc) {
    if (!utc.isValid())
        return {};
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

} // namespace paycred::ui
