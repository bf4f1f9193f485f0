#include "ui/restoredialog.h"

#include "core/client/embeddedtransport.h"
#include "core/crypto/secret.h"
#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "ui/connection.h"
#include "ui/fielderror.h"
#include "ui/filefield.h"
#include "ui/logging.h"
#include "ui/passwordfield.h"
#include "ui/statuslabel.h"
#include "ui/windowfit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace paycred::ui {

namespace {

using vault::Backup;
using vault::VaultStatus;

// One line of the report: who, which provider, what happened.
struct ReportRow {
    enum class Outcome { Imported, Replaced, Skipped };
    QString username;
    QString provider;
    Outcome outcome = Outcome::Imported;
    QString reason;
};

// What the worker thread and the GUI thread share for one restore.
struct RestoreJob {
    QString backupPath;
    QString passphrase;
    QString target;
    Backup::Conflict conflict = Backup::Conflict::Skip;
    VaultStatus status;
    Backup::ImportReport report;
    QList<ReportRow> rows;
};

// Runs on the vault's worker thread.
void importBackup(vault::Vault& vault, RestoreJob& job) {
    job.status =
        Backup::importInto(vault, job.backupPath, job.passphrase, job.conflict, &job.report);
    crypto::wipe(job.passphrase);
    if (!job.status.ok())
        return;
    for (const Backup::Written& written : job.report.written)
        job.rows.append(
            {written.username, written.provider,
             written.replaced ? ReportRow::Outcome::Replaced : ReportRow::Outcome::Imported,
             QString()});
    for (const Backup::Skipped& skipped : job.report.skipped)
        job.rows.append(
            {skipped.username, skipped.provider, ReportRow::Outcome::Skipped, skipped.reason});
}

} // namespace

RestoreDialog::RestoreDialog(Connection& connection, QWidget* parent)
    : RestoreDialog(Mode::Import, &connection, QString(), parent) {}

RestoreDialog::RestoreDialog(const QString& newVaultPath, QWidget* parent)
    : RestoreDialog(Mode::NewVault, nullptr, newVaultPath, parent) {}

RestoreDialog::RestoreDialog(Mode mode, Connection* connection, const QString& newVaultPath,
                             QWidget* parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_connection(connection)
    , m_backupFile(new FileField(
          QStringLiteral("backupPathEdit"), FileField::Kind::Backup, FileField::Mode::Open,
          {tr("Backup file"), tr("&Browse…"), tr("Choose the backup file"), tr("Choose a Backup")},
          this))
    , m_passphrase(
          new PasswordField(QStringLiteral("passphraseEdit"), tr("Backup passphrase"), this))
    , m_pathError(new FieldError(QStringLiteral("pathError"), tr("File error"), this))
    , m_passphraseError(
          new FieldError(QStringLiteral("passphraseError"), tr("Passphrase error"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new StatusLabel(this)) {
    setObjectName(QStringLiteral("restoreDialog"));
    WindowFit::apply(this, 60);
    setWindowTitle(mode == Mode::Import ? tr("Import a Backup") : tr("Restore a Vault"));
    setWindowModality(Qt::WindowModal);
    setAccessibleName(windowTitle());

    auto* intro = new QLabel(mode == Mode::Import
                                 ? tr("Copies the credentials of a backup into this vault, each "
                                      "to the user of the same name.")
                                 : tr("Writes the vault saved in a backup as a new vault file. "
                                      "Its users sign in with the passwords they had when the "
                                      "backup was made."),
                             this);
    intro->setWordWrap(true);

    auto* form = new QFormLayout;
    auto* backupCaption = new QLabel(tr("Backup &file:"), this);
    backupCaption->setBuddy(m_backupFile->edit());
    form->addRow(backupCaption, m_backupFile);
    auto* passCaption = new QLabel(tr("&Passphrase:"), this);
    passCaption->setBuddy(m_passphrase->edit());
    form->addRow(passCaption, m_passphrase);
    form->addRow(QString(), m_passphraseError);

    if (mode == Mode::NewVault) {
        m_targetFile = new FileField(
            QStringLiteral("targetPathEdit"), FileField::Kind::Vault, FileField::Mode::Save,
            {tr("Where the restored vault goes"), tr("B&rowse…"),
             tr("Choose where the restored vault goes"), tr("Restore the Vault As")},
            this);
        m_targetFile->setPath(newVaultPath);
        auto* targetCaption = new QLabel(tr("Restore &as:"), this);
        targetCaption->setBuddy(m_targetFile->edit());
        form->addRow(targetCaption, m_targetFile);
    } else {
        m_conflict = new QComboBox(this);
        m_conflict->setObjectName(QStringLiteral("conflictCombo"));
        m_conflict->setAccessibleName(tr("When the vault already has credentials for a provider"));
        m_conflict->addItem(tr("Skip credentials the vault already has"),
                            static_cast<int>(Backup::Conflict::Skip));
        m_conflict->addItem(tr("Replace them with the backup's"),
                            static_cast<int>(Backup::Conflict::Replace));
        auto* conflictCaption = new QLabel(tr("&Existing credentials:"), this);
        conflictCaption->setBuddy(m_conflict);
        form->addRow(conflictCaption, m_conflict);
    }
    form->addRow(QString(), m_pathError);

    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setAccessibleName(tr("Restore progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    if (mode == Mode::Import) {
        m_reportSummary = new QLabel(this);
        m_reportSummary->setObjectName(QStringLiteral("reportSummary"));
        m_reportSummary->setAccessibleName(tr("Import summary"));
        m_reportSummary->hide();
        m_reportView = new QTreeWidget(this);
        m_reportView->setObjectName(QStringLiteral("reportView"));
        m_reportView->setAccessibleName(tr("What the import did"));
        m_reportView->setRootIsDecorated(false);
        m_reportView->setHeaderLabels({tr("User"), tr("Provider"), tr("Result")});
        m_reportView->header()->setStretchLastSection(true);
        m_reportView->hide();
        layout->addWidget(m_reportSummary);
        layout->addWidget(m_reportView);
    }

    auto* buttons = new QDialogButtonBox(this);
    m_restoreButton = buttons->addButton(mode == Mode::Import ? tr("&Import") : tr("&Restore"),
                                         QDialogButtonBox::AcceptRole);
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_restoreButton->setAccessibleName(m_restoreButton->text().remove(QLatin1Char('&')));
    m_restoreButton->setIcon(QIcon(QStringLiteral(":/icons/restore.svg")));
    m_restoreButton->setDefault(true);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAccessibleName(tr("Close"));
    layout->addWidget(buttons);

    connect(m_restoreButton, &QPushButton::clicked, this, &RestoreDialog::start);
    connect(m_closeButton, &QPushButton::clicked, this, &RestoreDialog::reject);

    if (mode == Mode::Import && (!m_connection || !m_connection->embedded())) {
        m_status->setStatus(
            tr("Backups are imported into a local vault. Sign in to the vault first."), true);
        m_restoreButton->setEnabled(false);
    }
    m_backupFile->setFocus();
}

RestoreDialog::~RestoreDialog() {
    m_passphrase->clear();
}

void RestoreDialog::done(int result) {
    m_passphrase->clear();
    QDialog::done(result);
}

void RestoreDialog::setRunning(bool running) {
    m_running = running;
    m_restoreButton->setEnabled(!running);
    // Indeterminate while it runs: neither the import nor the restore reports its progress.
    m_progress->setRange(0, running ? 0 : 1);
    m_progress->setValue(0);
    for (QWidget* input : {static_cast<QWidget*>(m_backupFile), static_cast<QWidget*>(m_passphrase),
                           static_cast<QWidget*>(m_targetFile), static_cast<QWidget*>(m_conflict)})
        if (input) // a mode has a target or a conflict choice, not both
            input->setEnabled(!running);
    if (running)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void RestoreDialog::start() {
    if (m_running)
        return;
    m_pathError->setMessage(QString());
    m_passphraseError->setMessage(QString());
    m_status->clearStatus();
    const QString backupPath = m_backupFile->path();
    if (backupPath.isEmpty()) {
        m_pathError->setMessage(tr("Choose the backup file to restore."));
        m_backupFile->setFocus();
        return;
    }
    const QString target = m_targetFile ? m_targetFile->path() : QString();
    if (m_targetFile && target.isEmpty()) { // a new vault needs its place
        m_pathError->setMessage(tr("Choose where the restored vault goes."));
        m_targetFile->setFocus();
        return;
    }
    if (m_passphrase->text().isEmpty()) {
        m_passphraseError->setMessage(tr("Enter the passphrase the backup was made with."));
        m_passphrase->setFocus();
        return;
    }
    if (m_reportView) {
        m_reportView->clear();
        m_reportView->hide();
        m_reportSummary->hide();
    }
    setRunning(true);
    if (m_mode == Mode::Import)
        startImport(backupPath, m_passphrase->take());
    else
        startNewVault(backupPath, m_passphrase->take(), target);
}

void RestoreDialog::startImport(const QString& backupPath, QString passphrase) {
    client::EmbeddedTransport* transport = m_connection ? m_connection->embedded() : nullptr;
    vault::Vault* vault = m_connection ? m_connection->vault() : nullptr;
    if (!transport || !vault) {
        crypto::wipe(passphrase);
        setRunning(false);
        return;
    }
    auto job = std::make_shared<RestoreJob>();
    job->backupPath = backupPath;
    job->passphrase = std::move(passphrase);
    job->conflict = static_cast<Backup::Conflict>(m_conflict->currentData().toInt());
    qCInfo(lcUi) << "importing a backup";

    const QPointer<RestoreDialog> guard(this);
    transport->run([vault, job] { importBackup(*vault, *job); },
                   [guard, job] {
                       crypto::wipe(job->passphrase);
                       if (!guard)
                           return;
                       guard->setRunning(false);
                       if (!job->status.ok()) {
                           guard->finishFailed(job->status);
                           return;
                       }
                       const Backup::ImportReport& report = job->report;
                       qCInfo(lcUi)
                           << "backup imported:" << report.imported << "imported,"
                           << report.replaced << "replaced," << report.skipped.size() << "skipped";
                       for (const ReportRow& row : job->rows) {
                           QString result;
                           switch (row.outcome) {
                           case ReportRow::Outcome::Imported:
                               result = tr("Imported");
                               break;
                           case ReportRow::Outcome::Replaced:
                               result = tr("Replaced");
                               break;
                           case ReportRow::Outcome::Skipped:
                               result = tr("Skipped: %1").arg(row.reason);
                               break;
                           }
                           auto* item = new QTreeWidgetItem(guard->m_reportView,
                                                            {row.username, row.provider, result});
                           item->setToolTip(2, result);
                       }
                       const QString summary = tr("%1 imported, %2 replaced, %3 skipped")
                                                   .arg(report.imported)
                                                   .arg(report.replaced)
                                                   .arg(report.skipped.size());
                       guard->m_reportSummary->setText(summary);
                       guard->m_reportSummary->show();
                       guard->m_reportView->setVisible(!job->rows.isEmpty());
                       guard->m_progress->setValue(1);
                       guard->m_status->setStatus(tr("The backup was imported."), false);
                       guard->m_closeButton->setDefault(true);
                       emit guard->imported();
                   });
}

void RestoreDialog::startNewVault(const QString& backupPath, QString passphrase,
                                  const QString& target) {
    auto job = std::make_shared<RestoreJob>();
    job->backupPath = backupPath;
    job->passphrase = std::move(passphrase);
    job->target = target;
    qCInfo(lcUi) << "restoring a backup as a new vault";

    // There is no vault (and no worker of its own) yet: a thread of its own, not owned by the
    // dialog, so closing the dialog never waits for it; it deletes itself when done.
    QThread* thread = QThread::create([job] {
        job->status = Backup::restoreToNew(job->backupPath, job->passphrase, job->target);
        crypto::wipe(job->passphrase);
    });
    const QPointer<RestoreDialog> guard(this);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [guard, job] {
        if (!guard)
            return;
        guard->setRunning(false);
        if (!job->status.ok()) {
            guard->finishFailed(job->status);
            return;
        }
        qCInfo(lcUi) << "vault restored";
        guard->m_progress->setValue(1);
        guard->m_status->setStatus(
            tr("The vault was restored to %1.").arg(QDir::toNativeSeparators(job->target)), false);
        guard->m_closeButton->setDefault(true);
        emit guard->restored(job->target);
    });
    thread->start();
}

void RestoreDialog::finishFailed(const VaultStatus& status) {
    qCWarning(lcUi) << "restoring the backup failed";
    m_status->setStatus(status.message, true);
    switch (status.error) {
    case VaultStatus::Error::WrongPassword:
        m_passphrase->setFocus();
        break;
    case VaultStatus::Error::Exists:
        if (m_targetFile) {
            m_targetFile->setFocus();
            m_targetFile->edit()->selectAll();
        }
        break;
    default:
        m_backupFile->setFocus();
        break;
    }
}

} // namespace paycred::ui
