#include "ui/backupdialog.h"

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

#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace paycred::ui {

namespace {

// What the worker thread and the GUI thread share for one backup.
struct BackupJob {
    QString path;
    QString passphrase;
    vault::VaultStatus status;
};

} // namespace

BackupDialog::BackupDialog(Connection& connection, QWidget* parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_file(new FileField(QStringLiteral("backupPathEdit"), FileField::Kind::Backup,
                           FileField::Mode::Save,
                           {tr("Backup file"), tr("&Browse…"), tr("Choose the backup file"),
                            tr("Save the Backup As")},
                           this))
    , m_passphrase(
          new PasswordField(QStringLiteral("passphraseEdit"), tr("Backup passphrase"), this))
    , m_confirmPassphrase(new PasswordField(QStringLiteral("confirmPassphraseEdit"),
                                            tr("Confirm the backup passphrase"), this))
    , m_pathError(new FieldError(QStringLiteral("backupPathError"), tr("Backup file error"), this))
    , m_passphraseError(
          new FieldError(QStringLiteral("passphraseError"), tr("Passphrase error"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new StatusLabel(this)) {
    setObjectName(QStringLiteral("backupDialog"));
    WindowFit::apply(this, 60);
    setWindowTitle(tr("Back Up the Vault"));
    setWindowModality(Qt::WindowModal);
    setAccessibleName(tr("Back up the vault"));

    m_file->setPath(defaultPath());

    auto* form = new QFormLayout;
    auto* pathCaption = new QLabel(tr("Backup &file:"), this);
    pathCaption->setBuddy(m_file->edit());
    form->addRow(pathCaption, m_file);
    form->addRow(QString(), m_pathError);
    auto* passCaption = new QLabel(tr("&Passphrase:"), this);
    passCaption->setBuddy(m_passphrase->edit());
    form->addRow(passCaption, m_passphrase);
    auto* confirmCaption = new QLabel(tr("Con&firm passphrase:"), this);
    confirmCaption->setBuddy(m_confirmPassphrase->edit());
    form->addRow(confirmCaption, m_confirmPassphrase);
    form->addRow(QString(), m_passphraseError);

    auto* note = new QLabel(tr("You need this passphrase to restore the backup. It cannot be "
                               "recovered: keep it somewhere safe, apart from the file. At least "
                               "%n characters.",
                               nullptr, vault::Backup::MinPassphraseLength),
                            this);
    note->setObjectName(QStringLiteral("passphraseNote"));
    note->setAccessibleName(tr("About the passphrase"));
    note->setWordWrap(true);

    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setAccessibleName(tr("Backup progress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);

    auto* buttons = new QDialogButtonBox(this);
    m_backupButton = buttons->addButton(tr("&Back Up"), QDialogButtonBox::AcceptRole);
    m_backupButton->setObjectName(QStringLiteral("backupButton"));
    m_backupButton->setAccessibleName(tr("Back up"));
    m_backupButton->setIcon(QIcon(QStringLiteral(":/icons/backup.svg")));
    m_backupButton->setDefault(true);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAccessibleName(tr("Close"));
    connect(m_backupButton, &QPushButton::clicked, this, &BackupDialog::start);
    connect(m_closeButton, &QPushButton::clicked, this, &BackupDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    if (!m_connection.embedded() || !m_connection.vault()) {
        m_status->setStatus(
            tr("Backups are made of a local vault. Sign in to the vault to back it up."), true);
        m_backupButton->setEnabled(false);
    }
    m_passphrase->setFocus();
}

BackupDialog::~BackupDialog() {
    m_passphrase->clear();
    m_confirmPassphrase->clear();
}

QString BackupDialog::defaultPath() {
    const QString name = QStringLiteral("PayCred-backup-%1.paycred-backup")
                             .arg(QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd")));
    return QDir::toNativeSeparators(QDir::home().filePath(name));
}

void BackupDialog::done(int result) {
    m_passphrase->clear();
    m_confirmPassphrase->clear();
    QDialog::done(result);
}

bool BackupDialog::validate() {
    bool valid = true;
    if (m_file->path().isEmpty()) {
        m_pathError->setMessage(tr("Choose where to write the backup."));
        m_file->setFocus();
        valid = false;
    }
    const QString passphrase = m_passphrase->text();
    if (!vault::Backup::passphraseLongEnough(passphrase)) {
        m_passphraseError->setMessage(tr("The passphrase is too short: use at least %n characters.",
                                         nullptr, vault::Backup::MinPassphraseLength));
        if (valid)
            m_passphrase->setFocus();
        return false;
    }
    if (m_confirmPassphrase->text() != passphrase) {
        m_passphraseError->setMessage(
            tr("The two passphrases do not match. Type the passphrase again."));
        m_confirmPassphrase->clear();
        if (valid)
            m_confirmPassphrase->setFocus();
        return false;
    }
    return valid;
}

void BackupDialog::setRunning(bool running) {
    m_running = running;
    m_backupButton->setEnabled(!running);
    for (QWidget* input : {static_cast<QWidget*>(m_file), static_cast<QWidget*>(m_passphrase),
                           static_cast<QWidget*>(m_confirmPassphrase)})
        input->setEnabled(!running);
    if (running)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void BackupDialog::setProgress(int percent) {
    m_progress->setValue(std::max(m_progress->value(), percent));
}

void BackupDialog::start() {
    if (m_running)
        return;
    client::EmbeddedTransport* transport = m_connection.embedded();
    vault::Vault* vault = m_connection.vault();
    if (!transport || !vault)
        return;
    m_pathError->setMessage(QString());
    m_passphraseError->setMessage(QString());
    m_status->clearStatus();
    if (!validate())
        return;

    auto job = std::make_shared<BackupJob>();
    job->path = m_file->path();
    job->passphrase = m_passphrase->take();
    m_confirmPassphrase->clear();
    m_progress->setValue(0);
    setRunning(true);
    qCInfo(lcUi) << "backing up the vault";

    const QPointer<BackupDialog> guard(this);
    // The progress callback runs on the worker thread: hand each step to the transport's thread
    // (the transport outlives the work), where the guard can be checked safely.
    QPointer<client::EmbeddedTransport> context(transport);
    auto progress = [context, guard](int percent) {
        if (!context)
            return;
        QMetaObject::invokeMethod(
            context.data(),
            [guard, percent] {
                if (guard)
                    guard->setProgress(percent);
            },
            Qt::QueuedConnection);
    };
    transport->run(
        [vault, job, progress] {
            job->status = vault::Backup::exportTo(*vault, job->path, job->passphrase, progress);
            crypto::wipe(job->passphrase);
        },
        [guard, job] {
            crypto::wipe(job->passphrase);
            if (!guard)
                return;
            guard->setRunning(false);
            if (!job->status.ok()) {
                qCWarning(lcUi) << "the backup failed";
                guard->m_status->setStatus(job->status.message, true);
                emit guard->finished(false);
                return;
            }
            qCInfo(lcUi) << "backup written";
            guard->setProgress(100);
            guard->m_status->setStatus(
                tr("Backup written to %1.").arg(QDir::toNativeSeparators(job->path)), false);
            guard->m_closeButton->setDefault(true);
            emit guard->finished(true);
        });
}

} // namespace paycred::ui
