// The whole app against a real paycred-server on a loopback port: sign in through the login
// window, then create, edit, verify, copy, toggle and delete through the main window's actions
// and dialogs, change the password, and log out (which revokes the refresh token on the server).
// Against a server like the seed's (ServerTap refusing its schema and the extensions), the
// actions it lacks are hidden before the main window first shows.
#include "tests/server/serverprocess.h"
#include "tests/ui/servertap.h"
#include "tests/ui/uitestsupport.h"

#include "core/client/httptransport.h"
#include "ui/clipboardguard.h"
#include "ui/connection.h"
#include "ui/credentialtablemodel.h"
#include "ui/desktopapp.h"
#include "ui/idlelock.h"
#include "ui/keyview.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/verifykeydialog.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>

using namespace paycred;
using namespace paycred::uitest;
using Credential = client::Credential;

namespace {

const QString ServerPassword = QStringLiteral("server password 0001");
const QString NewServerPassword = QStringLiteral("server password 0002");
const QString Key = QStringLiteral("kopokopo-live-private-key-01");

template <typename T> T* in(QWidget* parent, const QString& name) {
    return parent ? parent->findChild<T*>(name) : nullptr;
}

// The server's answer to a refresh with `token`, straight over HTTP.
int refreshStatus(const QString& baseUrl, const QByteArray& token) {
    client::HttpTransport http{QUrl(baseUrl)};
    api::ApiRequest request;
    request.method = "POST";
    request.target = "/users/token/refresh/";
    request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    request.body = QByteArray(R"({"refresh":")") + token + "\"}";
    std::optional<int> status;
    http.send(request, [&](const client::TransportResult& result) {
        status = result.ok() ? result.response.status : -1;
    });
    (void)QTest::qWaitFor([&] { return status.has_value(); }, 20000);
    return status.value_or(0);
}

} // namespace

class TestDesktopAppServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_server = std::make_unique<test::ServerProcess>();
        for (const char* name : {"wanjiku", "carol"}) {
            const auto created =
                m_server->createSuperuser(QString::fromLatin1(name), ServerPassword);
            QVERIFY2(created.exitCode == 0, created.err.constData());
        }
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void everyActionWorksAgainstTheServer() {
        UiFixture fixture;
        ui::DesktopApp app(fixture.context);
        app.start();
        ui::LoginWindow* login = app.loginWindow();
        QVERIFY(QTest::qWaitForWindowExposed(login));

        // Sign in.
        in<QRadioButton>(login, QStringLiteral("serverModeRadio"))->click();
        in<QComboBox>(login, QStringLiteral("serverCombo"))->setEditText(m_server->baseUrl());
        in<QLineEdit>(login, QStringLiteral("usernameEdit"))->setText(QStringLiteral("wanjiku"));
        in<QLineEdit>(login, QStringLiteral("passwordEdit"))->setText(ServerPassword);
        in<QPushButton>(login, QStringLiteral("loginButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow() && app.mainWindow()->isVisible(), 20000);
        ui::MainWindow* window = app.mainWindow();
        QVERIFY(in<QLabel>(window, QStringLiteral("connectionLabel"))
                    ->text()
                    .contains(m_server->baseUrl()));
        QVERIFY(!window->findChild<QAction*>(QStringLiteral("actionBackup"))->isVisible());
        const auto trigger = [&](const char* name) {
            QAction* action = window->findChild<QAction*>(QLatin1String(name));
            QVERIFY2(action && action->isEnabled(), name);
            action->trigger();
        };
        const auto stored = [&] {
            auto list = await<QList<Credential>>([&](client::Callback<QList<Credential>> done) {
                app.connection()->client().listCredentials(std::move(done));
            });
            return list.value.value_or(QList<Credential>());
        };

        // Create a live credential.
        trigger("actionNew");
        auto* form = waitForVisible<QDialog>(QStringLiteral("credentialDialog"));
        QVERIFY(form);
        auto* provider = in<QComboBox>(form, QStringLiteral("providerCombo"));
        provider->setCurrentIndex(provider->findData(QStringLiteral("kopokopo")));
        in<QLineEdit>(form, QStringLiteral("apiKeyEdit"))->setText(QStringLiteral("kk-api-0001"));
        in<QLineEdit>(form, QStringLiteral("privateKeyEdit"))->setText(Key);
        auto* environment = in<QComboBox>(form, QStringLiteral("environmentCombo"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        in<QPushButton>(form, QStringLiteral("saveButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window->table()->model()->rowCount(), 1, 20000);
        QCOMPARE(stored().size(), 1);
        QVERIFY(stored().first().isLive);

        // Edit: back to sandbox.
        window->table()->selectRow(0);
        trigger("actionEdit");
        form = waitForVisible<QDialog>(QStringLiteral("credentialDialog"));
        QVERIFY(form);
        environment = in<QComboBox>(form, QStringLiteral("environmentCombo"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("sandbox")));
        in<QPushButton>(form, QStringLiteral("saveButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!stored().first().isLive, 20000);

        // Verify right and wrong.
        trigger("actionVerifyKey");
        auto* verify = waitForVisible<ui::VerifyKeyDialog>(QStringLiteral("verifyKeyDialog"));
        QVERIFY(verify);
        in<QLineEdit>(verify, QStringLiteral("privateKeyEdit"))
            ->setText(QStringLiteral("wrong-key-0001"));
        in<QPushButton>(verify, QStringLiteral("verifyButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(verify->lastResult().has_value(), 20000);
        QCOMPARE(*verify->lastResult(), false);
        in<QLineEdit>(verify, QStringLiteral("privateKeyEdit"))->setText(Key);
        in<QPushButton>(verify, QStringLiteral("verifyButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(verify->lastResult().value_or(false), 20000);
        verify->reject();

        // Copy, and the clipboard is cleared on time.
        QGuiApplication::clipboard()->clear();
        trigger("actionCopyKey");
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), Key, 20000);
        fixture.clock.advance(31 * 1000);
        app.clipboard().tick();
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

        // Reveal: masked until asked.
        trigger("actionReveal");
        auto* reveal = waitForVisible<QDialog>(QStringLiteral("revealKeyDialog"));
        QVERIFY(reveal);
        auto* view = in<ui::KeyView>(reveal, QStringLiteral("privateKeyView"));
        QVERIFY(view->isMasked());
        in<QPushButton>(reveal, QStringLiteral("showKeyButton"))->click();
        QVERIFY(view->toPlainText() == Key);
        reveal->reject();

        // Deactivate, then delete.
        trigger("actionToggle");
        QTRY_VERIFY_WITH_TIMEOUT(!stored().first().isActive, 20000);
        trigger("actionDelete");
        auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteBox"));
        QVERIFY(box);
        in<QPushButton>(box, QStringLiteral("confirmDeleteButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(window->table()->model()->rowCount(), 0, 20000);
        QVERIFY(stored().isEmpty());

        // Change the password: the session goes on with the new one.
        trigger("actionChangePassword");
        auto* change = waitForVisible<QDialog>(QStringLiteral("changePasswordDialog"));
        QVERIFY(change);
        in<QLineEdit>(change, QStringLiteral("oldPasswordEdit"))->setText(ServerPassword);
        in<QLineEdit>(change, QStringLiteral("newPasswordEdit"))->setText(NewServerPassword);
        in<QLineEdit>(change, QStringLiteral("confirmPasswordEdit"))->setText(NewServerPassword);
        in<QPushButton>(change, QStringLiteral("changeButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QDialog>(QStringLiteral("changePasswordDialog")),
                                 20000);
        QVERIFY(window->message().contains(QStringLiteral("password was changed")));
        trigger("actionRefresh");
        QVERIFY(waitIdle(app.connection()->client()));
        QVERIFY(app.connection()->session().isActive());

        // Log out: the refresh token dies on the server too.
        const QByteArray refresh = app.connection()->session().refreshToken();
        QVERIFY(!refresh.isEmpty());
        QCOMPARE(refreshStatus(m_server->baseUrl(), refresh), 200);
        trigger("actionLogout");
        QTRY_VERIFY_WITH_TIMEOUT(!app.mainWindow() && login->isVisible(), 20000);
        QCOMPARE(refreshStatus(m_server->baseUrl(), refresh), 401);

        // And the new password signs in.
        in<QLineEdit>(login, QStringLiteral("passwordEdit"))->setText(NewServerPassword);
        in<QPushButton>(login, QStringLiteral("loginButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow() && app.mainWindow()->isVisible(), 20000);
    }

    void idlenessLocksAServerSessionToo() {
        UiFixture fixture;
        ui::DesktopApp app(fixture.context);
        app.start();
        ui::LoginWindow* login = app.loginWindow();
        in<QRadioButton>(login, QStringLiteral("serverModeRadio"))->click();
        in<QComboBox>(login, QStringLiteral("serverCombo"))->setEditText(m_server->baseUrl());
        in<QLineEdit>(login, QStringLiteral("usernameEdit"))->setText(QStringLiteral("carol"));
        in<QLineEdit>(login, QStringLiteral("passwordEdit"))->setText(ServerPassword);
        in<QPushButton>(login, QStringLiteral("loginButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow() && app.mainWindow()->isVisible(), 20000);
        QVERIFY(!app.idleLock().vault()); // server mode: the deadline is the app's own

        fixture.clock.advance(4 * 60 * 1000);
        app.idleLock().check();
        QVERIFY(app.mainWindow());
        fixture.clock.advance(61 * 1000);
        app.idleLock().check();
        QTRY_VERIFY(!app.mainWindow() && login->isVisible());
        QVERIFY(!app.connection());
    }

    // A session resumed from a remembered refresh token (no access token yet) is revoked on the
    // server by Log out too.
    void loggingOutOfAResumedSessionRevokesIt() {
        auto first = ui::Connection::toServer(QUrl(m_server->baseUrl()));
        auto login =
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                first->session().login(QStringLiteral("carol"), ServerPassword, std::move(done));
            });
        QVERIFY2(login.ok(), qPrintable(login.error.message));
        const QByteArray refresh = first->session().refreshToken();
        first.reset();

        auto resumed = ui::Connection::toServer(QUrl(m_server->baseUrl()));
        resumed->session().resume(QStringLiteral("carol"), refresh);
        auto logout = await<QString>(
            [&](client::Callback<QString> done) { resumed->session().logout(std::move(done)); });
        QVERIFY2(logout.ok(), qPrintable(logout.error.message));
        QCOMPARE(refreshStatus(m_server->baseUrl(), refresh), 401);
    }

    void cleanupTestCase() { m_server.reset(); }

    void aSeedLikeServerShowsOnlyWhatItHas() {
        // The seed's Django server has no schema and none of the extensions: a TEST DOUBLE for
        // those routes only (ServerTap answers them 404), the seed's own endpoints are real.
        ServerTap seedLike(m_server->port());
        for (const char* prefix :
             {"/api/schema/", "/users/me/", "/users/change-password/", "/users/verify-password/",
              "/users/sessions/", "/users/logout", "/users/token/", "/providers/", "/admin/"})
            seedLike.refuse(prefix);
        QVERIFY(seedLike.listen());
        UiFixture fixture;
        ui::DesktopApp app(fixture.context);
        app.start();
        ui::LoginWindow* login = app.loginWindow();
        QVERIFY(QTest::qWaitForWindowExposed(login));
        // What the app knows the moment the sign-in is over, before any window shows.
        std::optional<client::Capabilities> atSignIn;
        connect(login, &ui::LoginWindow::loggedIn, this,
                [&] { atSignIn = app.connection()->session().capabilities(); });
        in<QRadioButton>(login, QStringLiteral("serverModeRadio"))->click();
        in<QComboBox>(login, QStringLiteral("serverCombo"))->setEditText(seedLike.baseUrl());
        in<QLineEdit>(login, QStringLiteral("usernameEdit"))->setText(QStringLiteral("carol"));
        in<QLineEdit>(login, QStringLiteral("passwordEdit"))->setText(ServerPassword);
        in<QPushButton>(login, QStringLiteral("loginButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow() && app.mainWindow()->isVisible(), 20000);
        QCOMPARE(atSignIn, std::optional<client::Capabilities>(client::Capabilities::none()));
        ui::MainWindow* window = app.mainWindow();
        for (const char* hidden : {"actionChangePassword", "actionSessions", "actionLogoutAll",
                                   "actionAdministration", "actionCheckWithProvider"}) {
            QAction* action = window->findChild<QAction*>(QLatin1String(hidden));
            QVERIFY2(action && !action->isVisible(), hidden);
        }
        // No check, so no Last check column either, and no request for one.
        QVERIFY(window->table()->isColumnHidden(ui::CredentialTableModel::LastCheckColumn));
        QCOMPARE(seedLike.requestsTo("/api/schema/").size(), 1);
        QCOMPARE(seedLike.requestsTo("/users/change-password/").size(), 0);
        QCOMPARE(seedLike.requestsTo("/admin/").size(), 0);
        // The seed's own endpoints: the list of credentials.
        QTRY_VERIFY_WITH_TIMEOUT(!app.connection()->session().isBusy(), 20000);
        QVERIFY(window->message().isEmpty());
        for (const ServerTap::Request& request : seedLike.requests())
            QVERIFY2(!request.target.contains("/check"), request.target.constData());
    }

private:
    std::unique_ptr<test::ServerProcess> m_server;
};

QTEST_MAIN(TestDesktopAppServer)
#include "tst_desktopapp_server.moc"
