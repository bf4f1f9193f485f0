#include "ui/verifykeydialog.h"

#include "ui/credentialtext.h"
#include "ui/keyentry.h"
#include "ui/logging.h"
#include "ui/windowfit.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPalette>
#include <QPointer>
#include <QStyle>
#include <QVBoxLayout>

namespace paycred::ui {

VerifyKeyDialog::VerifyKeyDialog(client::CredentialsClient& client,
                                 const client::Credential& credential, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_credential(credential)
    , m_entry(new KeyEntry(
          KeyEntry::Action::Repeat,
          {tr("Enter a private key to check whether it is the one stored for "
              "%1. The stored key is not shown.")
               .arg(credentialName(credential)),
           tr("&Private key:"), tr("Private key to check"), tr("Enter the private key to check."),
           tr("Checking…"), tr("&Verify"), tr("Verify the private key")},
          {QStringLiteral("verifyButton"), QStringLiteral(":/icons/verify.svg")}, this))
    , m_resultIcon(new QLabel(this))
    , m_resultLabel(new QLabel(this)) {
    setObjectName(QStringLiteral("verifyKeyDialog"));
    WindowFit::apply(this, 56);
    setWindowTitle(tr("Verify private key"));
    setAccessibleName(windowTitle());
    setModal(true);
    connect(m_entry, &KeyEntry::sendClicked, this, &VerifyKeyDialog::verify);
    connect(m_entry, &KeyEntry::dismissClicked, this, &VerifyKeyDialog::reject);

    m_resultIcon->setObjectName(QStringLiteral("resultIcon"));
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setAccessibleName(tr("Verification result"));
    m_resultLabel->setWordWrap(true);
    auto* result = new QHBoxLayout;
    result->addWidget(m_resultIcon);
    result->addWidget(m_resultLabel, 1);
    m_entry->addDetail(result);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_entry);

    showResult(std::nullopt);
    m_entry->setFocus();
}

bool VerifyKeyDialog::isBusy() const {
    return m_entry->isBusy();
}

void VerifyKeyDialog::verify() {
    std::optional<QString> key = m_entry->start();
    if (!key)
        return;
    // An answer left on screen while the next key is checked would seem to be about that key.
    showResult(std::nullopt);
    m_client.verifyPrivateKey(m_credential.id, std::move(*key),
                              [self = QPointer(this)](Result result) {
                                  if (self)
                                      self->answered(std::move(result));
                              });
}

void VerifyKeyDialog::answered(Result result) {
    m_entry->setBusy(false);
    if (!isVisible()) // closed meanwhile: an answer shown on the next opening would mislead
        return;
    m_entry->setFocus();
    if (!result.ok()) {
        qCInfo(lcUi) << "verifying a private key failed:" << result.error.kind
                     << result.error.status;
        m_entry->showFormError(result.error.message.isEmpty()
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

void VerifyKeyDialog::done(int result) {
    m_entry->clear();
    showResult(std::nullopt);
    QDialog::done(result);
}

} // namespace paycred::ui
