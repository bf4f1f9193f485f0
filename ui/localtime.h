#pragma once

// How the app shows a time: the API's times are UTC (API.md), a person reads their own local
// time, written the way their locale writes it.

#include <QDateTime>
#include <QString>

namespace paycred::ui {

// `utc` in local time, the locale's short date and time; empty when it is not a time.
QString localTimeText(const QDateTime& utc);

} // namespace paycred::ui
