#pragma once

#include "core/client/apierror.h"

#include <QWidget>

class QAction;
class QKeySequence;

namespace paycred::ui {

class PagedTableModel;

// AdminTab: one tab of the Administration window. It loads when it is first shown and again on
// Refresh; what it has to say goes to the window's message line (failed(): the error's sentence;
// told(): what an action did).
class AdminTab : public QWidget {
    Q_OBJECT
public:
    // Loads what the tab shows (again).
    virtual void reload() = 0;
    bool hasLoaded() const { return m_loaded; }
    // What it shows may be out of date: it loads again when it is next shown.
    void markStale() { m_loaded = false; }

signals:
    void failed(const client::ApiError& error);
    void told(const QString& message);
    // Something the other tabs show changed here (a credential switched off, a user created).
    void changed();

protected:
    explicit AdminTab(QWidget* parent);
    // An action of this tab, on its key while the tab is shown.
    QAction* addTabAction(const QString& objectName, const QString& text, const QString& iconName,
                          const QKeySequence& shortcut);
    void markLoaded() { m_loaded = true; }
    // The line under a paged table: "Loading…" until its first page came, then `matching`
    // ("Matching events: %L1") with the count the server gave.
    static QString countText(const PagedTableModel& model, const QString& matching);

private:
    bool m_loaded = false;
};

} // namespace paycred::ui
