// The account menu's sessions against a real paycred-server on a loopback port, started with
// require_recent_password_for_live = 5: the sessions dialog lists this app's session and another
// app's, ends the other one (that app's next call is refused at once) and signs out everywhere
// (back to the login window); a live key's reveal answered 403 password_required asks the
// password, verifies it and reveals the key.
#include "tests/server/serverprocess.h"
#include "tests/ui/uitestsupport.h"

#include "ui/connection.h"
#include "ui/desktopapp.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/passwordprompt.h"
#include "ui/revealkeydialog.h"
#include "ui/sessionsdialog.h"
#include "ui/sessiontablemodel.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString Password = QStringLiteral("sessions password 0001");
const QString LiveKey = QStringLiteral("kopokopo-live-private-key-77");

template <typename T> T* in(QWidget* parent, const QString& name) {
    return parent ? parent->findChild<T*>(name) : nullptr;
}

} // namespace

class TestSessionsServer : public QObject {
    Q_OBJECT

    std::unique_ptr<test::ServerProcess> m_server;

    ui::MainWindow* signIn(ui::DesktopApp& app, const QString& user) {
        app.start();
        ui::LoginWindow* login = app.loginWindow();
        in<QRadioButton>(login, QStringLiteral("serverModeRadio"))->click();
        in<QComboBox>(login, QStringLiteral("serverCombo"))->setEditText(m_server->baseUrl());
        in<QLineEdit>(login, QStringLiteral("usernameEdit"))->setText(user);
        in<QLineEdit>(login, QStringLiteral("passwordEdit"))->setText(Password);
        in<QPushButton>(login, QStringLiteral("loginButton"))->click();
        if (!QTest::qWaitFor([&] { return app.mainWindow() && app.mainWindow()->isVisible(); },
                             20000))
            return nullptr;
        return app.mainWindow();
    }

private slots:
    void initTestCase() {
        m_server = std::make_unique<test::ServerProcess>();
        m_server->environment().insert(QStringLiteral("PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE"),
                                       QStringLiteral("5"));
        for (const char* name : {"amani", "zawadi"}) {
            const auto created = m_server->createSuperuser(QString::fromLatin1(name), Password);
            QVERIFY2(created.exitCode == 0, created.err.constData());
        }
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void theSessionsDialogEndsOneAndSignsOutEverywhere() {
        // Another app of the same user, signed in first.
        auto other = ui::Connection::toServer(QUrl(m_server->baseUrl()));
        auto otherLogin =
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                other->session().login(QStringLiteral("amani"), Password, std::move(done));
            });
        QVERIFY2(otherLogin.ok(), qPrintable(otherLogin.error.message));

        UiFixture fixture;
        ui::DesktopApp app(fixture.context);
        ui::MainWindow* window = signIn(app, QStringLiteral("amani"));
        QVERIFY(window);
        QAction* sessions = window->findChild<QAction*>(QStringLiteral("actionSessions"));
        QVERIFY(sessions && sessions->isVisible());
        QVERIFY(window->findChild<QAction*>(QStringLiteral("actionLogoutAll"))->isVisible());
        sessions->trigger();
        auto* dialog = waitForVisible<ui::SessionsDialog>(QStringLiteral("sessionsDialog"));
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->rowCount(), 2, 20000);
        // Oldest first: the other app's session, then this one (marked).
        QVERIFY(!dialog->model()->sessionAt(0)->current);
        QVERIFY(dialog->model()->sessionAt(1)->current);
        QVERIFY(dialog->model()
                    ->data(dialog->model()->index(1, ui::SessionTableModel::Where))
                    .toString()
                    .contains(QStringLiteral("127.0.0.1")));
        QVERIFY(!dialog->model()
                     ->data(dialog->model()->index(0, ui::SessionTableModel::LastUsed))
                     .toString()
                     .isEmpty());

        auto* table = in<QTableView>(dialog, QStringLiteral("sessionTable"));
        table->selectRow(0);
        auto* end = in<QPushButton>(dialog, QStringLiteral("endSessionButton"));
        QTRY_VERIFY(end->isEnabled());
        end->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->rowCount(), 1, 20000);
        // The other app's next call is refused, and so is its refresh: it must sign in again.
        const auto refused =
            await<QList<client::Credential>>([&](client::Callback<QList<client::Credential>> done) {
                other->client().listCredentials(std::move(done));
            });
        QCOMPARE(refused.error.kind, client::ApiError::Kind::Unauthorized);
        QVERIFY(window->isVisible()); // this one goes on

        auto* everywhere = in<QPushButton>(dialog, QStringLiteral("signOutEverywhereButton"));
        QTRY_VERIFY(everywhere->isEnabled());
        everywhere->click();
        QTRY_VERIFY_WITH_TIMEOUT(!app.mainWindow() && app.loginWindow()->isVisible(), 20000);
        QVERIFY(!app.connection());
    }

    void aLiveRevealTheServerRefusesAsksForThePassword() {
        UiFixture fixture;
        // The app's own question first is off: the server's 403 is what asks.
        fixture.preferences.setAskPasswordForLiveReveal(false);
        ui::DesktopApp app(fixture.context);
        ui::MainWindow* window = signIn(app, QStringLiteral("zawadi"));
        QVERIFY(window);
        auto created = await<client::Credential>([&](client::Callback<client::Credential> done) {
            app.connection()->client().createCredential({QStringLiteral("kopokopo"),
                                                         QStringLiteral("kk-api-0077"), LiveKey,
                                                         QStringLiteral("live")},
                                                        std::move(done));
        });
        QVERIFY2(created.ok(), qPrintable(created.error.message));
        window->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(window->table()->model()->rowCount(), 1, 20000);
        window->table()->selectRow(0);
        window->findChild<QAction*>(QStringLiteral("actionReveal"))->trigger();

        auto* prompt = waitForVisible<ui::PasswordPrompt>(QStringLiteral("passwordPrompt"), 20000);
        QVERIFY(prompt);
        QVERIFY(in<QLabel>(prompt, QStringLiteral("reasonLabel"))
                    ->text()
                    .contains(QStringLiteral("confirm your password")));
        in<QLineEdit>(prompt, QStringLiteral("passwordEdit"))->setText(Password);
        in<QPushButton>(prompt, QStringLiteral("confirmButton"))->click();
        auto* revealed =
            waitForVisible<ui::RevealKeyDialog>(QStringLiteral("revealKeyDialog"), 20000);
        QVERIFY(revealed);
        QVERIFY(QString::fromUtf8(revealed->privateKey().reveal()) == LiveKey); // never printed
        revealed->close();
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_MAIN(TestSessionsServer)
#include "tst_sessions_server.moc"
