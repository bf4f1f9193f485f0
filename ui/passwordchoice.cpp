#include "ui/passwordchoice.h"

#include "core/crypto/secret.h"
#include "ui/fielderror.h"
#include "ui/passwordfield.h"
#include "ui/passwordgenerator.h"
#include "ui/passwordstrength.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace paycred::ui {

PasswordChoice::PasswordChoice(QWidget* parent)
    : QWidget(parent)
    , m_typed(new QRadioButton(tr("&Type a password"), this))
    , m_generated(new QRadioButton(tr("&Generate one (shown once, after it is saved)"), this))
    , m_password(new PasswordField(QStringLiteral("userPasswordEdit"), tr("Password"), this))
    , m_confirm(new PasswordField(QStringLiteral("userConfirmPasswordEdit"),
                                  tr("Confirm the password"), this))
    , m_strength(new QLabel(this))
    , m_error(new FieldError(QStringLiteral("userPasswordError"), tr("Password error"), this)) {
    m_typed->setObjectName(QStringLiteral("typePasswordRadio"));
    m_generated->setObjectName(QStringLiteral("generatePasswordRadio"));
    m_strength->setObjectName(QStringLiteral("userPasswordStrength"));
    m_strength->setAccessibleName(tr("Password strength"));
    m_typed->setChecked(true);

    auto* form = new QFormLayout;
    auto* passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password->edit());
    form->addRow(passwordLabel, m_password);
    auto* confirmLabel = new QLabel(tr("Con&firm:"), this);
    confirmLabel->setBuddy(m_confirm->edit());
    form->addRow(confirmLabel, m_confirm);
    form->addRow(QString(), m_strength);
    form->addRow(QString(), m_error);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_typed);
    layout->addLayout(form);
    layout->addWidget(m_generated);

    for (PasswordField* field : {m_password, m_confirm})
        connect(field, &PasswordField::textChanged, this, &PasswordChoice::update);
    connect(m_generated, &QRadioButton::toggled, this, &PasswordChoice::update);
    update();
}

PasswordChoice::~PasswordChoice() {
    clear();
}

bool PasswordChoice::isGenerated() const {
    return m_generated->isChecked();
}

void PasswordChoice::setGenerated(bool generated) {
    (generated ? m_generated : m_typed)->setChecked(true);
}

QString PasswordChoice::problem() const {
    if (isGenerated())
        return {};
    const QString password = m_password->text();
    if (password.isEmpty())
        return tr("Type a password, or choose a generated one.");
    if (m_confirm->text() != password)
        return tr("The two passwords do not match. Type the password again in Confirm.");
    return {};
}

QString PasswordChoice::take() {
    if (isGenerated())
        return PasswordGenerator::generate();
    QString confirmation = m_confirm->take();
    crypto::wipe(confirmation);
    return m_password->take();
}

void PasswordChoice::setError(const QString& message) {
    m_error->setMessage(message);
    if (!message.isEmpty() && !isGenerated())
        m_password->setFocus();
}

void PasswordChoice::clear() {
    m_password->clear();
    m_confirm->clear();
}

void PasswordChoice::update() {
    const bool typed = !isGenerated();
    m_password->setEnabled(typed);
    m_confirm->setEnabled(typed);
    const PasswordStrength::Assessment strength =
        PasswordStrength::assess(typed ? m_password->text() : QString());
    m_strength->setText(PasswordStrength::describe(strength));
    m_strength->setVisible(typed && strength.rating != PasswordStrength::Rating::Empty);
    m_error->clearMessage();
    emit changed();
}

} // namespace paycred::ui
