#pragma once

#include <QObject>

class QDBusPendingCallWatcher;

namespace paycred::ui {

class LockSignalInterface;

// ScreenLockWatcher: tells when the desktop's screen locks, so the app can lock with it. Listens
// on the session bus to org.freedesktop.ScreenSaver and org.gnome.ScreenSaver (ActiveChanged) and,
// when the system bus and logind answer, to this login session's Lock. Without a session bus it
// watches nothing and says so only in the debug log: the idle lock still works.
class ScreenLockWatcher : public QObject {
    Q_OBJECT
public:
    explicit ScreenLockWatcher(QObject* parent = nullptr);
    ~ScreenLockWatcher() override;
    ScreenLockWatcher(const ScreenLockWatcher&) = delete;
    ScreenLockWatcher& operator=(const ScreenLockWatcher&) = delete;

    // True when connected to the session bus's screen-saver signals.
    bool isWatching() const { return m_watching; }
    // True once logind's Lock signal for this session is watched too (found asynchronously).
    bool isWatchingLogin() const { return m_login != nullptr; }

signals:
    void screenLocked();

private:
    void watchSessionBus();
    void watchLogin();
    void onLoginSessionFound(QDBusPendingCallWatcher* call);
    void onActiveChanged(bool active);

    bool m_watching = false;
    LockSignalInterface* m_login = nullptr;
};

} // namespace paycred::ui
