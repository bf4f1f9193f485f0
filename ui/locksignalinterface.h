#pragma once

#include <QDBusAbstractInterface>

namespace paycred::ui {

// LockSignalInterface: a D-Bus proxy for the two signals that say the desktop locked — the screen
// savers' ActiveChanged(bool) and logind's Session.Lock — as Qt signals, so they connect like any
// other (the D-Bus member names are the signal names). Listens to any sender: the service is left
// empty, because a screen saver's well-known name may not be owned when the watcher starts.
class LockSignalInterface : public QDBusAbstractInterface {
    Q_OBJECT
public:
    LockSignalInterface(const QString& path, const char* interface,
                        const QDBusConnection& connection, QObject* parent = nullptr);

signals:
    // org.freedesktop.ScreenSaver / org.gnome.ScreenSaver
    void ActiveChanged(bool active);
    // org.freedesktop.login1.Session
    void Lock();
};

} // namespace paycred::ui
