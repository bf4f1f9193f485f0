#include "ui/preferencesdialog.h"

#include "ui/language.h"
#include "ui/logging.h"
#include "ui/preferences.h"
#include "ui/windowfit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace paycred::ui {

namespace {

QSpinBox* makeSpin(const QString& name, const QString& accessibleName, int low, int high,
                   const QString& suffix, QWidget* parent) {
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(name);
    spin->setAccessibleName(accessibleName);
    spin->setRange(low, high);
    spin->setSuffix(suffix);
    return spin;
}

} // namespace

PreferencesDialog::PreferencesDialog(Preferences& preferences, QWidget* parent)
    : QDialog(parent)
    , m_preferences(preferences)
    , m_clipboardSecs(makeSpin(QStringLiteral("clipboardSecsSpin"),
                               tr("Seconds before the clipboard is cleared"), 5, 600, tr(" s"),
                               this))
    , m_revealSecs(makeSpin(QStringLiteral("revealSecsSpin"),
                            tr("Seconds a revealed key stays visible"), 5, 600, tr(" s"), this))
    , m_autoLock(makeSpin(QStringLiteral("autoLockSpin"),
                          tr("Minutes without use before the app locks"), 0, 240, tr(" min"), this))
    , m_askLive(new QCheckBox(tr("Ask for my &password before revealing a live key"), this))
    , m_language(new QComboBox(this))
    , m_languageNote(new QLabel(tr("PayCred speaks the new language from its next start."), this)) {
    setObjectName(QStringLiteral("preferencesDialog"));
    WindowFit::apply(this, 60);
    setWindowTitle(tr("Preferences"));
    setWindowModality(Qt::WindowModal);
    setAccessibleName(tr("Preferences"));

    // 0 minutes means the app never locks on its own: say so instead of "0 min".
    m_autoLock->setSpecialValueText(tr("Never"));
    m_askLive->setObjectName(QStringLiteral("askLiveCheck"));
    m_askLive->setAccessibleName(tr("Ask for the password before revealing a live key"));

    m_clipboardSecs->setValue(preferences.clipboardClearSecs());
    m_revealSecs->setValue(preferences.revealHideSecs());
    m_autoLock->setValue(preferences.autoLockMinutes());
    m_askLive->setChecked(preferences.askPasswordForLiveReveal());

    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language of the app"));
    for (const Language::Choice& choice : Language::choices()) {
        const QString name =
            choice.code.isEmpty()
                ? tr("System (%1)").arg(Language::nameOf(Language::localeFor(QString())))
                : choice.name;
        m_language->addItem(name, choice.code);
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(preferences.language())));
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setWordWrap(true);
    m_languageNote->setVisible(false);
    const int openedWith = m_language->currentIndex();
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this, openedWith](int index) { m_languageNote->setVisible(index != openedWith); });

    auto* form = new QFormLayout;
    const auto addRow = [&](const QString& label, QWidget* field) {
        auto* caption = new QLabel(label, this);
        caption->setBuddy(field);
        form->addRow(caption, field);
    };
    addRow(tr("Clear a copied key from the &clipboard after:"), m_clipboardSecs);
    addRow(tr("Hide a &revealed key after:"), m_revealSecs);
    addRow(tr("&Lock after this long without use:"), m_autoLock);
    form->addRow(QString(), m_askLive);
    addRow(tr("Lan&guage:"), m_language);
    form->addRow(QString(), m_languageNote);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    m_okButton->setObjectName(QStringLiteral("okButton"));
    m_okButton->setAccessibleName(tr("OK"));
    m_okButton->setDefault(true);
    m_cancelButton = buttons->button(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    m_clipboardSecs->setFocus();
}

void PreferencesDialog::accept() {
    m_preferences.setClipboardClearSecs(m_clipboardSecs->value());
    m_preferences.setRevealHideSecs(m_revealSecs->value());
    m_preferences.setAutoLockMinutes(m_autoLock->value());
    m_preferences.setAskPasswordForLiveReveal(m_askLive->isChecked());
    m_preferences.setLanguage(m_language->currentData().toString());
    qCInfo(lcUi) << "preferences saved";
    QDialog::accept();
}

} // namespace paycred::ui
