// RevealKeyDialog: a real key from the vault, masked until asked for (the mask the same whatever
// the key), shown whole even at the longest a key may be, masked again when the manual clock says
// its time is up, and gone from the dialog once it closes.
#include "tests/ui/uitestsupport.h"

#include "core/service/credentialfields.h"
#include "ui/keyview.h"
#include "ui/revealkeydialog.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
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

    bool open(const QString& privateKey = StoredKey) {
        connection = fixture.createVault();
        if (!connection)
            return false;
        const auto credential =
            addCredential(connection->client(), QStringLiteral("kopokopo"), QStringLiteral("live"),
                          QStringLiteral("api-key-reveal-01"), privateKey);
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
    ui::KeyView* view() const {
        return child<ui::KeyView>(dialog.get(), QStringLiteral("privateKeyView"));
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
        ui::KeyView* view = revealed.view();
        QVERIFY(view);
        QVERIFY(view->isReadOnly());
        QVERIFY(view->isMasked());
        const QString mask = view->toPlainText();
        QVERIFY(!mask.contains(StoredKey)); // QVERIFY: a failure prints no key
        QVERIFY(!revealed.dialog->isKeyShown());
        QVERIFY(!revealed.countdown()->isVisible());

        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QVERIFY(!view->isMasked());
        QVERIFY(revealed.dialog->isKeyShown());
        QVERIFY(view->toPlainText() == StoredKey);
        QVERIFY(revealed.showButton()->isChecked());

        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        QVERIFY(view->isMasked());
        QCOMPARE(view->toPlainText(), mask);
        QVERIFY(!revealed.dialog->isKeyShown());
        QVERIFY(!revealed.countdown()->isVisible());
    }

    void theMaskIsTheSameForEveryKey() {
        Revealed shortKey;
        QVERIFY(shortKey.open());
        Revealed longKey;
        QVERIFY(longKey.open(QString(service::CredentialFields::MaxKeyLength, u'k')));
        QCOMPARE(shortKey.view()->toPlainText(), longKey.view()->toPlainText());
    }

    void theLongestKeyIsShownWhole() {
        const QString longest =
            QStringLiteral("sk_live_") + QString(service::CredentialFields::MaxKeyLength - 8, u'7');
        Revealed revealed;
        QVERIFY(revealed.open(longest));
        QTest::mouseClick(revealed.showButton(), Qt::LeftButton);
        ui::KeyView* view = revealed.view();
        QVERIFY(view->toPlainText() == longest);
        QTRY_VERIFY(view->height() >= view->heightForWidth(view->width()));
        // Every line on screen: nothing to scroll to, nothing cut off at the side.
        QCOMPARE(view->verticalScrollBar()->maximum(), 0);
        QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        QVERIFY(revealed.dialog->width() >= revealed.dialog->sizeHint().width());
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
        QVERIFY(revealed.view()->isMasked());
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
        QVERIFY(revealed.view()->toPlainText().isEmpty());
        QVERIFY(revealed.dialog->privateKey().isEmpty());
        QVERIFY(!revealed.dialog->isKeyShown());
    }

    void escapeClosesAndForgetsTheKey() {
        Revealed revealed;
        QVERIFY(revealed.open());
        QTest::keyClick(revealed.dialog.get(), Qt::Key_Escape);
        QVERIFY(!revealed.dialog->isVisible());
        QVERIFY(revealed.view()->toPlainText().isEmpty());
        QVERIFY(revealed.dialog->privateKey().isEmpty());
    }
};

QTEST_MAIN(TestRevealKeyDialog)
#include "tst_revealkeydialog.moc"
