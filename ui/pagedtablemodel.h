#pragma once

#include "core/client/adminclient.h"
#include "core/client/apierror.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace paycred::ui {

// PagedTableModel: what every table of the Administration window shares — one list of API.md §3,
// loaded a page at a time as the view scrolls (canFetchMore()/fetchMore() follow the page's
// `next`), sorted by the server (sort() asks for the first page in the new `ordering=`; rows are
// never sorted here), filtered by the API's own filters. An answer to a load that was superseded
// (a new order, new filters, a reload) is dropped. Pages only ever append rows, so a view keeps
// its selection while they arrive. The row storage is PagedRows<T>'s.
class PagedTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using Filters = QList<QPair<QString, QString>>; // the API's names → values; empty: unset
    enum Role {
        IdRole = Qt::UserRole + 1, // the row's id on the server
    };

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    // A column the API sorts by: the first page in that order, from the server.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Loads the first page with these filters (when they differ from the current ones).
    void setFilters(const Filters& filters);
    Filters filters() const { return m_filters; }
    // Rows per page from the next load on; 0: the server's default.
    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }
    // Forgets the rows and loads the first page again (with these filters).
    void reload();
    void load(const Filters& filters);
    // Forgets the rows; an answer still on its way is dropped.
    void clear();

    bool isSortable(int column) const;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    QString ordering() const; // "-created_at"
    // The first page of what the table shows: its filters and its order (an export asks the same).
    client::AdminClient::ListQuery query() const;
    QByteArray path() const { return m_path; }

    // How many rows match, as the first page said; nothing before it came (or when it did not say).
    std::optional<qint64> totalCount() const { return m_count; }
    bool isLoading() const { return m_loading; }
    bool hasStarted() const { return m_started; }
    bool hasMore() const { return !m_next.isEmpty(); }

    virtual qint64 idAt(int row) const = 0;
    int rowOf(qint64 id) const; // -1 when it is not loaded

signals:
    void loadingChanged(bool loading);
    // The first page came: how many rows match (when the server said).
    void totalCountChanged(std::optional<qint64> count);
    void loadFailed(const client::ApiError& error);

protected:
    struct Column {
        QString title;
        QString ordering; // the API's name for it; empty: the API cannot sort by it
    };

    PagedTableModel(QByteArray path, QList<Column> columns, int sortColumn, Qt::SortOrder order,
                    QObject* parent);

    // Asks for `target` (the first page, or a `next`); the answer goes to pageArrived() or
    // pageFailed() with `load`.
    virtual void fetch(const QByteArray& target, quint64 load) = 0;
    // Drops every row (inside a model reset).
    virtual void clearRows() = 0;

    bool isCurrent(quint64 load) const { return load == m_load; }
    // A page came for `load`; its rows are appended already.
    void pageArrived(quint64 load, const std::optional<qint64>& count, const QByteArray& next);
    void pageFailed(quint64 load, const client::ApiError& error);
    // A row went (deleted here): the count follows.
    void rowRemoved();

private:
    void start(const QByteArray& target);
    void setLoading(bool loading);

    QByteArray m_path;
    QList<Column> m_columns;
    Filters m_filters;
    int m_sortColumn;
    Qt::SortOrder m_sortOrder;
    int m_pageSize = 0;

    quint64 m_load = 0; // the load whose answers count
    bool m_started = false;
    bool m_firstPending = false; // the first page of this load has not come yet
    bool m_loading = false;
    bool m_failed = false; // the last page failed: scrolling does not retry it, a reload does
    QByteArray m_next;
    std::optional<qint64> m_count;
};

// PagedRows<T>: a PagedTableModel whose rows are T (one §3 list's items), fetched by a call of
// the AdminClient.
template <typename T> class PagedRows : public PagedTableModel {
public:
    using Page = client::AdminClient::ListPage<T>;
    using Fetcher = std::function<void(const QByteArray& target, client::Callback<Page> done)>;

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    const T& at(int row) const { return m_rows.at(row); }
    std::optional<T> value(int row) const {
        if (row < 0 || row >= m_rows.size())
            return std::nullopt;
        return m_rows.at(row);
    }
    // The row as the server answered it after a change.
    void replace(int row, T value) {
        if (row < 0 || row >= m_rows.size())
            return;
        m_rows[row] = std::move(value);
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    }
    void removeAt(int row) {
        if (row < 0 || row >= m_rows.size())
            return;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        rowRemoved();
    }

protected:
    PagedRows(Fetcher fetcher, QByteArray path, QList<Column> columns, int sortColumn,
              Qt::SortOrder order, QObject* parent)
        : PagedTableModel(std::move(path), std::move(columns), sortColumn, order, parent)
        , m_fetcher(std::move(fetcher)) {}

    void fetch(const QByteArray& target, quint64 load) override {
        QPointer<PagedTableModel> self(this);
        m_fetcher(target, [self, this, load](client::Result<Page> result) {
            if (!self || !isCurrent(load))
                return; // superseded: a newer load's rows are the ones shown
            if (!result.ok())
                return pageFailed(load, result.error);
            QList<T>& rows = result.value->results;
            if (!rows.isEmpty()) {
                const int first = static_cast<int>(m_rows.size());
                beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
                m_rows.append(std::move(rows));
                endInsertRows();
            }
            pageArrived(load, result.value->count, result.value->next);
        });
    }
    void clearRows() override { m_rows.clear(); }

private:
    Fetcher m_fetcher;
    QList<T> m_rows;
};

} // namespace paycred::ui
