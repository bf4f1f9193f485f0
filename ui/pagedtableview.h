#pragma once

#include <QTableView>

#include <optional>

namespace paycred::ui {

class PagedTableModel;

// PagedTableView: the table of an Administration tab over a PagedTableModel — whole rows, one at a
// time; a click on a header the API sorts by asks the server for that order (any other header
// keeps the order there is); the selected row is kept while pages arrive and found again, by its
// id, after a reload.
class PagedTableView : public QTableView {
    Q_OBJECT
public:
    PagedTableView(const QString& objectName, const QString& accessibleName, QWidget* parent);

    void setPagedModel(PagedTableModel* model);
    PagedTableModel* pagedModel() const { return m_model; }
    // The current row, when there is one.
    std::optional<int> currentRow() const;
    // Selects the row with `id` (now, or once it arrives).
    void selectId(qint64 id);

signals:
    // The current row changed, or the row under it did (a page, a change, a reload).
    void currentChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // Asks for the next page while the rows there are do not fill the viewport.
    void fillViewport();
    void keepIndicator(int section, Qt::SortOrder order);
    void restoreSelection();

    PagedTableModel* m_model = nullptr;
    std::optional<qint64> m_selectedId; // kept across a reload, until another row is chosen
};

} // namespace paycred::ui
