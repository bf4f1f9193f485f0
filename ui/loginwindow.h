#pragma once

#include "core/client/apierror.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <memory>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTimer;

namespace paycred::ui {

struct AppContext;
class CertificateDialog;
class Connection;
class PasswordField;
class RememberedLogin;

// LoginWindow: the first window of the app. Signs in to the local vault (creating it on the
// first run) or to a PayCred server, and hands the logged-in Connection to the app
// (loggedIn(), then takeConnection()). Every step is asynchronous: the window keeps painting
// while keys are derived or the server answers, and says in plain words what went wrong.
class LoginWindow : public QWidget {
    Q_OBJECT
public:
    explicit LoginWindow(AppContext& context, QWidget* parent = nullptr);
    ~LoginWindow() override;

    // The logged-in connection, after loggedIn(); null before (and after it was taken).
    std::unique_ptr<Connection> takeConnection();
    // Shows the window again after the app locked itself: `message` on top, the last username
    // filled in, the password empty and focused.
    void showLocked(const QString& message);
    // Empties every password field.
    void reset();
    // Called by the app after show(): signs in without the password when "Remember me" was
    // ticked last time and the keychain still has what resumes the session. Reads the certificate
    // pins first (CertificatePins), and says once when they live in a file.
    void tryRemembered();
    // Refreshes the login throttle's countdown from the clock (a timer calls it every second).
    void tick();

    bool isBusy() const { return m_busy; }
    RememberedLogin& rememberedLogin() const { return *m_remembered; }

signals:
    void loggedIn();
    // After a login with "Remember me" ticked: empty when the keychain kept it, otherwise why not.
    void rememberFinished(const QString& message);
    // tryRemembered() ended without signing in (the form is shown, with the reason).
    void rememberedLoginFailed(const QString& message);

private:
    void showPinNotice(const QString& notice);
    enum class Page { SignIn, CreateVault };

    QWidget* buildSignInPage();
    QWidget* buildCreateVaultPage();
    void modeChanged();
    void updatePage();
    void updateCreateButton();
    void updateLoginButton();
    void setBusy(bool busy, const QString& text = {});
    void showError(const QString& message);
    void chooseVaultFile();
    void restoreBackup();

    bool isServerMode() const;
    QString serverUrl() const;
    void submit();
    void signInToVault(const QString& username, QString password);
    void signInToServer(const QString& url, const QString& username, QString password);
    void createVault();
    void loginOnConnection(const QString& username, QString password);
    void loginFailed(const client::ApiError& error, const QString& username);
    void loginSucceeded(const QString& username, bool remembered);
    void signedIn(const QString& username, bool remembered);
    void focusFirstNeeded();
    void startThrottle(qint64 seconds);
    void askTrust(const client::ApiError& error, const QString& url, const QString& username);
    // Plain http:// beyond loopback: signs in only once the user confirmed it.
    void askPlainHttp(const QString& url, const QString& username, QString password);
    void dropConnection();
    void forgetRetryPassword();

    AppContext& m_context;
    std::unique_ptr<Connection> m_connection;
    RememberedLogin* m_remembered;
    QPointer<CertificateDialog> m_certificateDialog;
    QString m_retryPassword;       // only while the certificate dialog asks; wiped after
    QString m_plainHttpAllowedUrl; // the http:// server the user agreed to reach unencrypted
    bool m_busy = false;
    qint64 m_throttledUntil = 0; // Unix secs by the context's clock; 0: not throttled
    QTimer* m_countdown;

    QLabel* m_infoLabel;
    QRadioButton* m_vaultRadio;
    QRadioButton* m_serverRadio;
    QButtonGroup* m_modeGroup;
    QStackedWidget* m_pages;
    QWidget* m_signInPage;
    QWidget* m_createPage;
    // Sign in.
    QWidget* m_serverRow = nullptr;
    QComboBox* m_serverCombo = nullptr;
    QLabel* m_serverError = nullptr;
    QLabel* m_vaultPathLabel = nullptr;
    QLineEdit* m_username = nullptr;
    PasswordField* m_password = nullptr;
    QCheckBox* m_remember = nullptr;
    QPushButton* m_loginButton = nullptr;
    QPushButton* m_chooseVault;
    QPushButton* m_restoreBackup;
    // Create the vault.
    QLineEdit* m_owner = nullptr;
    PasswordField* m_newPassword = nullptr;
    PasswordField* m_confirmPassword = nullptr;
    QLabel* m_strength = nullptr;
    QLabel* m_createHint = nullptr;
    QPushButton* m_createButton = nullptr;
    // Under both.
    QLabel* m_errorLabel;
    QLabel* m_busyLabel;
    QProgressBar* m_busyBar;
};

} // namespace paycred::ui
