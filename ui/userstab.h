#pragma once

#include "core/client/adminuser.h"
#include "core/client/usersclient.h"
#include "ui/admintab.h"
#include "ui/pagedtablemodel.h"

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace paycred::client {
class Session;
}

namespace paycred::ui {

struct AppContext;
class ClipboardGuard;
class PagedTableView;
class UsersModel;

// UsersTab: every user (never a password), searched by username (as one types, after a pause),
// filtered by active and superuser, sorted by the server; a user created or given a new password
// (typed, or generated and shown once with a copy button), activated or deactivated, promoted or
// demoted, unlocked after the login throttle locked them, or deleted after a confirmation that
// says how many credentials go with them. What the server refuses (yourself, the last superuser)
// is its own sentence on the window's message line.
class UsersTab : public AdminTab {
    Q_OBJECT
public:
    static constexpr int SearchPauseMs = 300;

    UsersTab(client::Session& session, AppContext& context, QWidget* parent = nullptr);
    ~UsersTab() override;

    void reload() override;
    UsersModel& model() const { return *m_model; }
    PagedTableView* table() const { return m_table; }
    client::UsersClient& users() const { return *m_users; }
    ClipboardGuard& clipboard() const { return *m_clipboard; }

private:
    using User = client::AdminUser;

    QWidget* createFilters();
    PagedTableModel::Filters currentFilters() const;
    void applyFilters();
    void updateActions();
    void updateCount();
    std::optional<User> selected() const;

    void openCreate();
    void openReset();
    void saved(const User& user, const QString& generated, bool created);
    void toggleActive();
    void toggleSuperuser();
    void unlock();
    void confirmDelete();
    void remove(const User& user);
    // Sends `change`, and says `done(user)` on the message line when it is made.
    void change(const User& user, client::UsersClient::Change change,
                std::function<QString(const User&)> done);
    void changeFailed(const User& user, const client::ApiError& error);

    AppContext& m_context;
    client::UsersClient* m_users;
    std::unique_ptr<ClipboardGuard> m_clipboard;
    UsersModel* m_model;
    PagedTableView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_searchPause = nullptr;
    QComboBox* m_active = nullptr;
    QComboBox* m_superuser = nullptr;
    QLabel* m_count = nullptr;

    QAction* m_create = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_toggleActive = nullptr;
    QAction* m_toggleSuperuser = nullptr;
    QAction* m_unlock = nullptr;
    QAction* m_delete = nullptr;
};

} // namespace paycred::ui
