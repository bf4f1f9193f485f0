// DesktopApp end to end on a local vault: the first run creates the vault and opens the main
// window; the idle time, the screen lock, Lock and Log out all go back to the login window and
// leave no secret behind; signing in again brings the credentials back; Quit ends the app.
#include "tests/ui/uitestsupport.h"

#include "core/vault/vault.h"
#include "ui/clipboardguard.h"
#include "ui/credentialtablemodel.h"
#include "ui/desktopapp.h"
#include "ui/idlelock.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/screenlockwatcher.h"

#include <QAction>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString Key = QStringLiteral("kopokopo-private-key-0001");

class Session {
public:
    UiFixture fixture;
    ui::DesktopApp app{fixture.context};

    // First run: the create-vault page, filled in and sent.
    bool createVault() {
        app.start();
        auto* login = app.loginWindow();
        if (!QTest::qWaitForWindowExposed(login))
            return false;
        auto* owner = login->findChild<QLineEdit*>(QStringLiteral("ownerEdit"));
        auto* password = login->findChild<QLineEdit*>(QStringLiteral("newPasswordEdit"));
        auto* confirm = login->findChild<QLineEdit*>(QStringLiteral("confirmPasswordEdit"));
        auto* create = login->findChild<QPushButton*>(QStringLiteral("createButton"));
        if (!owner || !password || !confirm || !create || !owner->isVisible())
            return false;
        owner->setText(QStringLiteral("amina"));
        password->setText(OwnerPassword);
        confirm->setText(OwnerPassword);
        create->click();
        return QTest::qWaitFor([&] { return signedIn(); }, 20000);
    }
    bool signIn(const QString& password = OwnerPassword) {
        auto* login = app.loginWindow();
        login->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(password);
        login->findChild<QPushButton*>(QStringLiteral("loginButton"))->click();
        return QTest::qWaitFor([&] { return signedIn(); }, 20000);
    }
    bool signedIn() const {
        return app.mainWindow() && app.mainWindow()->isVisible() && !app.loginWindow()->isVisible();
    }
    bool lockedOut() const {
        return !app.mainWindow() && !app.connection() && app.loginWindow()->isVisible();
    }
    QString loginMessage() const {
        QStringList texts;
        for (QLabel* label : app.loginWindow()->findChildren<QLabel*>())
            if (label->isVisible())
                texts << label->text();
        return texts.join(QLatin1Char('\n'));
    }
    void trigger(const QString& action) {
        QAction* found = app.mainWindow()->findChild<QAction*>(action);
        QVERIFY2(found, qPrintable(action));
        found->trigger();
    }
};

} // namespace

class TestDesktopApp : public QObject {
    Q_OBJECT
private slots:
    void firstRunCreatesTheVaultAndOpensTheMainWindow() {
        Session s;
        QVERIFY(!QFile::exists(s.fixture.vaultPath()));
        QVERIFY(s.createVault());
        QVERIFY(QFile::exists(s.fixture.vaultPath()));
        QCOMPARE(s.app.connection()->session().identity().username, QStringLiteral("amina"));
        QVERIFY(s.app.idleLock().isRunning());
        QCOMPARE(s.app.idleLock().vault(), s.app.connection()->vault());
    }

    void idlenessLocksAndSigningInBringsTheListBack() {
        Session s;
        QVERIFY(s.createVault());
        addCredential(s.app.connection()->client(), QStringLiteral("kopokopo"),
                      QStringLiteral("sandbox"), QStringLiteral("api-key-0001"), Key);
        s.trigger(QStringLiteral("actionRefresh"));
        QTRY_COMPARE_WITH_TIMEOUT(s.app.mainWindow()->table()->model()->rowCount(), 1, 20000);
        s.trigger(QStringLiteral("actionCopyKey"));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), Key, 20000);

        QSignalSpy locked(&s.app, &ui::DesktopApp::locked);
        // Not yet: a minute short of the five.
        s.fixture.clock.advance(4 * 60 * 1000);
        s.app.idleLock().check();
        QVERIFY(s.signedIn());
        s.fixture.clock.advance(61 * 1000);
        s.app.idleLock().check();
        QTRY_VERIFY(s.lockedOut());
        QCOMPARE(locked.size(), 1);
        QVERIFY(s.loginMessage().contains(QStringLiteral("without activity")));
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

        QVERIFY(s.signIn());
        QTRY_COMPARE_WITH_TIMEOUT(s.app.mainWindow()->table()->model()->rowCount(), 1, 20000);
    }

    void theScreenLockLocks() {
        Session s;
        QVERIFY(s.createVault());
        emit s.app.screenLock().screenLocked();
        QTRY_VERIFY(s.lockedOut());
        QVERIFY(s.loginMessage().contains(QStringLiteral("screen was locked")));
        QVERIFY(s.signIn());
    }

    void lockAndLogOutGoBackToTheLoginWindow() {
        Session s;
        QVERIFY(s.createVault());
        s.trigger(QStringLiteral("actionLock"));
        QTRY_VERIFY(s.lockedOut());
        QVERIFY(s.loginMessage().contains(QStringLiteral("locked")));
        QVERIFY(s.signIn());
        s.trigger(QStringLiteral("actionLogout"));
        QTRY_VERIFY_WITH_TIMEOUT(s.lockedOut(), 20000);
        // The wrong password still gets nowhere after a log-out.
        auto* login = s.app.loginWindow();
        login->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))
            ->setText(QStringLiteral("nope"));
        login->findChild<QPushButton*>(QStringLiteral("loginButton"))->click();
        auto* error = login->findChild<QLabel*>(QStringLiteral("errorLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!error->text().isEmpty() && !login->isBusy(), 20000);
        QVERIFY(!s.signedIn());
        QVERIFY(s.signIn());
    }

    void autoLockFollowsThePreferences() {
        Session s;
        QVERIFY(s.createVault());
        s.fixture.preferences.setAutoLockMinutes(1);
        QCOMPARE(s.app.idleLock().timeoutSecs(), 60);
        s.fixture.clock.advance(61 * 1000);
        s.app.idleLock().check();
        QTRY_VERIFY(s.lockedOut());
        QVERIFY(s.signIn());
        s.fixture.preferences.setAutoLockMinutes(0); // never
        s.fixture.clock.advance(24 * 60 * 60 * 1000);
        s.app.idleLock().check();
        QTest::qWait(50);
        QVERIFY(s.signedIn());
    }

    void quitForgetsEverything() {
        Session s;
        QVERIFY(s.createVault());
        addCredential(s.app.connection()->client(), QStringLiteral("kopokopo"),
                      QStringLiteral("sandbox"), QStringLiteral("api-key-0001"), Key);
        s.trigger(QStringLiteral("actionRefresh"));
        QTRY_COMPARE_WITH_TIMEOUT(s.app.mainWindow()->table()->model()->rowCount(), 1, 20000);
        s.trigger(QStringLiteral("actionCopyKey"));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), Key, 20000);
        QSignalSpy finished(&s.app, &ui::DesktopApp::finished);
        s.trigger(QStringLiteral("actionQuit"));
        QCOMPARE(finished.size(), 1);
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        QTRY_VERIFY(!s.app.mainWindow());
        QVERIFY(!s.app.loginWindow()->isVisible());
    }
};

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
