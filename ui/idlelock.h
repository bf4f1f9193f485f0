#pragma once

#include <QObject>
#include <QTimer>

namespace paycred {
class Clock;
}
namespace paycred::vault {
class Vault;
}

namespace paycred::ui {

// IdleLock: notices that nobody has used the app for a while and says when to lock. User input
// anywhere in the app (keys, mouse, wheel, touch) counts as activity. With a vault the idleness
// is the vault's own (activity touches it, check() asks it to lock itself); without one (server
// mode) the deadline is kept here, on the clock.
class IdleLock : public QObject {
    Q_OBJECT
public:
    // `clock` must outlive the lock.
    explicit IdleLock(const Clock& clock, QObject* parent = nullptr);
    ~IdleLock() override;
    IdleLock(const IdleLock&) = delete;
    IdleLock& operator=(const IdleLock&) = delete;

    // Watches the app's input and checks every 5 s; start() counts as activity.
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // Seconds without activity before idle(); 0 never.
    void setTimeoutSecs(int secs);
    int timeoutSecs() const { return m_timeoutSecs; }
    // The vault whose idle lock this drives (null: server mode). It must outlive the IdleLock
    // or be replaced (setVault(nullptr)) before it goes.
    void setVault(vault::Vault* vault);
    vault::Vault* vault() const { return m_vault; }

    // Seconds until idle() in server mode (0 when the timeout is off or has passed).
    int remainingSecs() const;

    // User activity that the event filter cannot see (e.g. a D-Bus request from the user).
    void noteActivity();
    // Emits idle() (once) when the timeout has passed; with a vault, the vault locks itself first.
    void check();

signals:
    // Once per idle period: the app should lock now (a vault has already locked itself).
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    const Clock& m_clock;
    QTimer m_timer;
    vault::Vault* m_vault = nullptr;
    int m_timeoutSecs = 0;
    bool m_running = false;
    bool m_idleReported = false;
    qint64 m_lastActivityMs = 0;
    qint64 m_lastTouchMs = 0;
};

} // namespace paycred::ui
