#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace paycred::client {
class CredentialsClient;
struct ApiError;
} // namespace paycred::client

namespace paycred::ui {

class FieldError;

class PasswordField;

// ChangePasswordDialog: asks for the current password and a new one (typed twice) and sends
// them to the server; in vault mode the new password is also what opens the vault from now on.
class ChangePasswordDialog : public QDialog {
    Q_OBJECT
public:
    ChangePasswordDialog(client::CredentialsClient& client, bool vaultMode,
                         QWidget* parent = nullptr);
    ~ChangePasswordDialog() override;

    void done(int result) override;

signals:
    // The password was changed (the client has logged in again with the new one).
    void changed();

private:
    void submit();
    bool validate();
    void showFailure(const client::ApiError& error);
    void setBusy(bool busy);
    void clearErrors();
    void clearFields();
    void showUnsupported();

    client::CredentialsClient& m_client;
    PasswordField* m_oldPassword;
    PasswordField* m_newPassword;
    PasswordField* m_confirmPassword;
    FieldError* m_oldError;
    FieldError* m_newError;
    FieldError* m_confirmError;
    FieldError* m_formError;
    QLabel* m_busyLabel;
    QPushButton* m_changeButton;
    QPushButton* m_cancelButton;
    bool m_busy = false;
};

} // namespace paycred::ui
