#include "ui/placeholder.h"

#include <QAction>
#include <QLineEdit>
#include <QStyle>

#include <algorithm>

namespace paycred::ui {

void Placeholder::set(QLineEdit* edit, const QString& text) {
    edit->setPlaceholderText(text);
    const int icon = edit->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, edit) + 6;
    const QList<QAction*> actions = edit->actions(); // its leading and trailing icons
    int icons = int(std::count_if(actions.cbegin(), actions.cend(),
                                  [](const QAction* action) { return !action->icon().isNull(); }));
    if (edit->isClearButtonEnabled())
        ++icons;
    const QMargins margins = edit->textMargins();
    // The frame and the style's inner margin, as QLineEdit's own size hint counts them.
    const int frame =
        2 * edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, edit) + 2 * 2 + 4;
    const int needs = edit->fontMetrics().horizontalAdvance(text) + margins.left() +
                      margins.right() + frame + icons * icon;
    edit->setMinimumWidth(std::max(edit->minimumWidth(), needs));
    if (edit->maximumWidth() < needs)
        edit->setMaximumWidth(needs);
}

} // namespace paycred::ui
