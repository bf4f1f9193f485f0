#include "app/screenshots/clipping.h"

#include "ui/keyview.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStyle>
#include <QStyleOptionHeader>
#include <QTabBar>
#include <QTableView>
#include <QToolButton>

namespace {

QString nameOf(const QWidget* widget) {
    QString name = widget->objectName();
    if (name.isEmpty())
        name = QString::fromLatin1(widget->metaObject()->className());
    const QWidget* parent = widget->parentWidget();
    while (parent && parent->objectName().isEmpty())
        parent = parent->parentWidget();
    return parent ? parent->objectName() + u'/' + name : name;
}

QString said(const QString& text) {
    QString plain = text.simplified();
    if (plain.size() > 60)
        plain = plain.left(57) + QStringLiteral("...");
    return plain;
}

QString clipped(const QWidget* widget, const QString& text, QSize needs, QSize has) {
    return QStringLiteral("%1 \"%2\" needs %3x%4, has %5x%6")
        .arg(nameOf(widget), said(text))
        .arg(needs.width())
        .arg(needs.height())
        .arg(has.width())
        .arg(has.height());
}

void checkLabel(const QLabel* label, QStringList& found) {
    if (label->text().isEmpty())
        return;
    if (label->wordWrap()) {
        const int needs = label->heightForWidth(label->width());
        if (needs > label->height())
            found << clipped(label, label->text(), {label->width(), needs}, label->size());
        return;
    }
    const QSize needs = label->minimumSizeHint();
    if (needs.width() > label->width() || needs.height() > label->height())
        found << clipped(label, label->text(), needs, label->size());
}

void checkButton(const QAbstractButton* button, QStringList& found) {
    if (button->text().isEmpty())
        return;
    if (const auto* tool = qobject_cast<const QToolButton*>(button);
        tool && tool->toolButtonStyle() == Qt::ToolButtonIconOnly)
        return;
    const QSize needs = button->minimumSizeHint().expandedTo(
        QSize(button->sizeHint().width(), 0)); // a button's text needs its whole hint
    if (needs.width() > button->width() || needs.height() > button->height())
        found << clipped(button, button->text(), needs, button->size());
}

// An empty field's hint (its placeholder) is what tells the user what goes in: it must show whole.
void checkPlaceholder(const QLineEdit* edit, QStringList& found) {
    if (!edit->text().isEmpty() || edit->placeholderText().isEmpty())
        return;
    const QMargins margins = edit->textMargins();
    // A line edit's frame and the style's inner margin (2 px each side in Qt's styles).
    const int needs = edit->fontMetrics().horizontalAdvance(edit->placeholderText()) +
                      margins.left() + margins.right() + 2 * (edit->hasFrame() ? 2 : 0) + 4;
    if (needs > edit->width())
        found << clipped(edit, edit->placeholderText(), {needs, edit->height()}, edit->size());
}

void checkGroup(const QGroupBox* group, QStringList& found) {
    if (group->title().isEmpty())
        return;
    const int needs = group->fontMetrics().horizontalAdvance(group->title()) +
                      2 * group->style()->pixelMetric(QStyle::PM_LayoutLeftMargin);
    if (needs > group->width())
        found << clipped(group, group->title(), {needs, group->height()}, group->size());
}

void checkTabs(const QTabBar* tabs, QStringList& found) {
    // What QTabBar::tabSizeHint() asks for a tab's text (that one is protected): the text, its
    // icon, the style's padding.
    const int padding = tabs->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, tabs);
    for (int i = 0; i < tabs->count(); ++i) {
        const QRect has = tabs->tabRect(i);
        int needs =
            tabs->fontMetrics().horizontalAdvance(QString(tabs->tabText(i)).remove(u'&')) + padding;
        if (!tabs->tabIcon(i).isNull())
            needs += tabs->iconSize().width() + 4;
        if (has.width() < needs)
            found << clipped(tabs, tabs->tabText(i), {needs, has.height()}, has.size());
    }
}

void checkHeader(const QHeaderView* header, QStringList& found) {
    const QAbstractItemModel* model = header->model();
    if (!model || header->orientation() != Qt::Horizontal)
        return;
    for (int section = 0; section < model->columnCount(); ++section) {
        if (header->isSectionHidden(section))
            continue;
        const QString text = model->headerData(section, Qt::Horizontal).toString();
        QStyleOptionHeader option;
        option.initFrom(header);
        option.text = text;
        option.section = section;
        option.sortIndicator = header->isSortIndicatorShown() ? QStyleOptionHeader::SortDown
                                                              : QStyleOptionHeader::None;
        const QSize needs =
            header->style()->sizeFromContents(QStyle::CT_HeaderSection, &option, QSize(), header);
        const int has = header->sectionSize(section);
        if (needs.width() > has)
            found << clipped(header, text, needs, {has, header->height()});
    }
}

// A table's cells: each column at least as wide as the widest of its rows on screen needs.
void checkCells(const QTableView* table, QStringList& found) {
    const QHeaderView* header = table->horizontalHeader();
    const QAbstractItemModel* model = table->model();
    if (!model || model->rowCount() == 0)
        return;
    for (int column = 0; column < model->columnCount(); ++column) {
        if (header->isSectionHidden(column))
            continue;
        // Public as QAbstractItemView's (QTableView makes its override protected).
        const int needs = static_cast<const QAbstractItemView*>(table)->sizeHintForColumn(column);
        const int has = header->sectionSize(column);
        if (needs > has)
            found << QStringLiteral("%1 column %2 (\"%3\") needs %4 px for its cells, has %5")
                         .arg(nameOf(table))
                         .arg(column)
                         .arg(model->headerData(column, Qt::Horizontal).toString())
                         .arg(needs)
                         .arg(has);
    }
}

// A key must be shown whole: its view never scrolls (255 characters fit, wrapped).
void checkKey(const paycred::ui::KeyView* view, QStringList& found) {
    if (view->verticalScrollBar()->maximum() > 0)
        found << QStringLiteral("%1 scrolls at %2x%3: the key is not shown whole")
                     .arg(nameOf(view))
                     .arg(view->width())
                     .arg(view->height());
}

} // namespace

QStringList clippedTexts(const QWidget* window) {
    QStringList found;
    for (const QWidget* widget : window->findChildren<QWidget*>()) {
        if (!widget->isVisibleTo(window))
            continue;
        if (const auto* label = qobject_cast<const QLabel*>(widget))
            checkLabel(label, found);
        else if (const auto* button = qobject_cast<const QAbstractButton*>(widget))
            checkButton(button, found);
        else if (const auto* tabs = qobject_cast<const QTabBar*>(widget))
            checkTabs(tabs, found);
        else if (const auto* header = qobject_cast<const QHeaderView*>(widget))
            checkHeader(header, found);
        else if (const auto* key = qobject_cast<const paycred::ui::KeyView*>(widget))
            checkKey(key, found);
        else if (const auto* table = qobject_cast<const QTableView*>(widget))
            checkCells(table, found);
        else if (const auto* edit = qobject_cast<const QLineEdit*>(widget))
            checkPlaceholder(edit, found);
        if (const auto* group = qobject_cast<const QGroupBox*>(widget))
            checkGroup(group, found);
    }
    return found;
}
