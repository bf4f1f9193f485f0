#include "ui/passwordprompt.h"

#include "core/client/credentialsclient.h"
#include "core/crypto/secret.h"
#include "ui/logging.h"
#include "ui/passwordfield.h"
#include "ui/windowfit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace paycred::ui {

using Kind = client::ApiError::Kind;

PasswordPrompt::PasswordPrompt(client::CredentialsClient& client, Purpose purpose,
                               const QString& reason, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_purpose(purpose)
    , m_usernameLabel(new QLabel(this))
    , m_usernameEdit(new QLineEdit(this))
    , m_password(new PasswordField(QStringLiteral("passwordEdit"), tr("Password"), this))
    , m_errorLabel(new QLabel(this))
    , m_busyLabel(new QLabel(tr("Checking the password…"), this)) {
    setObjectName(QStringLiteral("passwordPrompt"));
    WindowFit::apply(this, 50);
    setWindowTitle(purpose == Purpose::SignInAgain ? tr("Sign In Again") : tr("Confirm Password"));
    setWindowModality(Qt::WindowModal);
    setAccessibleName(windowTitle());

    auto* reasonLabel = new QLabel(reason, this);
    reasonLabel->setObjectName(QStringLiteral("reasonLabel"));
    reasonLabel->setAccessibleName(tr("Why the password is needed"));
    reasonLabel->setWordWrap(true);

    m_usernameLabel->setObjectName(QStringLiteral("usernameLabel"));
    m_usernameLabel->setAccessibleName(tr("User"));
    m_usernameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_usernameEdit->setObjectName(QStringLiteral("usernameEdit"));
    m_usernameEdit->setAccessibleName(tr("Username"));
    auto* usernameBox = new QWidget(this);
    auto* usernameRow = new QHBoxLayout(usernameBox);
    usernameRow->setContentsMargins(0, 0, 0, 0);
    usernameRow->addWidget(m_usernameLabel);
    usernameRow->addWidget(m_usernameEdit);

    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setAccessibleName(tr("Error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_errorLabel->hide();

    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->setAccessibleName(tr("Progress"));
    m_busyLabel->hide();

    auto* form = new QFormLayout;
    auto* userCaption = new QLabel(tr("&User:"), this);
    userCaption->setBuddy(m_usernameEdit);
    form->addRow(userCaption, usernameBox);
    auto* caption = new QLabel(tr("&Password:"), this);
    caption->setBuddy(m_password->edit());
    form->addRow(caption, m_password);
    form->addRow(QString(), m_errorLabel);

    auto* buttons = new QDialogButtonBox(this);
    m_confirmButton =
        buttons->addButton(purpose == Purpose::SignInAgain ? tr("&Sign In") : tr("C&onfirm"),
                           QDialogButtonBox::AcceptRole);
    m_confirmButton->setObjectName(QStringLiteral("confirmButton"));
    m_confirmButton->setAccessibleName(m_confirmButton->text().remove(QLatin1Char('&')));
    m_confirmButton->setIcon(QIcon(QStringLiteral(":/icons/password.svg")));
    m_confirmButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel"));
    connect(m_confirmButton, &QPushButton::clicked, this, &PasswordPrompt::submit);
    connect(m_cancelButton, &QPushButton::clicked, this, &PasswordPrompt::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(reasonLabel);
    layout->addLayout(form);
    layout->addWidget(m_busyLabel);
    layout->addWidget(buttons);
    setUsername(client.session().identity().username);
}

PasswordPrompt::~PasswordPrompt() {
    m_password->clear();
}

void PasswordPrompt::setUsername(const QString& username) {
    const QString name = username.trimmed();
    m_usernameLabel->setText(name);
    m_usernameEdit->setText(name);
    m_usernameLabel->setVisible(!name.isEmpty());
    m_usernameEdit->setVisible(name.isEmpty());
    if (name.isEmpty())
        m_usernameEdit->setFocus();
    else
        m_password->setFocus();
}

QString PasswordPrompt::username() const {
    return m_usernameEdit->isHidden() ? m_usernameLabel->text() : m_usernameEdit->text().trimmed();
}

void PasswordPrompt::done(int result) {
    m_password->clear();
    QDialog::done(result);
}

void PasswordPrompt::setBusy(bool busy) {
    m_busy = busy;
    m_busyLabel->setVisible(busy);
    m_confirmButton->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_usernameEdit->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void PasswordPrompt::submit() {
    if (m_busy)
        return;
    if (username().isEmpty()) {
        m_errorLabel->setText(tr("Enter your username."));
        m_errorLabel->show();
        m_usernameEdit->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        m_errorLabel->setText(tr("Enter your password."));
        m_errorLabel->show();
        m_password->setFocus();
        return;
    }
    QString password = m_password->take();
    setBusy(true);
    if (m_purpose == Purpose::Confirm && m_client.session().capabilities().verifyPassword)
        verify(std::move(password));
    else
        signIn(std::move(password));
}

void PasswordPrompt::verify(QString password) {
    // Kept until the answer: a server without /users/verify-password/ is asked with a login.
    auto fallback = std::make_shared<crypto::Secret>(crypto::Secret::fromUtf8(password));
    const QPointer<PasswordPrompt> guard(this);
    m_client.verifyPassword(std::move(password), [guard, fallback](client::Result<bool> result) {
        if (!guard)
            return;
        if (result.error.kind == Kind::NotFound &&
            !guard->m_client.session().capabilities().verifyPassword) {
            QByteArray bytes = fallback->reveal();
            fallback->clear();
            QString again = QString::fromUtf8(bytes);
            crypto::wipe(bytes);
            guard->signIn(std::move(again));
            return;
        }
        fallback->clear();
        guard->setBusy(false);
        if (result.ok() && *result.value) {
            guard->succeeded();
            return;
        }
        if (result.ok()) {
            guard->failed(tr("That is not your password. Try again."), true);
            return;
        }
        guard->showLoginFailure(result.error);
    });
}

void PasswordPrompt::signIn(QString password) {
    const QPointer<PasswordPrompt> guard(this);
    m_client.session().login(username(), std::move(password),
                             [guard](const client::Result<client::Session::Identity>& result) {
                                 if (!guard)
                                     return;
                                 guard->setBusy(false);
                                 if (result.ok()) {
                                     guard->succeeded();
                                     return;
                                 }
                                 guard->showLoginFailure(result.error);
                             });
}

void PasswordPrompt::showLoginFailure(const client::ApiError& error) {
    // A refused password and a throttled one both count; an unreachable server does not.
    const bool counts = error.kind == Kind::Unauthorized || error.kind == Kind::Validation ||
                        error.kind == Kind::Throttled || error.kind == Kind::Forbidden;
    QString message = error.fieldError(QStringLiteral("non_field_errors"));
    if (message.isEmpty())
        message = error.message;
    failed(message, counts);
}

void PasswordPrompt::succeeded() {
    qCInfo(lcUi) << "password confirmed";
    m_failures = 0;
    emit confirmed();
    accept();
}

void PasswordPrompt::failed(const QString& message, bool counts) {
    if (counts)
        ++m_failures;
    qCInfo(lcUi) << "password refused; failures in a row:" << m_failures;
    if (m_failures >= MaxFailures) {
        emit gaveUp();
        reject();
        return;
    }
    m_errorLabel->setText(message);
    m_errorLabel->show();
    m_password->clear();
    m_password->setFocus();
}

} // namespace paycred::ui
