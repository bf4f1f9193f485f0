#include "ui/generatedpassworddialog.h"

#include "core/crypto/secret.h"
#include "ui/clipboardguard.h"
#include "ui/keyview.h"
#include "ui/windowfit.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paycred::ui {

GeneratedPasswordDialog::GeneratedPasswordDialog(const QString& username, QString password,
                                                 ClipboardGuard& clipboard, int clearAfterSecs,
                                                 QWidget* parent)
    : QDialog(parent)
    , m_clipboard(clipboard)
    , m_clearAfterSecs(clearAfterSecs)
    , m_password(new QLineEdit(this))
    , m_copy(new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("&Copy"), this)) {
    setObjectName(QStringLiteral("generatedPasswordDialog"));
    WindowFit::apply(this, 52);
    setWindowTitle(tr("New Password"));
    setAccessibleName(tr("Generated password"));
    setWindowModality(Qt::WindowModal);
    setAttribute(Qt::WA_DeleteOnClose);

    auto* note = new QLabel(tr("The password of %1 is shown this once: give it to them in a safe "
                               "way now. If it is lost, reset it again.")
                                .arg(username),
                            this);
    note->setObjectName(QStringLiteral("generatedPasswordNote"));
    note->setWordWrap(true);
    m_password->setObjectName(QStringLiteral("generatedPasswordEdit"));
    m_password->setAccessibleName(tr("Generated password"));
    m_password->setReadOnly(true);
    m_password->setFont(KeyView::monospace(m_password->font()));
    m_password->setText(password);
    crypto::wipe(password);
    m_copy->setObjectName(QStringLiteral("copyPasswordButton"));
    m_copy->setAccessibleName(tr("Copy the password"));

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_password);
    layout->addWidget(buttons);
    connect(m_copy, &QPushButton::clicked, this, &GeneratedPasswordDialog::copy);
    connect(close, &QPushButton::clicked, this, &GeneratedPasswordDialog::accept);
}

GeneratedPasswordDialog::~GeneratedPasswordDialog() {
    forget();
}

void GeneratedPasswordDialog::done(int result) {
    forget();
    QDialog::done(result);
}

void GeneratedPasswordDialog::copy() {
    m_clipboard.copySecret(m_password->text(), m_clearAfterSecs);
    m_copy->setText(tr("Copied: cleared in %n s", nullptr, m_clearAfterSecs));
}

void GeneratedPasswordDialog::forget() {
    QString text = m_password->text();
    m_password->clear();
    crypto::wipe(text);
}

} // namespace paycred::ui
