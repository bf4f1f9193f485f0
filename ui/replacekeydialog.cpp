#include "ui/replacekeydialog.h"

#include "ui/credentialtext.h"
#include "ui/keyentry.h"
#include "ui/logging.h"

#include <QPointer>
#include <QVBoxLayout>

namespace paycred::ui {

ReplaceKeyDialog::ReplaceKeyDialog(client::CredentialsClient& client,
                                   const client::Credential& credential, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_credential(credential)
    , m_entry(new KeyEntry(
          KeyEntry::Action::Finish,
          {tr("Enter the new private key for %1. The current key is replaced "
              "and cannot be brought back.")
               .arg(credentialName(credential)),
           tr("New &private key:"), tr("New private key"), tr("Enter the new private key."),
           tr("Saving…"), tr("&Replace"), tr("Replace the private key")},
          {QStringLiteral("saveButton"), QStringLiteral(":/icons/replace-key.svg")}, this)) {
    setObjectName(QStringLiteral("replaceKeyDialog"));
    setWindowTitle(tr("Replace private key"));
    setAccessibleName(windowTitle());
    setModal(true);
    connect(m_entry, &KeyEntry::sendClicked, this, &ReplaceKeyDialog::save);
    connect(m_entry, &KeyEntry::dismissClicked, this, &ReplaceKeyDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_entry);
    setMinimumWidth(420);
    m_entry->setFocus();
}

bool ReplaceKeyDialog::isBusy() const {
    return m_entry->isBusy();
}

void ReplaceKeyDialog::save() {
    std::optional<QString> key = m_entry->start();
    if (!key)
        return;
    qCInfo(lcUi) << "replacing the private key of credential" << m_credential.id;
    m_client.replacePrivateKey(m_credential.id, std::move(*key),
                               [self = QPointer(this)](Result result) {
                                   if (self)
                                       self->answered(std::move(result));
                               });
}

void ReplaceKeyDialog::answered(Result result) {
    m_entry->setBusy(false);
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
        m_entry->showKeyError(field.isEmpty() ? error.message : field);
        return;
    }
    m_entry->showFormError(error.message.isEmpty()
                               ? tr("The private key could not be replaced. Try again.")
                               : error.message);
}

void ReplaceKeyDialog::done(int result) {
    m_entry->clear();
    QDialog::done(result);
}

} // namespace paycred::ui
