#include "ui/changepassworddialog.h"

#include "ui/fielderror.h"

#include "core/client/credentialsclient.h"
#include "core/crypto/secret.h"
#include "ui/logging.h"
#include "ui/passwordfield.h"
#include "ui/windowfit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace paycred::ui {

ChangePasswordDialog::ChangePasswordDialog(client::CredentialsClient& client, bool vaultMode,
                                           QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_oldPassword(
          new PasswordField(QStringLiteral("oldPasswordEdit"), tr("Current password"), this))
    , m_newPassword(new PasswordField(QStringLiteral("newPasswordEdit"), tr("New password"), this))
    , m_confirmPassword(new PasswordField(QStringLiteral("confirmPasswordEdit"),
                                          tr("Confirm the new password"), this))
    , m_oldError(
          new FieldError(QStringLiteral("oldPasswordError"), tr("Current password error"), this))
    , m_newError(new FieldError(QStringLiteral("newPasswordError"), tr("New password error"), this))
    , m_confirmError(
          new FieldError(QStringLiteral("confirmPasswordError"), tr("Confirmation error"), this))
    , m_formError(new FieldError(QStringLiteral("formError"), tr("Error"), this))
    , m_busyLabel(new QLabel(tr("Changing the password…"), this)) {
    setObjectName(QStringLiteral("changePasswordDialog"));
    WindowFit::apply(this, 52);
    setWindowTitle(tr("Change Password"));
    setWindowModality(Qt::WindowModal);
    setAccessibleName(tr("Change password"));

    auto* form = new QFormLayout;
    const auto addRow = [&](const QString& label, PasswordField* field, QLabel* error) {
        auto* caption = new QLabel(label, this);
        caption->setBuddy(field->edit());
        form->addRow(caption, field);
        form->addRow(QString(), error);
    };
    addRow(tr("&Current password:"), m_oldPassword, m_oldError);
    addRow(tr("&New password:"), m_newPassword, m_newError);
    addRow(tr("Con&firm new password:"), m_confirmPassword, m_confirmError);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    if (vaultMode) {
        auto* note = new QLabel(tr("From now on the new password opens the vault. It cannot be "
                                   "recovered: if you forget it, only a backup restores your "
                                   "credentials."),
                                this);
        note->setObjectName(QStringLiteral("notVaultRecoveryNote"));
        note->setAccessibleName(tr("Note about the vault password"));
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    layout->addWidget(m_formError);
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->setAccessibleName(tr("Progress"));
    m_busyLabel->hide();
    layout->addWidget(m_busyLabel);

    auto* buttons = new QDialogButtonBox(this);
    m_changeButton = buttons->addButton(tr("C&hange Password"), QDialogButtonBox::AcceptRole);
    m_changeButton->setObjectName(QStringLiteral("changeButton"));
    m_changeButton->setAccessibleName(tr("Change password"));
    m_changeButton->setIcon(QIcon(QStringLiteral(":/icons/password.svg")));
    m_changeButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel"));
    layout->addWidget(buttons);

    // The button box's accepted() would close the dialog: the change closes it only on success.
    connect(m_changeButton, &QPushButton::clicked, this, &ChangePasswordDialog::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &ChangePasswordDialog::reject);

    m_oldPassword->setFocus();
    if (!m_client.session().capabilities().changePassword)
        showUnsupported();
}

ChangePasswordDialog::~ChangePasswordDialog() {
    clearFields();
}

void ChangePasswordDialog::done(int result) {
    clearFields();
    QDialog::done(result);
}

void ChangePasswordDialog::showUnsupported() {
    m_formError->setMessage(tr("This server does not offer changing the password. Ask its "
                               "administrator to change it for you."));
    m_changeButton->setEnabled(false);
    m_changeButton->setDefault(false);
    m_cancelButton->setDefault(true);
}

void ChangePasswordDialog::clearErrors() {
    for (FieldError* error : {m_oldError, m_newError, m_confirmError, m_formError})
        error->clearMessage();
}

void ChangePasswordDialog::clearFields() {
    for (PasswordField* field : {m_oldPassword, m_newPassword, m_confirmPassword})
        field->clear();
}

bool ChangePasswordDialog::validate() {
    if (m_oldPassword->text().isEmpty()) {
        m_oldError->setMessage(tr("Enter your current password."));
        m_oldPassword->setFocus();
        return false;
    }
    if (m_newPassword->text().isEmpty()) {
        m_newError->setMessage(tr("Enter a new password."));
        m_newPassword->setFocus();
        return false;
    }
    if (m_newPassword->text() == m_oldPassword->text()) {
        m_newError->setMessage(tr("The new password is the same as the current one. Choose a "
                                  "different one."));
        m_newPassword->setFocus();
        return false;
    }
    if (m_confirmPassword->text() != m_newPassword->text()) {
        m_confirmError->setMessage(tr("The two new passwords do not match. Type the new password "
                                      "again."));
        m_confirmPassword->clear();
        m_confirmPassword->setFocus();
        return false;
    }
    return true;
}

void ChangePasswordDialog::setBusy(bool busy) {
    m_busy = busy;
    m_busyLabel->setVisible(busy);
    m_changeButton->setEnabled(!busy && m_client.session().capabilities().changePassword);
    for (PasswordField* field : {m_oldPassword, m_newPassword, m_confirmPassword})
        field->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void ChangePasswordDialog::submit() {
    if (m_busy || !m_client.session().capabilities().changePassword)
        return;
    clearErrors();
    if (!validate())
        return;
    QString oldPassword = m_oldPassword->take();
    QString newPassword = m_newPassword->take();
    QString confirmation = m_confirmPassword->take();
    crypto::wipe(confirmation);
    setBusy(true);
    qCInfo(lcUi) << "changing the password";
    const QPointer<ChangePasswordDialog> guard(this);
    m_client.changePassword(std::move(oldPassword), std::move(newPassword),
                            [guard](const client::Result<QString>& result) {
                                if (!guard)
                                    return;
                                guard->setBusy(false);
                                if (!result.ok()) {
                                    guard->showFailure(result.error);
                                    return;
                                }
                                qCInfo(lcUi) << "password changed";
                                emit guard->changed();
                                guard->accept();
                            });
}

void ChangePasswordDialog::showFailure(const client::ApiError& error) {
    qCInfo(lcUi) << "changing the password failed:" << error.kind;
    if (!m_client.session().capabilities().changePassword) {
        showUnsupported();
        return;
    }
    const QString oldError = error.fieldError(QStringLiteral("old_password"));
    const QString newError = error.fieldError(QStringLiteral("new_password"));
    QString general = error.fieldError(QStringLiteral("non_field_errors"));
    if (oldError.isEmpty() && newError.isEmpty() && general.isEmpty())
        general = error.message;
    m_oldError->setMessage(oldError);
    m_newError->setMessage(newError);
    m_formError->setMessage(general);
    // The fields were emptied when the passwords were sent: start over where the problem is.
    if (!newError.isEmpty() && oldError.isEmpty())
        m_newPassword->setFocus();
    else
        m_oldPassword->setFocus();
}

} // namespace paycred::ui
