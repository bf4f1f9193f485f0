#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"
#include "core/client/usersclient.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace paycred::crypto {
class Secret;
}

namespace paycred::ui {

struct AppContext;
class AdminAccess;
class AdminWindow;
class ClipboardGuard;
class Connection;
class CredentialTableModel;
class PasswordPrompt;

// MainWindow: the signed-in user's credentials in a table, and every action on them — from the
// toolbar, the menus, a context menu or the keyboard. Every request is asynchronous; every
// dialog is opened with open() and answers through its signals.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `connection` and `clipboard` must outlive the window.
    MainWindow(AppContext& context, Connection& connection, ClipboardGuard& clipboard,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    CredentialTableModel& model() const { return *m_model; }
    QTableView* table() const { return m_table; }
    // Reads the list again from the server.
    void refresh();
    // Closes every dialog (they may hold secrets) and empties the table.
    void forgetSecrets();
    // A line in the message bar above the table (errors stay until closed or replaced).
    void showMessage(const QString& text, bool isError);
    QString message() const;

signals:
    // The user chose Lock, or the session ended and was not resumed: the app locks.
    void lockRequested(const QString& reason);
    void logoutRequested();
    void quitRequested();
    // The password was changed (a remembered login must be forgotten).
    void passwordChanged();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    using Credential = client::Credential;

    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralWidget();
    void createStatusBar();
    QAction* addAction(const QString& objectName, const QString& text, const QString& icon,
                       const QKeySequence& shortcut);
    void restoreLayout();
    void sizeColumns(); // their first widths, before the user changed any
    void saveLayout();

    std::optional<Credential> selected() const;
    void updateActions();
    void updateEmptyState();
    // Names the providers of m_providers, the ones the new-credential dialog offers.
    void updateEmptyText();
    void updateBusy(bool busy);
    void updateClipboardCountdown(int remainingSecs);

    void newCredential();
    void editCredential();
    void replaceKey();
    void verifyKey();
    // Asks the provider, from where the keys are, whether they work (seconds: the window goes
    // on meanwhile, and says so); the result goes to the message bar and the Last check column.
    void checkWithProvider();
    void checked(const Credential& credential,
                 const client::Result<client::CredentialsClient::ProviderCheck>& result);
    // The last check of each listed credential (one request each: at most one credential per
    // provider), for the Last check column.
    void loadLastChecks();
    // Widens the Last check column to what its cells need, once they have text.
    void fitLastCheckColumn();
    void copyKey();
    void revealKey();
    void toggleActive();
    void deleteCredential();
    void deleteConfirmed(const Credential& credential);
    void changePassword();
    void openSessions();
    void logoutEverywhere();
    void editPreferences();
    void backUp();
    void restore();
    void lock();
    void showShortcuts();
    // The Administration window (a superuser's, on a server with API.md §3).
    void openAdministration();
    void administrationGranted(bool granted);
    void showContextMenu(const QPoint& position);

    // Runs `go` once the user may see `credential`'s private key: at once, or after the password
    // was asked again (a live key, when the preferences say so).
    void withKeyAccess(const Credential& credential, std::function<void()> go);
    // A 403 password_required (the server's step-up) asks the password, verifies it and
    // tries once more (`confirmed`: that try).
    void fetchKey(const Credential& credential,
                  std::function<void(client::CredentialsClient::RevealedKey)> use,
                  bool confirmed = false);
    void copySecret(const crypto::Secret& key);
    void signInAgain();
    void openDialog(QWidget* dialog);
    void credentialRefreshed(const Credential& credential);
    void credentialSaved(const Credential& credential, const QString& message);
    void failed(const client::ApiError& error);
    QString describe(const Credential& credential) const;
    static QString providerName(const Credential& credential); // "KopoKopo"

    AppContext& m_context;
    Connection& m_connection;
    client::CredentialsClient& m_client;
    client::UsersClient* m_users; // the caller's own sessions
    ClipboardGuard& m_clipboard;
    const QString m_username; // who signed in: a re-sign-in must be the same user
    QList<client::CredentialsClient::Provider> m_providers;
    QSet<qint64> m_checking; // the credentials whose provider is being asked now

    CredentialTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_emptyState = nullptr;
    QLabel* m_messageText = nullptr;
    QWidget* m_messageBar = nullptr;
    QLabel* m_connectionLabel = nullptr;
    QLabel* m_clipboardLabel = nullptr;
    QProgressBar* m_busyIndicator = nullptr;
    QMenu* m_credentialMenu = nullptr;
    QMenu* m_tableMenu = nullptr; // a right-click beside the rows
    QPointer<PasswordPrompt> m_signInPrompt;
    AdminAccess* m_adminAccess = nullptr;
    QPointer<AdminWindow> m_adminWindow;

    QAction* m_new = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_replaceKey = nullptr;
    QAction* m_verifyKey = nullptr;
    QAction* m_check = nullptr;
    QAction* m_copyKey = nullptr;
    QAction* m_reveal = nullptr;
    QAction* m_toggle = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_find = nullptr;
    QAction* m_changePassword = nullptr;
    QAction* m_preferences = nullptr;
    QAction* m_sessions = nullptr;
    QAction* m_logoutAll = nullptr;
    QAction* m_backup = nullptr;
    QAction* m_restore = nullptr;
    QAction* m_lock = nullptr;
    QAction* m_logout = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_shortcuts = nullptr;
    QAction* m_administration = nullptr;
};

} // namespace paycred::ui
