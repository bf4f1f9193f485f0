#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace paycred::vault {
struct VaultStatus;
}

namespace paycred::ui {

class Connection;
class FieldError;
class FileField;
class PasswordField;
class StatusLabel;

// RestoreDialog: brings a backup back — merged into the unlocked vault of `connection` (with a
// report of what was imported, replaced and skipped), or written as a new vault file when the
// old one is lost. The work runs off the GUI thread: it derives keys and copies the whole vault.
class RestoreDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Import, NewVault };

    // Import into the unlocked vault of `connection`.
    explicit RestoreDialog(Connection& connection, QWidget* parent = nullptr);
    // Restore as a new vault file, suggested at `newVaultPath`.
    explicit RestoreDialog(const QString& newVaultPath, QWidget* parent = nullptr);
    ~RestoreDialog() override;

    Mode mode() const { return m_mode; }
    bool isRunning() const { return m_running; }
    void done(int result) override;

signals:
    // Import: the backup's credentials are in the vault (refresh what shows them).
    void imported();
    // NewVault: the restored vault is at `vaultPath`.
    void restored(const QString& vaultPath);

private:
    RestoreDialog(Mode mode, Connection* connection, const QString& newVaultPath, QWidget* parent);
    void start();
    void startImport(const QString& backupPath, QString passphrase);
    void startNewVault(const QString& backupPath, QString passphrase, const QString& target);
    void finishFailed(const vault::VaultStatus& status);
    void setRunning(bool running);

    Mode m_mode;
    Connection* m_connection = nullptr;
    FileField* m_backupFile;
    FileField* m_targetFile = nullptr; // NewVault: where the restored vault goes
    PasswordField* m_passphrase;
    QComboBox* m_conflict = nullptr;
    FieldError* m_pathError;
    FieldError* m_passphraseError;
    QProgressBar* m_progress;
    StatusLabel* m_status;
    QTreeWidget* m_reportView = nullptr;
    QLabel* m_reportSummary = nullptr;
    QPushButton* m_restoreButton;
    QPushButton* m_closeButton;
    bool m_running = false;
};

} // namespace paycred::ui
