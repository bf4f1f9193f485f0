#include "ui/admintab.h"

#include "ui/pagedtablemodel.h"

#include <QAction>
#include <QIcon>
#include <QKeySequence>

namespace paycred::ui {

AdminTab::AdminTab(QWidget* parent)
    : QWidget(parent) {}

QAction* AdminTab::addTabAction(const QString& objectName, const QString& text,
                                const QString& iconName, const QKeySequence& shortcut) {
    auto* action = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(iconName)), text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    // Only the tab that is shown answers its keys (each tab has its own Delete, say).
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QString plain = QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    if (!shortcut.isEmpty())
        plain = QStringLiteral("%1 (%2)").arg(plain, shortcut.toString(QKeySequence::NativeText));
    action->setToolTip(plain);
    addAction(action);
    return action;
}

QString AdminTab::countText(const PagedTableModel& model, const QString& matching) {
    if (model.isLoading() && !model.totalCount())
        return tr("Loading…");
    const std::optional<qint64> count = model.totalCount();
    return count ? matching.arg(*count) : QString();
}

} // namespace paycred::ui
