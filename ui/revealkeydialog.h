#pragma once

#include "core/client/credentialsclient.h"
#include "core/crypto/secret.h"

#include <QDateTime>
#include <QDialog>

class QLabel;
class QPushButton;
class QTimer;

namespace paycred {
class Clock;
}

namespace paycred::ui {

class KeyView;

// RevealKeyDialog: shows one decrypted private key, masked until the user asks to see it and
// masked again `hideAfterSecs` later — whole, however long (KeyView wraps it); the key is in a
// widget only while shown, and forgotten when the dialog closes. Copying is
// left to whoever owns the clipboard (copyRequested(), then privateKey()). Good for one showing:
// open it with a fresh key each time (WA_DeleteOnClose suits it).
class RevealKeyDialog : public QDialog {
    Q_OBJECT
public:
    // `clock` must outlive the dialog.
    RevealKeyDialog(client::CredentialsClient::RevealedKey key, const Clock& clock,
                    int hideAfterSecs, QWidget* parent);
    ~RevealKeyDialog() override;

    bool isKeyShown() const;
    // The key for the clipboard's owner; empty once the dialog has closed.
    const crypto::Secret& privateKey() const { return m_key; }
    qint64 credentialId() const { return m_credentialId; }

    // Forgets the key on the way out, whichever way the dialog closes.
    void done(int result) override;

    // Reads the clock: updates the countdown, and masks the key when its time is up.
    void tick();

signals:
    void copyRequested();

private:
    void setKeyShown(bool shown);
    qint64 secondsLeft() const;
    void forgetKey();

    const Clock& m_clock;
    const int m_hideAfterSecs;
    const qint64 m_credentialId;
    crypto::Secret m_key;
    QDateTime m_shownAt;

    KeyView* m_view;
    QPushButton* m_showButton;
    QPushButton* m_copyButton;
    QLabel* m_countdownLabel;
    QPushButton* m_closeButton;
    QTimer* m_timer;
};

} // namespace paycred::ui
