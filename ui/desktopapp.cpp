#include "ui/desktopapp.h"

#include "core/client/credentialsclient.h"
#include "ui/appcontext.h"
#include "ui/clipboardguard.h"
#include "ui/connection.h"
#include "ui/idlelock.h"
#include "ui/logging.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/preferences.h"
#include "ui/rememberedlogin.h"
#include "ui/screenlockwatcher.h"

#include <QTimer>

namespace paycred::ui {

DesktopApp::DesktopApp(AppContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_clipboard(std::make_unique<ClipboardGuard>(context.clock))
    , m_idleLock(std::make_unique<IdleLock>(context.clock))
    , m_screenLock(std::make_unique<ScreenLockWatcher>())
    , m_login(std::make_unique<LoginWindow>(context)) {
    connect(m_login.get(), &LoginWindow::loggedIn, this, &DesktopApp::signIn);
    connect(&context.preferences, &Preferences::changed, this, &DesktopApp::applyPreferences);
    connect(m_idleLock.get(), &IdleLock::idle, this, [this] {
        lock(tr("PayCred locked itself after %n minute(s) without activity. Sign in to go on.",
                nullptr, m_context.preferences.autoLockMinutes()));
    });
    connect(m_screenLock.get(), &ScreenLockWatcher::screenLocked, this, [this] {
        lock(tr("PayCred locked itself when the screen was locked. Sign in to go on."));
    });
}

DesktopApp::~DesktopApp() {
    m_idleLock->setVault(nullptr); // the vault goes with the connection, below
    m_main.reset();
    m_connection.reset();
}

void DesktopApp::start() {
    m_login->show();
    m_login->tryRemembered();
}

void DesktopApp::signIn() {
    std::unique_ptr<Connection> connection = m_login->takeConnection();
    if (!connection)
        return;
    tearDown();
    m_connection = std::move(connection);
    m_main = std::make_unique<MainWindow>(m_context, *m_connection, *m_clipboard);
    connect(m_main.get(), &MainWindow::lockRequested, this, &DesktopApp::lock);
    connect(m_main.get(), &MainWindow::logoutRequested, this, &DesktopApp::logOut);
    connect(m_main.get(), &MainWindow::quitRequested, this, &DesktopApp::quit);
    connect(m_main.get(), &MainWindow::passwordChanged, this, [this] {
        m_login->rememberedLogin().forget(*m_connection,
                                          m_connection->session().identity().username);
    });

    m_idleLock->setVault(m_connection->vault());
    applyPreferences();
    m_idleLock->start();
    m_login->reset();
    m_login->hide();
    m_main->show();
    emit signedIn();
}

void DesktopApp::applyPreferences() {
    m_idleLock->setTimeoutSecs(m_context.preferences.autoLockMinutes() * 60);
}

void DesktopApp::lock(const QString& reason) {
    if (!m_main)
        return;
    qCInfo(lcUi) << "locking";
    tearDown();
    m_login->showLocked(reason);
    emit locked(reason);
}

void DesktopApp::tearDown() {
    m_idleLock->stop();
    m_idleLock->setVault(nullptr);
    m_clipboard->clearNow();
    if (m_main) {
        m_main->forgetSecrets();
        m_main->hide();
    }
    if (m_connection)
        m_connection->lock();
    // The window may be inside one of its own signals: it and then its connection go once
    // control is back in the event loop.
    auto window = std::shared_ptr<MainWindow>(m_main.release());
    auto connection = std::shared_ptr<Connection>(m_connection.release());
    QTimer::singleShot(0, this, [window, connection]() mutable {
        window.reset();
        connection.reset();
    });
}

void DesktopApp::logOut() {
    if (!m_main || !m_connection)
        return;
    Connection& connection = *m_connection;
    const QString username = connection.session().identity().username;
    m_login->rememberedLogin().forget(connection, username);
    m_main->forgetSecrets();
    m_main->hide();
    QPointer<DesktopApp> self(this);
    connection.session().logout([self](client::Result<QString> result) {
        if (self)
            self->lock(result.ok() ? *result.value : tr("You are logged out."));
    });
}

void DesktopApp::quit() {
    if (m_main)
        tearDown();
    m_login->hide();
    emit finished();
}

} // namespace paycred::ui
