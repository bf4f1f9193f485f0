// HttpTransport against a real paycred-server (answers of every status are results, not
// failures), small QTcpServers that refuse, hang up or never answer (failures, the one retry of
// idempotent methods, the timeout), `openssl s_server -HTTP` with a self-signed certificate (TLS
// failures, pinning, a changed certificate) and destruction with requests in flight.

#include "core/client/httptransport.h"
#include "tests/server/serverprocess.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

using paycred::api::ApiRequest;
using paycred::client::HttpTransport;
using paycred::client::TransportResult;
using paycred::test::ServerProcess;
using Failure = TransportResult::Failure;

namespace {

const QString kUsername = QStringLiteral("alice");
const QString kPassword = QStringLiteral("correct-horse-battery");

// The outcome and the status, never the body (it may carry a token).
QString describe(const TransportResult& result) {
    return QStringLiteral("failure %1, status %2, message \"%3\"")
        .arg(QLatin1String(TransportResult::failureName(result.failure)))
        .arg(result.response.status)
        .arg(result.message);
}

ApiRequest makeRequest(const QByteArray& method, const QByteArray& target,
                       const QByteArray& body = {}, const QByteArray& token = {}) {
    ApiRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    if (!body.isEmpty())
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    if (!token.isEmpty())
        request.headers.append({QByteArray("Authorization"), "Bearer " + token});
    return request;
}

// Every call of one callback: how many, the last result, the thread it ran on.
struct Capture {
    int calls = 0;
    TransportResult result;
    QThread* thread = nullptr;

    HttpTransport::Callback callback() {
        return [this](const TransportResult& r) {
            ++calls;
            result = r;
            thread = QThread::currentThread();
        };
    }
};

// Sends and waits for the answer (at most `timeoutMs`); nullopt when none came, or more than one.
std::optional<TransportResult> roundTrip(HttpTransport& transport, const ApiRequest& request,
                                         int timeoutMs = 20000) {
    // Shared with the callback: should no answer come in time, the transport's destructor still
    // calls it later.
    auto capture = std::make_shared<Capture>();
    transport.send(request, [capture](const TransportResult& r) { capture->callback()(r); });
    (void)QTest::qWaitFor([&capture] { return capture->calls > 0; }, timeoutMs);
    if (capture->calls != 1)
        return std::nullopt;
    // Nothing more may come for the same request: the transport holds nothing that could answer
    // it again, and nothing already queued does.
    QCoreApplication::processEvents();
    if (capture->calls != 1 || transport.pendingCount() != 0)
        return std::nullopt;
    return capture->result;
}

#define ROUND_TRIP(var, transport, request, ...)                                                   \
    const std::optional<TransportResult> var##_ =                                                  \
        roundTrip(transport, request __VA_OPT__(, ) __VA_ARGS__);                                  \
    QVERIFY2(var##_.has_value(), "the callback was not called exactly once in time, or the "       \
                                 "transport still holds the request");                             \
    const TransportResult& var = *var##_

// A free loopback port with nothing listening on it (it was bound a moment ago, then released).
quint16 freePort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// A loopback server that counts connections and then either hangs up at once or never answers
// (counting the connections the client closes).
class FakeServer : public QObject {
public:
    enum class Behaviour { HangUp, Silent };

    explicit FakeServer(Behaviour behaviour)
        : m_behaviour(behaviour) {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                ++connections;
                if (m_behaviour == Behaviour::HangUp) {
                    socket->close();
                    socket->deleteLater();
                } else {
                    socket->setParent(this); // kept open, never answered
                    QObject::connect(socket, &QTcpSocket::disconnected, this,
                                     [this] { ++closedByClient; });
                    m_open.append(socket);
                }
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString baseUrl() const {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
    }

    int connections = 0;
    int closedByClient = 0; // Silent: the connections the client closed (it never answers)

private:
    Behaviour m_behaviour;
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_open;
};

// A loopback server that records the first request it gets (head and body) and answers it with
// a fixed HTTP response.
class RecordingServer : public QObject {
public:
    explicit RecordingServer(QByteArray response)
        : m_response(std::move(response)) {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { onData(socket); });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    bool complete = false;
    QByteArray requestLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

private:
    void onData(QTcpSocket* socket) {
        m_buffer += socket->readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (complete || end < 0)
            return;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        qsizetype length = 0;
        headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
            if (headers.last().first.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = headers.last().second.toLongLong();
        }
        if (m_buffer.size() < end + 4 + length)
            return;
        requestLine = lines.constFirst().trimmed();
        body = m_buffer.mid(end + 4, length);
        complete = true;
        socket->write(m_response);
        socket->flush();
    }

    QByteArray m_response;
    QTcpServer m_server;
    QByteArray m_buffer;
};

} // namespace

class TestHttpTransport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    // A real paycred-server.
    void health();
    void loginAndAuthenticatedCall();
    void httpErrorsAreResults_data();
    void httpErrorsAreResults();
    void endpointIsTheBaseUrl();

    // What goes on the wire.
    void requestAsGiven();
    void pathPrefixAndRedirectNotFollowed();

    // Failures and the one retry.
    void connectionRefused();
    void hostNotFound();
    void unsupportedScheme();
    void plainHttpBeyondLoopbackIsRefused();
    void loopbackIsNotPlainBeyondLoopback();
    void retryOnlyIdempotent_data();
    void retryOnlyIdempotent();
    void timeout_data();
    void timeout();

    // TLS.
    void untrustedCertificate();
    void pinnedCertificate();
    void changedCertificate();

    // Lifetime.
    void destroyedMidRequestCancelsOnce();
    void callbackMayDestroyTheTransport();

private:
    bool startTlsServer(QProcess& process, quint16& port);

    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_tlsDir;
    QByteArray m_certificateSha256; // from `openssl x509 -fingerprint`, lower hex
    QByteArray m_certificatePem;
};

void TestHttpTransport::initTestCase() {
    m_server = std::make_unique<ServerProcess>();
    const auto created = m_server->createSuperuser(kUsername, kPassword);
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

    // A self-signed certificate for the TLS cases, and its fingerprint as openssl prints it.
    QVERIFY(m_tlsDir.isValid());
    QProcess openssl;
    openssl.setWorkingDirectory(m_tlsDir.path());
    openssl.start(QStringLiteral(PAYCRED_OPENSSL_EXECUTABLE),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-keyout"),
                   QStringLiteral("key.pem"), QStringLiteral("-out"), QStringLiteral("cert.pem"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=paycred-test"),
                   QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-nodes")});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());

    openssl.start(QStringLiteral(PAYCRED_OPENSSL_EXECUTABLE),
                  {QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("cert.pem"),
                   QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                   QStringLiteral("-sha256")});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    const QString printed = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    // "sha256 Fingerprint=98:6A:…" (the label's case differs between OpenSSL versions)
    const qsizetype equals = printed.indexOf(QLatin1Char('='));
    QVERIFY2(equals > 0, qPrintable(printed));
    m_certificateSha256 =
        printed.mid(equals + 1).remove(QLatin1Char(':')).trimmed().toLower().toLatin1();
    QCOMPARE(m_certificateSha256.size(), 64);

    QFile pem(m_tlsDir.filePath(QStringLiteral("cert.pem")));
    QVERIFY(pem.open(QIODevice::ReadOnly));
    m_certificatePem = pem.readAll();

    // What `s_server -HTTP` sends for GET /health.http: the file, as a complete HTTP response.
    // (Not -www: its answer ends only when the connection closes, and Qt 6.4 does not see the
    // end of such a body over TLS before the transfer timeout.)
    QFile answer(m_tlsDir.filePath(QStringLiteral("health.http")));
    QVERIFY(answer.open(QIODevice::WriteOnly));
    answer.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n"
                 "\r\n{\"status\":\"ok\"}");
}

void TestHttpTransport::cleanupTestCase() {
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
    m_server.reset();
}

void TestHttpTransport::health() {
    HttpTransport transport(QUrl(m_server->baseUrl()));
    ROUND_TRIP(result, transport, makeRequest("GET", "/health/"));
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result.response.status, 200);
    QVERIFY(result.message.isEmpty());
    const QJsonObject body = result.response.object();
    QCOMPARE(body.value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(body.value("database").toString(), QStringLiteral("ok"));
    QCOMPARE(result.response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(result.response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(transport.pendingCount(), 0);
}

void TestHttpTransport::loginAndAuthenticatedCall() {
    HttpTransport transport(QUrl(m_server->baseUrl()));
    const QByteArray credentials =
        QJsonDocument(QJsonObject{{"username", kUsername}, {"password", kPassword}})
            .toJson(QJsonDocument::Compact);
    ROUND_TRIP(login, transport, makeRequest("POST", "/users/login/", credentials));
    QVERIFY2(login.ok(), qPrintable(describe(login)));
    QCOMPARE(login.response.status, 200);
    QCOMPARE(login.response.header("Cache-Control"), QByteArray("no-store"));
    const QByteArray token = login.response.object().value("access_token").toString().toUtf8();
    QVERIFY2(!token.isEmpty(), "the login answer has no access_token");

    // The Authorization header goes out as given.
    ROUND_TRIP(me, transport, makeRequest("GET", "/users/me/", {}, token));
    QVERIFY2(me.ok(), qPrintable(describe(me)));
    QCOMPARE(me.response.status, 200);
    QCOMPARE(me.response.object().value("username").toString(), kUsername);

    // A wrong password is an answer (401) like any other.
    const QByteArray wrong =
        QJsonDocument(QJsonObject{{"username", kUsername}, {"password", "not-the-password"}})
            .toJson(QJsonDocument::Compact);
    ROUND_TRIP(refused, transport, makeRequest("POST", "/users/login/", wrong));
    QVERIFY2(refused.ok(), qPrintable(describe(refused)));
    QCOMPARE(refused.response.status, 401);
    QCOMPARE(refused.response.object().value("error").toString(),
             QStringLiteral("Invalid username or password"));
}

void TestHttpTransport::httpErrorsAreResults_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("404") << QByteArray("GET") << QByteArray("/no/such/path/") << 404
                         << QStringLiteral("Not found.");
    QTest::newRow("405") << QByteArray("GET") << QByteArray("/users/login/") << 405
                         << QStringLiteral("Method \"GET\" not allowed.");
    QTest::newRow("405 DELETE") << QByteArray("DELETE") << QByteArray("/health/") << 405
                                << QStringLiteral("Method \"DELETE\" not allowed.");
    QTest::newRow("401 with WWW-Authenticate")
        << QByteArray("GET") << QByteArray("/users/me/") << 401
        << QStringLiteral("Authentication credentials were not provided.");
}

void TestHttpTransport::httpErrorsAreResults() {
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QString, detail);
    HttpTransport transport(QUrl(m_server->baseUrl()));
    ROUND_TRIP(result, transport, makeRequest(method, target));
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result.response.status, status);
    QCOMPARE(result.response.object().value("detail").toString(), detail);
    QCOMPARE(result.response.header("Content-Type"), QByteArray("application/json"));
}

void TestHttpTransport::endpointIsTheBaseUrl() {
    HttpTransport transport(QUrl(QStringLiteral("https://pay.example.com/api")));
    QCOMPARE(transport.endpoint(), QStringLiteral("https://pay.example.com/api"));
    QCOMPARE(transport.timeoutMs(), 30000);
    HttpTransport withPassword(QUrl(QStringLiteral("https://user:secret@pay.example.com")));
    QVERIFY2(!withPassword.endpoint().contains(QStringLiteral("secret")),
             "endpoint() shows the password of the URL");
}

void TestHttpTransport::requestAsGiven() {
    RecordingServer server("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                           "X-Extra: yes\r\nContent-Length: 8\r\nConnection: close\r\n\r\n"
                           "{\"id\":7}");
    QVERIFY(server.listen());
    HttpTransport transport(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    ApiRequest request = makeRequest("POST", "/payments/credentials/?a=1&b=%20x",
                                     "{\"provider\":\"kopokopo\"}", "t0k3n");
    request.headers.append({QByteArray("X-Request-Id"), QByteArray("abc-123")});
    ROUND_TRIP(result, transport, request);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result.response.status, 201);
    QCOMPARE(result.response.body, QByteArray("{\"id\":7}"));
    QCOMPARE(result.response.header("X-Extra"), QByteArray("yes"));

    QVERIFY(server.complete);
    QCOMPARE(server.requestLine, QByteArray("POST /payments/credentials/?a=1&b=%20x HTTP/1.1"));
    QCOMPARE(server.body, QByteArray("{\"provider\":\"kopokopo\"}"));
    QCOMPARE(server.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(server.header("Authorization"), QByteArray("Bearer t0k3n"));
    QCOMPARE(server.header("X-Request-Id"), QByteArray("abc-123"));
    QCOMPARE(server.header("Accept"), QByteArray("application/json"));
    QCOMPARE(server.header("User-Agent"), QByteArray("PayCred/" PAYCRED_VERSION));
    QVERIFY2(server.header("Cookie").isEmpty(), "a cookie was sent");
}

void TestHttpTransport::pathPrefixAndRedirectNotFollowed() {
    RecordingServer server("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere/\r\n"
                           "Set-Cookie: session=abc\r\nContent-Length: 0\r\n"
                           "Connection: close\r\n\r\n");
    QVERIFY(server.listen());
    HttpTransport transport(QUrl(QStringLiteral("http://127.0.0.1:%1/api/").arg(server.port())));
    ROUND_TRIP(result, transport, makeRequest("GET", "/health/"));
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(server.requestLine, QByteArray("GET /api/health/ HTTP/1.1"));
    // The redirect comes back as it is: nothing is sent to the other address.
    QCOMPARE(result.response.status, 302);
    QCOMPARE(result.response.header("Location"), QByteArray("http://127.0.0.1:1/elsewhere/"));
}

void TestHttpTransport::connectionRefused() {
    const quint16 port = freePort();
    QVERIFY(port != 0);
    HttpTransport transport(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    for (const QByteArray& method : {QByteArray("GET"), QByteArray("POST")}) {
        ROUND_TRIP(result, transport, makeRequest(method, "/health/"));
        QCOMPARE(result.failure, Failure::Network);
        QCOMPARE(result.response.status, 0);
        QVERIFY2(result.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)),
                 qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("refused")), qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("Check")), qPrintable(result.message));
        QVERIFY(result.certificateSha256.isEmpty());
    }
}

void TestHttpTransport::hostNotFound() {
    // .invalid never resolves (RFC 2606).
    HttpTransport transport(QUrl(QStringLiteral("http://paycred.invalid:8000")));
    transport.allowPlainHttp(); // plain HTTP beyond loopback, as if the user had confirmed it
    ROUND_TRIP(result, transport, makeRequest("GET", "/health/"), 60000);
    QCOMPARE(result.failure, Failure::Network);
    QVERIFY2(result.message.contains(QStringLiteral("paycred.invalid")),
             qPrintable(result.message));
}

void TestHttpTransport::unsupportedScheme() {
    HttpTransport transport(QUrl(QStringLiteral("ftp://pay.example.com")));
    ROUND_TRIP(result, transport, makeRequest("GET", "/health/"));
    QCOMPARE(result.failure, Failure::Network);
    QVERIFY2(result.message.contains(QStringLiteral("http:// or https://")),
             qPrintable(result.message));
}

// Issue 10: http:// to a host that is not loopback sends nothing until the user confirmed it.
void TestHttpTransport::plainHttpBeyondLoopbackIsRefused() {
    // Refused before any lookup or connection: the answer comes at once, whatever the network.
    HttpTransport transport(QUrl(QStringLiteral("http://pay.example.com:8000")));
    QVERIFY(HttpTransport::isPlainBeyondLoopback(transport.baseUrl()));
    ROUND_TRIP(result, transport, makeRequest("POST", "/users/login/", "{}"));
    QCOMPARE(result.failure, Failure::Network);
    QVERIFY2(result.message.contains(QStringLiteral("unencrypted")), qPrintable(result.message));
    QVERIFY2(result.message.contains(QStringLiteral("https://")), qPrintable(result.message));
    QCOMPARE(transport.pendingCount(), 0);
    QVERIFY(!transport.isPlainHttpAllowed());
}

void TestHttpTransport::loopbackIsNotPlainBeyondLoopback() {
    for (const char* url :
         {"http://127.0.0.1:8000", "http://127.3.4.5", "http://localhost:1", "http://LOCALHOST",
          "http://[::1]:8000", "https://pay.example.com", "https://192.0.2.1"})
        QVERIFY2(!HttpTransport::isPlainBeyondLoopback(QUrl(QString::fromLatin1(url))), url);
    for (const char* url : {"http://pay.example.com", "http://192.0.2.1:8000", "http://[fd00::2]",
                            "http://localhost.example.com", "http://[::ffff:192.0.2.1]"})
        QVERIFY2(HttpTransport::isPlainBeyondLoopback(QUrl(QString::fromLatin1(url))), url);
}

void TestHttpTransport::retryOnlyIdempotent_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("attempts");
    QTest::newRow("GET") << QByteArray("GET") << 2;
    QTest::newRow("PUT") << QByteArray("PUT") << 2;
    QTest::newRow("DELETE") << QByteArray("DELETE") << 2;
    QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << 2;
    QTest::newRow("POST") << QByteArray("POST") << 1;
    QTest::newRow("PATCH") << QByteArray("PATCH") << 1;
}

void TestHttpTransport::retryOnlyIdempotent() {
    QFETCH(QByteArray, method);
    QFETCH(int, attempts);
    FakeServer server(FakeServer::Behaviour::HangUp);
    QVERIFY(server.listen());
    HttpTransport transport(QUrl(server.baseUrl()));
    const QByteArray body = method == "GET" || method == "DELETE" ? QByteArray() : "{}";
    ROUND_TRIP(result, transport, makeRequest(method, "/payments/credentials/1/", body));
    QCOMPARE(result.failure, Failure::Network);
    QVERIFY2(result.message.contains(QStringLiteral("closed the connection")),
             qPrintable(result.message));
    QCOMPARE(server.connections, attempts);
    QCOMPARE(transport.pendingCount(), 0); // nothing left that could make a late extra attempt
}

void TestHttpTransport::timeout_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("attempts");
    QTest::newRow("GET") << QByteArray("GET") << 2;
    QTest::newRow("POST") << QByteArray("POST") << 1;
}

void TestHttpTransport::timeout() {
    QFETCH(QByteArray, method);
    QFETCH(int, attempts);
    FakeServer server(FakeServer::Behaviour::Silent);
    QVERIFY(server.listen());
    HttpTransport transport(QUrl(server.baseUrl()));
    transport.setTimeoutMs(300);
    ROUND_TRIP(result, transport, makeRequest(method, "/health/"));
    QCOMPARE(result.failure, Failure::Timeout);
    QVERIFY2(result.message.contains(QStringLiteral("did not answer")), qPrintable(result.message));
    QVERIFY2(result.message.contains(server.baseUrl().mid(7)), qPrintable(result.message));
    QCOMPARE(server.connections, attempts);
    // The server neither answers nor hangs up: every attempt ended because the transport gave
    // up on it and closed its connection.
    QTRY_COMPARE_WITH_TIMEOUT(server.closedByClient, attempts, 10000);
}

bool TestHttpTransport::startTlsServer(QProcess& process, quint16& port) {
    for (int tries = 0; tries < 5; ++tries) {
        port = freePort();
        process.setWorkingDirectory(m_tlsDir.path());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(PAYCRED_OPENSSL_EXECUTABLE),
                      {QStringLiteral("s_server"), QStringLiteral("-accept"),
                       QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-cert"),
                       QStringLiteral("cert.pem"), QStringLiteral("-key"),
                       QStringLiteral("key.pem"), QStringLiteral("-HTTP")});
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
        if (output.contains("ACCEPT"))
            return true;
        // The port was taken in between: another one.
        process.kill();
        process.waitForFinished(5000);
    }
    return false;
}

void TestHttpTransport::untrustedCertificate() {
    QProcess tlsServer;
    quint16 port = 0;
    QVERIFY2(startTlsServer(tlsServer, port), "openssl s_server did not start");
    HttpTransport transport(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)));
    ROUND_TRIP(result, transport, makeRequest("GET", "/health/"));
    QCOMPARE(result.failure, Failure::Tls);
    QCOMPARE(result.certificateSha256, m_certificateSha256);
    QVERIFY2(result.certificateSubject.contains(QStringLiteral("paycred-test")),
             qPrintable(result.certificateSubject));
    QVERIFY2(result.certificateIssuer.contains(QStringLiteral("paycred-test")),
             qPrintable(result.certificateIssuer)); // self-signed
    const QDateTime expiry = QDateTime::fromString(result.certificateExpiry, Qt::ISODate);
    QVERIFY2(expiry.isValid(), qPrintable(result.certificateExpiry));
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(expiry);
    QVERIFY2(left > 23 * 3600 && left <= 24 * 3600 + 60, qPrintable(result.certificateExpiry));
    QCOMPARE(result.certificatePem.trimmed(), m_certificatePem.trimmed());
    QVERIFY2(result.message.startsWith(QStringLiteral("The server's certificate is not trusted (")),
             qPrintable(result.message));
    QVERIFY2(result.message.contains(QStringLiteral("self signed"), Qt::CaseInsensitive) ||
                 result.message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
             qPrintable(result.message));
    QVERIFY2(result.message.endsWith(
                 QStringLiteral("Check the address, or trust this certificate after comparing its "
                                "fingerprint with your administrator's.")),
             qPrintable(result.message));
    tlsServer.kill();
    tlsServer.waitForFinished(5000);
}

void TestHttpTransport::pinnedCertificate() {
    QProcess tlsServer;
    quint16 port = 0;
    QVERIFY2(startTlsServer(tlsServer, port), "openssl s_server did not start");
    HttpTransport transport(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)));
    // As openssl prints it: upper case with colons.
    QByteArray printed;
    for (qsizetype i = 0; i < m_certificateSha256.size(); i += 2)
        printed += (i ? ":" : "") + m_certificateSha256.mid(i, 2).toUpper();
    transport.setTrustedCertificateSha256(printed);
    QCOMPARE(transport.trustedCertificateSha256(), m_certificateSha256);
    ROUND_TRIP(result, transport, makeRequest("GET", "/health.http"));
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result.response.status, 200);
    QCOMPARE(result.response.object().value("status").toString(), QStringLiteral("ok"));
    QVERIFY(result.certificateSha256.isEmpty());
    tlsServer.kill();
    tlsServer.waitForFinished(5000);
}

void TestHttpTransport::changedCertificate() {
    QProcess tlsServer;
    quint16 port = 0;
    QVERIFY2(startTlsServer(tlsServer, port), "openssl s_server did not start");
    HttpTransport transport(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)));
    const QByteArray otherPin = QByteArray(64, 'a');
    QVERIFY(otherPin != m_certificateSha256);
    transport.setTrustedCertificateSha256(otherPin);
    ROUND_TRIP(result, transport, makeRequest("GET", "/health.http"));
    QCOMPARE(result.failure, Failure::Tls);
    QVERIFY2(result.message.startsWith(
                 QStringLiteral("The server's certificate has changed since you trusted it")),
             qPrintable(result.message));
    QCOMPARE(result.certificateSha256, m_certificateSha256);
    QVERIFY(result.certificateSubject.contains(QStringLiteral("paycred-test")));
    tlsServer.kill();
    tlsServer.waitForFinished(5000);
}

void TestHttpTransport::destroyedMidRequestCancelsOnce() {
    FakeServer server(FakeServer::Behaviour::Silent);
    QVERIFY(server.listen());
    auto transport = std::make_unique<HttpTransport>(QUrl(server.baseUrl()));
    Capture get;
    Capture post;
    transport->send(makeRequest("GET", "/health/"), get.callback());
    transport->send(makeRequest("POST", "/users/login/", "{}"), post.callback());
    QCOMPARE(transport->pendingCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(server.connections, 2, 10000);
    QCOMPARE(get.calls, 0);
    transport.reset();
    for (Capture* capture : {&get, &post}) {
        QCOMPARE(capture->calls, 1);
        QCOMPARE(capture->result.failure, Failure::Cancelled);
        QVERIFY(!capture->result.message.isEmpty());
        QCOMPARE(capture->thread, QThread::currentThread());
    }
    QCoreApplication::processEvents(); // whatever was already queued: nothing more comes
    QCOMPARE(get.calls, 1);
    QCOMPARE(post.calls, 1);
}

void TestHttpTransport::callbackMayDestroyTheTransport() {
    auto* transport = new HttpTransport(QUrl(m_server->baseUrl()));
    QPointer<HttpTransport> guard(transport);
    int calls = 0;
    int status = 0;
    transport->send(makeRequest("GET", "/health/"), [&](const TransportResult& result) {
        ++calls;
        status = result.response.status;
        delete transport;
    });
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 20000);
    QCOMPARE(calls, 1);
    QCOMPARE(status, 200);
}

QTEST_GUILESS_MAIN(TestHttpTransport)
#include "tst_httptransport.moc"
