// LoginWindow over the local vault: the first run creates the vault, later runs sign in to it,
// and every failure is a sentence in the window, never a login.
#include "tests/ui/uitestsupport.h"

#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "ui/loginwindow.h"
#include "ui/passwordfield.h"
#include "ui/passwordstrength.h"

#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStackedWidget>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString NewPassword = QStringLiteral("violet tractor 42 umbrella");

struct Window {
    explicit Window(UiFixture& fixture)
        : window(fixture.context)
        , loggedIn(&window, &ui::LoginWindow::loggedIn) {
        window.show();
    }
    template <typename T> T* find(const QString& name) const { return child<T>(&window, name); }
    QLineEdit* edit(const QString& name) const { return find<QLineEdit>(name); }
    QWidget* page() const {
        return find<QStackedWidget>(QStringLiteral("loginPages"))->currentWidget();
    }
    QString error() const {
        auto* label = find<QLabel>(QStringLiteral("errorLabel"));
        return label->isVisible() ? label->text() : QString();
    }
    void signIn(const QString& username, const QString& password) {
        edit(QStringLiteral("usernameEdit"))->setText(username);
        QLineEdit* passwordEdit = edit(QStringLiteral("passwordEdit"));
        passwordEdit->clear();
        QTest::keyClicks(passwordEdit, password);
        QTest::keyClick(passwordEdit, Qt::Key_Return);
    }

    ui::LoginWindow window;
    QSignalSpy loggedIn;
};

} // namespace

class TestLoginWindow : public QObject {
    Q_OBJECT
private slots:
    void firstRunShowsTheCreatePage() {
        UiFixture fixture;
        Window w(fixture);
        QCOMPARE(w.window.objectName(), QStringLiteral("loginWindow"));
        QCOMPARE(w.window.windowTitle(), QStringLiteral("Sign in"));
        QVERIFY(w.find<QRadioButton>(QStringLiteral("vaultModeRadio"))->isChecked());
        QCOMPARE(w.page()->objectName(), QStringLiteral("createVaultPage"));
        QVERIFY(w.find<QLabel>(QStringLiteral("recoveryWarning"))->isVisible());
        QVERIFY(w.find<QLabel>(QStringLiteral("recoveryWarning"))
                    ->text()
                    .contains(QStringLiteral("nobody can recover the vault")));
        QVERIFY(!w.find<QPushButton>(QStringLiteral("createButton"))->isEnabled());
    }

    void createButtonWaitsForAGoodPassword() {
        UiFixture fixture;
        Window w(fixture);
        auto* create = w.find<QPushButton>(QStringLiteral("createButton"));
        auto* hint = w.find<QLabel>(QStringLiteral("createHintLabel"));
        auto* strength = w.find<QLabel>(QStringLiteral("strengthLabel"));
        w.edit(QStringLiteral("ownerEdit"))->setText(QStringLiteral("owner"));

        QTest::keyClicks(w.edit(QStringLiteral("newPasswordEdit")), QStringLiteral("short1"));
        QTest::keyClicks(w.edit(QStringLiteral("confirmPasswordEdit")), QStringLiteral("short1"));
        QVERIFY(!create->isEnabled());
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("at least 12 characters")),
                 qPrintable(hint->text()));
        QVERIFY2(strength->text().contains(QStringLiteral("weak")), qPrintable(strength->text()));

        w.edit(QStringLiteral("newPasswordEdit"))->setText(NewPassword);
        w.edit(QStringLiteral("confirmPasswordEdit"))->setText(NewPassword + u'x');
        QVERIFY(!create->isEnabled());
        QCOMPARE(hint->text(), QStringLiteral("The two passwords do not match."));

        w.edit(QStringLiteral("confirmPasswordEdit"))->setText(NewPassword);
        QVERIFY(create->isEnabled());
        QVERIFY(!hint->isVisible());
        QVERIFY2(!strength->text().contains(QStringLiteral("weak")), qPrintable(strength->text()));
    }

    void createLogsTheOwnerIn() {
        UiFixture fixture;
        Window w(fixture);
        w.edit(QStringLiteral("ownerEdit"))->setText(QStringLiteral("alice"));
        w.edit(QStringLiteral("newPasswordEdit"))->setText(NewPassword);
        w.edit(QStringLiteral("confirmPasswordEdit"))->setText(NewPassword);
        QTest::mouseClick(w.find<QPushButton>(QStringLiteral("createButton")), Qt::LeftButton);
        QVERIFY(w.window.isBusy());
        QVERIFY(w.find<QLabel>(QStringLiteral("busyLabel"))->isVisible());
        QVERIFY(w.edit(QStringLiteral("newPasswordEdit"))->text().isEmpty());
        QVERIFY(w.edit(QStringLiteral("confirmPasswordEdit"))->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        QVERIFY(QFileInfo::exists(fixture.vaultPath()));
        auto connection = w.window.takeConnection();
        QVERIFY(connection);
        QVERIFY(connection->session().isActive());
        QCOMPARE(connection->session().identity().username, QStringLiteral("alice"));
        QCOMPARE(fixture.preferences.lastUsername(), QStringLiteral("alice"));
        QVERIFY(!w.window.takeConnection());
    }

    void theVaultRefusesAWeakPassword() {
        UiFixture fixture;
        Window w(fixture);
        // Long enough for the window; the vault refuses a password made of digits only.
        const QString weak = QStringLiteral("918273645546");
        w.edit(QStringLiteral("ownerEdit"))->setText(QStringLiteral("alice"));
        w.edit(QStringLiteral("newPasswordEdit"))->setText(weak);
        w.edit(QStringLiteral("confirmPasswordEdit"))->setText(weak);
        auto* create = w.find<QPushButton>(QStringLiteral("createButton"));
        QVERIFY(create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.window.isBusy(), 20000);
        QCOMPARE(w.loggedIn.size(), 0);
        QCOMPARE(w.error(), QStringLiteral("This password is entirely numeric."));
        QVERIFY(!QFileInfo::exists(fixture.vaultPath()));
        QCOMPARE(w.page()->objectName(), QStringLiteral("createVaultPage"));
        QVERIFY(!create->isEnabled()); // the fields were emptied
        QVERIFY(!w.window.takeConnection());
    }

    void aSecondWindowSignsIn() {
        UiFixture fixture;
        QVERIFY(fixture.createVault());
        Window w(fixture);
        QCOMPARE(w.page()->objectName(), QStringLiteral("signInPage"));
        w.signIn(QStringLiteral("owner"), OwnerPassword);
        QVERIFY(w.window.isBusy());
        QVERIFY(!w.find<QPushButton>(QStringLiteral("loginButton"))->isEnabled());
        QVERIFY(w.edit(QStringLiteral("passwordEdit"))->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        auto connection = w.window.takeConnection();
        QVERIFY(connection && connection->session().isActive());
        QVERIFY(w.error().isEmpty());
    }

    void wrongPasswordSaysSo() {
        UiFixture fixture;
        QVERIFY(fixture.createVault());
        Window w(fixture);
        w.signIn(QStringLiteral("owner"), QStringLiteral("not the password at all"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.window.isBusy(), 20000);
        QCOMPARE(w.error(),
                 QStringLiteral("The username or password is wrong. Check them and try again."));
        QCOMPARE(w.loggedIn.size(), 0);
        QVERIFY(!w.window.takeConnection());
        QVERIFY(w.edit(QStringLiteral("passwordEdit"))->text().isEmpty());
        QVERIFY(w.find<QPushButton>(QStringLiteral("loginButton"))->isEnabled());

        // Then the right one works in the same window.
        w.signIn(QStringLiteral("owner"), OwnerPassword);
        QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        QVERIFY(w.error().isEmpty());
    }

    void notAVaultShowsTheVaultsMessage() {
        UiFixture fixture;
        QFile file(fixture.vaultPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is a shopping list, not a vault\n");
        file.close();
        Window w(fixture);
        QCOMPARE(w.page()->objectName(), QStringLiteral("signInPage"));
        w.signIn(QStringLiteral("owner"), OwnerPassword);
        QTRY_VERIFY_WITH_TIMEOUT(!w.window.isBusy(), 20000);
        QCOMPARE(w.loggedIn.size(), 0);
        QVERIFY2(w.error().contains(QStringLiteral("not a PayCred vault"), Qt::CaseInsensitive),
                 qPrintable(w.error()));
        QVERIFY(w.edit(QStringLiteral("passwordEdit"))->text().isEmpty());
    }

    void emptyFieldsAreNamed() {
        UiFixture fixture;
        QVERIFY(fixture.createVault());
        Window w(fixture);
        w.signIn(QString(), OwnerPassword);
        QCOMPARE(w.error(), QStringLiteral("Enter your username."));
        QVERIFY(w.edit(QStringLiteral("passwordEdit"))->text().isEmpty());
        w.signIn(QStringLiteral("owner"), QString());
        QCOMPARE(w.error(), QStringLiteral("Enter your password."));
        QVERIFY(!w.window.isBusy());
        QCOMPARE(w.loggedIn.size(), 0);
    }

    void showLockedFillsTheUsername() {
        UiFixture fixture;
        QVERIFY(fixture.createVault(QStringLiteral("bob")));
        fixture.preferences.setLastUsername(QStringLiteral("bob"));
        Window w(fixture);
        w.window.hide();
        w.edit(QStringLiteral("usernameEdit"))->clear();
        w.edit(QStringLiteral("passwordEdit"))->setText(QStringLiteral("left over"));
        const QString message = QStringLiteral(
            "PayCred locked itself after 5 minutes without activity. Sign in to go on.");
        w.window.showLocked(message);
        QVERIFY(w.window.isVisible());
        auto* info = w.find<QLabel>(QStringLiteral("infoLabel"));
        QVERIFY(info->isVisible());
        QCOMPARE(info->text(), message);
        QCOMPARE(w.edit(QStringLiteral("usernameEdit"))->text(), QStringLiteral("bob"));
        QVERIFY(w.edit(QStringLiteral("passwordEdit"))->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(w.edit(QStringLiteral("passwordEdit"))->hasFocus() ||
                                     QApplication::focusWidget() ==
                                         w.edit(QStringLiteral("passwordEdit")),
                                 5000);
    }

    void everyControlHasANameForAssistiveTools() {
        UiFixture fixture;
        Window w(fixture);
        const QStringList names = {"vaultModeRadio",      "serverModeRadio", "serverCombo",
                                   "usernameEdit",        "passwordEdit",    "rememberCheck",
                                   "loginButton",         "ownerEdit",       "newPasswordEdit",
                                   "confirmPasswordEdit", "createButton",    "chooseVaultButton"};
        for (const QString& name : names) {
            auto* widget = w.find<QWidget>(name);
            QVERIFY2(widget, qPrintable(name));
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
        }
    }

    void anotherVaultFileCanBeChosen() {
        UiFixture fixture;
        const QString elsewhere = fixture.path(QStringLiteral("elsewhere.paycred"));
        QVERIFY(fixture.createVault());
        QVERIFY(QFile::rename(fixture.vaultPath(), elsewhere));
        Window w(fixture);
        QCOMPARE(w.page()->objectName(), QStringLiteral("createVaultPage"));
        QTest::mouseClick(w.find<QPushButton>(QStringLiteral("chooseVaultButton")), Qt::LeftButton);
        auto* dialog = waitForVisible<QFileDialog>(QStringLiteral("vaultFileDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isModal() || dialog->windowModality() != Qt::NonModal);
        // Qt's own file dialog (no native one offscreen): type the path, press Enter.
        auto* fileName = child<QLineEdit>(dialog, QStringLiteral("fileNameEdit"));
        QVERIFY(fileName);
        fileName->setText(elsewhere);
        QTest::keyClick(fileName, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QFileDialog>(QStringLiteral("vaultFileDialog")),
                                 5000);
        QCOMPARE(fixture.preferences.vaultPath(), elsewhere);
        QCOMPARE(w.page()->objectName(), QStringLiteral("signInPage"));
        w.signIn(QStringLiteral("owner"), OwnerPassword);
        QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        QVERIFY(w.window.takeConnection()->endpoint().contains(QStringLiteral("elsewhere")));
    }

    void aLostVaultComesBackFromABackup() {
        UiFixture fixture;
        const QString backup = fixture.path(QStringLiteral("vault.paycred-backup"));
        const QString passphrase = QStringLiteral("backup passphrase 1");
        {
            auto connection = fixture.createVault();
            QVERIFY(connection);
            addCredential(connection->client(), QStringLiteral("kopokopo"));
            const vault::VaultStatus status = vault::Backup::exportTo(
                *connection->vault(), backup, passphrase, {}, {1u << 10, 8, 1});
            QVERIFY2(status.ok(), qPrintable(status.message));
        }
        QVERIFY(QFile::remove(fixture.vaultPath())); // the laptop was lost

        Window w(fixture);
        QCOMPARE(w.page()->objectName(), QStringLiteral("createVaultPage"));
        w.find<QPushButton>(QStringLiteral("restoreBackupButton"))->click();
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("restoreDialog"));
        QVERIFY(dialog);
        QCOMPARE(child<QLineEdit>(dialog, QStringLiteral("targetPathEdit"))->text(),
                 fixture.vaultPath());
        child<QLineEdit>(dialog, QStringLiteral("backupPathEdit"))->setText(backup);
        child<QLineEdit>(dialog, QStringLiteral("passphraseEdit"))->setText(passphrase);
        child<QPushButton>(dialog, QStringLiteral("restoreButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(fixture.vaultPath()), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(w.page()->objectName(), QStringLiteral("signInPage"), 20000);
        QVERIFY(w.find<QLabel>(QStringLiteral("infoLabel"))
                    ->text()
                    .contains(QStringLiteral("restored")));
        dialog->reject();

        w.signIn(QStringLiteral("owner"), OwnerPassword);
        QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        auto connection = w.window.takeConnection();
        auto list =
            await<QList<client::Credential>>([&](client::Callback<QList<client::Credential>> done) {
                connection->client().listCredentials(std::move(done));
            });
        QVERIFY(list.ok());
        QCOMPARE(list.value->size(), 1);
    }

    void strengthRatings() {
        using ui::PasswordStrength;
        QCOMPARE(PasswordStrength::assess(QString()).rating, PasswordStrength::Rating::Empty);
        QCOMPARE(PasswordStrength::assess(QStringLiteral("abc")).rating,
                 PasswordStrength::Rating::Weak);
        QCOMPARE(PasswordStrength::assess(QStringLiteral("password1234")).rating,
                 PasswordStrength::Rating::Weak);
        QVERIFY(PasswordStrength::assess(QStringLiteral("password1234"))
                    .hint.contains(QStringLiteral("common")));
        QCOMPARE(PasswordStrength::assess(QStringLiteral("zzzzzzzzzzzzzzzz")).rating,
                 PasswordStrength::Rating::Weak);
        const auto good = PasswordStrength::assess(QStringLiteral("violet tractor umbrella"));
        QVERIFY(good.rating == PasswordStrength::Rating::Good ||
                good.rating == PasswordStrength::Rating::Strong);
        QCOMPARE(PasswordStrength::assess(QStringLiteral("Violet-Tractor-42-Umbrella!")).rating,
                 PasswordStrength::Rating::Strong);
    }

    void modeIsRemembered() {
        UiFixture fixture;
        {
            Window w(fixture);
            QTest::mouseClick(w.find<QRadioButton>(QStringLiteral("serverModeRadio")),
                              Qt::LeftButton);
            QCOMPARE(fixture.preferences.lastMode(), ui::Preferences::Mode::Server);
            QCOMPARE(w.page()->objectName(), QStringLiteral("signInPage"));
        }
        Window again(fixture);
        QVERIFY(again.find<QRadioButton>(QStringLiteral("serverModeRadio"))->isChecked());
    }
};

QTEST_MAIN(TestLoginWindow)
#include "tst_loginwindow.moc"
