#include "ui/replacekeydialog.h"

#include "core/crypto/secret.h"
#include "ui/changednotice.h"
#include "ui/credentialtext.h"
#include "ui/credentialversion.h"
#include "ui/keyentry.h"
#include "ui/logging.h"
#include "ui/windowfit.h"

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
          {QStringLiteral("saveButton"), QStringLiteral(":/icons/replace-key.svg")}, this))
    , m_version(new CredentialVersion(client, credential, this))
    , m_changed(new ChangedNotice(tr("Someone else changed this credential after you opened it. "
                                     "Reload it to see it as it is now, then enter the new key "
                                     "again."),
                                  this)) {
    setObjectName(QStringLiteral("replaceKeyDialog"));
    WindowFit::apply(this, 56);
    setWindowTitle(tr("Replace private key"));
    setAccessibleName(windowTitle());
    setModal(true);
    connect(m_entry, &KeyEntry::sendClicked, this, &ReplaceKeyDialog::save);
    connect(m_entry, &KeyEntry::dismissClicked, this, &ReplaceKeyDialog::reject);
    connect(m_version, &CredentialVersion::loaded, this, &ReplaceKeyDialog::loaded);
    connect(m_version, &CredentialVersion::failed, this, &ReplaceKeyDialog::loadFailed);
    connect(m_changed, &ChangedNotice::reloadClicked, this, &ReplaceKeyDialog::reload);
    auto* notice = new QVBoxLayout;
    notice->addWidget(m_changed);
    m_entry->addDetail(notice);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_entry);
    m_entry->setFocus();
    m_version->load(); // the version the key replaces; typing goes on meanwhile
}

bool ReplaceKeyDialog::isBusy() const {
    return m_entry->isBusy();
}

void ReplaceKeyDialog::save() {
    std::optional<QString> key = m_entry->start();
    if (!key)
        return;
    m_changed->hideNotice();
    if (m_version->isLoading()) {
        m_pendingKey = std::move(key); // sent once the version is known
        return;
    }
    send(std::move(*key));
}

void ReplaceKeyDialog::send(QString key) {
    qCInfo(lcUi) << "replacing the private key of credential" << m_credential.id;
    m_client.replacePrivateKey(
        m_credential.id, std::move(key),
        [self = QPointer(this)](Result result) {
            if (self)
                self->answered(std::move(result));
        },
        m_version->entityTag());
}

void ReplaceKeyDialog::loaded(const client::Credential& credential, bool changed) {
    if (changed)
        emit refreshed(credential);
    if (!m_pendingKey)
        return;
    if (changed) {
        // Replacing a key nobody here has seen changed could undo someone else's replacement.
        dropPendingKey();
        m_entry->setBusy(false);
        m_changed->showNotice();
        return;
    }
    QString key = std::move(*m_pendingKey);
    m_pendingKey.reset();
    send(std::move(key));
}

void ReplaceKeyDialog::loadFailed(const client::ApiError& error) {
    if (m_pendingKey) {
        dropPendingKey();
        m_entry->setBusy(false);
    }
    showFailure(error);
}

void ReplaceKeyDialog::reload() {
    m_changed->hideNotice();
    m_version->load();
}

void ReplaceKeyDialog::dropPendingKey() {
    if (m_pendingKey)
        crypto::wipe(*m_pendingKey);
    m_pendingKey.reset();
}

void ReplaceKeyDialog::answered(Result result) {
    m_entry->setBusy(false);
    if (!result.ok()) {
        if (!isVisible())
            return;
        if (result.error.kind == client::ApiError::Kind::Changed)
            m_changed->showNotice();
        else
            showFailure(result.error);
        return;
    }
    m_version->written(*result.value);
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
    dropPendingKey();
    m_entry->clear();
    QDialog::done(result);
}

} // namespace paycred::ui
