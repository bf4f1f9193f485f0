#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace paycred::ui {

class Preferences;

// PreferencesDialog: edits the security timeouts, the live-reveal rule and the language; OK saves
// them through Preferences, Cancel leaves them as they were. A new language is used from the next
// start (the windows build their text once), which the dialog says as soon as one is chosen.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(Preferences& preferences, QWidget* parent = nullptr);

    void accept() override;

private:
    Preferences& m_preferences;
    QSpinBox* m_clipboardSecs;
    QSpinBox* m_revealSecs;
    QSpinBox* m_autoLock;
    QCheckBox* m_askLive;
    QComboBox* m_language;
    QLabel* m_languageNote;
    QPushButton* m_okButton;
    QPushButton* m_cancelButton;
};

} // namespace paycred::ui
