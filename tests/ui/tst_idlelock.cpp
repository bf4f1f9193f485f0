// IdleLock: idle() once the timeout has passed on the clock without user input; real key and
// mouse events to a widget count as activity; with a vault, the vault locks itself.
#include "tests/ui/uitestsupport.h"

#include "core/vault/vault.h"
#include "ui/idlelock.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QSignalSpy>

using namespace paycred;
using namespace paycred::uitest;

namespace {

// A window to type into and move the mouse over, shown so it gets real input.
std::unique_ptr<QLineEdit> shownEdit() {
    auto edit = std::make_unique<QLineEdit>();
    edit->setObjectName(QStringLiteral("idleTestEdit"));
    edit->resize(200, 30);
    edit->show();
    edit->activateWindow();
    edit->setFocus();
    if (!QTest::qWaitForWindowExposed(edit.get()))
        qWarning("the test window was not exposed");
    return edit;
}

} // namespace

class TestIdleLock : public QObject {
    Q_OBJECT
private slots:
    void idleAfterTheTimeoutNotBefore() {
        UiFixture fixture;
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        fixture.clock.advance(59999);
        lock.check();
        QCOMPARE(idle.size(), 0);
        QCOMPARE(lock.remainingSecs(), 1);

        fixture.clock.advance(1);
        lock.check();
        QCOMPARE(idle.size(), 1);
        QCOMPARE(lock.remainingSecs(), 0);
    }

    void keyPressMovesTheDeadline() {
        UiFixture fixture;
        auto edit = shownEdit();
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        fixture.clock.advance(50000);
        QTest::keyClick(edit.get(), Qt::Key_A);
        QCOMPARE(edit->text(), QStringLiteral("a")); // the key really arrived
        fixture.clock.advance(50000);                // 100 s since start, 50 s since the key
        lock.check();
        QCOMPARE(idle.size(), 0);
        QCOMPARE(lock.remainingSecs(), 10);

        fixture.clock.advance(10000);
        lock.check();
        QCOMPARE(idle.size(), 1);
    }

    void mouseMovesTheDeadline() {
        UiFixture fixture;
        auto edit = shownEdit();
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        fixture.clock.advance(50000);
        QTest::mouseMove(edit.get(), QPoint(10, 10));
        QTest::mouseMove(edit.get(), QPoint(40, 12));
        fixture.clock.advance(50000);
        lock.check();
        QCOMPARE(idle.size(), 0);

        fixture.clock.advance(10000);
        lock.check();
        QCOMPARE(idle.size(), 1);
    }

    void aClickMovesTheDeadline() {
        UiFixture fixture;
        auto edit = shownEdit();
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        fixture.clock.advance(50000);
        QTest::mouseClick(edit.get(), Qt::LeftButton, {}, QPoint(50, 15));
        fixture.clock.advance(50000);
        lock.check();
        QCOMPARE(idle.size(), 0);
        fixture.clock.advance(10000);
        lock.check();
        QCOMPARE(idle.size(), 1);
    }

    // Events the app sends itself are not the user's.
    void madeUpInputIsNotActivity() {
        UiFixture fixture;
        auto edit = shownEdit();
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);
        fixture.clock.advance(50000);
        QKeyEvent key(QEvent::KeyPress, Qt::Key_C, Qt::NoModifier, QStringLiteral("c"));
        QCoreApplication::sendEvent(edit.get(), &key);
        QCOMPARE(edit->text(), QStringLiteral("c"));
        fixture.clock.advance(10000);
        lock.check();
        QCOMPARE(idle.size(), 1);
    }

    void inputIsIgnoredWhenStopped() {
        UiFixture fixture;
        auto edit = shownEdit();
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.start();
        lock.stop();
        QVERIFY(!lock.isRunning());
        QSignalSpy idle(&lock, &ui::IdleLock::idle);
        fixture.clock.advance(50000);
        QTest::keyClick(edit.get(), Qt::Key_B);
        fixture.clock.advance(10000);
        lock.check();
        QCOMPARE(idle.size(), 1);
    }

    void zeroNeverFires() {
        UiFixture fixture;
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(0);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);
        fixture.clock.advance(qint64(365) * 24 * 3600 * 1000);
        lock.check();
        QCOMPARE(idle.size(), 0);
        QCOMPARE(lock.remainingSecs(), 0);
    }

    void oncePerIdlePeriod() {
        UiFixture fixture;
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(30);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        fixture.clock.advance(30000);
        lock.check();
        fixture.clock.advance(30000);
        lock.check();
        lock.check();
        QCOMPARE(idle.size(), 1);

        lock.noteActivity();
        lock.check();
        QCOMPARE(idle.size(), 1); // activity alone is not a new idle period
        fixture.clock.advance(30000);
        lock.check();
        QCOMPARE(idle.size(), 2);
    }

    void theTimerChecksByItself() {
        UiFixture fixture;
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(10);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);
        fixture.clock.advance(10000);
        // No check() here: the 5 s timer reads the moved clock.
        QTRY_COMPARE_WITH_TIMEOUT(idle.size(), 1, 20000);
    }

    void aVaultLocksItselfAfterTheTimeout() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        vault::Vault* vault = connection->vault();
        QVERIFY(vault->isUnlocked());

        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(120);
        lock.setVault(vault);
        QCOMPARE(vault->idleLockSecs(), 120);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        fixture.clock.advance(119000);
        lock.check();
        QVERIFY(vault->isUnlocked());
        QCOMPARE(idle.size(), 0);

        fixture.clock.advance(1000);
        lock.check();
        QVERIFY(!vault->isUnlocked());
        QCOMPARE(idle.size(), 1);

        fixture.clock.advance(120000);
        lock.check();
        QCOMPARE(idle.size(), 1);
        lock.setVault(nullptr);
    }

    // Unlocking again (a login, a remembered unlock) starts a new idle period by itself.
    void aVaultUnlockedAgainLocksAgain() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        vault::Vault* vault = connection->vault();
        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.setVault(vault);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        fixture.clock.advance(60000);
        lock.check();
        QCOMPARE(idle.size(), 1);
        QVERIFY(vault->unlock(QStringLiteral("owner"), OwnerPassword).ok());
        lock.check();
        QCOMPARE(idle.size(), 1);
        fixture.clock.advance(60000);
        lock.check();
        QVERIFY(!vault->isUnlocked());
        QCOMPARE(idle.size(), 2);
        lock.setVault(nullptr);
    }

    void activityKeepsTheVaultUnlocked() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        vault::Vault* vault = connection->vault();
        auto edit = shownEdit();

        ui::IdleLock lock(fixture.clock);
        lock.setVault(vault);
        lock.setTimeoutSecs(120); // after setVault: reaches the vault too
        QCOMPARE(vault->idleLockSecs(), 120);
        lock.start();
        QSignalSpy idle(&lock, &ui::IdleLock::idle);

        for (int minute = 0; minute < 5; ++minute) {
            fixture.clock.advance(60000);
            QTest::keyClick(edit.get(), Qt::Key_X);
            lock.check();
        }
        QVERIFY(vault->isUnlocked());
        QCOMPARE(idle.size(), 0);

        fixture.clock.advance(120000);
        lock.check();
        QVERIFY(!vault->isUnlocked());
        QCOMPARE(idle.size(), 1);
        lock.setVault(nullptr);
    }

    void aSecondOfInputTouchesTheVaultOnce() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        vault::Vault* vault = connection->vault();
        auto edit = shownEdit();

        ui::IdleLock lock(fixture.clock);
        lock.setTimeoutSecs(60);
        lock.setVault(vault);
        lock.start();
        fixture.clock.advance(30000);
        QTest::keyClick(edit.get(), Qt::Key_Y); // touches the vault at 30 s
        fixture.clock.advance(500);
        QTest::keyClick(edit.get(), Qt::Key_Z); // within the second: not passed on
        // The vault's idle time counts from 30 s; IdleLock's own from 30.5 s.
        fixture.clock.advance(59600);
        QVERIFY(vault->lockIfIdle());
        lock.setVault(nullptr);
    }
};

QTEST_MAIN(TestIdleLock)
#include "tst_idlelock.moc"
