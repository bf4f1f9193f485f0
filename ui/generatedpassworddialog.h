#pragma once

#include <QDialog>
#include <QString>

class QLineEdit;
class QPushButton;

namespace paycred::ui {

class ClipboardGuard;

// GeneratedPasswordDialog: a generated password, shown this once after it was saved, with a
// button that puts it on the clipboard through the ClipboardGuard (cleared after the
// preference's seconds). It is forgotten when the dialog closes. Opened with open().
class GeneratedPasswordDialog : public QDialog {
    Q_OBJECT
public:
    // `clipboard` must outlive the dialog.
    GeneratedPasswordDialog(const QString& username, QString password, ClipboardGuard& clipboard,
                            int clearAfterSecs, QWidget* parent);
    ~GeneratedPasswordDialog() override;

    void done(int result) override;

private:
    void copy();
    void forget();

    ClipboardGuard& m_clipboard;
    int m_clearAfterSecs;
    QLineEdit* m_password;
    QPushButton* m_copy;
};

} // namespace paycred::ui
