#include "ui/passwordfield.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLineEdit>
#include <QToolButton>

namespace paycred::ui {

PasswordField::PasswordField(const QString& editName, const QString& accessibleName,
                             QWidget* parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_toggle(new QToolButton(this)) {
    m_edit->setObjectName(editName);
    m_edit->setAccessibleName(accessibleName);
    m_edit->setEchoMode(QLineEdit::Password);
    // Input methods and autocompletion keep what they see; a secret must not be offered to them.
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);

    m_toggle->setObjectName(editName + QStringLiteral("Toggle"));
    m_toggle->setCheckable(true);
    m_toggle->setIcon(QIcon(QStringLiteral(":/icons/reveal.svg")));
    m_toggle->setToolTip(tr("Show or hide what you typed"));
    m_toggle->setAccessibleName(tr("Show %1").arg(accessibleName));
    m_toggle->setFocusPolicy(Qt::TabFocus);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addWidget(m_toggle);
    setFocusProxy(m_edit);

    connect(m_toggle, &QToolButton::toggled, this, &PasswordField::setRevealed);
    connect(m_edit, &QLineEdit::textChanged, this, &PasswordField::textChanged);
}

bool PasswordField::isRevealed() const {
    return m_edit->echoMode() == QLineEdit::Normal;
}

void PasswordField::setRevealed(bool revealed) {
    m_edit->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    m_toggle->setIcon(QIcon(revealed ? QStringLiteral(":/icons/conceal.svg")
                                     : QStringLiteral(":/icons/reveal.svg")));
    if (m_toggle->isChecked() != revealed)
        m_toggle->setChecked(revealed);
}

QString PasswordField::take() {
    QString text = m_edit->text();
    // setText() drops the undo history; clear() keeps it, and Ctrl+Z would bring the secret back.
    m_edit->setText(QString());
    return text;
}

QString PasswordField::text() const {
    return m_edit->text();
}

void PasswordField::clear() {
    m_edit->setText(QString());
    setRevealed(false);
}

} // namespace paycred::ui
