#pragma once

#include "core/client/apierror.h"
#include "core/client/credentialsclient.h"

#include <QWidget>

class QAction;
class QLabel;
class QTabWidget;

namespace paycred::ui {

struct AppContext;
class AdminTab;
class AllCredentialsTab;
class AuditTab;
class Connection;
class OverviewTab;
class StatusLabel;
class UsersTab;

// AdminWindow: the Administration window a superuser opens from the main window — API.md §3 in
// tabs (Overview, All credentials, Users, Audit log). Each tab loads when it is first shown; F5
// loads the shown one again; a change in one tab makes the others load again when they are next
// shown. Every call is asynchronous; errors are the message line's sentences.
class AdminWindow : public QWidget {
    Q_OBJECT
public:
    AdminWindow(AppContext& context, Connection& connection,
                const QList<client::CredentialsClient::Provider>& providers, QWidget* parent);
    ~AdminWindow() override;

    QTabWidget* tabs() const { return m_tabs; }
    OverviewTab* overview() const { return m_overview; }
    AllCredentialsTab* allCredentials() const { return m_credentials; }
    UsersTab* users() const { return m_users; }
    AuditTab* audit() const { return m_audit; }
    // The message line (errors stay until the next message).
    void showMessage(const QString& text, bool isError);
    QString message() const;

signals:
    // A §3 call failed (AdminAccess::refused() tells whether the panel may stay).
    void refused(const client::ApiError& error);

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void addTab(AdminTab* tab, const QString& iconName, const QString& title);
    void loadShownTab();
    void failed(const client::ApiError& error);
    void saveLayout();

    AppContext& m_context;
    Connection& m_connection;
    QTabWidget* m_tabs;
    StatusLabel* m_message;
    OverviewTab* m_overview = nullptr;
    AllCredentialsTab* m_credentials = nullptr;
    UsersTab* m_users = nullptr;
    AuditTab* m_audit = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_close = nullptr;
};

} // namespace paycred::ui
