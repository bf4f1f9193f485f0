// paycred-server over real HTTP: the seed's workflow, the limits the adapter enforces before the
// router (413/431/400), keep-alive, concurrency, shutdown, configuration and createsuperuser.

#include "tests/server/httpreply.h"
#include "tests/server/serverprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

#include <signal.h>
#include <sys/stat.h>

using paycred::test::call;
using paycred::test::collect;
using paycred::test::CommandResult;
using paycred::test::login;
using paycred::test::send;
using paycred::test::ServerProcess;
using paycred::test::waitFor;
using Reply = paycred::test::HttpReply;

namespace {

const QString Username = QStringLiteral("alice");
const QString Password = QStringLiteral("correct-horse-battery");

// --- raw HTTP over QTcpSocket, for what a well-behaved client would never send
// --------------------

struct RawResponse {
    bool complete = false;
    QByteArray version;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const {
        for (const auto& [key, value] : headers) {
            if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
};

bool fill(QTcpSocket& socket, QByteArray& buffer, const QElapsedTimer& timer, int timeoutMs) {
    if (socket.bytesAvailable() == 0) {
        const int left = timeoutMs - static_cast<int>(timer.elapsed());
        if (left <= 0 || !socket.waitForReadyRead(left))
            return socket.bytesAvailable() > 0 && (buffer += socket.readAll(), true);
    }
    buffer += socket.readAll();
    return true;
}

// Reads one response (Content-Length framed); what follows stays in `buffer`.
RawResponse readResponse(QTcpSocket& socket, QByteArray& buffer, int timeoutMs = 10000) {
    RawResponse response;
    QElapsedTimer timer;
    timer.start();
    qsizetype headerEnd = -1;
    while ((headerEnd = buffer.indexOf("\r\n\r\n")) < 0) {
        if (!fill(socket, buffer, timer, timeoutMs))
            return response;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    buffer.remove(0, headerEnd + 4);
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    response.version = statusLine.value(0);
    response.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const qsizetype length = response.header("Content-Length").toLongLong();
    while (buffer.size() < length) {
        if (!fill(socket, buffer, timer, timeoutMs))
            return response;
    }
    response.body = buffer.left(length);
    buffer.remove(0, length);
    response.complete = true;
    return response;
}

// True when the server closes the connection within the time (whatever it sends first).
bool waitClosed(QTcpSocket& socket, int timeoutMs = 10000) {
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState) {
        const int left = timeoutMs - static_cast<int>(timer.elapsed());
        if (left <= 0)
            return false;
        if (socket.waitForReadyRead(left))
            socket.readAll();
    }
    return true;
}

bool connectTo(QTcpSocket& socket, const ServerProcess& server) {
    socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    return socket.waitForConnected(5000);
}

bool writeAll(QTcpSocket& socket, const QByteArray& bytes) {
    if (socket.write(bytes) != bytes.size())
        return false;
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(5000))
            return false;
    }
    return true;
}

// A POST with its whole body, Content-Length framed.
QByteArray rawPost(const QByteArray& path, const QByteArray& contentType, const QByteArray& body) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// How many requests `methodAndPath` ("POST /users/login/") have reached the router so far, by
// the server's own log. The line is written before the router answers, so it is there once the
// answer is.
qsizetype timesReceived(const ServerProcess& server, const QByteArray& methodAndPath) {
    return server.log().count(methodAndPath + " received\n");
}

} // namespace

class TestServerHttp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void seedWorkflow();
    void unknownPathAndWrongMethod();
    void formEncodedLogin();
    void bodyAtTheLimit();
    void bodyTooLargeIsRefusedBeforeItIsRead();
    void chunkedBodyTooLarge();
    void headerJustUnderTheLimit();
    void headerTooLarge();
    void malformedRequest_data();
    void malformedRequest();
    void keepAlive();
    void http10ClosesAfterAnswer();
    void expectContinue();
    void concurrentLoginsDoNotStallHealth();
    void logCarriesNoSecrets();

    void createSuperuserRefusals();
    void changePasswordLetsALockedOutSuperuserIn();
    void changePasswordRefusals();
    void devKeysArePrivateAndReused();
    void sigtermFinishesInFlightAndExitsZero();
    void portInUse();
    void plainHttpBeyondLoopbackIsWarnedOf();
    void refusesToStartWithoutKeys();
    void refusesBadKeys();
    void startsFromConfigFile();
    void usageErrors();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void TestServerHttp::initTestCase() {
    QVERIFY2(QFileInfo::exists(ServerProcess::executable()),
             qPrintable(ServerProcess::executable()));
    m_server = std::make_unique<ServerProcess>();
    const CommandResult created = m_server->createSuperuser(Username, Password);
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QCOMPARE(created.out, QByteArray("Superuser alice created.\n"));
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestServerHttp::seedWorkflow() {
    const ServerProcess& server = *m_server;

    // login
    const Reply loggedIn = call(server, "POST", QStringLiteral("/users/login/"),
                                {{"username", Username}, {"password", Password}});
    CHECK_REPLY(loggedIn, 200);
    QCOMPARE(loggedIn.header("Cache-Control"), QByteArray("no-store"));
    const QByteArray token = loggedIn.object().value("access_token").toString().toUtf8();
    QVERIFY(!token.isEmpty());
    QVERIFY(!loggedIn.object().value("refresh_token").toString().isEmpty());
    QCOMPARE(loggedIn.object().value("token_type").toString(), QStringLiteral("Bearer"));

    // create
    const Reply created = call(server, "POST", QStringLiteral("/payments/credentials/"),
                               {{"provider", "kopokopo"},
                                {"api_key", "pk_test_kopokopo_1234567890abcdef"},
                                {"private_key", "sk_test_kopokopo_0987654321fedcba"},
                                {"environment", "sandbox"}},
                               token);
    CHECK_REPLY(created, 201);
    const QJsonObject credential = created.object();
    const int id = credential.value("id").toInt();
    QVERIFY(id > 0);
    QCOMPARE(credential.value("provider").toString(), QStringLiteral("kopokopo"));
    QCOMPARE(credential.value("provider_display").toString(), QStringLiteral("KopoKopo"));
    QCOMPARE(credential.value("environment").toString(), QStringLiteral("sandbox"));
    QCOMPARE(credential.value("is_active").toBool(), true);
    QCOMPARE(credential.value("is_live").toBool(), false);
    QCOMPARE(credential.value("is_sandbox").toBool(), true);
    QVERIFY(!credential.contains("private_key"));
    QVERIFY(!credential.contains("api_key"));
    const QString base = QStringLiteral("/payments/credentials/%1/").arg(id);

    // list
    const Reply listed = call(server, "GET", QStringLiteral("/payments/credentials/"), {}, token);
    CHECK_REPLY(listed, 200);
    QCOMPARE(listed.array().size(), 1);
    QCOMPARE(listed.array().at(0).toObject().value("id").toInt(), id);

    // by provider
    const Reply byProvider =
        call(server, "GET", QStringLiteral("/payments/credentials/provider/kopokopo/"), {}, token);
    CHECK_REPLY(byProvider, 200);
    QCOMPARE(byProvider.object().value("id").toInt(), id);
    QCOMPARE(byProvider.object().value("provider_display").toString(), QStringLiteral("KopoKopo"));

    // update the private key
    const Reply updated = call(server, "POST", base + "update-private-key/",
                               {{"private_key", "sk_test_kopokopo_new_private_key_12345"}}, token);
    CHECK_REPLY(updated, 200);
    QCOMPARE(updated.object().value("message").toString(),
             QStringLiteral("Private key updated successfully"));
    QCOMPARE(updated.object().value("credentials").toObject().value("id").toInt(), id);

    // verify: the old key no longer, the new one yes
    const Reply oldKey = call(server, "POST", base + "verify/",
                              {{"private_key", "sk_test_kopokopo_0987654321fedcba"}}, token);
    CHECK_REPLY(oldKey, 200);
    QCOMPARE(oldKey.object().value("is_valid").toBool(true), false);
    QCOMPARE(oldKey.object().value("message").toString(), QStringLiteral("Invalid private key"));
    const Reply newKey = call(server, "POST", base + "verify/",
                              {{"private_key", "sk_test_kopokopo_new_private_key_12345"}}, token);
    CHECK_REPLY(newKey, 200);
    QCOMPARE(newKey.object().value("is_valid").toBool(false), true);
    QCOMPARE(newKey.object().value("message").toString(),
             QStringLiteral("Credentials verified successfully"));
    QCOMPARE(newKey.object().value("credentials_id").toInt(), id);

    // get the private key
    const Reply revealed = call(server, "GET", base + "get-private-key/", {}, token);
    CHECK_REPLY(revealed, 200);
    QCOMPARE(revealed.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(revealed.object().value("private_key").toString(),
             QStringLiteral("sk_test_kopokopo_new_private_key_12345"));
    QCOMPARE(revealed.object().value("message").toString(),
             QStringLiteral("Private key retrieved successfully"));
    QCOMPARE(revealed.object().value("credentials_id").toInt(), id);

    // toggle twice
    const Reply off = call(server, "POST", base + "toggle-status/", {}, token);
    CHECK_REPLY(off, 200);
    QCOMPARE(off.object().value("message").toString(),
             QStringLiteral("Payment credentials for KopoKopo have been deactivated"));
    QCOMPARE(off.object().value("credentials").toObject().value("is_active").toBool(true), false);
    const Reply on = call(server, "POST", base + "toggle-status/", {}, token);
    CHECK_REPLY(on, 200);
    QCOMPARE(on.object().value("message").toString(),
             QStringLiteral("Payment credentials for KopoKopo have been activated"));
    QCOMPARE(on.object().value("credentials").toObject().value("is_active").toBool(false), true);

    // PUT api_key + environment
    const Reply put =
        call(server, "PUT", base,
             {{"api_key", "pk_test_kopokopo_new_key_12345"}, {"environment", "live"}}, token);
    CHECK_REPLY(put, 200);
    QCOMPARE(put.object().value("environment").toString(), QStringLiteral("live"));
    QCOMPARE(put.object().value("is_live").toBool(), true);
    QCOMPARE(put.object().value("is_sandbox").toBool(), false);
    const Reply fetched = call(server, "GET", base, {}, token);
    CHECK_REPLY(fetched, 200);
    QCOMPARE(fetched.object().value("environment").toString(), QStringLiteral("live"));

    // delete, then it is gone
    const Reply deleted = call(server, "DELETE", base, {}, token);
    CHECK_REPLY(deleted, 200);
    QCOMPARE(deleted.object().value("message").toString(),
             QStringLiteral("Payment credentials for KopoKopo have been successfully deleted"));
    const Reply gone = call(server, "GET", base, {}, token);
    CHECK_REPLY(gone, 404);
    QCOMPARE(gone.object().value("error").toString(),
             QStringLiteral("Payment credentials not found or access denied"));
}

void TestServerHttp::unknownPathAndWrongMethod() {
    const Reply unknown = call(*m_server, "GET", QStringLiteral("/no/such/path/"));
    CHECK_REPLY(unknown, 404);
    QCOMPARE(unknown.object().value("detail").toString(), QStringLiteral("Not found."));

    const Reply wrongMethod = call(*m_server, "GET", QStringLiteral("/users/login/"));
    CHECK_REPLY(wrongMethod, 405);
    QCOMPARE(wrongMethod.object().value("detail").toString(),
             QStringLiteral("Method \"GET\" not allowed."));

    const Reply noAuth = call(*m_server, "GET", QStringLiteral("/payments/credentials/"));
    CHECK_REPLY(noAuth, 401);
    QCOMPARE(noAuth.header("WWW-Authenticate"), QByteArray(R"(Bearer realm="api")"));

    const Reply health = call(*m_server, "GET", QStringLiteral("/health/"));
    CHECK_REPLY(health, 200);
    QCOMPARE(health.object().value("status").toString(), QStringLiteral("ok"));
}

void TestServerHttp::formEncodedLogin() {
    // The seed's Python example: requests.post(url, {'username': ..., 'password': ...}) sends a
    // form. A password that needs encoding shows the form is decoded, not just split.
    const QString username = QStringLiteral("form.user+1");
    const QString password = QStringLiteral("100% sure & = + caf\u00e9 ok");
    const CommandResult created = m_server->createSuperuser(username, password);
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const auto encoded = [](const QString& text) {
        return QUrl::toPercentEncoding(text, " ").replace(' ', '+');
    };
    const QByteArray form = "username=" + encoded(username) + "&password=" + encoded(password);
    QVERIFY(form.contains('+') && form.contains("%25") && form.contains("%26"));

    QNetworkAccessManager manager;
    QNetworkReply* reply = send(manager, m_server->url(QStringLiteral("/users/login/")), "POST",
                                form, {}, "application/x-www-form-urlencoded");
    QVERIFY(waitFor(reply));
    const Reply loggedIn = collect(reply);
    CHECK_REPLY(loggedIn, 200);
    QCOMPARE(loggedIn.header("Cache-Control"), QByteArray("no-store"));
    const QByteArray token = loggedIn.object().value("access_token").toString().toUtf8();
    QVERIFY(!token.isEmpty());
    QVERIFY(!loggedIn.object().value("refresh_token").toString().isEmpty());
    QCOMPARE(loggedIn.object().value("token_type").toString(), QStringLiteral("Bearer"));
    QCOMPARE(loggedIn.object().value("user").toObject().value("username").toString(), username);

    // The token works, as in the example's next step.
    const Reply listed =
        call(*m_server, "GET", QStringLiteral("/payments/credentials/"), {}, token);
    CHECK_REPLY(listed, 200);
    QVERIFY(QJsonDocument::fromJson(listed.body).isArray());

    // The same form with the wrong password: refused like a JSON login.
    QNetworkReply* wrong = send(manager, m_server->url(QStringLiteral("/users/login/")), "POST",
                                "username=" + encoded(username) + "&password=wrong", {},
                                "application/x-www-form-urlencoded");
    QVERIFY(waitFor(wrong));
    const Reply refused = collect(wrong);
    CHECK_REPLY(refused, 401);
    QCOMPARE(refused.object(), QJsonObject({{"error", "Invalid username or password"}}));
}

void TestServerHttp::bodyAtTheLimit() {
    // API.md: a body over 64 KiB is refused; one of exactly 64 KiB is not. A JSON login padded
    // with whitespace (still JSON) to the size wanted.
    constexpr qsizetype Limit = 64 * 1024;
    const QByteArray login =
        QJsonDocument(QJsonObject{{"username", Username}, {"password", Password}})
            .toJson(QJsonDocument::Compact);
    const auto padded = [&login](qsizetype size) {
        return login + QByteArray(size - login.size(), ' ');
    };
    const qsizetype before = timesReceived(*m_server, "POST /users/login/");

    QTcpSocket atLimit;
    QVERIFY(connectTo(atLimit, *m_server));
    QVERIFY(writeAll(atLimit, rawPost("/users/login/", "application/json", padded(Limit))));
    QByteArray buffer;
    const RawResponse accepted = readResponse(atLimit, buffer);
    QVERIFY(accepted.complete);
    QCOMPARE(accepted.status, 200);
    QVERIFY(!accepted.object().value("access_token").toString().isEmpty());
    QCOMPARE(timesReceived(*m_server, "POST /users/login/"), before + 1);

    QTcpSocket overLimit;
    QVERIFY(connectTo(overLimit, *m_server));
    QVERIFY(writeAll(overLimit, rawPost("/users/login/", "application/json", padded(Limit + 1))));
    buffer.clear();
    const RawResponse refused = readResponse(overLimit, buffer);
    QVERIFY(refused.complete);
    QCOMPARE(refused.status, 413);
    QCOMPARE(refused.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(refused.header("Connection"), QByteArray("close"));
    QCOMPARE(refused.object(), QJsonObject({{"detail", "Request body too large."}}));
    QVERIFY(waitClosed(overLimit));
    // Refused by the adapter: the router never saw it.
    QCOMPARE(timesReceived(*m_server, "POST /users/login/"), before + 1);
}

void TestServerHttp::bodyTooLargeIsRefusedBeforeItIsRead() {
    const qsizetype before = timesReceived(*m_server, "POST /users/login/");
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    // Announces 70 000 bytes, sends a handful: the answer must come without the rest.
    QVERIFY(writeAll(socket, "POST /users/login/ HTTP/1.1\r\n"
                             "Host: localhost\r\n"
                             "Content-Type: application/json\r\n"
                             "Content-Length: 70000\r\n"
                             "\r\n"
                             "{\"use"));
    // The answer comes although 69 995 bytes of the body were never sent.
    QByteArray buffer;
    const RawResponse response = readResponse(socket, buffer);
    QVERIFY2(response.complete, "no answer without the body");
    QCOMPARE(response.status, 413);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QCOMPARE(response.object().value("detail").toString(),
             QStringLiteral("Request body too large."));
    QVERIFY(waitClosed(socket));
    QCOMPARE(timesReceived(*m_server, "POST /users/login/"), before);
}

void TestServerHttp::chunkedBodyTooLarge() {
    const qsizetype before = timesReceived(*m_server, "POST /users/login/");
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    QVERIFY(writeAll(socket, "POST /users/login/ HTTP/1.1\r\n"
                             "Host: localhost\r\n"
                             "Content-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n"
                             "\r\n"));
    const QByteArray chunk(8 * 1024, 'x');
    for (int i = 0; i < 9 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
        socket.waitForBytesWritten(5000);
    }
    QByteArray buffer;
    const RawResponse response = readResponse(socket, buffer);
    QVERIFY(response.complete);
    QCOMPARE(response.status, 413);
    QCOMPARE(response.object().value("detail").toString(),
             QStringLiteral("Request body too large."));
    QVERIFY(waitClosed(socket));
    QCOMPARE(timesReceived(*m_server, "POST /users/login/"), before);
}

void TestServerHttp::headerJustUnderTheLimit() {
    // The whole header block (request line, fields, the empty line) one byte short of 16 KiB.
    const QByteArray head = "GET /health/ HTTP/1.1\r\nHost: localhost\r\nX-Padding: ";
    const QByteArray end = "\r\n\r\n";
    const qsizetype size = 16 * 1024 - 1;
    const QByteArray request = head + QByteArray(size - head.size() - end.size(), 'a') + end;
    QCOMPARE(request.size(), size);
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    QVERIFY(writeAll(socket, request));
    QByteArray buffer;
    const RawResponse response = readResponse(socket, buffer);
    QVERIFY(response.complete);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.object().value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState); // kept alive, as any answer
}

void TestServerHttp::headerTooLarge() {
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    QVERIFY(writeAll(socket, "GET /health/ HTTP/1.1\r\nHost: localhost\r\nX-Padding: " +
                                 QByteArray(20 * 1024, 'a') + "\r\n\r\n"));
    QByteArray buffer;
    const RawResponse response = readResponse(socket, buffer);
    QVERIFY(response.complete);
    QCOMPARE(response.status, 431);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(response.object().value("detail").toString(),
             QStringLiteral("Request header fields too large."));
    QVERIFY(waitClosed(socket));
}

void TestServerHttp::malformedRequest_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("garbage request line") << QByteArray("THIS IS NOT HTTP\r\n\r\n");
    QTest::newRow("TLS hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    QTest::newRow("bad version") << QByteArray("GET /health/ HTTP/x.y\r\n\r\n");
    QTest::newRow("bad header") << QByteArray("GET /health/ HTTP/1.1\r\nNo colon here\r\n\r\n");
    QTest::newRow("bad content length")
        << QByteArray("POST /users/login/ HTTP/1.1\r\nContent-Length: 12x\r\n\r\n");
}

void TestServerHttp::malformedRequest() {
    QFETCH(QByteArray, request);
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    QVERIFY(writeAll(socket, request));
    QByteArray buffer;
    const RawResponse response = readResponse(socket, buffer);
    QVERIFY(response.complete);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response.object().value("detail").toString(), QStringLiteral("Malformed request."));
    QVERIFY(waitClosed(socket));
}

void TestServerHttp::keepAlive() {
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    QByteArray buffer;
    for (int i = 0; i < 2; ++i) {
        QVERIFY(writeAll(socket, "GET /health/ HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        const RawResponse response = readResponse(socket, buffer);
        QVERIFY(response.complete);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.version, QByteArray("HTTP/1.1"));
        QCOMPARE(response.object().value("status").toString(), QStringLiteral("ok"));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }
    // Pipelined: two requests in one write, two answers in order.
    QVERIFY(writeAll(socket,
                     "GET /providers/ HTTP/1.1\r\nHost: localhost\r\n\r\n"
                     "GET /health/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    const RawResponse providers = readResponse(socket, buffer);
    QVERIFY(providers.complete);
    QCOMPARE(providers.status, 200);
    QVERIFY(QJsonDocument::fromJson(providers.body).isArray());
    const RawResponse last = readResponse(socket, buffer);
    QVERIFY(last.complete);
    QCOMPARE(last.status, 200);
    QCOMPARE(last.header("Connection"), QByteArray("close"));
    QVERIFY(waitClosed(socket));
}

void TestServerHttp::http10ClosesAfterAnswer() {
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    QVERIFY(writeAll(socket, "GET /health/ HTTP/1.0\r\n\r\n"));
    QByteArray buffer;
    const RawResponse response = readResponse(socket, buffer);
    QVERIFY(response.complete);
    QCOMPARE(response.version, QByteArray("HTTP/1.0"));
    QCOMPARE(response.status, 200);
    QVERIFY(waitClosed(socket));

    // HTTP/1.0 with keep-alive asked for: kept.
    QTcpSocket kept;
    QVERIFY(connectTo(kept, *m_server));
    buffer.clear();
    for (int i = 0; i < 2; ++i) {
        QVERIFY(writeAll(kept, "GET /health/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        const RawResponse again = readResponse(kept, buffer);
        QVERIFY(again.complete);
        QCOMPARE(again.status, 200);
    }
}

void TestServerHttp::expectContinue() {
    const QByteArray body =
        QJsonDocument(QJsonObject{{"username", Username}, {"password", Password}})
            .toJson(QJsonDocument::Compact);
    QTcpSocket socket;
    QVERIFY(connectTo(socket, *m_server));
    QVERIFY(writeAll(socket, "POST /users/login/ HTTP/1.1\r\nHost: localhost\r\n"
                             "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                             "Content-Length: " +
                                 QByteArray::number(body.size()) + "\r\n\r\n"));
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (!buffer.contains("\r\n\r\n") && timer.elapsed() < 5000) {
        if (socket.waitForReadyRead(5000))
            buffer += socket.readAll();
    }
    QVERIFY2(buffer.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), buffer.constData());
    buffer.remove(0, buffer.indexOf("\r\n\r\n") + 4);
    QVERIFY(writeAll(socket, body));
    const RawResponse response = readResponse(socket, buffer);
    QVERIFY(response.complete);
    QCOMPARE(response.status, 200);
    QVERIFY(!response.object().value("access_token").toString().isEmpty());

    // Too large with Expect: refused at once, nothing to send.
    QTcpSocket refused;
    QVERIFY(connectTo(refused, *m_server));
    QVERIFY(writeAll(refused, "POST /users/login/ HTTP/1.1\r\nHost: localhost\r\n"
                              "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                              "Content-Length: 1000000\r\n\r\n"));
    buffer.clear();
    const RawResponse tooLarge = readResponse(refused, buffer);
    QVERIFY(tooLarge.complete);
    QCOMPARE(tooLarge.status, 413);
}

void TestServerHttp::concurrentLoginsDoNotStallHealth() {
    // One manager per request: each has its own connections (QNAM queues beyond 6 per host).
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QList<QNetworkReply*> logins;
    const QByteArray body =
        QJsonDocument(QJsonObject{{"username", Username}, {"password", Password}})
            .toJson(QJsonDocument::Compact);
    for (int i = 0; i < 8; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        logins << send(*managers.back(), m_server->url(QStringLiteral("/users/login/")), "POST",
                       body, {});
    }
    managers.push_back(std::make_unique<QNetworkAccessManager>());
    QNetworkReply* health =
        send(*managers.back(), m_server->url(QStringLiteral("/health/")), "GET", {}, {});

    QVERIFY(waitFor(health));
    const Reply healthReply = collect(health);
    CHECK_REPLY(healthReply, 200);
    for (QNetworkReply* login : std::as_const(logins)) {
        QVERIFY(waitFor(login));
        const Reply reply = collect(login);
        CHECK_REPLY(reply, 200);
        QVERIFY(!reply.object().value("access_token").toString().isEmpty());
    }
}

void TestServerHttp::logCarriesNoSecrets() {
    const QByteArray token = login(*m_server, Username, Password);
    QVERIFY(!token.isEmpty());
    const Reply created = call(*m_server, "POST", QStringLiteral("/payments/credentials/"),
                               {{"provider", "instasend"},
                                {"api_key", "pk_test_instasend_LOGCHECK_api"},
                                {"private_key", "sk_test_instasend_LOGCHECK_private"}},
                               token);
    CHECK_REPLY(created, 201);
    const int id = created.object().value("id").toInt();
    const Reply revealed =
        call(*m_server, "GET", QStringLiteral("/payments/credentials/%1/get-private-key/").arg(id),
             {}, token);
    CHECK_REPLY(revealed, 200);
    const Reply withQuery = call(
        *m_server, "GET", QStringLiteral("/payments/credentials/?token=QUERYSECRET"), {}, token);
    QCOMPARE(withQuery.status, 200);
    QCOMPARE(
        call(*m_server, "DELETE", QStringLiteral("/payments/credentials/%1/").arg(id), {}, token)
            .status,
        200);

    // The server logs its requests asynchronously to the answers: give it a moment.
    QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("GET /payments/credentials/ 200"), 5000);
    const QByteArray log = m_server->log();
    QVERIFY(log.contains("POST /users/login/ 200"));
    QVERIFY(log.contains(
        QStringLiteral("GET /payments/credentials/%1/get-private-key/ 200").arg(id).toUtf8()));
    for (const QByteArray& secret : {Password.toUtf8(), token, QByteArray("LOGCHECK"),
                                     QByteArray("QUERYSECRET"), QByteArray("Bearer")}) {
        QVERIFY2(!log.contains(secret), secret.constData());
    }
}

void TestServerHttp::createSuperuserRefusals() {
    const CommandResult weak =
        m_server->createSuperuser(QStringLiteral("bob"), QStringLiteral("short"));
    QCOMPARE(weak.exitCode, 1);
    QVERIFY2(
        weak.err.contains("This password is too short. It must contain at least 10 characters."),
        weak.err.constData());
    QVERIFY(!weak.err.contains("short\n"));

    const CommandResult numeric =
        m_server->createSuperuser(QStringLiteral("bob"), QStringLiteral("12345678901234"));
    QCOMPARE(numeric.exitCode, 1);
    QVERIFY2(numeric.err.contains("This password is entirely numeric."), numeric.err.constData());

    const CommandResult taken =
        m_server->createSuperuser(Username, QStringLiteral("another-good-one"));
    QCOMPARE(taken.exitCode, 1);
    QVERIFY2(taken.err.contains("A user with that username already exists."),
             taken.err.constData());

    const CommandResult noPassword = m_server->run(
        {QStringLiteral("createsuperuser"), QStringLiteral("--username"), QStringLiteral("carol"),
         QStringLiteral("--dev"), QStringLiteral("--data-dir"), m_server->dataDir()});
    QCOMPARE(noPassword.exitCode, 1);

    const CommandResult noUsername =
        m_server->run({QStringLiteral("createsuperuser"), QStringLiteral("--dev"),
                       QStringLiteral("--data-dir"), m_server->dataDir()},
                      "whatever-password\n");
    QCOMPARE(noUsername.exitCode, 2);

    const CommandResult ok =
        m_server->createSuperuser(QStringLiteral("dave"), QStringLiteral("a-fine-password"));
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(ok.out, QByteArray("Superuser dave created.\n"));
    const Reply loggedIn = call(*m_server, "POST", QStringLiteral("/users/login/"),
                                {{"username", "dave"}, {"password", "a-fine-password"}});
    CHECK_REPLY(loggedIn, 200);
    QCOMPARE(loggedIn.object().value("user").toObject().value("is_superuser").toBool(), true);
}

// The way back in for the last superuser: five wrong passwords lock them out; changepassword,
// run while the server serves, sets a new password, lifts the lock and ends every old token.
void TestServerHttp::changePasswordLetsALockedOutSuperuserIn() {
    ServerProcess server;
    QVERIFY(server.createSuperuser(QStringLiteral("root"), Password).exitCode == 0);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QByteArray oldToken = login(server, QStringLiteral("root"), Password);
    // One request each (CHECK_REPLY reads its argument more than once).
    const auto loginStatus = [&](const QString& password) {
        return call(server, "POST", QStringLiteral("/users/login/"),
                    {{"username", "root"}, {"password", password}})
            .status;
    };
    QVERIFY(!oldToken.isEmpty());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(loginStatus(QStringLiteral("not-the-password")), 401);
    QCOMPARE(loginStatus(Password), 429);

    const QString newPassword = QStringLiteral("a-brand-new-passphrase");
    const CommandResult changed = server.run(
        {QStringLiteral("changepassword"), QStringLiteral("--username"), QStringLiteral("root"),
         QStringLiteral("--dev"), QStringLiteral("--data-dir"), server.dataDir()},
        newPassword.toUtf8() + '\n');
    QVERIFY2(changed.exitCode == 0, changed.err.constData());
    QCOMPARE(changed.out, QByteArray("Password changed for root; their sessions have ended and "
                                     "any login lock is lifted.\n"));
    QVERIFY(!changed.out.contains(newPassword.toUtf8()) && !changed.err.contains("brand-new"));

    QCOMPARE(call(server, "GET", QStringLiteral("/users/me/"), {}, oldToken).status, 401);
    QCOMPARE(loginStatus(Password), 401);
    const QByteArray token = login(server, QStringLiteral("root"), newPassword);
    QVERIFY(!token.isEmpty());

    // Both changes are the system's, in the audit trail.
    const auto actions = [&](const char* action) {
        const Reply page =
            call(server, "GET",
                 QStringLiteral("/admin/audit/?action=%1").arg(QLatin1String(action)), {}, token);
        QStringList events;
        for (const auto& value : page.object().value("results").toArray()) {
            const QJsonObject event = value.toObject();
            const QJsonObject actor = event["actor"].toObject();
            events.append(
                QStringLiteral("%1/%2 %3 %4")
                    .arg(actor["id"].isNull() ? QStringLiteral("null") : QStringLiteral("id"),
                         actor["username"].toString(), event["outcome"].toString(),
                         event["detail"].toString()));
        }
        return events;
    };
    QCOMPARE(actions("user_updated"),
             QStringList{QStringLiteral("null/system ok username=root id=1 password=reset")});
    QCOMPARE(actions("user_unlocked"),
             QStringList{QStringLiteral("null/system ok username=root id=1")});
}

void TestServerHttp::changePasswordRefusals() {
    const auto change = [&](const QString& username, const QByteArray& input) {
        CommandResult result = m_server->run(
            {QStringLiteral("changepassword"), QStringLiteral("--username"), username,
             QStringLiteral("--dev"), QStringLiteral("--data-dir"), m_server->dataDir()},
            input);
        // The log's notice about the development keys aside, the refusal is all it says.
        QByteArrayList lines = result.err.split('\n');
        lines.removeIf([](const QByteArray& line) {
            return line.contains(" paycred.server warning: Using the development keys");
        });
        result.err = lines.join('\n');
        return result;
    };
    const CommandResult unknown = change(QStringLiteral("nobody"), "a-fine-password\n");
    QCOMPARE(unknown.exitCode, 1);
    QCOMPARE(unknown.err, QByteArray("Cannot change the password of \"nobody\": No such user. "
                                     "Check the name (it is case-sensitive), or create them with "
                                     "createsuperuser.\n"));
    const CommandResult weak = change(Username, "1234567890123\n");
    QCOMPARE(weak.exitCode, 1);
    QCOMPARE(weak.err, QByteArray("Cannot change the password of \"alice\": This password is "
                                  "entirely numeric.\n"));
    const CommandResult none = change(Username, "");
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("No password on standard input"), none.err.constData());
    const CommandResult noName =
        m_server->run({QStringLiteral("changepassword"), QStringLiteral("--dev"),
                       QStringLiteral("--data-dir"), m_server->dataDir()},
                      "a-fine-password\n");
    QCOMPARE(noName.exitCode, 2);
    QVERIFY2(noName.err.contains("changepassword needs --username NAME."), noName.err.constData());
    // None of them changed anything: the suite's user still logs in with the old password.
    QVERIFY(!login(*m_server, Username, Password).isEmpty());
}

void TestServerHttp::devKeysArePrivateAndReused() {
    ServerProcess server;
    QVERIFY(server.createSuperuser(Username, Password).exitCode == 0);
    const QString keysPath = server.dataDir() + QStringLiteral("/dev-keys.ini");
    const auto mode = [](const QString& path) {
        struct stat status {};
        return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_mode & 0777
                                                                         : 07777u;
    };
    QCOMPARE(mode(server.dataDir()), 0700u);
    QCOMPARE(mode(keysPath), 0600u);
    QFile keysFile(keysPath);
    QVERIFY(keysFile.open(QIODevice::ReadOnly));
    const QByteArray keys = keysFile.readAll();
    keysFile.close();
    QVERIFY(keys.contains("secret_key = "));
    QVERIFY(keys.contains("encryption_key = "));

    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QByteArray token = login(server, Username, Password);
    const Reply created = call(server, "POST", QStringLiteral("/payments/credentials/"),
                               {{"provider", "kopokopo"},
                                {"api_key", "pk_test_kopokopo_1234567890abcdef"},
                                {"private_key", "sk_test_kopokopo_0987654321fedcba"}},
                               token);
    CHECK_REPLY(created, 201);
    QCOMPARE(server.terminate(), 0);

    // Started again: the same keys, so the old token still verifies and the key decrypts.
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QVERIFY(keysFile.open(QIODevice::ReadOnly));
    QCOMPARE(keysFile.readAll(), keys);
    const Reply revealed =
        call(server, "GET", QStringLiteral("/payments/credentials/1/get-private-key/"), {}, token);
    CHECK_REPLY(revealed, 200);
    QCOMPARE(revealed.object().value("private_key").toString(),
             QStringLiteral("sk_test_kopokopo_0987654321fedcba"));
    QVERIFY(!server.log().contains(keys.mid(keys.indexOf("secret_key = ") + 13, 50)));
}

void TestServerHttp::sigtermFinishesInFlightAndExitsZero() {
    ServerProcess server;
    // An expensive hash, so that a login (of an unknown user: the same work) is in flight
    // when SIGTERM comes.
    server.environment().insert(QStringLiteral("PAYCRED_PASSWORD_ITERATIONS"),
                                QStringLiteral("3000000")); // about 2 s
    QVERIFY2(server.start(), qPrintable(server.errorString()));

    QTcpSocket idle; // a keep-alive connection waiting for its next request: closed on stop
    QVERIFY(connectTo(idle, server));
    QByteArray idleBuffer;
    QVERIFY(writeAll(idle, "GET /health/ HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    QCOMPARE(readResponse(idle, idleBuffer).status, 200);

    QTcpSocket busy;
    QVERIFY(connectTo(busy, server));
    const QByteArray body = R"({"username": "nobody", "password": "not-a-password"})";
    QVERIFY(writeAll(busy, "POST /users/login/ HTTP/1.1\r\nHost: localhost\r\n"
                           "Content-Type: application/json\r\nContent-Length: " +
                               QByteArray::number(body.size()) + "\r\n\r\n" + body));
    // SIGTERM once the router has it (the hash then takes seconds).
    QTRY_VERIFY_WITH_TIMEOUT(timesReceived(server, "POST /users/login/") == 1, 10000);
    QVERIFY(::kill(static_cast<pid_t>(server.pid()), SIGTERM) == 0);

    QByteArray busyBuffer;
    const RawResponse answer = readResponse(busy, busyBuffer, 30000);
    QVERIFY2(answer.complete, "the request in flight was not answered");
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.header("Connection"), QByteArray("close"));
    QVERIFY(waitClosed(idle));
    QCOMPARE(server.terminate(30000), 0);
    QVERIFY(server.log().contains("SIGTERM"));
}

void TestServerHttp::portInUse() {
    ServerProcess second;
    const CommandResult result = second.run({QStringLiteral("--dev"), QStringLiteral("--data-dir"),
                                             second.dataDir(), QStringLiteral("--listen"),
                                             QStringLiteral("127.0.0.1:%1").arg(m_server->port())});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("already in use"), result.err.constData());
    QVERIFY(result.out.isEmpty()); // no Listening line
}

// Issue 10 (TLS is still to come): serving plain HTTP where other machines can reach it says so
// loudly at start; on loopback it says nothing.
void TestServerHttp::plainHttpBeyondLoopbackIsWarnedOf() {
    ServerProcess everywhere;
    QVERIFY2(everywhere.start({QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")}),
             qPrintable(everywhere.errorString()));
    QVERIFY2(everywhere.log().contains("WARNING: listening on 0.0.0.0 (from --listen) over plain "
                                       "HTTP: every password, token and private key crosses the "
                                       "network in clear."),
             everywhere.log().constData());
    QVERIFY(!m_server->log().contains("over plain HTTP"));
    QCOMPARE(everywhere.terminate(), 0);
}

void TestServerHttp::refusesToStartWithoutKeys() {
    ServerProcess server;
    server.environment().insert(QStringLiteral("PAYCRED_DATABASE"),
                                server.tempPath() + QStringLiteral("/paycred.sqlite3"));
    const CommandResult result =
        server.run({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(result.finished);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("PAYCRED_SECRET_KEY is not set"), result.err.constData());
    QVERIFY2(result.err.contains("PAYCRED_ENCRYPTION_KEY is not set"), result.err.constData());
    QVERIFY(result.err.contains("paycred-server genkey"));

    ServerProcess noDatabase;
    noDatabase.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY"), QByteArray(40, 's'));
    noDatabase.environment().insert(
        QStringLiteral("PAYCRED_ENCRYPTION_KEY"),
        QString::fromLatin1(noDatabase.run({QStringLiteral("genkey")}).out.trimmed()));
    const CommandResult noDb =
        noDatabase.run({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(noDb.exitCode, 1);
    QVERIFY2(noDb.err.contains("PAYCRED_DATABASE is not set"), noDb.err.constData());
}

void TestServerHttp::refusesBadKeys() {
    ServerProcess server;
    const QString badKey = QStringLiteral("not-a-fernet-key-SENTINEL");
    const QString shortSecret = QStringLiteral("short-SENTINEL");
    server.environment().insert(QStringLiteral("PAYCRED_DATABASE"),
                                server.tempPath() + QStringLiteral("/paycred.sqlite3"));
    server.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY"), shortSecret);
    server.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY"), badKey);
    const CommandResult result =
        server.run({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("PAYCRED_ENCRYPTION_KEY is not a Fernet key: give 32 url-safe "
                                 "base64-encoded bytes, e.g. from `paycred-server genkey`"),
             result.err.constData());
    QVERIFY2(result.err.contains("PAYCRED_SECRET_KEY is too short"), result.err.constData());
    QVERIFY2(!result.err.contains("SENTINEL"), "a key was printed");

    // --dev tolerates a short secret key, never an encryption key it cannot use.
    const CommandResult dev =
        server.run({QStringLiteral("--dev"), QStringLiteral("--data-dir"), server.dataDir(),
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(dev.exitCode, 1);
    QVERIFY(dev.err.contains("is not a Fernet key"));
    QVERIFY(!dev.err.contains("SENTINEL"));

    server.environment().insert(QStringLiteral("PAYCRED_PASSWORD_ITERATIONS"),
                                QStringLiteral("10"));
    server.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY"), QString(40, u's'));
    server.environment().insert(
        QStringLiteral("PAYCRED_ENCRYPTION_KEY"),
        QString::fromLatin1(server.run({QStringLiteral("genkey")}).out.trimmed()));
    const CommandResult fewIterations =
        server.run({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(fewIterations.exitCode, 1);
    QVERIFY2(fewIterations.err.contains("PAYCRED_PASSWORD_ITERATIONS must be a whole number of at "
                                        "least 1000"),
             fewIterations.err.constData());

    server.environment().insert(QStringLiteral("PAYCRED_PASSWORD_ITERATIONS"),
                                QStringLiteral("1000"));
    const CommandResult badListen =
        server.run({QStringLiteral("--listen"), QStringLiteral("nowhere")});
    QCOMPARE(badListen.exitCode, 1);
    QVERIFY2(badListen.err.contains("is not HOST:PORT"), badListen.err.constData());

    server.environment().insert(QStringLiteral("PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE"),
                                QStringLiteral("soon"));
    const CommandResult badStepUp =
        server.run({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(badStepUp.exitCode, 1);
    QVERIFY2(badStepUp.err.contains("PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE must be a whole "
                                    "number of minutes from 0 (off) to 1440"),
             badStepUp.err.constData());
    server.environment().remove(QStringLiteral("PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE"));

    // Capacity: each out of its range, named with its range.
    const QList<QPair<QString, QString>> capacity = {
        {QStringLiteral("PAYCRED_PASSWORD_THREADS"), QStringLiteral("0")},
        {QStringLiteral("PAYCRED_PASSWORD_QUEUE"), QStringLiteral("-1")},
        {QStringLiteral("PAYCRED_MAX_CONNECTIONS"), QStringLiteral("many")},
        {QStringLiteral("PAYCRED_MAX_CONNECTIONS_PER_CLIENT"), QStringLiteral("1000001")}};
    const QStringList expected = {
        QStringLiteral("PAYCRED_PASSWORD_THREADS must be a whole number of threads from 1 to 64"),
        QStringLiteral("PAYCRED_PASSWORD_QUEUE must be a whole number of waiting requests from 0 "
                       "to 10000"),
        QStringLiteral("PAYCRED_MAX_CONNECTIONS must be a whole number of connections from 0 (no "
                       "cap) to 1000000"),
        QStringLiteral("PAYCRED_MAX_CONNECTIONS_PER_CLIENT must be a whole number of connections "
                       "from 0 (no cap) to 1000000")};
    for (const auto& [name, value] : capacity)
        server.environment().insert(name, value);
    const CommandResult badCapacity =
        server.run({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(badCapacity.exitCode, 1);
    for (const QString& sentence : expected)
        QVERIFY2(badCapacity.err.contains(sentence.toUtf8()), badCapacity.err.constData());
    for (const auto& [name, value] : capacity)
        server.environment().remove(name);
}

void TestServerHttp::startsFromConfigFile() {
    ServerProcess server;
    const CommandResult fernet = server.run({QStringLiteral("genkey")});
    QCOMPARE(fernet.exitCode, 0);
    const QByteArray encryptionKey = fernet.out.trimmed();
    QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}=$"))
                 .match(QString::fromLatin1(encryptionKey))
                 .hasMatch(),
             encryptionKey.constData());
    const CommandResult secret = server.run({QStringLiteral("genkey"), QStringLiteral("--secret")});
    QCOMPARE(secret.exitCode, 0);
    const QByteArray secretKey = secret.out.trimmed();
    QCOMPARE(secretKey.size(), 50);
    QVERIFY(server.run({QStringLiteral("genkey"), QStringLiteral("--secret")}).out.trimmed() !=
            secretKey);
    const QByteArray oldKey = server.run({QStringLiteral("genkey")}).out.trimmed();
    const QByteArray auditKey =
        server.run({QStringLiteral("genkey"), QStringLiteral("--audit")}).out.trimmed();
    QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}=$"))
                 .match(QString::fromLatin1(auditKey))
                 .hasMatch(),
             "genkey --audit prints 32 bytes in url-safe base64");

    const QString configPath = server.tempPath() + QStringLiteral("/paycred.ini");
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("# paycred-server configuration\n[paycred]\n"
                 "secret_key = " +
                 secretKey +
                 "\n"
                 "encryption_key = " +
                 encryptionKey + "," + oldKey +
                 "\n"
                 "audit_key = " +
                 auditKey +
                 "\n"
                 "database = " +
                 server.tempPath().toUtf8() +
                 "/from-config.sqlite3\n"
                 "listen = 127.0.0.1:0\n");
    config.close();

    QVERIFY2(server.start({QStringLiteral("--config"), configPath}, false),
             qPrintable(server.errorString()));
    QVERIFY(QFileInfo::exists(server.tempPath() + QStringLiteral("/from-config.sqlite3")));
    const Reply health = call(server, "GET", QStringLiteral("/health/"));
    CHECK_REPLY(health, 200);
    QCOMPARE(health.object().value("database").toString(), QStringLiteral("ok"));
    QCOMPARE(server.terminate(), 0);
    QVERIFY(!server.log().contains(secretKey));
    QVERIFY(!server.log().contains(encryptionKey));
    QVERIFY(!server.log().contains(auditKey));

    // A typo in a key name is reported, not ignored.
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write("secret_kye = x\n");
    config.close();
    const CommandResult typo = server.run({QStringLiteral("--config"), configPath});
    QCOMPARE(typo.exitCode, 1);
    QVERIFY2(typo.err.contains("Unknown setting \"secret_kye\""), typo.err.constData());

    const CommandResult missing = server.run(
        {QStringLiteral("--config"), server.tempPath() + QStringLiteral("/missing.ini")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("Cannot read the configuration file"), missing.err.constData());
}

void TestServerHttp::usageErrors() {
    ServerProcess server;
    QCOMPARE(server.run({QStringLiteral("frobnicate")}).exitCode, 2);
    QCOMPARE(server.run({QStringLiteral("--no-such-option")}).exitCode, 2);
    QCOMPARE(
        server.run({QStringLiteral("genkey"), QStringLiteral("--username"), QStringLiteral("x")})
            .exitCode,
        2);
    const CommandResult help = server.run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("createsuperuser"));
}

QTEST_GUILESS_MAIN(TestServerHttp)
#include "tst_server_http.moc"
