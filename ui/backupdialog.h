#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace paycred::ui {

class Connection;
class FieldError;
class FileField;
class PasswordField;
class StatusLabel;

// BackupDialog: writes the unlocked local vault to one passphrase-protected backup file, on the
// vault's worker thread (key derivation and the snapshot take seconds), with its progress.
class BackupDialog : public QDialog {
    Q_OBJECT
public:
    explicit BackupDialog(Connection& connection, QWidget* parent = nullptr);
    ~BackupDialog() override;

    // ~/PayCred-backup-<yyyy-MM-dd>.paycred-backup
    static QString defaultPath();
    bool isRunning() const { return m_running; }
    void done(int result) override;

signals:
    // A backup ran: `ok` when the file was written.
    void finished(bool ok);

private:
    void start();
    bool validate();
    void setRunning(bool running);
    void setProgress(int percent);

    Connection& m_connection;
    FileField* m_file;
    PasswordField* m_passphrase;
    PasswordField* m_confirmPassphrase;
    FieldError* m_pathError;
    FieldError* m_passphraseError;
    QProgressBar* m_progress;
    StatusLabel* m_status;
    QPushButton* m_backupButton;
    QPushButton* m_closeButton;
    bool m_running = false;
};

} // namespace paycred::ui
