#pragma once

#include <QDialog>
#include <QString>

class QLabel;
class QLineEdit;
class QPushButton;

namespace paycred::client {
class CredentialsClient;
struct ApiError;
} // namespace paycred::client

namespace paycred::ui {

class PasswordField;

// PasswordPrompt: asks the signed-in user for the password again — to confirm a sensitive step
// (revealing a live key) or to sign in again after the session ended — and checks it with the
// server; gives up after MaxFailures wrong passwords in a row.
class PasswordPrompt : public QDialog {
    Q_OBJECT
public:
    enum class Purpose { Confirm, SignInAgain };
    static constexpr int MaxFailures = 5;

    PasswordPrompt(client::CredentialsClient& client, Purpose purpose, const QString& reason,
                   QWidget* parent = nullptr);
    ~PasswordPrompt() override;

    Purpose purpose() const { return m_purpose; }
    // The user to sign in, when the client no longer names one (Session::clear() forgets it);
    // while none is known the prompt asks for it in "usernameEdit".
    void setUsername(const QString& username);
    QString username() const;
    int failures() const { return m_failures; }
    void done(int result) override;

signals:
    // The password was right (SignInAgain: the client has a session again).
    void confirmed();
    // MaxFailures wrong passwords in a row: the prompt closes (rejected) right after this.
    void gaveUp();

private:
    void submit();
    void verify(QString password);
    void signIn(QString password);
    void succeeded();
    void failed(const QString& message, bool counts);
    void showLoginFailure(const client::ApiError& error);
    void setBusy(bool busy);

    client::CredentialsClient& m_client;
    Purpose m_purpose;
    QLabel* m_usernameLabel;
    QLineEdit* m_usernameEdit;
    PasswordField* m_password;
    QLabel* m_errorLabel;
    QLabel* m_busyLabel;
    QPushButton* m_confirmButton;
    QPushButton* m_cancelButton;
    int m_failures = 0;
    bool m_busy = false;
};

} // namespace paycred::ui
