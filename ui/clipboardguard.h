#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

namespace paycred {
class Clock;
}

namespace paycred::ui {

// ClipboardGuard: puts a secret on the clipboard, marked so clipboard managers skip it, and takes
// it off again when its time is up, on clearNow() or when the guard is destroyed — but only while
// the clipboard still holds that secret. Remembers a SHA-256 digest of it, never the text.
class ClipboardGuard : public QObject {
    Q_OBJECT
public:
    // The MIME type KDE Klipper (and KeePassXC, and others) read as "do not keep this".
    static constexpr QLatin1String PasswordManagerHint{"x-kde-passwordManagerHint"};

    // `clock` (the countdown's time) must outlive the guard.
    explicit ClipboardGuard(const Clock& clock, QObject* parent = nullptr);
    // Clears our secret from the clipboard, without a signal.
    ~ClipboardGuard() override;
    ClipboardGuard(const ClipboardGuard&) = delete;
    ClipboardGuard& operator=(const ClipboardGuard&) = delete;

    // Copies `text` to the clipboard and wipes the caller's copy. The clipboard is cleared after
    // `clearAfterSecs`; 0 or less: no countdown, cleared only by clearNow() or the destructor.
    // A secret already held is replaced (and its countdown restarted).
    void copySecret(QString text, int clearAfterSecs);

    // Whole seconds until the clipboard is cleared (rounded up); 0 when no countdown runs.
    int remainingSecs() const;
    // True while a countdown runs.
    bool isPending() const;
    // True while the clipboard may hold our secret (from copySecret() until it is cleared).
    bool holdsSecret() const { return !m_digest.isEmpty(); }

    // Clears the clipboard (and the selection) now if it still holds our secret. Emits cleared()
    // when a secret was being guarded; does nothing otherwise.
    void clearNow();
    // Reads the clock: announces the remaining seconds, clears when the time is up. A 1 s timer
    // calls it; tests move the clock and call it themselves.
    void tick();

signals:
    void countdownChanged(int remainingSecs);
    // `wasOurs`: the clipboard still held our secret and was emptied; false when the user had
    // copied something else since (which is left alone).
    void cleared(bool wasOurs);

private:
    // Empties the clipboard and the selection where they hold our secret; forgets the digest.
    // True when something was ours.
    bool clearClipboard();
    bool holdsOurs(int mode) const;
    void onClipboardChanged();
    void finish(bool wasOurs);

    const Clock& m_clock;
    QTimer m_timer;
    QByteArray m_digest;
    QDateTime m_deadline;
    int m_announced = 0;
};

} // namespace paycred::ui
