#include "ui/pagedtableview.h"

#include "ui/pagedtablemodel.h"

#include <QHeaderView>
#include <QTimer>

namespace paycred::ui {

PagedTableView::PagedTableView(const QString& objectName, const QString& accessibleName,
                               QWidget* parent)
    : QTableView(parent) {
    setObjectName(objectName);
    setAccessibleName(accessibleName);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setIconSize(QSize(18, 18));
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setSortIndicatorShown(true);
}

void PagedTableView::setPagedModel(PagedTableModel* model) {
    m_model = model;
    setModel(model);
    // The indicator first, then sorting on: QTableView sorts by it at once, which is the order
    // the model has (nothing is asked).
    horizontalHeader()->setSortIndicator(model->sortColumn(), model->sortOrder());
    setSortingEnabled(true);
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &PagedTableView::keepIndicator);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_selectedId = m_model->idAt(current.row());
                emit currentChanged();
            });
    connect(model, &QAbstractItemModel::rowsInserted, this, &PagedTableView::restoreSelection);
    connect(model, &PagedTableModel::loadingChanged, this, [this](bool loading) {
        // After the layout the page's rows cause, not inside it.
        if (!loading)
            QTimer::singleShot(0, this, &PagedTableView::fillViewport);
    });
    connect(model, &QAbstractItemModel::modelReset, this, &PagedTableView::currentChanged);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &PagedTableView::currentChanged);
    connect(model, &QAbstractItemModel::dataChanged, this, &PagedTableView::currentChanged);
}

void PagedTableView::fillViewport() {
    // QAbstractItemView fetches more when it is scrolled to the end; a page that does not fill
    // the viewport gives nothing to scroll, so the next one is asked for here.
    if (!m_model || !m_model->canFetchMore({}))
        return;
    const int last = m_model->rowCount() - 1;
    if (last < 0 || rowViewportPosition(last) + rowHeight(last) <= viewport()->height())
        m_model->fetchMore({});
}

void PagedTableView::resizeEvent(QResizeEvent* event) {
    QTableView::resizeEvent(event);
    fillViewport();
}

void PagedTableView::keepIndicator(int section, Qt::SortOrder) {
    // A column the API cannot sort by: the indicator goes back to the order the rows are in.
    if (!m_model->isSortable(section))
        horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

std::optional<int> PagedTableView::currentRow() const {
    const QModelIndex current = selectionModel() ? selectionModel()->currentIndex() : QModelIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.row();
}

void PagedTableView::selectId(qint64 id) {
    m_selectedId = id;
    const int row = m_model->rowOf(id);
    if (row >= 0)
        selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                          QItemSelectionModel::ClearAndSelect |
                                              QItemSelectionModel::Rows);
}

void PagedTableView::restoreSelection() {
    if (!m_selectedId || currentRow())
        return;
    const int row = m_model->rowOf(*m_selectedId);
    if (row < 0)
        return;
    selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                  QItemSelectionModel::Rows);
}

} // namespace paycred::ui
