#include "tests/ui/showntext.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTabBar>
#include <QTextDocumentFragment>
#include <QWidget>

namespace paycred::uitest {

namespace {

// The object's name, or its class and its place among its parent's children of that class.
QString step(const QObject* object) {
    if (!object->objectName().isEmpty())
        return object->objectName();
    const QString type = QString::fromLatin1(object->metaObject()->className());
    int index = 0;
    if (const QObject* parent = object->parent()) {
        for (const QObject* sibling : parent->children()) {
            if (sibling == object)
                break;
            if (sibling->objectName().isEmpty() &&
                QString::fromLatin1(sibling->metaObject()->className()) == type)
                ++index;
        }
    }
    return QStringLiteral("%1#%2").arg(type).arg(index);
}

QString pathOf(const QObject* object, const QObject* top) {
    QStringList steps;
    for (const QObject* at = object; at && at != top; at = at->parent())
        steps.prepend(step(at));
    steps.prepend(step(top));
    return steps.join(u'/');
}

QString plain(const QString& text) {
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

void add(QList<ShownText>& texts, const QString& where, const QString& text) {
    const QString shown = plain(text).trimmed();
    if (!shown.isEmpty())
        texts.append({where, shown});
}

void addHeader(QList<ShownText>& texts, const QString& where, const QHeaderView* header) {
    const QAbstractItemModel* model = header->model();
    if (!model)
        return;
    const int count =
        header->orientation() == Qt::Horizontal ? model->columnCount() : model->rowCount();
    for (int section = 0; section < count; ++section) {
        if (header->isSectionHidden(section))
            continue;
        add(texts, QStringLiteral("%1/section%2").arg(where).arg(section),
            model->headerData(section, header->orientation(), Qt::DisplayRole).toString());
    }
}

void addWidget(QList<ShownText>& texts, const QWidget* widget, const QString& where) {
    if (const auto* label = qobject_cast<const QLabel*>(widget)) {
        add(texts, where, label->text());
    } else if (const auto* button = qobject_cast<const QAbstractButton*>(widget)) {
        add(texts, where, button->text());
    } else if (const auto* line = qobject_cast<const QLineEdit*>(widget)) {
        add(texts, where + QStringLiteral("/placeholder"), line->placeholderText());
    } else if (const auto* combo = qobject_cast<const QComboBox*>(widget)) {
        for (int i = 0; i < combo->count(); ++i)
            add(texts, QStringLiteral("%1/item%2").arg(where).arg(i), combo->itemText(i));
    } else if (const auto* tabs = qobject_cast<const QTabBar*>(widget)) {
        for (int i = 0; i < tabs->count(); ++i)
            add(texts, QStringLiteral("%1/tab%2").arg(where).arg(i), tabs->tabText(i));
    } else if (const auto* header = qobject_cast<const QHeaderView*>(widget)) {
        addHeader(texts, where, header);
    }
    if (const auto* group = qobject_cast<const QGroupBox*>(widget))
        add(texts, where + QStringLiteral("/title"), group->title());
}

} // namespace

QList<ShownText> shownTexts(const QWidget* window) {
    QList<ShownText> texts;
    add(texts, step(window) + QStringLiteral("/windowTitle"),
        QString(window->windowTitle()).remove(QStringLiteral("[*]")));
    for (const QWidget* widget : window->findChildren<QWidget*>()) {
        if (qobject_cast<const QMenu*>(widget)) {
            const auto* menu = static_cast<const QMenu*>(widget);
            const QString where = pathOf(menu, window);
            add(texts, where + QStringLiteral("/title"), menu->title());
            for (const QAction* action : menu->actions()) {
                if (action->isSeparator() || !action->isVisible() || action->menu())
                    continue;
                add(texts, where + u'/' + step(action), action->text());
            }
            continue;
        }
        if (widget->isVisibleTo(window))
            addWidget(texts, widget, pathOf(widget, window));
    }
    return texts;
}

} // namespace paycred::uitest
