#include "ui/pagedtablemodel.h"

#include "ui/logging.h"

namespace paycred::ui {

PagedTableModel::PagedTableModel(QByteArray path, QList<Column> columns, int sortColumn,
                                 Qt::SortOrder order, QObject* parent)
    : QAbstractTableModel(parent)
    , m_path(std::move(path))
    , m_columns(std::move(columns))
    , m_sortColumn(sortColumn)
    , m_sortOrder(order) {}

int PagedTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant PagedTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return m_columns.at(section).title;
    if (role == Qt::ToolTipRole && !isSortable(section))
        return tr("The server cannot sort by this column.");
    return {};
}

bool PagedTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_started && !m_loading && !m_failed && !m_next.isEmpty();
}

void PagedTableModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        start(m_next);
}

bool PagedTableModel::isSortable(int column) const {
    return column >= 0 && column < m_columns.size() && !m_columns.at(column).ordering.isEmpty();
}

QString PagedTableModel::ordering() const {
    if (!isSortable(m_sortColumn))
        return {};
    const QString& field = m_columns.at(m_sortColumn).ordering;
    return m_sortOrder == Qt::DescendingOrder ? QLatin1Char('-') + field : field;
}

void PagedTableModel::sort(int column, Qt::SortOrder order) {
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload();
}

void PagedTableModel::setFilters(const Filters& filters) {
    if (filters == m_filters && m_started)
        return;
    m_filters = filters;
    reload();
}

client::AdminClient::ListQuery PagedTableModel::query() const {
    client::AdminClient::ListQuery query;
    query.filters = m_filters;
    query.ordering = ordering();
    query.pageSize = m_pageSize;
    return query;
}

void PagedTableModel::reload() {
    clear();
    m_started = true;
    m_firstPending = true;
    start(query().target(m_path));
}

void PagedTableModel::load(const Filters& filters) {
    m_filters = filters;
    reload();
}

void PagedTableModel::clear() {
    ++m_load;
    beginResetModel();
    clearRows();
    m_next.clear();
    m_count.reset();
    m_failed = false;
    m_started = false;
    m_firstPending = false;
    endResetModel();
    setLoading(false);
}

void PagedTableModel::start(const QByteArray& target) {
    m_failed = false;
    setLoading(true);
    fetch(target, ++m_load);
}

void PagedTableModel::pageArrived(quint64 load, const std::optional<qint64>& count,
                                  const QByteArray& next) {
    if (!isCurrent(load))
        return;
    m_next = next;
    setLoading(false);
    if (!m_firstPending)
        return;
    m_firstPending = false;
    m_count = count;
    emit totalCountChanged(m_count);
}

void PagedTableModel::pageFailed(quint64 load, const client::ApiError& error) {
    if (!isCurrent(load))
        return;
    qCInfo(lcUi) << "a page of" << m_path << "failed:" << error.kind << error.status;
    m_failed = true;
    setLoading(false);
    emit loadFailed(error);
}

void PagedTableModel::rowRemoved() {
    if (!m_count || *m_count == 0)
        return;
    m_count = *m_count - 1;
    emit totalCountChanged(m_count);
}

int PagedTableModel::rowOf(qint64 id) const {
    for (int row = 0; row < rowCount(); ++row)
        if (idAt(row) == id)
            return row;
    return -1;
}

void PagedTableModel::setLoading(bool loading) {
    if (loading == m_loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

} // namespace paycred::ui
