// paycred-server over HTTPS (--tls-cert/--tls-key), with a self-signed certificate made by
// Debian's openssl for the test: curl and Qt talk to it, TLS 1.1 is refused (while the same
// client still speaks TLS 1.1 to `openssl s_server`), plain HTTP to the TLS port is closed
// unanswered, an early 413 still arrives over TLS, the desktop app's HttpTransport accepts the
// pinned certificate and refuses another pin, and a certificate without its key, an unreadable
// file, a broken key or a key of another certificate stops the start with the file named (before
// the database is opened).

#include "tests/server/serverprocess.h"

#include "core/api/apirequest.h"
#include "core/client/httptransport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <optional>

using paycred::client::HttpTransport;
using paycred::client::TransportResult;
using paycred::test::CommandResult;
using paycred::test::ServerProcess;

namespace {

const QString Username = QStringLiteral("tls-admin");
const QString Password = QStringLiteral("a passphrase over TLS");

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runProgram(const QString& program, const QStringList& arguments, const QString& directory,
               const QByteArray& input = {}, int timeoutMs = 30000) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(program, arguments);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

Run openssl(const QStringList& arguments, const QString& directory, const QByteArray& input = {}) {
    return runProgram(QStringLiteral("openssl"), arguments, directory, input);
}

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// One request through HttpTransport, waited for.
TransportResult roundTrip(HttpTransport& transport, const QByteArray& method,
                          const QByteArray& target, const QByteArray& body = {}) {
    paycred::api::ApiRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    if (!body.isEmpty())
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    std::optional<TransportResult> result;
    transport.send(request, [&](TransportResult r) { result = std::move(r); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 30000);
    return result.value_or(TransportResult{});
}

} // namespace

class TestServerTls : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void listensOnHttps();
    void curlTalksHttps();
    void qtTalksHttpsWithTls12OrLater();
    void tls11IsRefused();
    void plainHttpToTheTlsPortIsClosed();
    void earlyAnswerArrivesOverTls();
    void pinnedCertificateIsAccepted();
    void otherPinIsRefused();
    void pinRestrictsACaTrustedCertificate();
    void certificateWithoutKeyIsRefused();
    void unreadableFilesAreNamed();
    void brokenKeyIsNamed();
    void keyOfAnotherCertificateIsRefused();
    void tlsFilesFromTheEnvironment();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    bool makeCertificate(const QString& certificate, const QString& key);
    // A test CA (ca.pem) and a server certificate it signed (ca-signed-cert.pem, for 127.0.0.1):
    // what an intercepting proxy with a CA in the system store shows.
    bool makeCaSignedCertificate();
    // Starts a TLS server of its own with `environment` additions and `arguments`; the result of
    // a start that is expected to be refused.
    CommandResult refusedStart(const QStringList& arguments,
                               const QHash<QString, QString>& environment = {}) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_sha256;  // lower-case hex, as openssl prints it less the colons
    QByteArray m_keyLine; // a line of the private key: must never be printed
};

bool TestServerTls::makeCertificate(const QString& certificate, const QString& key) {
    const Run made =
        openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-keyout"), key,
                 QStringLiteral("-out"), certificate, QStringLiteral("-subj"),
                 QStringLiteral("/CN=paycred-tls-test"), QStringLiteral("-addext"),
                 QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                 QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-nodes")},
                m_dir.path());
    if (made.exitCode != 0)
        qWarning("openssl req failed: %s", made.err.constData());
    return made.exitCode == 0;
}

bool TestServerTls::makeCaSignedCertificate() {
    const Run ca =
        openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-keyout"),
                 QStringLiteral("ca-key.pem"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                 QStringLiteral("-subj"), QStringLiteral("/CN=paycred-test-ca"),
                 QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                 QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"),
                 QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-nodes")},
                m_dir.path());
    if (ca.exitCode != 0) {
        qWarning("openssl req (CA) failed: %s", ca.err.constData());
        return false;
    }
    const Run request =
        openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                 QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-keyout"),
                 QStringLiteral("ca-signed-key.pem"), QStringLiteral("-out"),
                 QStringLiteral("ca-signed.csr"), QStringLiteral("-subj"),
                 QStringLiteral("/CN=paycred-intercepting-proxy"), QStringLiteral("-nodes")},
                m_dir.path());
    if (request.exitCode != 0) {
        qWarning("openssl req (CSR) failed: %s", request.err.constData());
        return false;
    }
    QFile extensions(file(QStringLiteral("ca-signed.ext")));
    if (!extensions.open(QIODevice::WriteOnly))
        return false;
    extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                     "extendedKeyUsage=serverAuth\n");
    extensions.close();
    const Run signedByCa = openssl(
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
         QStringLiteral("ca-signed.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
         QStringLiteral("-CAkey"), QStringLiteral("ca-key.pem"), QStringLiteral("-CAcreateserial"),
         QStringLiteral("-out"), QStringLiteral("ca-signed-cert.pem"), QStringLiteral("-days"),
         QStringLiteral("1"), QStringLiteral("-extfile"), QStringLiteral("ca-signed.ext")},
        m_dir.path());
    if (signedByCa.exitCode != 0)
        qWarning("openssl x509 -req failed: %s", signedByCa.err.constData());
    return signedByCa.exitCode == 0;
}

CommandResult TestServerTls::refusedStart(const QStringList& arguments,
                                          const QHash<QString, QString>& environment) const {
    ServerProcess server;
    for (auto it = environment.begin(); it != environment.end(); ++it)
        server.environment().insert(it.key(), it.value());
    return server.run(QStringList{QStringLiteral("--dev"), QStringLiteral("--data-dir"),
                                  server.dataDir(), QStringLiteral("--listen"),
                                  QStringLiteral("127.0.0.1:0")} +
                      arguments);
}

void TestServerTls::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(makeCertificate(file(QStringLiteral("cert.pem")), file(QStringLiteral("key.pem"))));
    QVERIFY(makeCertificate(file(QStringLiteral("other-cert.pem")),
                            file(QStringLiteral("other-key.pem"))));
    const Run fingerprint = openssl({QStringLiteral("x509"), QStringLiteral("-in"),
                                     QStringLiteral("cert.pem"), QStringLiteral("-noout"),
                                     QStringLiteral("-fingerprint"), QStringLiteral("-sha256")},
                                    m_dir.path());
    QCOMPARE(fingerprint.exitCode, 0);
    const QByteArray printed = fingerprint.out.trimmed();
    m_sha256 = printed.mid(printed.indexOf('=') + 1).replace(':', "").toLower();
    QCOMPARE(m_sha256.size(), 64);
    QFile key(file(QStringLiteral("key.pem")));
    QVERIFY(key.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = key.readAll().split('\n');
    QVERIFY(lines.size() > 2);
    m_keyLine = lines.at(1).trimmed();
    QVERIFY(m_keyLine.size() > 20);

    m_server = std::make_unique<ServerProcess>();
    const auto created = m_server->createSuperuser(Username, Password);
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QVERIFY2(m_server->start({QStringLiteral("--tls-cert"), file(QStringLiteral("cert.pem")),
                              QStringLiteral("--tls-key"), file(QStringLiteral("key.pem"))}),
             qPrintable(m_server->errorString()));
}

void TestServerTls::listensOnHttps() {
    QVERIFY2(m_server->baseUrl().startsWith(QLatin1String("https://127.0.0.1:")),
             qPrintable(m_server->baseUrl()));
    QVERIFY(!m_server->log().contains(m_keyLine));
}

void TestServerTls::curlTalksHttps() {
    const QString url = m_server->baseUrl();
    const Run health =
        runProgram(QStringLiteral("curl"),
                   {QStringLiteral("-sS"), QStringLiteral("--cacert"),
                    file(QStringLiteral("cert.pem")), url + QStringLiteral("/health/")},
                   m_dir.path());
    QVERIFY2(health.exitCode == 0, health.err.constData());
    QCOMPARE(QJsonDocument::fromJson(health.out).object().value("status").toString(),
             QStringLiteral("ok"));

    const QByteArray body =
        QJsonDocument(QJsonObject{{"username", Username}, {"password", Password}})
            .toJson(QJsonDocument::Compact);
    const Run login = runProgram(QStringLiteral("curl"),
                                 {QStringLiteral("-sS"), QStringLiteral("--cacert"),
                                  file(QStringLiteral("cert.pem")), QStringLiteral("-H"),
                                  QStringLiteral("Content-Type: application/json"),
                                  QStringLiteral("--data-binary"), QStringLiteral("@-"),
                                  url + QStringLiteral("/users/login/")},
                                 m_dir.path(), body);
    QVERIFY2(login.exitCode == 0, login.err.constData());
    QVERIFY2(
        !QJsonDocument::fromJson(login.out).object().value("access_token").toString().isEmpty(),
        login.out.constData());

    // Without the certificate trusted, curl refuses: the server really shows this certificate.
    const Run untrusted =
        runProgram(QStringLiteral("curl"),
                   {QStringLiteral("-sS"), url + QStringLiteral("/health/")}, m_dir.path());
    QCOMPARE(untrusted.exitCode, 60); // CURLE_PEER_FAILED_VERIFICATION
}

void TestServerTls::qtTalksHttpsWithTls12OrLater() {
    QNetworkAccessManager manager;
    QNetworkRequest request(m_server->url(QStringLiteral("/health/")));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(file(QStringLiteral("cert.pem"))));
    request.setSslConfiguration(configuration);
    std::unique_ptr<QNetworkReply> reply(manager.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(30000));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const auto protocol = reply->sslConfiguration().sessionProtocol();
    QVERIFY2(protocol == QSsl::TlsV1_2 || protocol == QSsl::TlsV1_3,
             qPrintable(QString::number(protocol)));
    QCOMPARE(reply->sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256).toHex(),
             m_sha256);

    // Two requests in a row: the second goes over the same (kept-alive) TLS connection.
    std::unique_ptr<QNetworkReply> again(manager.get(request));
    QSignalSpy finishedAgain(again.get(), &QNetworkReply::finished);
    QVERIFY(finishedAgain.wait(30000));
    QCOMPARE(again->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
}

void TestServerTls::tls11IsRefused() {
    // TLS 1.1 needs SHA-1, which Debian's OpenSSL allows only at security level 0.
    const QStringList tls11{QStringLiteral("-tls1_1"), QStringLiteral("-cipher"),
                            QStringLiteral("DEFAULT@SECLEVEL=0")};
    const auto handshake = [&](quint16 port, const QStringList& protocol) {
        return openssl(QStringList{QStringLiteral("s_client"), QStringLiteral("-connect"),
                                   QStringLiteral("127.0.0.1:%1").arg(port)} +
                           protocol,
                       m_dir.path(), "Q\n");
    };

    // The control: this very client completes a TLS 1.1 handshake with a server that allows it.
    QProcess legacy;
    quint16 legacyPort = 0;
    QByteArray output;
    for (int tries = 0; tries < 5 && !output.contains("ACCEPT"); ++tries) {
        legacyPort = freePort();
        legacy.setWorkingDirectory(m_dir.path());
        legacy.setProcessChannelMode(QProcess::MergedChannels);
        legacy.start(QStringLiteral("openssl"),
                     QStringList{QStringLiteral("s_server"), QStringLiteral("-accept"),
                                 QStringLiteral("127.0.0.1:%1").arg(legacyPort),
                                 QStringLiteral("-cert"), QStringLiteral("cert.pem"),
                                 QStringLiteral("-key"), QStringLiteral("key.pem")} +
                         tls11);
        QVERIFY(legacy.waitForStarted(10000));
        QElapsedTimer timer;
        timer.start();
        while (!output.contains("ACCEPT") && legacy.state() == QProcess::Running &&
               timer.elapsed() < 10000) {
            legacy.waitForReadyRead(100);
            output += legacy.readAll();
        }
    }
    QVERIFY2(output.contains("ACCEPT"), output.constData());
    const Run control = handshake(legacyPort, tls11);
    legacy.kill();
    legacy.waitForFinished(5000);
    QVERIFY2(control.exitCode == 0 && control.out.contains("Protocol  : TLSv1.1") &&
                 !control.out.contains("Cipher is (NONE)"),
             control.out.constData());

    const Run refused = handshake(m_server->port(), tls11);
    QVERIFY2(refused.exitCode != 0 && refused.out.contains("Cipher is (NONE)"),
             refused.out.constData());
    QVERIFY2(refused.err.contains("alert protocol version"), refused.err.constData());

    const Run tls12 = handshake(m_server->port(), {QStringLiteral("-tls1_2")});
    QVERIFY2(tls12.exitCode == 0 && tls12.out.contains("Protocol  : TLSv1.2"),
             tls12.out.constData());
    // The handshake's own line: in TLS 1.3 the "SSL-Session" block, with its "Protocol" line, comes
    // only with a session ticket, which may arrive after s_client has read "Q" and left.
    const Run tls13 = handshake(m_server->port(), {QStringLiteral("-tls1_3")});
    QVERIFY2(tls13.exitCode == 0 && tls13.out.contains("New, TLSv1.3, Cipher is TLS_"),
             tls13.out.constData());
}

void TestServerTls::plainHttpToTheTlsPortIsClosed() {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 20000) {
        socket.waitForReadyRead(200);
        received += socket.readAll();
    }
    received += socket.readAll();
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY2(!received.contains("HTTP/1."), received.constData());
    QVERIFY(!received.contains("status"));

    // The server goes on serving.
    const Run health = runProgram(QStringLiteral("curl"),
                                  {QStringLiteral("-sS"), QStringLiteral("--cacert"),
                                   file(QStringLiteral("cert.pem")),
                                   m_server->baseUrl() + QStringLiteral("/health/")},
                                  m_dir.path());
    QVERIFY2(health.exitCode == 0, health.err.constData());
}

void TestServerTls::earlyAnswerArrivesOverTls() {
    // A body announced too large is refused before it is read; the answer and the TLS close
    // must reach the client although it goes on sending.
    QSslSocket socket;
    QSslConfiguration configuration = socket.sslConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(file(QStringLiteral("cert.pem"))));
    socket.setSslConfiguration(configuration);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
    QVERIFY2(socket.waitForEncrypted(20000), qPrintable(socket.errorString()));
    socket.write("POST /users/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                 "application/json\r\nContent-Length: 1000000000\r\n\r\n");
    socket.write(QByteArray(64 * 1024, 'x'));
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 20000 &&
           !received.contains("Request body too large.")) {
        socket.waitForReadyRead(200);
        received += socket.readAll();
    }
    QVERIFY2(received.startsWith("HTTP/1.1 413 "), received.constData());
    QVERIFY(received.contains("Request body too large."));
    // Then the server closes (close_notify, then TCP).
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 20000)
        socket.waitForDisconnected(200);
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void TestServerTls::pinnedCertificateIsAccepted() {
    HttpTransport transport(QUrl(m_server->baseUrl()));
    transport.setTrustedCertificateSha256(m_sha256);
    const QByteArray body =
        QJsonDocument(QJsonObject{{"username", Username}, {"password", Password}})
            .toJson(QJsonDocument::Compact);
    const TransportResult login = roundTrip(transport, "POST", "/users/login/", body);
    QVERIFY2(login.ok(), qPrintable(login.message));
    QCOMPARE(login.response.status, 200);
    QVERIFY(!login.response.object().value("access_token").toString().isEmpty());
}

void TestServerTls::otherPinIsRefused() {
    // Without a pin: not trusted, and the transport shows the server's certificate.
    HttpTransport unpinned(QUrl(m_server->baseUrl()));
    const TransportResult untrusted = roundTrip(unpinned, "GET", "/health/");
    QCOMPARE(untrusted.failure, TransportResult::Failure::Tls);
    QCOMPARE(untrusted.certificateSha256, m_sha256);

    // The pin of another certificate: refused, as a certificate that changed.
    const Run other = openssl({QStringLiteral("x509"), QStringLiteral("-in"),
                               QStringLiteral("other-cert.pem"), QStringLiteral("-noout"),
                               QStringLiteral("-fingerprint"), QStringLiteral("-sha256")},
                              m_dir.path());
    QCOMPARE(other.exitCode, 0);
    const QByteArray otherPin = other.out.trimmed().mid(other.out.indexOf('=') + 1);
    HttpTransport transport(QUrl(m_server->baseUrl()));
    transport.setTrustedCertificateSha256(otherPin);
    QVERIFY(transport.trustedCertificateSha256() != m_sha256);
    const TransportResult refused = roundTrip(transport, "GET", "/health/");
    QCOMPARE(refused.failure, TransportResult::Failure::Tls);
    QVERIFY2(refused.message.startsWith(
                 QStringLiteral("The server's certificate has changed since you trusted it")),
             qPrintable(refused.message));
    QCOMPARE(refused.certificateSha256, m_sha256);
}

void TestServerTls::pinRestrictsACaTrustedCertificate() {
    // A server whose certificate a CA in the (test's) system store signed: an intercepting
    // corporate proxy, as the desktop app meets it.
    QVERIFY(makeCaSignedCertificate());
    const QList<QSslCertificate> testCa = QSslCertificate::fromPath(file(QStringLiteral("ca.pem")));
    QCOMPARE(testCa.size(), 1);
    ServerProcess proxy;
    const auto created = proxy.createSuperuser(Username, Password);
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QVERIFY2(proxy.start({QStringLiteral("--tls-cert"), file(QStringLiteral("ca-signed-cert.pem")),
                          QStringLiteral("--tls-key"), file(QStringLiteral("ca-signed-key.pem"))}),
             qPrintable(proxy.errorString()));
    const QList<QSslCertificate> systemStore =
        QSslConfiguration::defaultConfiguration().caCertificates() + testCa;

    // Without a pin the system's trust decides: the CA-signed certificate connects.
    HttpTransport unpinned(QUrl(proxy.baseUrl()));
    unpinned.setCaCertificates(systemStore);
    const TransportResult trusted = roundTrip(unpinned, "GET", "/health/");
    QVERIFY2(trusted.ok(), qPrintable(trusted.message));
    QCOMPARE(trusted.response.status, 200);

    // With the pin of the team's own certificate, the CA's trust counts for nothing.
    HttpTransport pinned(QUrl(proxy.baseUrl()));
    pinned.setCaCertificates(systemStore);
    pinned.setTrustedCertificateSha256(m_sha256);
    const TransportResult refused = roundTrip(pinned, "GET", "/health/");
    QVERIFY2(!refused.ok(), "a CA-trusted certificate passed although another one is pinned");
    QCOMPARE(refused.failure, TransportResult::Failure::Tls);
    QVERIFY2(refused.message.startsWith(
                 QStringLiteral("The server's certificate has changed since you trusted it")),
             qPrintable(refused.message));
    QVERIFY(refused.certificateSha256 != m_sha256);
    QVERIFY(!refused.certificateSha256.isEmpty());
    // Nothing reached the server: the request was stopped before a byte of it was sent.
    QCOMPARE(proxy.log().count("GET /health/ received"), 1);

    // The real server under its pin still connects with the same (larger) trust store.
    HttpTransport team(QUrl(m_server->baseUrl()));
    team.setCaCertificates(systemStore);
    team.setTrustedCertificateSha256(m_sha256);
    const TransportResult accepted = roundTrip(team, "GET", "/health/");
    QVERIFY2(accepted.ok(), qPrintable(accepted.message));
}

void TestServerTls::certificateWithoutKeyIsRefused() {
    const CommandResult certificateOnly =
        refusedStart({QStringLiteral("--tls-cert"), file(QStringLiteral("cert.pem"))});
    QCOMPARE(certificateOnly.exitCode, 1);
    QVERIFY(certificateOnly.out.isEmpty());
    QVERIFY2(certificateOnly.err.contains("--tls-cert is set (" +
                                          QFile::encodeName(file(QStringLiteral("cert.pem"))) +
                                          ") but the key is not"),
             certificateOnly.err.constData());

    const CommandResult keyOnly =
        refusedStart({}, {{QStringLiteral("PAYCRED_TLS_KEY"), file(QStringLiteral("key.pem"))}});
    QCOMPARE(keyOnly.exitCode, 1);
    QVERIFY2(keyOnly.err.contains("PAYCRED_TLS_KEY is set"), keyOnly.err.constData());
    QVERIFY(keyOnly.err.contains("but the certificate is not"));
}

void TestServerTls::unreadableFilesAreNamed() {
    const QString missing = file(QStringLiteral("missing-cert.pem"));
    const CommandResult result =
        refusedStart({QStringLiteral("--tls-cert"), missing, QStringLiteral("--tls-key"),
                      file(QStringLiteral("key.pem"))});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(
        result.err.contains("Cannot read the TLS certificate file " + QFile::encodeName(missing)),
        result.err.constData());

    const QString missingKey = file(QStringLiteral("missing-key.pem"));
    const CommandResult noKey =
        refusedStart({QStringLiteral("--tls-cert"), file(QStringLiteral("cert.pem")),
                      QStringLiteral("--tls-key"), missingKey});
    QCOMPARE(noKey.exitCode, 1);
    QVERIFY2(noKey.err.contains("Cannot read the TLS key file " + QFile::encodeName(missingKey)),
             noKey.err.constData());

    // A key in the certificate's place: not a certificate, named as such, nothing of the key shown.
    const CommandResult swapped =
        refusedStart({QStringLiteral("--tls-cert"), file(QStringLiteral("key.pem")),
                      QStringLiteral("--tls-key"), file(QStringLiteral("key.pem"))});
    QCOMPARE(swapped.exitCode, 1);
    QVERIFY2(swapped.err.contains("The TLS certificate file " +
                                  QFile::encodeName(file(QStringLiteral("key.pem"))) +
                                  " holds no usable PEM certificate"),
             swapped.err.constData());
    QVERIFY(!swapped.err.contains(m_keyLine));
}

void TestServerTls::brokenKeyIsNamed() {
    QFile key(file(QStringLiteral("key.pem")));
    QVERIFY(key.open(QIODevice::ReadOnly));
    QByteArray broken = key.readAll();
    broken.replace(m_keyLine, QByteArray(m_keyLine.size(), 'A'));
    const QString brokenPath = file(QStringLiteral("broken-key.pem"));
    QFile out(brokenPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(broken);
    out.close();
    const CommandResult result =
        refusedStart({QStringLiteral("--tls-cert"), file(QStringLiteral("cert.pem")),
                      QStringLiteral("--tls-key"), brokenPath});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("The TLS key file " + QFile::encodeName(brokenPath)),
             result.err.constData());
    QVERIFY(!result.err.contains(m_keyLine));
    QVERIFY(!result.err.contains(QByteArray(m_keyLine.size(), 'A')));
}

void TestServerTls::keyOfAnotherCertificateIsRefused() {
    ServerProcess server;
    const CommandResult result =
        server.run({QStringLiteral("--dev"), QStringLiteral("--data-dir"), server.dataDir(),
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                    QStringLiteral("--tls-cert"), file(QStringLiteral("cert.pem")),
                    QStringLiteral("--tls-key"), file(QStringLiteral("other-key.pem"))});
    // Refused before the database was touched: nothing half-made is left behind.
    QVERIFY(!QFile::exists(server.dataDir() + QStringLiteral("/paycred.sqlite3")));
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("The TLS key file " +
                                 QFile::encodeName(file(QStringLiteral("other-key.pem"))) +
                                 " does not match the certificate in " +
                                 QFile::encodeName(file(QStringLiteral("cert.pem")))),
             result.err.constData());
}

void TestServerTls::tlsFilesFromTheEnvironment() {
    ServerProcess server;
    server.environment().insert(QStringLiteral("PAYCRED_TLS_CERT"),
                                file(QStringLiteral("cert.pem")));
    server.environment().insert(QStringLiteral("PAYCRED_TLS_KEY"), file(QStringLiteral("key.pem")));
    QVERIFY2(server.start({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")}),
             qPrintable(server.errorString()));
    QVERIFY(server.baseUrl().startsWith(QLatin1String("https://")));
    // Beyond loopback, but encrypted: no plain-HTTP warning.
    QVERIFY2(!server.log().contains("over plain HTTP"), server.log().constData());
    HttpTransport transport(QUrl(server.baseUrl()));
    transport.setTrustedCertificateSha256(m_sha256);
    const TransportResult health = roundTrip(transport, "GET", "/health/");
    QVERIFY2(health.ok(), qPrintable(health.message));
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(TestServerTls)
#include "tst_server_tls.moc"
