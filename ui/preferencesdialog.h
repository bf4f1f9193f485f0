#pragma once

#include <QDialog>

class QCheckBox;
class QPushButton;
class QSpinBox;

namespace paycred::ui {

class Preferences;

// PreferencesDialog: edits the security timeouts and the live-reveal rule; OK saves them through
// Preferences, Cancel leaves them as they were.
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
    QPushButton* m_okButton;
    QPushButton* m_cancelButton;
};

} // namespace paycred::ui
