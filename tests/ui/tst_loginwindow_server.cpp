// LoginWindow against a real paycred-server (and `openssl s_server`, which shows the test what
// arrives and sends what the test writes, for certificates): signing
// in, each failure in plain words, the throttle's countdown, trusting a self-signed
// certificate, and confirming plain http:// beyond loopback.
#include "tests/server/serverprocess.h"
#include "tests/ui/uitestsupport.h"

#include "ui/certificatedialog.h"
#include "ui/loginwindow.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>

#include <memory>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString ServerPassword = QStringLiteral("server password 0042");

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed again when `probe` goes
}

struct Window {
    explicit Window(UiFixture& fixture)
        : window(fixture.context)
        , loggedIn(&window, &ui::LoginWindow::loggedIn) {
        window.show();
        QTest::mouseClick(find<QRadioButton>(QStringLiteral("serverModeRadio")), Qt::LeftButton);
    }
    template <typename T> T* find(const QString& name) const { return child<T>(&window, name); }
    QString error() const {
        auto* label = find<QLabel>(QStringLiteral("errorLabel"));
        return label->isVisible() ? label->text() : QString();
    }
    QPushButton* loginButton() const { return find<QPushButton>(QStringLiteral("loginButton")); }
    void signIn(const QString& url, const QString& username, const QString& password) {
        find<QComboBox>(QStringLiteral("serverCombo"))->setEditText(url);
        find<QLineEdit>(QStringLiteral("usernameEdit"))->setText(username);
        auto* passwordEdit = find<QLineEdit>(QStringLiteral("passwordEdit"));
        QTest::keyClicks(passwordEdit, password);
        QTest::keyClick(passwordEdit, Qt::Key_Return);
    }
    bool waitIdle() const {
        return QTest::qWaitFor([this] { return !window.isBusy(); }, 20000);
    }

    ui::LoginWindow window;
    QSignalSpy loggedIn;
};

} // namespace

class TestLoginWindowServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_server = std::make_unique<test::ServerProcess>();
        for (const char* name : {"alice", "carol"}) {
            const auto created =
                m_server->createSuperuser(QString::fromLatin1(name), ServerPassword);
            QVERIFY2(created.exitCode == 0, created.err.constData());
        }
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        // A self-signed certificate and its fingerprint as openssl prints it (AA:BB:…).
        QVERIFY(m_tlsDir.isValid());
        QProcess openssl;
        openssl.setWorkingDirectory(m_tlsDir.path());
        openssl.start(QStringLiteral(PAYCRED_OPENSSL_EXECUTABLE),
                      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=paycred-login-test",
                       "-days", "1", "-nodes"});
        QVERIFY(openssl.waitForFinished(30000));
        QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
        openssl.start(QStringLiteral(PAYCRED_OPENSSL_EXECUTABLE),
                      {"x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256"});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
        const QString printed = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
        const qsizetype equals = printed.indexOf(QLatin1Char('='));
        QVERIFY2(equals > 0, qPrintable(printed));
        m_fingerprint = printed.mid(equals + 1).trimmed().toUpper();
        QCOMPARE(m_fingerprint.size(), 32 * 3 - 1);
    }

    void cleanupTestCase() {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
        m_server.reset();
    }

    void signsIn() {
        UiFixture fixture;
        Window w(fixture);
        w.signIn(m_server->baseUrl(), QStringLiteral("alice"), ServerPassword);
        QVERIFY(w.window.isBusy());
        QVERIFY(!w.loginButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        QVERIFY(w.error().isEmpty());
        QCOMPARE(fixture.preferences.recentServers().value(0), m_server->baseUrl());
        QCOMPARE(fixture.preferences.lastMode(), ui::Preferences::Mode::Server);
        QCOMPARE(fixture.preferences.lastUsername(), QStringLiteral("alice"));
        auto connection = w.window.takeConnection();
        QVERIFY(connection);
        QCOMPARE(connection->mode(), ui::Connection::Mode::Server);
        QVERIFY(connection->session().isActive());
        QVERIFY(w.find<QLineEdit>(QStringLiteral("passwordEdit"))->text().isEmpty());
    }

    void wrongPassword() {
        UiFixture fixture;
        Window w(fixture);
        w.signIn(m_server->baseUrl(), QStringLiteral("alice"), QStringLiteral("wrong password"));
        QVERIFY(w.waitIdle());
        QCOMPARE(w.error(),
                 QStringLiteral("The username or password is wrong. Check them and try again."));
        QCOMPARE(w.loggedIn.size(), 0);
        QVERIFY(w.loginButton()->isEnabled());
        QVERIFY(w.find<QLineEdit>(QStringLiteral("passwordEdit"))->text().isEmpty());
        QVERIFY(fixture.preferences.recentServers().isEmpty());
    }

    void addressNeedsAScheme() {
        UiFixture fixture;
        Window w(fixture);
        w.signIn(QStringLiteral("127.0.0.1:%1").arg(m_server->port()), QStringLiteral("alice"),
                 ServerPassword);
        auto* inline_ = w.find<QLabel>(QStringLiteral("serverError"));
        QVERIFY(inline_->isVisible());
        QCOMPARE(inline_->text(),
                 QStringLiteral("Enter the server's address, starting with https://"));
        QVERIFY(!w.window.isBusy());
        QCOMPARE(w.loggedIn.size(), 0);
    }

    void unreachableServer() {
        UiFixture fixture;
        Window w(fixture);
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(freePort());
        w.signIn(url, QStringLiteral("alice"), ServerPassword);
        QVERIFY(w.waitIdle());
        QCOMPARE(w.loggedIn.size(), 0);
        QVERIFY2(w.error().contains(url), qPrintable(w.error()));
        QVERIFY2(
            w.error().contains(QStringLiteral("Check the address and that the server is running")),
            qPrintable(w.error()));
        QVERIFY(w.loginButton()->isEnabled());
    }

    void tooManyAttemptsCountDown() {
        UiFixture fixture;
        Window w(fixture);
        const QRegularExpression throttled(
            QStringLiteral("^Too many sign-in attempts\\. Wait (\\d+) s and try again\\.$"));
        QRegularExpressionMatch match;
        for (int attempt = 0; attempt < 6 && !match.hasMatch(); ++attempt) {
            w.signIn(m_server->baseUrl(), QStringLiteral("carol"),
                     QStringLiteral("guess %1").arg(attempt));
            QVERIFY(w.waitIdle());
            match = throttled.match(w.error());
        }
        QVERIFY2(match.hasMatch(), qPrintable(w.error()));
        const qint64 seconds = match.captured(1).toLongLong();
        QVERIFY2(seconds > 0 && seconds <= 15 * 60, qPrintable(w.error()));
        QVERIFY(!w.loginButton()->isEnabled());
        QCOMPARE(w.loggedIn.size(), 0);

        fixture.clock.advance(10 * 1000);
        w.window.tick();
        QCOMPARE(w.error(), QStringLiteral("Too many sign-in attempts. Wait %1 s and try again.")
                                .arg(seconds - 10));
        QVERIFY(!w.loginButton()->isEnabled());
        // Enter does nothing while it counts down.
        w.signIn(m_server->baseUrl(), QStringLiteral("carol"), ServerPassword);
        QVERIFY(!w.window.isBusy());

        fixture.clock.advance(seconds * 1000);
        w.window.tick();
        QVERIFY(w.loginButton()->isEnabled());
        QVERIFY2(!throttled.match(w.error()).hasMatch(), qPrintable(w.error()));
    }

    void untrustedCertificate() {
        QProcess tls;
        quint16 port = 0;
        QVERIFY2(startTlsServer(tls, port), "openssl s_server did not start");
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(port);
        UiFixture fixture;
        Window w(fixture);

        // Cancel: no pin, and the window says why it did not sign in.
        w.signIn(url, QStringLiteral("alice"), ServerPassword);
        auto* dialog =
            waitForVisible<ui::CertificateDialog>(QStringLiteral("certificateDialog"), 20000);
        QVERIFY(dialog);
        QVERIFY(!dialog->isChanged());
        QCOMPARE(child<QLabel>(dialog, QStringLiteral("fingerprintLabel"))->text(), m_fingerprint);
        QVERIFY(child<QLabel>(dialog, QStringLiteral("fingerprintLabel"))->textInteractionFlags() &
                Qt::TextSelectableByMouse);
        QVERIFY(child<QLabel>(dialog, QStringLiteral("subjectLabel"))
                    ->text()
                    .contains(QStringLiteral("paycred-login-test")));
        auto* trust = child<QPushButton>(dialog, QStringLiteral("trustButton"));
        auto* cancel = child<QPushButton>(dialog, QStringLiteral("cancelButton"));
        QCOMPARE(trust->text(), QStringLiteral("Trust this certificate"));
        QVERIFY(cancel->isDefault());
        QVERIFY(!trust->isDefault());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !findVisible<ui::CertificateDialog>(QStringLiteral("certificateDialog")), 5000);
        QVERIFY(fixture.preferences.pinnedCertificate(url).isEmpty());
        QVERIFY2(w.error().contains(QStringLiteral("not trusted")), qPrintable(w.error()));
        QCOMPARE(w.loggedIn.size(), 0);

        // Trust: the pin is stored and the login is tried again, past TLS this time.
        w.signIn(url, QStringLiteral("alice"), ServerPassword);
        dialog = waitForVisible<ui::CertificateDialog>(QStringLiteral("certificateDialog"), 20000);
        QVERIFY(dialog);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("trustButton")),
                          Qt::LeftButton);
        QCOMPARE(QString::fromLatin1(fixture.preferences.pinnedCertificate(url)).toUpper(),
                 QString(m_fingerprint).remove(QLatin1Char(':')));
        QVERIFY(w.window.isBusy());
        // The request arrives decrypted: TLS accepted the pin. s_server sends what it is given
        // on its standard input, so it answers as a server that is not PayCred.
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT(
            (received += tls.readAll()).contains("POST /users/login/ HTTP/1.1"), 20000);
        tls.write("HTTP/1.1 418 I'm a teapot\r\nContent-Type: text/html\r\n"
                  "Content-Length: 11\r\nConnection: close\r\n\r\n<p>tea</p>\n");
        QVERIFY(w.waitIdle());
        QVERIFY(!findVisible<ui::CertificateDialog>(QStringLiteral("certificateDialog")));
        QCOMPARE(w.loggedIn.size(), 0);
        QVERIFY(!w.error().isEmpty());
        QVERIFY2(!w.error().contains(QStringLiteral("certificate")), qPrintable(w.error()));
        tls.kill();
        tls.waitForFinished(5000);
    }

    void changedCertificateIsLoud() {
        QProcess tls;
        quint16 port = 0;
        QVERIFY2(startTlsServer(tls, port), "openssl s_server did not start");
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(port);
        UiFixture fixture;
        const QByteArray otherPin(64, 'a');
        fixture.preferences.setPinnedCertificate(url, otherPin);
        Window w(fixture);
        w.signIn(url, QStringLiteral("alice"), ServerPassword);
        auto* dialog =
            waitForVisible<ui::CertificateDialog>(QStringLiteral("certificateDialog"), 20000);
        QVERIFY(dialog);
        QVERIFY(dialog->isChanged());
        QCOMPARE(child<QLabel>(dialog, QStringLiteral("headlineLabel"))->text(),
                 QStringLiteral("The server's certificate has CHANGED"));
        QCOMPARE(child<QLabel>(dialog, QStringLiteral("fingerprintLabel"))->text(), m_fingerprint);
        auto* trust = child<QPushButton>(dialog, QStringLiteral("trustButton"));
        QCOMPARE(trust->text(), QStringLiteral("Trust the new certificate"));
        QVERIFY(!trust->isDefault());
        QVERIFY(child<QPushButton>(dialog, QStringLiteral("cancelButton"))->isDefault());
        // Escape cancels, and the old pin stays.
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(
            !findVisible<ui::CertificateDialog>(QStringLiteral("certificateDialog")), 5000);
        QCOMPARE(fixture.preferences.pinnedCertificate(url), otherPin);
        tls.kill();
        tls.waitForFinished(5000);
    }

    // Issue 10: plain http:// to a host that is not loopback is asked about first — Cancel
    // sends nothing, "Connect unencrypted" signs in — while loopback http:// is never asked.
    void plainHttpBeyondLoopbackIsConfirmed() {
        test::ServerProcess everywhere;
        const auto created = everywhere.createSuperuser(QStringLiteral("alice"), ServerPassword);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY2(everywhere.start({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")}),
                 qPrintable(everywhere.errorString()));
        const QString host = nonLoopbackHost();
        QVERIFY2(!host.isEmpty(), "this machine has neither a non-loopback address nor a name");
        const QString url = QStringLiteral("http://%1:%2").arg(host).arg(everywhere.port());
        UiFixture fixture;
        Window w(fixture);

        // Cancel: refused, nothing reaches the server, and the window says what to do.
        w.signIn(url, QStringLiteral("alice"), ServerPassword);
        auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmPlainHttpBox"));
        QVERIFY(box);
        QVERIFY2(box->informativeText().contains(QStringLiteral("unencrypted")),
                 qPrintable(box->informativeText()));
        QVERIFY(box->informativeText().contains(QStringLiteral("https://")));
        QVERIFY(box->text().contains(url));
        auto* cancel = child<QPushButton>(box, QStringLiteral("cancelButton"));
        QVERIFY(cancel->isDefault());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QMessageBox>(QStringLiteral("confirmPlainHttpBox")),
                                 5000);
        QVERIFY2(w.error().contains(QStringLiteral("would not be encrypted")) &&
                     w.error().contains(QStringLiteral("https://")),
                 qPrintable(w.error()));
        QVERIFY(!w.window.isBusy());
        QCOMPARE(w.loggedIn.size(), 0);
        QVERIFY(!everywhere.log().contains("POST /users/login/"));

        // Confirmed: signed in over plain HTTP.
        w.signIn(url, QStringLiteral("alice"), ServerPassword);
        box = waitForVisible<QMessageBox>(QStringLiteral("confirmPlainHttpBox"));
        QVERIFY(box);
        QTest::mouseClick(child<QPushButton>(box, QStringLiteral("confirmPlainHttpButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        QVERIFY(everywhere.log().contains("POST /users/login/ 200"));
        auto connection = w.window.takeConnection();
        QVERIFY(connection && connection->session().isActive());
        QCOMPARE(everywhere.terminate(), 0);
    }

    void loopbackHttpIsNotAsked_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("reachable"); // the server listens on 127.0.0.1 only
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("localhost") << QStringLiteral("localhost") << true;
        QTest::newRow("::1") << QStringLiteral("[::1]") << false;
    }
    void loopbackHttpIsNotAsked() {
        QFETCH(QString, host);
        QFETCH(bool, reachable);
        UiFixture fixture;
        Window w(fixture);
        w.signIn(QStringLiteral("http://%1:%2").arg(host).arg(m_server->port()),
                 QStringLiteral("alice"), ServerPassword);
        if (reachable) {
            QTRY_COMPARE_WITH_TIMEOUT(w.loggedIn.size(), 1, 20000);
        } else {
            QVERIFY(w.waitIdle());
            QVERIFY2(w.error().contains(QStringLiteral("Could not")), qPrintable(w.error()));
            QVERIFY2(!w.error().contains(QStringLiteral("encrypted")), qPrintable(w.error()));
        }
        QVERIFY(!findVisible<QMessageBox>(QStringLiteral("confirmPlainHttpBox")));
    }

private:
    // An address of this machine other machines could use, or else its name: either is not
    // loopback by its looks, which is all the app judges by.
    static QString nonLoopbackHost() {
        for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
                return address.toString();
        }
        return QHostInfo::localHostName();
    }

    bool startTlsServer(QProcess& process, quint16& port) {
        for (int tries = 0; tries < 5; ++tries) {
            port = freePort();
            process.setWorkingDirectory(m_tlsDir.path());
            process.setProcessChannelMode(QProcess::MergedChannels);
            process.start(QStringLiteral(PAYCRED_OPENSSL_EXECUTABLE),
                          {"s_server", "-accept", QStringLiteral("127.0.0.1:%1").arg(port), "-cert",
                           "cert.pem", "-key", "key.pem"});
            if (!process.waitForStarted(10000))
                return false;
            QByteArray output;
            QElapsedTimer timer;
            timer.start();
            while (!output.contains("ACCEPT") && process.state() == QProcess::Running &&
                   timer.elapsed() < 10000) {
                process.waitForReadyRead(100);
                output += process.readAll();
            }
            if (output.contains("ACCEPT")) {
                process.readAll();
                return true;
            }
            process.kill();
            process.waitForFinished(5000);
        }
        return false;
    }

    std::unique_ptr<test::ServerProcess> m_server;
    QTemporaryDir m_tlsDir;
    QString m_fingerprint; // "AA:BB:…" as openssl prints it
};

QTEST_MAIN(TestLoginWindowServer)
#include "tst_loginwindow_server.moc"
