#include "ui/verifykeydialog.h"

#include "ui/credentialtext.h"
#include "ui/fielderror.h"
#include "ui/logging.h"
#include "ui/passwordfield.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace paycred::ui {

VerifyKeyDialog::VerifyKeyDialog(client::CredentialsClient& client,
                                 const client::Credential& credential, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_credential(credential)
    , m_privateKey(
          new PasswordField(QStringLiteral("privateKeyEdit"), tr("Private key to check"), this))
    , m_privateKeyError(new FieldError(QStringLiteral("privateKeyError"), this))
    , m_formError(new FieldError(QStringLiteral("formError"), this))
    , m_resultIcon(new QLabel(this))
    , m_resultLabel(new QLabel(this))
    , m_busyLabel(new QLabel(tr("Checking…"), this)) {
    setObjectName(QStringLiteral("verifyKeyDialog"));
    setWindowTitle(tr("Verify private key"));
    setAccessibleName(windowTitle());
    setModal(true);

    auto* intro = new QLabel(tr("Enter a private key to check whether it is the one stored for "
                                "%1. The stored key is not shown.")
                                 .arg(credentialName(credential)),
                             this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setWordWrap(true);

    auto* keyLabel = new QLabel(tr("&Private key:"), this);
    keyLabel->setBuddy(m_privateKey->edit());

    m_resultIcon->setObjectName(QStringLiteral("resultIcon"));
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setAccessibleName(tr("Verification result"));
    m_resultLabel->setWordWrap(true);
    auto* result = new QHBoxLayout;
    result->addWidget(m_resultIcon);
    result->addWidget(m_resultLabel, 1);

    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->setAccessibleName(tr("Busy"));

    auto* buttons = new QDialogButtonBox(this);
    m_verifyButton = buttons->addButton(tr("&Verify"), QDialogButtonBox::ActionRole);
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_verifyButton->setAccessibleName(tr("Verify the private key"));
    m_verifyButton->setIcon(QIcon(QStringLiteral(":/icons/verify.svg")));
    m_verifyButton->setDefault(true);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAccessibleName(tr("Close"));
    connect(m_verifyButton, &QPushButton::clicked, this, &VerifyKeyDialog::verify);
    connect(m_closeButton, &QPushButton::clicked, this, &VerifyKeyDialog::reject);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_busyLabel);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(keyLabel);
    layout->addWidget(m_privateKey);
    layout->addWidget(m_privateKeyError);
    layout->addLayout(result);
    layout->addWidget(m_formError);
    layout->addStretch(1);
    layout->addLayout(bottom);
    setMinimumWidth(420);

    showResult(std::nullopt);
    setBusy(false);
    m_privateKey->setFocus();
}

VerifyKeyDialog::~VerifyKeyDialog() {
    m_privateKey->clear();
}

void VerifyKeyDialog::verify() {
    if (m_busy)
        return;
    m_privateKeyError->clearMessage();
    m_formError->clearMessage();
    if (m_privateKey->text().isEmpty()) {
        m_privateKeyError->setMessage(tr("Enter the private key to check."));
        m_privateKey->setFocus();
        return;
    }
    // An answer left on screen while the next key is checked would seem to be about that key.
    showResult(std::nullopt);
    setBusy(true);
    m_client.verifyPrivateKey(m_credential.id, m_privateKey->take(),
                              [self = QPointer(this)](Result result) {
                                  if (self)
                                      self->answered(std::move(result));
                              });
}

void VerifyKeyDialog::answered(Result result) {
    setBusy(false);
    if (!isVisible()) // closed meanwhile: an answer shown on the next opening would mislead
        return;
    m_privateKey->setFocus();
    if (!result.ok()) {
        qCInfo(lcUi) << "verifying a private key failed:" << result.error.kind
                     << result.error.status;
        m_formError->setMessage(result.error.message.isEmpty()
                                    ? tr("The key could not be checked. Try again.")
                                    : result.error.message);
        return;
    }
    showResult(*result.value);
    emit verified(*result.value);
}

void VerifyKeyDialog::showResult(std::optional<bool> matches) {
    m_lastResult = matches;
    m_resultIcon->setVisible(matches.has_value());
    m_resultLabel->setVisible(matches.has_value());
    if (!matches) {
        m_resultLabel->clear();
        m_resultIcon->clear();
        return;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_resultIcon->setPixmap(
        QIcon(*matches ? QStringLiteral(":/icons/verify.svg") : QStringLiteral(":/icons/error.svg"))
            .pixmap(size, size));
    m_resultLabel->setText(*matches ? tr("The key matches the stored private key.")
                                    : tr("The key does NOT match the stored private key."));
    QPalette colours = palette();
    colours.setColor(QPalette::WindowText,
                     *matches ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
    m_resultLabel->setPalette(colours);
    m_resultLabel->setAccessibleDescription(m_resultLabel->text());
}

void VerifyKeyDialog::setBusy(bool busy) {
    m_busy = busy;
    m_verifyButton->setEnabled(!busy);
    m_privateKey->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
}

void VerifyKeyDialog::done(int result) {
    m_privateKey->clear();
    m_privateKeyError->clearMessage();
    m_formError->clearMessage();
    showResult(std::nullopt);
    QDialog::done(result);
}

} // namespace paycred::ui
