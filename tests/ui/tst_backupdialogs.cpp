// Backing up and restoring the vault through the dialogs, on real vaults: the passphrase rules,
// the file and its progress, importing into another vault (skip or replace what it already has,
// with the report), a wrong passphrase, and restoring as a new vault file.
#include "tests/ui/uitestsupport.h"

#include "core/client/embeddedtransport.h"
#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "ui/backupdialog.h"
#include "ui/restoredialog.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>

#include <algorithm>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString Passphrase = QStringLiteral("a long backup passphrase");

void type(const QObject* dialog, const QString& name, const QString& text) {
    auto* field = child<QLineEdit>(dialog, name);
    QVERIFY2(field, qPrintable(name));
    field->clear();
    QTest::keyClicks(field, text);
}

void click(const QObject* dialog, const QString& name) {
    auto* button = child<QPushButton>(dialog, name);
    QVERIFY2(button, qPrintable(name));
    QVERIFY2(button->isEnabled(), qPrintable(name));
    QTest::mouseClick(button, Qt::LeftButton);
}

QString labelText(const QObject* dialog, const QString& name) {
    auto* label = child<QLabel>(dialog, name);
    return label && label->isVisible() ? label->text() : QString();
}

// Clicks the Browse… button of the file field whose edit is `editName` and returns the chooser it
// opens: with open(), so the click returns at once and the chooser waits for its answer.
QFileDialog* openChooser(const QObject* dialog, const QString& editName) {
    auto* button = child<QPushButton>(dialog, editName + QStringLiteral("Browse"));
    if (!button || button->accessibleName().isEmpty())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    auto* chooser = waitForVisible<QFileDialog>(editName + QStringLiteral("Chooser"));
    return chooser && chooser->windowModality() == Qt::WindowModal ? chooser : nullptr;
}

// Answers `chooser` with `file` and checks that the field `editName` shows it.
void choose(const QObject* dialog, QFileDialog* chooser, const QString& editName,
            const QString& file) {
    chooser->selectFile(file);
    static_cast<QDialog*>(chooser)->accept(); // QFileDialog::accept(), as its Save/Open button
    QTRY_VERIFY(!findVisible<QFileDialog>(editName + QStringLiteral("Chooser")));
    auto* edit = child<QLineEdit>(dialog, editName);
    QVERIFY(edit);
    QCOMPARE(edit->text(), QDir::toNativeSeparators(file));
}

QList<client::Credential> credentials(ui::Connection& connection) {
    auto list =
        await<QList<client::Credential>>([&](client::Callback<QList<client::Credential>> done) {
            connection.client().listCredentials(std::move(done));
        });
    return list.value.value_or(QList<client::Credential>());
}

std::optional<client::Credential> byProvider(ui::Connection& connection, const QString& provider) {
    for (const client::Credential& credential : credentials(connection))
        if (credential.provider == provider)
            return credential;
    return std::nullopt;
}

// A vault with kopokopo (live) and instasend, backed up to `backupPath` on its worker thread.
std::unique_ptr<ui::Connection> backedUpVault(UiFixture& fixture, const QString& backupPath) {
    auto connection = fixture.createVault();
    if (!connection)
        return nullptr;
    addCredential(connection->client(), QStringLiteral("kopokopo"), QStringLiteral("live"));
    addCredential(connection->client(), QStringLiteral("instasend"));
    auto status = std::make_shared<std::optional<vault::VaultStatus>>();
    vault::Vault* vault = connection->vault();
    connection->embedded()->run([vault, backupPath, status] {
        *status = vault::Backup::exportTo(*vault, backupPath, Passphrase, {}, {1u << 10, 8, 1});
    });
    if (!QTest::qWaitFor([&] { return status->has_value(); }, 20000))
        return nullptr;
    if (!status->has_value() || !(*status)->ok()) {
        qWarning("the backup failed");
        return nullptr;
    }
    return connection;
}

// A second vault, at other.paycred, whose owner already has kopokopo (sandbox).
std::unique_ptr<ui::Connection> otherVault(UiFixture& fixture) {
    auto connection = ui::Connection::toVault(fixture.clock, fixture.context.vaultOptions);
    std::optional<vault::VaultStatus> status;
    connection->createVault(fixture.path(QStringLiteral("other.paycred")), QStringLiteral("owner"),
                            OwnerPassword, [&](vault::VaultStatus s) { status = s; });
    if (!QTest::qWaitFor([&] { return status.has_value(); }, 20000))
        return nullptr;
    if (!status || !status->ok())
        return nullptr;
    auto login =
        await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
            connection->session().login(QStringLiteral("owner"), OwnerPassword, std::move(done));
        });
    if (!login.ok())
        return nullptr;
    addCredential(connection->client(), QStringLiteral("kopokopo"), QStringLiteral("sandbox"),
                  QStringLiteral("other-api-key-01"), QStringLiteral("other-private-key"));
    return connection;
}

} // namespace

class TestBackupDialogs : public QObject {
    Q_OBJECT
private slots:
    void backupRefusesAShortPassphrase() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::BackupDialog dialog(*connection);
        QSignalSpy finished(&dialog, &ui::BackupDialog::finished);
        dialog.show();
        QVERIFY(child<QLineEdit>(&dialog, QStringLiteral("backupPathEdit"))
                    ->text()
                    .endsWith(QStringLiteral(".paycred-backup")));
        const QString path = fixture.path(QStringLiteral("short.paycred-backup"));
        type(&dialog, QStringLiteral("backupPathEdit"), path);
        type(&dialog, QStringLiteral("passphraseEdit"), QStringLiteral("too short"));
        type(&dialog, QStringLiteral("confirmPassphraseEdit"), QStringLiteral("too short"));
        click(&dialog, QStringLiteral("backupButton"));
        QVERIFY(labelText(&dialog, QStringLiteral("passphraseError"))
                    .contains(QStringLiteral("short")));
        QVERIFY(!dialog.isRunning());
        QTest::qWait(50);
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(finished.count(), 0);
    }

    void backupRefusesMismatchedPassphrases() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::BackupDialog dialog(*connection);
        dialog.show();
        const QString path = fixture.path(QStringLiteral("mismatch.paycred-backup"));
        type(&dialog, QStringLiteral("backupPathEdit"), path);
        type(&dialog, QStringLiteral("passphraseEdit"), Passphrase);
        type(&dialog, QStringLiteral("confirmPassphraseEdit"), Passphrase + QStringLiteral("!"));
        click(&dialog, QStringLiteral("backupButton"));
        QVERIFY(labelText(&dialog, QStringLiteral("passphraseError"))
                    .contains(QStringLiteral("match")));
        QVERIFY(!dialog.isRunning());
        QTest::qWait(50);
        QVERIFY(!QFileInfo::exists(path));
    }

    void backupWritesTheFile() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        addCredential(connection->client(), QStringLiteral("kopokopo"));
        ui::BackupDialog dialog(*connection);
        QSignalSpy finished(&dialog, &ui::BackupDialog::finished);
        dialog.show();
        const QString path = fixture.path(QStringLiteral("good.paycred-backup"));
        type(&dialog, QStringLiteral("backupPathEdit"), path);
        type(&dialog, QStringLiteral("passphraseEdit"), Passphrase);
        type(&dialog, QStringLiteral("confirmPassphraseEdit"), Passphrase);
        auto* progress = child<QProgressBar>(&dialog, QStringLiteral("progressBar"));
        QVERIFY(progress);
        QCOMPARE(progress->value(), 0);
        QSignalSpy steps(progress, &QProgressBar::valueChanged);
        click(&dialog, QStringLiteral("backupButton"));
        QVERIFY(dialog.isRunning());
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("backupButton"))->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(progress->value(), 100);
        // Fed step by step from the worker thread, not only set at the end.
        QVERIFY(std::any_of(steps.cbegin(), steps.cend(), [](const QList<QVariant>& step) {
            return step.first().toInt() > 0 && step.first().toInt() < 100;
        }));
        QVERIFY(labelText(&dialog, QStringLiteral("statusLabel")).contains(path));
        QVERIFY(child<QPushButton>(&dialog, QStringLiteral("backupButton"))->isEnabled());
        // The passphrase does not stay in the dialog.
        QVERIFY(child<QLineEdit>(&dialog, QStringLiteral("passphraseEdit"))->text().isEmpty());
        QVERIFY(
            child<QLineEdit>(&dialog, QStringLiteral("confirmPassphraseEdit"))->text().isEmpty());
    }

    void closingTheDialogWhileTheBackupRunsIsSafe() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        const QString path = fixture.path(QStringLiteral("closed.paycred-backup"));
        {
            auto dialog = std::make_unique<ui::BackupDialog>(*connection);
            dialog->show();
            type(dialog.get(), QStringLiteral("backupPathEdit"), path);
            type(dialog.get(), QStringLiteral("passphraseEdit"), Passphrase);
            type(dialog.get(), QStringLiteral("confirmPassphraseEdit"), Passphrase);
            click(dialog.get(), QStringLiteral("backupButton"));
            QVERIFY(dialog->isRunning());
        } // destroyed while the worker writes the backup
        QTRY_COMPARE_WITH_TIMEOUT(connection->embedded()->pendingCount(), 0, 60000);
        QVERIFY(QFileInfo::exists(path));
        QTest::qWait(50); // the queued progress steps find no dialog
    }

    void theBackupFileIsChosenWithBrowse() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::BackupDialog dialog(*connection);
        dialog.show();
        QFileDialog* chooser = openChooser(&dialog, QStringLiteral("backupPathEdit"));
        QVERIFY(chooser);
        QCOMPARE(chooser->acceptMode(), QFileDialog::AcceptSave);
        QCOMPARE(chooser->defaultSuffix(), QStringLiteral("paycred-backup"));
        QVERIFY(chooser->nameFilters().first().contains(QStringLiteral("*.paycred-backup")));
        choose(&dialog, chooser, QStringLiteral("backupPathEdit"),
               fixture.path(QStringLiteral("chosen.paycred-backup")));
    }

    void theRestoreFilesAreChosenWithBrowse() {
        UiFixture fixture;
        const QString existing = fixture.path(QStringLiteral("old.paycred-backup"));
        QFile file(existing);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        ui::RestoreDialog dialog(fixture.path(QStringLiteral("restored.paycred")));
        dialog.show();

        QFileDialog* backup = openChooser(&dialog, QStringLiteral("backupPathEdit"));
        QVERIFY(backup);
        QCOMPARE(backup->acceptMode(), QFileDialog::AcceptOpen);
        QCOMPARE(backup->fileMode(), QFileDialog::ExistingFile);
        QVERIFY(backup->nameFilters().first().contains(QStringLiteral("*.paycred-backup")));
        choose(&dialog, backup, QStringLiteral("backupPathEdit"), existing);

        QFileDialog* target = openChooser(&dialog, QStringLiteral("targetPathEdit"));
        QVERIFY(target);
        QCOMPARE(target->acceptMode(), QFileDialog::AcceptSave);
        QCOMPARE(target->defaultSuffix(), QStringLiteral("paycred"));
        QVERIFY(target->nameFilters().first().contains(QStringLiteral("*.paycred)")));
        choose(&dialog, target, QStringLiteral("targetPathEdit"),
               fixture.path(QStringLiteral("elsewhere.paycred")));

        // Two Browse… buttons in one dialog: each has a mnemonic of its own.
        const auto mnemonic = [&](const QString& editName) {
            return QKeySequence::mnemonic(
                child<QPushButton>(&dialog, editName + QStringLiteral("Browse"))->text());
        };
        QVERIFY(!mnemonic(QStringLiteral("backupPathEdit")).isEmpty());
        QVERIFY(mnemonic(QStringLiteral("backupPathEdit")) !=
                mnemonic(QStringLiteral("targetPathEdit")));
    }

    void importSkipsWhatTheVaultAlreadyHas() {
        UiFixture fixture;
        const QString backupPath = fixture.path(QStringLiteral("skip.paycred-backup"));
        auto source = backedUpVault(fixture, backupPath);
        QVERIFY(source);
        auto target = otherVault(fixture);
        QVERIFY(target);

        ui::RestoreDialog dialog(*target);
        QSignalSpy imported(&dialog, &ui::RestoreDialog::imported);
        dialog.show();
        QVERIFY(!child<QLineEdit>(&dialog, QStringLiteral("targetPathEdit")));
        auto* conflict = child<QComboBox>(&dialog, QStringLiteral("conflictCombo"));
        QVERIFY(conflict);
        QCOMPARE(conflict->currentData().toInt(), int(vault::Backup::Conflict::Skip));
        type(&dialog, QStringLiteral("backupPathEdit"), backupPath);
        type(&dialog, QStringLiteral("passphraseEdit"), Passphrase);
        click(&dialog, QStringLiteral("restoreButton"));
        QVERIFY(dialog.isRunning());
        QCOMPARE(child<QProgressBar>(&dialog, QStringLiteral("progressBar"))->maximum(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);

        QCOMPARE(labelText(&dialog, QStringLiteral("reportSummary")),
                 QStringLiteral("1 imported, 0 replaced, 1 skipped"));
        auto* report = child<QTreeWidget>(&dialog, QStringLiteral("reportView"));
        QVERIFY(report && report->isVisible());
        QCOMPARE(report->topLevelItemCount(), 2);
        QTreeWidgetItem* importedRow = report->topLevelItem(0);
        QCOMPARE(importedRow->text(0), QStringLiteral("owner"));
        QCOMPARE(importedRow->text(1), QStringLiteral("instasend"));
        QCOMPARE(importedRow->text(2), QStringLiteral("Imported"));
        QTreeWidgetItem* skippedRow = report->topLevelItem(1);
        QCOMPARE(skippedRow->text(1), QStringLiteral("kopokopo"));
        QVERIFY(skippedRow->text(2).startsWith(QStringLiteral("Skipped")));
        QVERIFY(skippedRow->text(2).contains(QStringLiteral("already have credentials")));

        QCOMPARE(credentials(*target).size(), 2);
        QVERIFY(byProvider(*target, QStringLiteral("instasend")));
        QCOMPARE(byProvider(*target, QStringLiteral("kopokopo"))->environment,
                 QStringLiteral("sandbox")); // kept
    }

    void importReplacesWhenAsked() {
        UiFixture fixture;
        const QString backupPath = fixture.path(QStringLiteral("replace.paycred-backup"));
        auto source = backedUpVault(fixture, backupPath);
        QVERIFY(source);
        auto target = otherVault(fixture);
        QVERIFY(target);

        ui::RestoreDialog dialog(*target);
        QSignalSpy imported(&dialog, &ui::RestoreDialog::imported);
        dialog.show();
        auto* conflict = child<QComboBox>(&dialog, QStringLiteral("conflictCombo"));
        conflict->setCurrentIndex(conflict->findData(int(vault::Backup::Conflict::Replace)));
        type(&dialog, QStringLiteral("backupPathEdit"), backupPath);
        type(&dialog, QStringLiteral("passphraseEdit"), Passphrase);
        click(&dialog, QStringLiteral("restoreButton"));
        QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 60000);

        QCOMPARE(labelText(&dialog, QStringLiteral("reportSummary")),
                 QStringLiteral("1 imported, 1 replaced, 0 skipped"));
        auto* report = child<QTreeWidget>(&dialog, QStringLiteral("reportView"));
        QCOMPARE(report->topLevelItemCount(), 2);
        QStringList outcomes;
        for (int row = 0; row < report->topLevelItemCount(); ++row)
            outcomes << report->topLevelItem(row)->text(1) + QLatin1Char('=') +
                            report->topLevelItem(row)->text(2);
        outcomes.sort();
        QCOMPARE(outcomes, QStringList({QStringLiteral("instasend=Imported"),
                                        QStringLiteral("kopokopo=Replaced")}));
        QCOMPARE(credentials(*target).size(), 2);
        QCOMPARE(byProvider(*target, QStringLiteral("kopokopo"))->environment,
                 QStringLiteral("live")); // the backup's
    }

    void importWithAWrongPassphraseChangesNothing() {
        UiFixture fixture;
        const QString backupPath = fixture.path(QStringLiteral("wrong.paycred-backup"));
        auto source = backedUpVault(fixture, backupPath);
        QVERIFY(source);
        auto target = otherVault(fixture);
        QVERIFY(target);

        ui::RestoreDialog dialog(*target);
        QSignalSpy imported(&dialog, &ui::RestoreDialog::imported);
        dialog.show();
        type(&dialog, QStringLiteral("backupPathEdit"), backupPath);
        type(&dialog, QStringLiteral("passphraseEdit"), QStringLiteral("not the passphrase"));
        click(&dialog, QStringLiteral("restoreButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QVERIFY(labelText(&dialog, QStringLiteral("statusLabel"))
                    .contains(QStringLiteral("passphrase does not open")));
        QCOMPARE(imported.count(), 0);
        QVERIFY(!child<QTreeWidget>(&dialog, QStringLiteral("reportView"))->isVisible());
        QVERIFY(child<QPushButton>(&dialog, QStringLiteral("restoreButton"))->isEnabled());
        const auto list = credentials(*target);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().environment, QStringLiteral("sandbox"));
    }

    void importOfAFileThatIsNoBackupSaysSo() {
        UiFixture fixture;
        auto target = otherVault(fixture);
        QVERIFY(target);
        const QString notABackup = fixture.path(QStringLiteral("notes.txt"));
        QFile file(notABackup);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just some notes, not a backup\n");
        file.close();

        ui::RestoreDialog dialog(*target);
        dialog.show();
        type(&dialog, QStringLiteral("backupPathEdit"), notABackup);
        type(&dialog, QStringLiteral("passphraseEdit"), Passphrase);
        click(&dialog, QStringLiteral("restoreButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QVERIFY(!labelText(&dialog, QStringLiteral("statusLabel")).isEmpty());
        QCOMPARE(credentials(*target).size(), 1);
    }

    void restoresAsANewVault() {
        UiFixture fixture;
        const QString backupPath = fixture.path(QStringLiteral("new.paycred-backup"));
        auto source = backedUpVault(fixture, backupPath);
        QVERIFY(source);
        const QString restoredPath = fixture.path(QStringLiteral("restored/vault.paycred"));

        ui::RestoreDialog dialog(restoredPath);
        QSignalSpy restored(&dialog, &ui::RestoreDialog::restored);
        dialog.show();
        QVERIFY(!child<QComboBox>(&dialog, QStringLiteral("conflictCombo")));
        QCOMPARE(QDir::fromNativeSeparators(
                     child<QLineEdit>(&dialog, QStringLiteral("targetPathEdit"))->text()),
                 restoredPath);
        type(&dialog, QStringLiteral("backupPathEdit"), backupPath);
        type(&dialog, QStringLiteral("passphraseEdit"), Passphrase);
        click(&dialog, QStringLiteral("restoreButton"));
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 60000);
        QCOMPARE(restored.first().first().toString(), restoredPath);
        QVERIFY(labelText(&dialog, QStringLiteral("statusLabel")).contains(restoredPath));

        auto connection = ui::Connection::toVault(fixture.clock, fixture.context.vaultOptions);
        std::optional<vault::VaultStatus> status;
        connection->openVault(restoredPath, [&](vault::VaultStatus s) { status = s; });
        QTRY_VERIFY_WITH_TIMEOUT(status.has_value(), 20000);
        QVERIFY2(status->ok(), qPrintable(status->message));
        auto login =
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                connection->session().login(QStringLiteral("owner"), OwnerPassword,
                                            std::move(done));
            });
        QVERIFY(login.ok());
        QCOMPARE(credentials(*connection).size(), 2);
    }

    void closingTheRestoreDialogWhileItRunsIsSafe() {
        UiFixture fixture;
        const QString backupPath = fixture.path(QStringLiteral("closed.paycred-backup"));
        auto source = backedUpVault(fixture, backupPath);
        QVERIFY(source);
        const QString restoredPath = fixture.path(QStringLiteral("closed.paycred"));
        {
            auto dialog = std::make_unique<ui::RestoreDialog>(restoredPath);
            dialog->show();
            type(dialog.get(), QStringLiteral("backupPathEdit"), backupPath);
            type(dialog.get(), QStringLiteral("passphraseEdit"), Passphrase);
            click(dialog.get(), QStringLiteral("restoreButton"));
            QVERIFY(dialog->isRunning());
        } // destroyed while the restore runs on its own thread
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(restoredPath), 60000);
        QTest::qWait(100); // its finish finds no dialog
    }

    void restoreOverAnExistingFileSaysToPickAnother() {
        UiFixture fixture;
        const QString backupPath = fixture.path(QStringLiteral("exists.paycred-backup"));
        auto source = backedUpVault(fixture, backupPath);
        QVERIFY(source);
        const QString taken = fixture.path(QStringLiteral("taken.paycred"));
        QFile file(taken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("something already here");
        file.close();

        ui::RestoreDialog dialog(taken);
        QSignalSpy restored(&dialog, &ui::RestoreDialog::restored);
        dialog.show();
        type(&dialog, QStringLiteral("backupPathEdit"), backupPath);
        type(&dialog, QStringLiteral("passphraseEdit"), Passphrase);
        click(&dialog, QStringLiteral("restoreButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
        QVERIFY(labelText(&dialog, QStringLiteral("statusLabel"))
                    .contains(QStringLiteral("Choose a new name")));
        QCOMPARE(restored.count(), 0);
        QFile check(taken);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("something already here"));
    }
};

QTEST_MAIN(TestBackupDialogs)
#include "tst_backupdialogs.moc"
