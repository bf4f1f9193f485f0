#include "ui/screenlockwatcher.h"

#include "ui/locksignalinterface.h"
#include "ui/logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace paycred::ui {

namespace {

struct ScreenSaver {
    const char* path;
    const char* interface;
};

constexpr ScreenSaver ScreenSavers[] = {
    {"/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"},
    {"/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"},
};

constexpr QLatin1String LoginService("org.freedesktop.login1");

} // namespace

ScreenLockWatcher::ScreenLockWatcher(QObject* parent)
    : QObject(parent) {
    watchSessionBus();
    watchLogin();
}

ScreenLockWatcher::~ScreenLockWatcher() = default;

void ScreenLockWatcher::watchSessionBus() {
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCDebug(lcUi) << "no session bus; the screen lock is not watched:"
                      << bus.lastError().message();
        return;
    }
    for (const ScreenSaver& saver : ScreenSavers) {
        auto* proxy =
            new LockSignalInterface(QString::fromLatin1(saver.path), saver.interface, bus, this);
        connect(proxy, &LockSignalInterface::ActiveChanged, this,
                &ScreenLockWatcher::onActiveChanged);
    }
    m_watching = true;
    qCDebug(lcUi) << "watching the screen savers on the session bus";
}

void ScreenLockWatcher::watchLogin() {
    const QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        qCDebug(lcUi) << "no system bus; logind's session lock is not watched";
        return;
    }
    // logind emits Lock from the session's own path, which only it can name. "auto" is this
    // process's session, or the user's graphical one when the app runs outside any session
    // (started by a systemd user unit, as some desktops do).
    QDBusMessage request = QDBusMessage::createMethodCall(
        LoginService, QStringLiteral("/org/freedesktop/login1"),
        QStringLiteral("org.freedesktop.login1.Manager"), QStringLiteral("GetSession"));
    request << QStringLiteral("auto");
    auto* call = new QDBusPendingCallWatcher(bus.asyncCall(request), this);
    connect(call, &QDBusPendingCallWatcher::finished, this,
            &ScreenLockWatcher::onLoginSessionFound);
}

void ScreenLockWatcher::onLoginSessionFound(QDBusPendingCallWatcher* call) {
    call->deleteLater();
    const QDBusPendingReply<QDBusObjectPath> reply = *call;
    if (reply.isError()) {
        qCDebug(lcUi) << "logind's session lock is not watched:" << reply.error().message();
        return;
    }
    m_login = new LockSignalInterface(reply.value().path(), "org.freedesktop.login1.Session",
                                      QDBusConnection::systemBus(), this);
    connect(m_login, &LockSignalInterface::Lock, this, &ScreenLockWatcher::screenLocked);
    qCDebug(lcUi) << "watching logind's session lock";
}

void ScreenLockWatcher::onActiveChanged(bool active) {
    if (!active)
        return;
    qCInfo(lcUi) << "the screen locked";
    emit screenLocked();
}

} // namespace paycred::ui
