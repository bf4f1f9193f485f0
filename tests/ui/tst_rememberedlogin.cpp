// "Remember me" (RememberedLogin through LoginWindow) against a real Secret Service: main() runs
// the suite again inside a private D-Bus session with an unlocked gnome-keyring in a throw-away
// HOME (tests/vault/with-keychain.sh), so the user's own keychain is never touched. A missing
// keychain is played by a child process of this binary (--probe-no-keychain) whose session bus
// address points at nothing. No case prints a token or a key.
#include "tests/server/serverprocess.h"
#include "tests/support/rerun.h"
#include "tests/ui/uitestsupport.h"

#include "core/crypto/digest.h"
#include "core/vault/keychainstore.h"
#include "core/vault/rememberedslot.h"
#include "core/vault/rememberedunlock.h"
#include "core/vault/vault.h"
#include "ui/loginwindow.h"
#include "ui/rememberedlogin.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRadioButton>
#include <QSignalSpy>

#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString ServerPassword = QStringLiteral("server password 0042");
const QString Unavailable = QStringLiteral("Your system keychain is not available, so PayCred "
                                           "cannot remember you; sign in with your password.");

struct Window {
    explicit Window(UiFixture& fixture)
        : window(fixture.context)
        , loggedIn(&window, &ui::LoginWindow::loggedIn)
        , remembered(&window, &ui::LoginWindow::rememberFinished)
        , failed(&window, &ui::LoginWindow::rememberedLoginFailed) {
        window.show();
    }
    template <typename T> T* find(const QString& name) const { return child<T>(&window, name); }
    void useServer(const QString& url) {
        QTest::mouseClick(find<QRadioButton>(QStringLiteral("serverModeRadio")), Qt::LeftButton);
        find<QComboBox>(QStringLiteral("serverCombo"))->setEditText(url);
    }
    void signIn(const QString& username, const QString& password, bool remember) {
        find<QCheckBox>(QStringLiteral("rememberCheck"))->setChecked(remember);
        find<QLineEdit>(QStringLiteral("usernameEdit"))->setText(username);
        auto* edit = find<QLineEdit>(QStringLiteral("passwordEdit"));
        QTest::keyClicks(edit, password);
        QTest::keyClick(edit, Qt::Key_Return);
    }
    QString info() const {
        auto* label = find<QLabel>(QStringLiteral("infoLabel"));
        return label->isVisible() ? label->text() : QString();
    }

    ui::LoginWindow window;
    QSignalSpy loggedIn;
    QSignalSpy remembered;
    QSignalSpy failed;
};

bool sessionWorks(ui::Connection& connection) {
    auto list =
        await<QList<client::Credential>>([&](client::Callback<QList<client::Credential>> done) {
            connection.client().listCredentials(std::move(done));
        });
    return list.ok();
}

std::optional<QString> forgetNow(ui::RememberedLogin& remembered, const ui::Connection& connection,
                                 const QString& username) {
    std::optional<QString> message;
    remembered.forget(connection, username, [&](QString m) { message = std::move(m); });
    (void)QTest::qWaitFor([&] { return message.has_value(); }, 20000);
    return message;
}

vault::KeychainStore::Status readStatus(const QString& service, const QString& key) {
    vault::KeychainStore store(service);
    std::optional<vault::KeychainStore::Reply> reply;
    store.read(key, [&](vault::KeychainStore::Reply r) { reply = std::move(r); });
    (void)QTest::qWaitFor([&] { return reply.has_value(); }, 20000);
    if (!reply)
        return vault::KeychainStore::Status::Unavailable;
    vault::KeychainStore::wipeInPlace(reply->data);
    return reply->status;
}

// The child side of noKeychain(): a vault with "Remember me" set, in an environment whose
// keychain cannot be reached. One line per step; never a secret.
int probeNoKeychain(int argc, char** argv) {
    QApplication app(argc, argv);
    UiFixture fixture;
    {
        auto connection = fixture.createVault();
        if (!connection)
            return 2;
    }
    fixture.preferences.setLastUsername(QStringLiteral("owner"));
    fixture.preferences.setRememberMe(true);
    Window w(fixture);
    w.window.tryRemembered();
    (void)QTest::qWaitFor([&] { return !w.failed.isEmpty() || !w.loggedIn.isEmpty(); }, 30000);
    std::printf("tryRemembered|%d|%d|%s\n", int(w.loggedIn.size()), int(w.failed.size()),
                w.info().toUtf8().constData());
    w.signIn(QStringLiteral("owner"), OwnerPassword, true);
    (void)QTest::qWaitFor([&] { return !w.remembered.isEmpty(); }, 30000);
    const QString message =
        w.remembered.isEmpty() ? QStringLiteral("(none)") : w.remembered.first().first().toString();
    std::printf("remember|%d|%s\n", int(w.loggedIn.size()), message.toUtf8().constData());
    std::fflush(stdout);
    // A keychain job may still wait on a bus that never answers: do not wait for it.
    std::_Exit(0);
}

} // namespace

class TestRememberedLogin : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // main() re-runs the suite in the private session; never run against a real keychain.
        QVERIFY2(!qEnvironmentVariableIsEmpty("PAYCRED_KEYCHAIN_SESSION") &&
                     qgetenv("PAYCRED_KEYCHAIN_SESSION") == qgetenv("HOME"),
                 "not running inside with-keychain.sh's private keychain session");
        m_server = std::make_unique<test::ServerProcess>();
        const auto created = m_server->createSuperuser(QStringLiteral("alice"), ServerPassword);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase() {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
        m_server.reset();
    }

    void vaultRememberedOpensWithoutThePassword() {
        UiFixture fixture;
        QVERIFY(fixture.createVault());
        QString vaultId;
        {
            Window first(fixture);
            first.signIn(QStringLiteral("owner"), OwnerPassword, true);
            QTRY_COMPARE_WITH_TIMEOUT(first.loggedIn.size(), 1, 20000);
            QTRY_COMPARE_WITH_TIMEOUT(first.remembered.size(), 1, 20000);
            QCOMPARE(first.remembered.first().first().toString(), QString());
            auto connection = first.window.takeConnection();
            vaultId = connection->vault()->id();
        }
        QVERIFY(fixture.preferences.rememberMe());
        QCOMPARE(readStatus(fixture.context.keychainService,
                            vault::RememberedUnlock::entryKey(vaultId, QStringLiteral("owner"))),
                 vault::KeychainStore::Status::Ok);

        Window second(fixture);
        second.window.tryRemembered();
        QVERIFY(second.window.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(second.loggedIn.size(), 1, 20000);
        QCOMPARE(second.failed.size(), 0);
        auto connection = second.window.takeConnection();
        QVERIFY(connection && connection->session().isActive());
        QCOMPARE(connection->session().identity().username, QStringLiteral("owner"));
        // The vault's own answer was taken over whole, not just its refresh token.
        QCOMPARE(connection->session().identity().isSuperuser, std::optional<bool>(true));
        QVERIFY(connection->vault()->isUnlocked());
        QVERIFY(sessionWorks(*connection));
        QVERIFY(second.find<QLineEdit>(QStringLiteral("passwordEdit"))->text().isEmpty());
    }

    void vaultWithAStaleRememberedKeyAsksAgain() {
        // The keychain holds a key this vault does not take (another copy's, an older one):
        // the app's resume path says so, forgets it, and leaves the vault locked.
        UiFixture fixture;
        QVERIFY(fixture.createVault());
        QString vaultId;
        {
            Window first(fixture);
            first.signIn(QStringLiteral("owner"), OwnerPassword, true);
            QTRY_COMPARE_WITH_TIMEOUT(first.remembered.size(), 1, 20000);
            vaultId = first.window.takeConnection()->vault()->id();
        }
        vault::RememberedUnlock unlock(fixture.clock, fixture.context.keychainService);
        std::optional<vault::RememberedUnlock::Result> replaced;
        unlock.writeEntry(vaultId, QStringLiteral("owner"),
                          crypto::Secret(crypto::Digest::randomBytes(32)),
                          fixture.clock.nowSecs() + 3600,
                          [&](vault::RememberedUnlock::Result r) { replaced = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(replaced.has_value(), 20000);
        QVERIFY(replaced->ok());

        Window second(fixture);
        second.window.tryRemembered();
        QTRY_COMPARE_WITH_TIMEOUT(second.failed.size(), 1, 20000);
        QCOMPARE(second.loggedIn.size(), 0);
        QVERIFY(!second.window.takeConnection());
        QCOMPARE(second.info(), QStringLiteral("The remembered unlock no longer opens this vault; "
                                               "sign in with your password."));
        QCOMPARE(readStatus(fixture.context.keychainService,
                            vault::RememberedUnlock::entryKey(vaultId, QStringLiteral("owner"))),
                 vault::KeychainStore::Status::NotFound);
    }

    void vaultForgottenAsksAgain() {
        UiFixture fixture;
        QVERIFY(fixture.createVault());
        std::unique_ptr<ui::Connection> connection;
        {
            Window first(fixture);
            first.signIn(QStringLiteral("owner"), OwnerPassword, true);
            QTRY_COMPARE_WITH_TIMEOUT(first.remembered.size(), 1, 20000);
            QCOMPARE(first.remembered.first().first().toString(), QString());
            connection = first.window.takeConnection();
            QVERIFY(connection);
            QCOMPARE(vault::RememberedSlot::count(connection->vault()->database()), 1);
            const auto forgotten =
                forgetNow(first.window.rememberedLogin(), *connection, QStringLiteral("owner"));
            QVERIFY(forgotten);
            QCOMPARE(*forgotten, QString());
            // Gone from the vault file too: the keychain's secret would open nothing there.
            QCOMPARE(vault::RememberedSlot::count(connection->vault()->database()), 0);
        }
        connection.reset();
        Window second(fixture);
        second.window.tryRemembered();
        QTRY_COMPARE_WITH_TIMEOUT(second.failed.size(), 1, 20000);
        QCOMPARE(second.loggedIn.size(), 0);
        QVERIFY(!second.window.isBusy());
        QVERIFY(!second.window.takeConnection());
        QVERIFY(!second.info().isEmpty());
        QVERIFY2(second.info().contains(QStringLiteral("password")), qPrintable(second.info()));
        // The form is there to sign in the usual way.
        second.signIn(QStringLiteral("owner"), OwnerPassword, false);
        QTRY_COMPARE_WITH_TIMEOUT(second.loggedIn.size(), 1, 20000);
        QVERIFY(!fixture.preferences.rememberMe());
    }

    void serverRememberedResumes() {
        UiFixture fixture;
        const QString url = m_server->baseUrl();
        const QString key = ui::RememberedLogin::serverKey(url, QStringLiteral("alice"));
        QCOMPARE(key, QStringLiteral("server:%1:alice").arg(url));
        {
            Window first(fixture);
            first.useServer(url);
            first.signIn(QStringLiteral("alice"), ServerPassword, true);
            QTRY_COMPARE_WITH_TIMEOUT(first.loggedIn.size(), 1, 20000);
            QTRY_COMPARE_WITH_TIMEOUT(first.remembered.size(), 1, 20000);
            QCOMPARE(first.remembered.first().first().toString(), QString());
        }
        QCOMPARE(readStatus(fixture.context.keychainService, key),
                 vault::KeychainStore::Status::Ok);

        Window second(fixture);
        QVERIFY(second.find<QRadioButton>(QStringLiteral("serverModeRadio"))->isChecked());
        second.window.tryRemembered();
        QTRY_COMPARE_WITH_TIMEOUT(second.loggedIn.size(), 1, 20000);
        QCOMPARE(second.failed.size(), 0);
        auto connection = second.window.takeConnection();
        QVERIFY(connection && connection->session().isActive());
        QCOMPARE(connection->serverUrl(), url);
        QVERIFY(sessionWorks(*connection));

        // Signing in with "Remember me" unticked forgets the entry.
        Window third(fixture);
        third.useServer(url);
        third.signIn(QStringLiteral("alice"), ServerPassword, false);
        QTRY_COMPARE_WITH_TIMEOUT(third.loggedIn.size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(readStatus(fixture.context.keychainService, key),
                                  vault::KeychainStore::Status::NotFound, 20000);
        QVERIFY(!fixture.preferences.rememberMe());
    }

    void serverTokenRefusedShowsTheForm() {
        UiFixture fixture;
        const QString url = m_server->baseUrl();
        const QString key = ui::RememberedLogin::serverKey(url, QStringLiteral("alice"));
        fixture.preferences.setLastMode(ui::Preferences::Mode::Server);
        fixture.preferences.addRecentServer(url);
        fixture.preferences.setLastUsername(QStringLiteral("alice"));
        fixture.preferences.setRememberMe(true);
        // A token the server does not accept (as after it was revoked or expired).
        {
            vault::KeychainStore store(fixture.context.keychainService);
            std::optional<vault::KeychainStore::Status> written;
            store.write(key, QByteArrayLiteral("not.a.token"),
                        [&](vault::KeychainStore::Reply reply) { written = reply.status; });
            QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 20000);
            QCOMPARE(*written, vault::KeychainStore::Status::Ok);
        }
        Window w(fixture);
        w.window.tryRemembered();
        QTRY_COMPARE_WITH_TIMEOUT(w.failed.size(), 1, 20000);
        QCOMPARE(w.loggedIn.size(), 0);
        QVERIFY(!w.window.isBusy());
        QCOMPARE(w.info(), QStringLiteral("Your remembered sign-in has ended; sign in with your "
                                          "password."));
        QCOMPARE(w.find<QLineEdit>(QStringLiteral("usernameEdit"))->text(),
                 QStringLiteral("alice"));
        // A refused token is not kept for the next start.
        QTRY_COMPARE_WITH_TIMEOUT(readStatus(fixture.context.keychainService, key),
                                  vault::KeychainStore::Status::NotFound, 20000);
    }

    void noKeychain() {
        QTemporaryDir runtime;
        QVERIFY(runtime.isValid());
        const QProcessEnvironment environment = uitest::environmentWithoutKeychain(runtime);
        QProcess child;
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--probe-no-keychain")});
        QVERIFY(child.waitForStarted(10000));
        const bool finished = child.waitForFinished(90000);
        if (!finished) {
            child.kill();
            child.waitForFinished(5000);
        }
        const QString out = QString::fromUtf8(child.readAllStandardOutput());
        const QString err = QString::fromUtf8(child.readAllStandardError()).right(1500);
        QVERIFY2(finished && child.exitCode() == 0, qPrintable(out + err));
        const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.contains(QStringLiteral("tryRemembered|0|1|") + Unavailable),
                 qPrintable(out + err));
        QVERIFY2(lines.contains(QStringLiteral("remember|1|") + Unavailable),
                 qPrintable(out + err));
    }

private:
    std::unique_ptr<test::ServerProcess> m_server;
};

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--probe-no-keychain") == 0)
        return probeNoKeychain(argc, argv);
    const QByteArray session = qgetenv("PAYCRED_KEYCHAIN_SESSION");
    if (session.isEmpty() || session != qgetenv("HOME"))
        return test::rerunInside({"/bin/bash", PAYCRED_WITH_KEYCHAIN}, "PAYCRED_KEYCHAIN_REEXEC",
                                 argc, argv);

    QApplication app(argc, argv);
    TestRememberedLogin test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_rememberedlogin.moc"
