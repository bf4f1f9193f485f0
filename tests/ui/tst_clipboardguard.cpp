// ClipboardGuard: the secret goes on the clipboard marked for clipboard managers, comes off when
// its time on the clock is up, on clearNow() and when the guard goes — but what the user copied
// since is never touched.
#include "tests/ui/uitestsupport.h"

#include "ui/clipboardguard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString Secret = QStringLiteral("kp-private-key-for-the-clipboard");

QString clipboardText() {
    return QGuiApplication::clipboard()->text();
}

} // namespace

class TestClipboardGuard : public QObject {
    Q_OBJECT
private slots:
    void init() { QGuiApplication::clipboard()->clear(); }

    void copiesTheSecretWithThePasswordManagerHint() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QString text = Secret;
        guard.copySecret(text, 30);
        QVERIFY(clipboardText() == Secret);
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime);
        QVERIFY(mime->hasFormat(ui::ClipboardGuard::PasswordManagerHint));
        QCOMPARE(mime->data(ui::ClipboardGuard::PasswordManagerHint), QByteArray("secret"));
        QVERIFY(guard.isPending());
        QVERIFY(guard.holdsSecret());
        QCOMPARE(guard.remainingSecs(), 30);
    }

    // The guard wipes its own copy; a caller that kept one (shared storage) keeps it intact.
    void leavesACopyTheCallerKeptIntact() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        const QString kept = Secret;
        guard.copySecret(kept, 30);
        QVERIFY(kept == Secret);
        QVERIFY(clipboardText() == Secret);
    }

    void theCountdownMovesWithTheClock() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy countdown(&guard, &ui::ClipboardGuard::countdownChanged);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        guard.copySecret(Secret, 10);
        QCOMPARE(countdown.size(), 1);
        QCOMPARE(countdown.last().first().toInt(), 10);

        fixture.clock.advance(1000);
        guard.tick();
        QCOMPARE(guard.remainingSecs(), 9);
        QCOMPARE(countdown.size(), 2);
        QCOMPARE(countdown.last().first().toInt(), 9);

        guard.tick(); // the clock did not move: nothing new to say
        QCOMPARE(countdown.size(), 2);

        fixture.clock.advance(3500);
        guard.tick();
        QCOMPARE(guard.remainingSecs(), 6); // 5.5 s left, rounded up
        QCOMPARE(countdown.last().first().toInt(), 6);
        QVERIFY(clipboardText() == Secret);
        QCOMPARE(cleared.size(), 0);
    }

    void clearedWhenTheTimeIsUp() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy countdown(&guard, &ui::ClipboardGuard::countdownChanged);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        guard.copySecret(Secret, 10);

        fixture.clock.advance(9999);
        guard.tick();
        QVERIFY(clipboardText() == Secret);
        QCOMPARE(cleared.size(), 0);

        fixture.clock.advance(1);
        guard.tick();
        QVERIFY(clipboardText().isEmpty());
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(cleared.first().first().toBool(), true);
        QCOMPARE(countdown.last().first().toInt(), 0);
        QVERIFY(!guard.isPending());
        QVERIFY(!guard.holdsSecret());
        QCOMPARE(guard.remainingSecs(), 0);

        fixture.clock.advance(60000);
        guard.tick(); // once only
        QCOMPARE(cleared.size(), 1);
    }

    void theTimerTicksByItself() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        guard.copySecret(Secret, 5);
        fixture.clock.advance(5000);
        // No tick() here: the guard's own 1 s timer reads the moved clock.
        QTRY_COMPARE_WITH_TIMEOUT(cleared.size(), 1, 20000);
        QVERIFY(clipboardText().isEmpty());
    }

    void leavesWhatTheUserCopiedSince() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        guard.copySecret(Secret, 10);
        QGuiApplication::clipboard()->setText(QStringLiteral("the user's shopping list"));

        fixture.clock.advance(11000);
        guard.tick();
        guard.clearNow();
        QCOMPARE(clipboardText(), QStringLiteral("the user's shopping list"));
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(cleared.first().first().toBool(), false);
        QVERIFY(!guard.isPending());
    }

    void clearNowClearsAtOnce() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        guard.copySecret(Secret, 60);
        guard.clearNow();
        QVERIFY(clipboardText().isEmpty());
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(cleared.first().first().toBool(), true);
        QVERIFY(!guard.isPending());

        guard.clearNow(); // nothing guarded any more: no second signal
        QCOMPARE(cleared.size(), 1);
    }

    void clearNowDoesNotTouchAClipboardItNeverFilled() {
        UiFixture fixture;
        QGuiApplication::clipboard()->setText(QStringLiteral("someone else's"));
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        guard.clearNow();
        QCOMPARE(clipboardText(), QStringLiteral("someone else's"));
        QCOMPARE(cleared.size(), 0);
    }

    // Quietly: a parent being destroyed must not be called back.
    void destructionClears() {
        UiFixture fixture;
        int heard = 0;
        {
            ui::ClipboardGuard guard(fixture.clock);
            guard.copySecret(Secret, 60);
            QVERIFY(clipboardText() == Secret);
            connect(&guard, &ui::ClipboardGuard::cleared, this, [&] { ++heard; });
            connect(&guard, &ui::ClipboardGuard::countdownChanged, this, [&] { ++heard; });
        }
        QVERIFY(clipboardText().isEmpty());
        QCOMPARE(heard, 0);
    }

    void destructionLeavesTheUsersText() {
        UiFixture fixture;
        {
            ui::ClipboardGuard guard(fixture.clock);
            guard.copySecret(Secret, 60);
            QGuiApplication::clipboard()->setText(QStringLiteral("mine"));
        }
        QCOMPARE(clipboardText(), QStringLiteral("mine"));
    }

    void copyingAgainRestartsTheCountdown() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        QSignalSpy countdown(&guard, &ui::ClipboardGuard::countdownChanged);
        guard.copySecret(Secret, 10);
        fixture.clock.advance(8000);
        guard.tick();
        QCOMPARE(guard.remainingSecs(), 2);

        const QString second = QStringLiteral("ak-api-key-second");
        guard.copySecret(second, 10);
        QCOMPARE(guard.remainingSecs(), 10);
        QCOMPARE(countdown.last().first().toInt(), 10);
        QVERIFY(clipboardText() == second);
        // Replacing our own secret is not "the user copied something else".
        QCOMPARE(cleared.size(), 0);

        fixture.clock.advance(8000);
        guard.tick();
        QVERIFY(clipboardText() == second);
        fixture.clock.advance(2000);
        guard.tick();
        QVERIFY(clipboardText().isEmpty());
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(cleared.first().first().toBool(), true);
    }

    void noCountdownWithoutATime() {
        UiFixture fixture;
        ui::ClipboardGuard guard(fixture.clock);
        QSignalSpy cleared(&guard, &ui::ClipboardGuard::cleared);
        guard.copySecret(Secret, 0);
        QVERIFY(!guard.isPending());
        QVERIFY(guard.holdsSecret());
        QCOMPARE(guard.remainingSecs(), 0);
        fixture.clock.advance(3600 * 1000);
        guard.tick();
        QVERIFY(clipboardText() == Secret);
        QCOMPARE(cleared.size(), 0);
        guard.clearNow();
        QVERIFY(clipboardText().isEmpty());
        QCOMPARE(cleared.size(), 1);
    }
};

QTEST_MAIN(TestClipboardGuard)
#include "tst_clipboardguard.moc"
