#pragma once

#include <QIcon>
#include <QString>

namespace paycred::ui {

// The icon ":/icons/<name>.svg", one QIcon per name for the whole app: Qt's SVG icon engine
// caches its pixmaps per QIcon, so a table that asked for a new QIcon on every paint parsed and
// drew the SVG again for every visible cell (bench/results/admin_scale_profile.txt). GUI thread
// only.
QIcon icon(const QString& name);

} // namespace paycred::ui
