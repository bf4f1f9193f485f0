#include "ui/userdialog.h"

#include "core/crypto/secret.h"
#include "ui/fielderror.h"
#include "ui/logging.h"
#include "ui/passwordchoice.h"
#include "ui/windowfit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace paycred::ui {

UserDialog::UserDialog(client::UsersClient& users, QWidget* parent)
    : UserDialog(users, std::nullopt, parent) {}

UserDialog::UserDialog(client::UsersClient& users, const client::AdminUser& user, QWidget* parent)
    : UserDialog(users, std::optional<client::AdminUser>(user), parent) {}

UserDialog::UserDialog(client::UsersClient& users, std::optional<client::AdminUser> user,
                       QWidget* parent)
    : QDialog(parent)
    , m_users(users)
    , m_user(std::move(user))
    , m_password(new PasswordChoice(this))
    , m_formError(new FieldError(QStringLiteral("userFormError"), tr("Error"), this)) {
    const bool reset = m_user.has_value();
    setObjectName(reset ? QStringLiteral("resetPasswordDialog") : QStringLiteral("newUserDialog"));
    WindowFit::apply(this, 52);
    setWindowTitle(reset ? tr("Reset Password") : tr("Create User"));
    setAccessibleName(windowTitle());
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);

    auto* layout = new QVBoxLayout(this);
    if (reset) {
        auto* note = new QLabel(tr("A new password for %1. They are signed out everywhere and sign "
                                   "in again with it.")
                                    .arg(m_user->username),
                                this);
        note->setObjectName(QStringLiteral("resetPasswordNote"));
        note->setWordWrap(true);
        layout->addWidget(note);
    } else {
        m_username = new QLineEdit(this);
        m_username->setObjectName(QStringLiteral("newUsernameEdit"));
        m_username->setAccessibleName(tr("Username"));
        m_username->setMaxLength(150);
        m_usernameError =
            new FieldError(QStringLiteral("newUsernameError"), tr("Username error"), this);
        auto* form = new QFormLayout;
        auto* label = new QLabel(tr("&Username:"), this);
        label->setBuddy(m_username);
        form->addRow(label, m_username);
        form->addRow(QString(), m_usernameError);
        layout->addLayout(form);
        connect(m_username, &QLineEdit::textChanged, m_usernameError, &FieldError::clearMessage);
    }
    layout->addWidget(m_password);
    if (!reset) {
        m_superuser =
            new QCheckBox(tr("&Superuser (administers users and every credential)"), this);
        m_superuser->setObjectName(QStringLiteral("newUserSuperuserCheck"));
        layout->addWidget(m_superuser);
    }
    layout->addWidget(m_formError);

    auto* buttons = new QDialogButtonBox(this);
    m_saveButton = buttons->addButton(reset ? tr("&Reset Password") : tr("Cr&eate User"),
                                      QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("saveUserButton"));
    m_saveButton->setDefault(true);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);
    // The button box's accepted() would close the dialog: it closes only once the server agreed.
    connect(m_saveButton, &QPushButton::clicked, this, &UserDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &UserDialog::reject);
    connect(m_password, &PasswordChoice::changed, m_formError, &FieldError::clearMessage);
    if (m_username)
        m_username->setFocus();
}

void UserDialog::setBusy(bool busy) {
    m_busy = busy;
    m_saveButton->setEnabled(!busy);
    m_password->setEnabled(!busy);
    if (m_username)
        m_username->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void UserDialog::submit() {
    if (m_busy)
        return;
    m_formError->clearMessage();
    if (m_username && m_username->text().trimmed().isEmpty()) {
        m_usernameError->setMessage(tr("Enter the new user's username."));
        m_username->setFocus();
        return;
    }
    if (const QString problem = m_password->problem(); !problem.isEmpty()) {
        m_password->setError(problem);
        return;
    }
    const bool generated = m_password->isGenerated();
    QString password = m_password->take();
    QString shown = generated ? password : QString();
    setBusy(true);
    QPointer<UserDialog> self(this);
    auto done = [self, shown](client::Result<client::AdminUser> result) mutable {
        if (self)
            self->finished(std::move(result), std::move(shown));
        else
            crypto::wipe(shown);
    };
    if (m_user) {
        qCInfo(lcUi) << "resetting a user's password";
        client::UsersClient::Change change;
        change.password = std::move(password);
        m_users.update(m_user->id, std::move(change), std::move(done));
    } else {
        qCInfo(lcUi) << "creating a user";
        m_users.create(m_username->text().trimmed(), std::move(password), m_superuser->isChecked(),
                       std::move(done));
    }
}

void UserDialog::finished(client::Result<client::AdminUser> result, QString generated) {
    setBusy(false);
    if (result.ok()) {
        emit saved(*result.value, generated);
        crypto::wipe(generated);
        accept();
        return;
    }
    crypto::wipe(generated);
    const client::ApiError& error = result.error;
    qCInfo(lcUi) << "saving the user failed:" << error.kind << error.status;
    const QString usernameError = error.fieldError(QStringLiteral("username"));
    const QString passwordError = error.fieldError(QStringLiteral("password"));
    if (m_usernameError)
        m_usernameError->setMessage(usernameError);
    m_password->setError(passwordError);
    if (!usernameError.isEmpty() && m_username)
        m_username->setFocus();
    if (usernameError.isEmpty() && passwordError.isEmpty())
        m_formError->setMessage(error.kind == client::ApiError::Kind::Validation
                                    ? error.message
                                    : tr("%1 Nothing was saved: try again.").arg(error.message));
}

} // namespace paycred::ui
