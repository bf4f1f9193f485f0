#pragma once

#include "core/client/adminuser.h"
#include "core/client/usersclient.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paycred::ui {

class FieldError;
class PasswordChoice;

// UserDialog: a new user (username, password, superuser or not) or a new password for one user —
// typed or generated — sent through the UsersClient; the server's field errors go under their
// fields and the dialog stays open until it is saved. Opened with open().
class UserDialog : public QDialog {
    Q_OBJECT
public:
    // A new user.
    UserDialog(client::UsersClient& users, QWidget* parent);
    // A new password for `user`.
    UserDialog(client::UsersClient& users, const client::AdminUser& user, QWidget* parent);

    PasswordChoice* passwordChoice() const { return m_password; }

signals:
    // Saved: the user as the server answered; `generated` is the generated password, to show
    // once (empty when it was typed).
    void saved(const client::AdminUser& user, const QString& generated);

private:
    UserDialog(client::UsersClient& users, std::optional<client::AdminUser> user, QWidget* parent);
    void submit();
    void finished(client::Result<client::AdminUser> result, QString generated);
    void setBusy(bool busy);

    client::UsersClient& m_users;
    std::optional<client::AdminUser> m_user; // a reset: whose
    QLineEdit* m_username = nullptr;
    FieldError* m_usernameError = nullptr;
    QCheckBox* m_superuser = nullptr;
    PasswordChoice* m_password;
    FieldError* m_formError;
    QPushButton* m_saveButton = nullptr;
    bool m_busy = false;
};

} // namespace paycred::ui
