// RevealKeyDialog: a real key from the vault, masked until asked for, masked again when the
// manual clock says its time is up, and gone from the dialog once it closes.
#include "tests/ui/uitestsupport.h"

#include "ui/revealkeydialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString StoredKey = QStringLiteral("private-key-reveal-0001");
constexpr int HideAfterSecs = 30;

// One vault with one credential, its key revealed through the client, in an open dialog.
struct Revealed {
    UiFixture fixture;
    std::unique_ptr<ui::Connection> connection;
    std::unique_ptr<ui::RevealKeyDialog> dialog;

    bool open() {
        connection = fixture.createVault();
        if (!connection)
            return false;
        const auto credential =
            addCredential(connection->client(), QStringLiteral("kopokopo"), QStringLiteral("live"),
                          QStringLiteral("api-key-reveal-01"), StoredKey);
        auto key = await<Client::RevealedKey>([&](client::Callback<Client::RevealedKey> done) {
            connection->client().revealPrivateKey(credential.id, std::move(done));
        });
        if (!key.ok()) {
            qWarning("revealing failed: %s", qPrintable(key.error.message));
            return false;
        }
        dialog = std::make_unique<ui::RevealKeyDialog>(std::move(*key.value), fixture.clock,
                                                       HideAfterSecs, nullptr);
        dialog->open();
        return QTest::qWaitForWindowExposed(dialog.get());
    }
    QLineEdit* view() const {
        return child<QLineEdit>(dialog.get(), QStringLiteral("privateKeyView"));
    }
    QPushButton* showButton() const {
        return child<QPushButton>(dialog.get(), QStringLiteral("showKeyButton"));
    }
    QLabel* countdown() const {
        return child<QLabel>(dialog.get(), QStringLiteral("countdownLabel"));
    }
};

} // namespace

class TestRevealKeyDialog : public QObject {
    Q_OBJECT
private slots:
    void namesTheProviderAndTheCredential() {
        Revealed revealed;
        QVERIFY(revealed.open());
        auto* title = child<QLabel>(revealed.dialog.get(), QStringLiteral("titleLabel"));
        QVERIFY(title);
        QVERIFY2(title->text().contains(QStringLiteral("KopoKopo")), qPrintable(title->text()));
        QVERIFY(revealed.dialog->windowTitle().contains(QStringLiteral("KopoKopo")));
    }

    void theKeyIsMaskedUntilTheToggleIsOn() {
        Revealed revealed;
        QVERIFY(revealed.open());
        QLineEdit* view = revealed.view();
        QVERIFY(view);
        QVERIFY(view->isReadOnly());
        QCOMPARE(view->echoMode(), QLineEdit::Password);
        QVERIFY(!revealed.dialog->isKeyShown());
        QVERIFY(!revealed.countdown()->isVisible());

        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QCOMPARE(view->echoMode(), QLineEdit::Normal);
        QVERIFY(revealed.dialog->isKeyShown());
        QVERIFY(view->text() == StoredKey); // QVERIFY: a failure prints no key
        QVERIFY(revealed.showButton()->isChecked());

        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QCOMPARE(view->echoMode(), QLineEdit::Password);
        QVERIFY(!revealed.dialog->isKeyShown());
        QVERIFY(!revealed.countdown()->isVisible());
    }

    void theCountdownFollowsTheClock() {
        Revealed revealed;
        QVERIFY(revealed.open());
        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QLabel* countdown = revealed.countdown();
        QVERIFY(countdown->isVisible());
        QCOMPARE(countdown->text(), QStringLiteral("Hidden again in 30 s"));

        revealed.fixture.clock.advance(3000);
        revealed.dialog->tick();
        QCOMPARE(countdown->text(), QStringLiteral("Hidden again in 27 s"));

        revealed.fixture.clock.advance(26500); // 0.5 s left: still a whole second on screen
        revealed.dialog->tick();
        QCOMPARE(countdown->text(), QStringLiteral("Hidden again in 1 s"));
        QVERIFY(revealed.dialog->isKeyShown());
    }

    void theKeyIsMaskedAgainWhenItsTimeIsUp() {
        Revealed revealed;
        QVERIFY(revealed.open());
        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QVERIFY(revealed.dialog->isKeyShown());

        revealed.fixture.clock.advance(HideAfterSecs * 1000);
        revealed.dialog->tick();
        QCOMPARE(revealed.view()->echoMode(), QLineEdit::Password);
        QVERIFY(!revealed.dialog->isKeyShown());
        QVERIFY(!revealed.showButton()->isChecked());
        QVERIFY(!revealed.countdown()->isVisible());

        // Shown again, it gets the whole time again.
        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QCOMPARE(revealed.countdown()->text(), QStringLiteral("Hidden again in 30 s"));
    }

    void copyAsksTheOwnerOfTheClipboard() {
        Revealed revealed;
        QVERIFY(revealed.open());
        QSignalSpy copied(revealed.dialog.get(), &ui::RevealKeyDialog::copyRequested);
        QTest::mouseClick(child<QPushButton>(revealed.dialog.get(), QStringLiteral("copyButton")),
                          Qt::LeftButton);
        QCOMPARE(copied.count(), 1);
        QVERIFY(revealed.dialog->privateKey().view() == StoredKey.toUtf8());
    }

    void closingForgetsTheKey() {
        Revealed revealed;
        QVERIFY(revealed.open());
        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(revealed.dialog.get(), QStringLiteral("closeButton")),
                          Qt::LeftButton);
        QVERIFY(!revealed.dialog->isVisible());
        QCOMPARE(revealed.dialog->result(), int(QDialog::Rejected));
        QVERIFY(revealed.view()->text().isEmpty());
        QVERIFY(revealed.dialog->privateKey().isEmpty());
        QVERIFY(!revealed.dialog->isKeyShown());
    }

    void escapeClosesAndForgetsTheKey() {
        Revealed revealed;
        QVERIFY(revealed.open());
        QTest::keyClick(revealed.dialog.get(), Qt::Key_Escape);
        QVERIFY(!revealed.dialog->isVisible());
        QVERIFY(revealed.view()->text().isEmpty());
        QVERIFY(revealed.dialog->privateKey().isEmpty());
    }
};

QTEST_MAIN(TestRevealKeyDialog)
#include "tst_revealkeydialog.moc"
