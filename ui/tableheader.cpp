#include "ui/tableheader.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QTableView>

#include <memory>

namespace paycred::ui {

void TableHeader::fit(QTableView* table) {
    fitTitles(table->horizontalHeader());
    QAbstractItemModel* model = table->model();
    if (!model)
        return;
    if (model->rowCount() > 0)
        return fitCells(table);
    // The rows arrive later (a reply): fit to the first of them, once.
    auto done = std::make_shared<bool>(false);
    const auto firstRows = [table, done] {
        if (*done || table->model()->rowCount() == 0)
            return;
        *done = true;
        fitCells(table);
    };
    QObject::connect(model, &QAbstractItemModel::modelReset, table, firstRows);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, table, firstRows);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, table, firstRows);
}

void TableHeader::fitTitles(QHeaderView* header) {
    if (!header->model())
        return;
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section))
            continue;
        const int needs = header->sectionSizeHint(section);
        if (header->sectionSize(section) < needs)
            header->resizeSection(section, needs);
    }
}

void TableHeader::fitCells(QTableView* table) {
    QHeaderView* header = table->horizontalHeader();
    // Public as QAbstractItemView's (QTableView makes its override protected).
    const auto* view = static_cast<const QAbstractItemView*>(table);
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section) ||
            header->sectionResizeMode(section) != QHeaderView::Interactive)
            continue; // stretched or sized to its contents already
        const int needs = view->sizeHintForColumn(section);
        if (header->sectionSize(section) < needs)
            header->resizeSection(section, needs);
    }
}

} // namespace paycred::ui
