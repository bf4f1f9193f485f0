#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace paycred::ui {

struct AppContext;
class ClipboardGuard;
class Connection;
class IdleLock;
class LoginWindow;
class MainWindow;
class ScreenLockWatcher;

// DesktopApp: the app's course — the login window, then the main window, and back to the login
// window when the user locks or logs out, when nobody used the app for the auto-lock time, or
// when the screen locks. Locking forgets every decrypted secret: the dialogs, the table, the
// clipboard, the session and (for a vault) its keys.
class DesktopApp : public QObject {
    Q_OBJECT
public:
    explicit DesktopApp(AppContext& context, QObject* parent = nullptr);
    ~DesktopApp() override;

    // Shows the login window and tries a remembered login.
    void start();

    LoginWindow* loginWindow() const { return m_login.get(); }
    MainWindow* mainWindow() const { return m_main.get(); }
    Connection* connection() const { return m_connection.get(); }
    ClipboardGuard& clipboard() const { return *m_clipboard; }
    IdleLock& idleLock() const { return *m_idleLock; }
    ScreenLockWatcher& screenLock() const { return *m_screenLock; }

    // Back to the login window with `reason` shown there. Does nothing while signed out.
    void lock(const QString& reason);
    // Tells the server (when it can), forgets a remembered login, then locks.
    void logOut();
    // Forgets every secret and ends the app (finished()).
    void quit();

signals:
    void signedIn();
    void locked(const QString& reason);
    void finished();

private:
    void signIn();
    void applyPreferences();
    void tearDown();

    AppContext& m_context;
    std::unique_ptr<ClipboardGuard> m_clipboard;
    std::unique_ptr<IdleLock> m_idleLock;
    std::unique_ptr<ScreenLockWatcher> m_screenLock;
    std::unique_ptr<LoginWindow> m_login;
    // While signed in; the window goes before the connection it uses.
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<MainWindow> m_main;
};

} // namespace paycred::ui
