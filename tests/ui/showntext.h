#pragma once

#include <QList>
#include <QString>

class QWidget;

namespace paycred::uitest {

// ShownText: one piece of text a window shows its user — its title, a label, a button, a group
// box's or tab's title, a table header, a menu or its actions, a field's placeholder, a combo
// box's items — and where: a path of object names (class and index where there is no name) that
// is the same in every language, so two renderings of one window can be compared piece by piece.
struct ShownText {
    QString where;
    QString text;
};

// Every text `window` shows (or, for menus, would show on opening them), in a stable order.
QList<ShownText> shownTexts(const QWidget* window);

} // namespace paycred::uitest
