#include "ui/replacekeydialog.h"

#include "ui/credentialtext.h"
#include "ui/fielderror.h"
#include "ui/logging.h"
#include "ui/passwordfield.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace paycred::ui {

ReplaceKeyDialog::ReplaceKeyDialog(client::CredentialsClient& client,
                                   const client::Credential& credential, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_credential(credential)
    , m_privateKey(new PasswordField(QStringLiteral("privateKeyEdit"), tr("New private key"), this))
    , m_privateKeyError(new FieldError(QStringLiteral("privateKeyError"), this))
    , m_formError(new FieldError(QStringLiteral("formError"), this))
    , m_busyLabel(new QLabel(tr("Saving…"), this)) {
    setObjectName(QStringLiteral("replaceKeyDialog"));
    setWindowTitle(tr("Replace private key"));
    setAccessibleName(windowTitle());
    setModal(true);

    auto* intro = new QLabel(tr("Enter the new private key for %1. The current key is replaced "
                                "and cannot be brought back.")
                                 .arg(credentialName(credential)),
                             this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setWordWrap(true);

    auto* keyLabel = new QLabel(tr("New &private key:"), this);
    keyLabel->setBuddy(m_privateKey->edit());

    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->setAccessibleName(tr("Busy"));
    m_busyLabel->setVisible(false);

    auto* buttons = new QDialogButtonBox(this);
    m_saveButton = buttons->addButton(tr("&Replace"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setAccessibleName(tr("Replace the private key"));
    m_saveButton->setIcon(QIcon(QStringLiteral(":/icons/replace-key.svg")));
    m_saveButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel"));
    connect(m_saveButton, &QPushButton::clicked, this, &ReplaceKeyDialog::save);
    connect(m_cancelButton, &QPushButton::clicked, this, &ReplaceKeyDialog::reject);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_busyLabel);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(keyLabel);
    layout->addWidget(m_privateKey);
    layout->addWidget(m_privateKeyError);
    layout->addWidget(m_formError);
    layout->addStretch(1);
    layout->addLayout(bottom);
    setMinimumWidth(420);
    m_privateKey->setFocus();
}

ReplaceKeyDialog::~ReplaceKeyDialog() {
    m_privateKey->clear();
}

void ReplaceKeyDialog::save() {
    if (m_busy)
        return;
    m_privateKeyError->clearMessage();
    m_formError->clearMessage();
    if (m_privateKey->text().trimmed().isEmpty()) {
        m_privateKeyError->setMessage(tr("Enter the new private key."));
        m_privateKey->setFocus();
        return;
    }
    qCInfo(lcUi) << "replacing the private key of credential" << m_credential.id;
    setBusy(true);
    m_client.replacePrivateKey(m_credential.id, m_privateKey->take(),
                               [self = QPointer(this)](Result result) {
                                   if (self)
                                       self->answered(std::move(result));
                               });
}

void ReplaceKeyDialog::answered(Result result) {
    setBusy(false);
    if (!result.ok()) {
        if (isVisible())
            showFailure(result.error);
        return;
    }
    emit saved(*result.value);
    if (isVisible())
        accept();
}

void ReplaceKeyDialog::showFailure(const client::ApiError& error) {
    qCInfo(lcUi) << "replacing the private key failed:" << error.kind << error.status;
    // The only field here is the key: whatever the server found wrong with the request is wrong
    // with it ({"error": "Private key must be at least 10 characters long"}).
    if (error.kind == client::ApiError::Kind::Validation) {
        const QString field = error.fieldError(QStringLiteral("private_key"));
        m_privateKeyError->setMessage(field.isEmpty() ? error.message : field);
        m_privateKey->setFocus();
        return;
    }
    m_formError->setMessage(error.message.isEmpty()
                                ? tr("The private key could not be replaced. Try again.")
                                : error.message);
}

void ReplaceKeyDialog::setBusy(bool busy) {
    m_busy = busy;
    m_saveButton->setEnabled(!busy);
    m_privateKey->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
}

void ReplaceKeyDialog::done(int result) {
    m_privateKey->clear();
    m_privateKeyError->clearMessage();
    m_formError->clearMessage();
    QDialog::done(result);
}

} // namespace paycred::ui
