#include "ui/keyentry.h"

#include "ui/fielderror.h"
#include "ui/passwordfield.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paycred::ui {

KeyEntry::KeyEntry(Action action, const Texts& texts, const SendButton& send, QWidget* parent)
    : QWidget(parent)
    , m_missing(texts.missing)
    , m_layout(new QVBoxLayout(this))
    , m_key(new PasswordField(QStringLiteral("privateKeyEdit"), texts.keyName, this))
    , m_keyError(new FieldError(QStringLiteral("privateKeyError"), this))
    , m_formError(new FieldError(QStringLiteral("formError"), this))
    , m_busyLabel(new QLabel(texts.busy, this)) {
    auto* intro = new QLabel(texts.intro, this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setWordWrap(true);

    auto* caption = new QLabel(texts.caption, this);
    caption->setBuddy(m_key->edit());

    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    m_busyLabel->setAccessibleName(tr("Busy"));

    const bool finish = action == Action::Finish;
    auto* buttons = new QDialogButtonBox(this);
    m_sendButton = buttons->addButton(texts.send, finish ? QDialogButtonBox::AcceptRole
                                                         : QDialogButtonBox::ActionRole);
    m_sendButton->setObjectName(send.objectName);
    m_sendButton->setAccessibleName(texts.sendName);
    m_sendButton->setIcon(QIcon(send.icon));
    m_sendButton->setDefault(true);
    QPushButton* dismiss =
        buttons->addButton(finish ? QDialogButtonBox::Cancel : QDialogButtonBox::Close);
    dismiss->setObjectName(finish ? QStringLiteral("cancelButton") : QStringLiteral("closeButton"));
    dismiss->setAccessibleName(finish ? tr("Cancel") : tr("Close"));
    connect(m_sendButton, &QPushButton::clicked, this, &KeyEntry::sendClicked);
    connect(dismiss, &QPushButton::clicked, this, &KeyEntry::dismissClicked);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_busyLabel);
    bottom->addStretch(1);
    bottom->addWidget(buttons);

    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(intro);
    m_layout->addWidget(caption);
    m_layout->addWidget(m_key);
    m_layout->addWidget(m_keyError);
    m_layout->addWidget(m_formError);
    m_layout->addStretch(1);
    m_layout->addLayout(bottom);
    setFocusProxy(m_key);
    setBusy(false);
}

KeyEntry::~KeyEntry() {
    m_key->clear();
}

void KeyEntry::addDetail(QLayout* detail) {
    m_layout->insertLayout(m_layout->indexOf(m_formError), detail);
}

std::optional<QString> KeyEntry::start() {
    if (m_busy)
        return std::nullopt;
    m_keyError->clearMessage();
    m_formError->clearMessage();
    if (m_key->text().trimmed().isEmpty()) {
        showKeyError(m_missing);
        return std::nullopt;
    }
    setBusy(true);
    return m_key->take();
}

void KeyEntry::setBusy(bool busy) {
    m_busy = busy;
    m_sendButton->setEnabled(!busy);
    m_key->setEnabled(!busy);
    m_busyLabel->setVisible(busy);
}

void KeyEntry::showKeyError(const QString& message) {
    m_keyError->setMessage(message);
    m_key->setFocus();
}

void KeyEntry::showFormError(const QString& message) {
    m_formError->setMessage(message);
}

void KeyEntry::clear() {
    m_key->clear();
    m_keyError->clearMessage();
    m_formError->clearMessage();
}

} // namespace paycred::ui
