// paycred-server under more than it takes: password work on its own bounded pool (503 when it is
// full, while other requests are served), the login throttle counting parallel guesses before
// they are hashed, change-password throttled like verify-password, connection caps (overall and
// per client, trusted proxies exempt) and a failing accept() that backs off instead of spinning.
// No wall-clock assertions: what is checked is who got which answer, the order of answers where
// the pool must not hold others back, and the server's CPU ticks (/proc/PID/stat) where it must
// not spin. All of 127.0.0.0/8 is loopback on Linux: sockets bind to 127.0.0.x to be clients of
// their own.

#include "tests/server/httpreply.h"
#include "tests/server/serverkeys.h"
#include "tests/server/serverprocess.h"
#include "tests/support/postgrescluster.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using paycred::test::HttpReply;
using paycred::test::PostgresCluster;
using paycred::test::ServerKeys;
using paycred::test::ServerProcess;

namespace {

const QString Admin = QStringLiteral("capacity-admin");
const QString Password = QStringLiteral("capacity password 1");
constexpr int FailuresPerUser = 5; // ServiceSettings::throttleMaxFailures

// A password count that makes each hash take a while (a few hundred ms here), so that requests
// sent together all arrive while the first ones are still being hashed.
const QString SlowIterations = QStringLiteral("3000000");
// Cheap enough for many logins, dear enough to overlap.
const QString ModestIterations = QStringLiteral("200000");

QByteArray loginBody(const QString& username, const QString& password) {
    return QJsonDocument(QJsonObject{{"username", username}, {"password", password}})
        .toJson(QJsonDocument::Compact);
}

// Requests sent at once, each on a connection of its own (a QNetworkAccessManager each: one
// manager holds at most six connections per host), and the order their answers came in.
class Burst {
public:
    void add(const ServerProcess& server, const QByteArray& method, const QString& path,
             const QByteArray& body, const QByteArray& token = {}) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        QNetworkReply* reply = paycred::test::send(*manager, server.url(path), method, body, token);
        const int index = static_cast<int>(m_replies.size());
        QObject::connect(reply, &QNetworkReply::finished, reply,
                         [this, index] { m_order.push_back(index); });
        m_managers.push_back(std::move(manager));
        m_replies.push_back(reply);
    }

    // Waits for every answer; false when one did not come in time.
    bool wait(int timeoutMs = 60000) {
        for (QNetworkReply* reply : m_replies) {
            if (!paycred::test::waitFor(reply, timeoutMs))
                return false;
        }
        for (QNetworkReply* reply : m_replies)
            m_answers.push_back(paycred::test::collect(reply));
        return true;
    }

    const HttpReply& answer(int index) const { return m_answers.at(std::size_t(index)); }
    int count(int status) const {
        return static_cast<int>(
            std::count_if(m_answers.begin(), m_answers.end(),
                          [&](const HttpReply& r) { return r.status == status; }));
    }
    // Where request `index` came in the order of answers (0: first).
    int place(int index) const {
        return static_cast<int>(std::find(m_order.begin(), m_order.end(), index) - m_order.begin());
    }

private:
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::vector<QNetworkReply*> m_replies;
    std::vector<HttpReply> m_answers;
    std::vector<int> m_order;
};

struct RawAnswer {
    int status = 0; // 0: closed (or timed out) without an answer
    QByteArray head;
    QByteArray body;
};

// Reads one HTTP answer (a head and a Content-Length body) from `socket`.
RawAnswer readAnswer(QTcpSocket& socket, int timeoutMs = 10000) {
    QByteArray data;
    RawAnswer answer;
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        data += socket.readAll();
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end >= 0) {
            answer.head = data.left(end);
            const QList<QByteArray> lines = answer.head.split('\n');
            qsizetype length = 0;
            for (const QByteArray& line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (data.size() >= end + 4 + length) {
                answer.body = data.mid(end + 4, length);
                answer.status = lines.first().split(' ').value(1).toInt();
                return answer;
            }
        }
        // Closed with everything read, or no more time: what came is all there is.
        if (deadline.hasExpired() ||
            (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0))
            return answer;
        socket.waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
    }
}

// A raw keep-alive connection from `source` (a 127.0.0.x address) to the server.
std::unique_ptr<QTcpSocket> connectFrom(const QString& source, quint16 port) {
    auto socket = std::make_unique<QTcpSocket>();
    if (!socket->bind(QHostAddress(source), 0))
        return nullptr;
    socket->connectToHost(QHostAddress::LocalHost, port);
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}

// GET /health/ on `socket`: the status of its answer (0: none, the connection closed).
int health(QTcpSocket& socket) {
    socket.write("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    socket.flush();
    return readAnswer(socket).status;
}

// The CPU time the process has used, in clock ticks (user + system, /proc/PID/stat).
qint64 cpuTicks(qint64 pid) {
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // The fields after the command's closing parenthesis: state is the 3rd field, utime the 14th.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong();
}

} // namespace

class TestServerCapacity : public QObject {
    Q_OBJECT
private slots:
    void loginsWithinThePoolsCapacityAllSucceed();
    void aFullPasswordPoolAnswers503WhileOthersAreServed();
    void parallelWrongPasswordsNeverPassTheThrottle();
    void changePasswordIsThrottled();
    void connectionCapsAdmitNAndRefuseTheNext();
    void idleConnectionsCostNoCpu();
    void aFailingAcceptBacksOff();
    void everyVerifyOfABurstIsAudited_data();
    void everyVerifyOfABurstIsAudited();

private:
    // A server with a superuser whose password hash costs `iterations`, started with `settings`
    // (PAYCRED_* name → value).
    std::unique_ptr<ServerProcess> startServer(const QString& iterations,
                                               const QHash<QString, QString>& settings);
};

std::unique_ptr<ServerProcess>
TestServerCapacity::startServer(const QString& iterations,
                                const QHash<QString, QString>& settings) {
    auto server = std::make_unique<ServerProcess>();
    server->environment().insert(QStringLiteral("PAYCRED_PASSWORD_ITERATIONS"), iterations);
    for (auto it = settings.begin(); it != settings.end(); ++it)
        server->environment().insert(it.key(), it.value());
    const auto made = server->createSuperuser(Admin, Password);
    if (made.exitCode != 0) {
        qWarning("createsuperuser failed: %s", made.err.constData());
        return nullptr;
    }
    if (!server->start()) {
        qWarning("the server did not start: %s", qPrintable(server->errorString()));
        return nullptr;
    }
    return server;
}

void TestServerCapacity::loginsWithinThePoolsCapacityAllSucceed() {
    // One thread, eight waiting: nine logins at once fit.
    const auto server = startServer(
        ModestIterations, {{"PAYCRED_PASSWORD_THREADS", "1"}, {"PAYCRED_PASSWORD_QUEUE", "8"}});
    QVERIFY(server);
    Burst burst;
    for (int i = 0; i < 9; ++i)
        burst.add(*server, "POST", QStringLiteral("/users/login/"), loginBody(Admin, Password));
    QVERIFY(burst.wait());
    QCOMPARE(burst.count(200), 9);
    for (int i = 0; i < 9; ++i)
        QVERIFY(!burst.answer(i).object().value("access_token").toString().isEmpty());
}

void TestServerCapacity::aFullPasswordPoolAnswers503WhileOthersAreServed() {
    // Room for two: one being hashed, one waiting.
    const auto server = startServer(
        SlowIterations, {{"PAYCRED_PASSWORD_THREADS", "1"}, {"PAYCRED_PASSWORD_QUEUE", "1"}});
    QVERIFY(server);
    const QByteArray token = paycred::test::login(*server, Admin, Password);
    QVERIFY(!token.isEmpty());

    Burst burst;
    constexpr int Logins = 6;
    for (int i = 0; i < Logins; ++i)
        burst.add(*server, "POST", QStringLiteral("/users/login/"), loginBody(Admin, Password));
    // Sent after them: a list must not wait for the hashes ahead of it.
    burst.add(*server, "GET", QStringLiteral("/payments/credentials/"), {}, token);
    QVERIFY(burst.wait());

    QCOMPARE(burst.count(200), 2 + 1);
    QCOMPARE(burst.count(503), Logins - 2);
    const HttpReply& list = burst.answer(Logins);
    CHECK_REPLY(list, 200);
    QVERIFY(list.array().isEmpty());
    int lastLogin = 0;
    for (int i = 0; i < Logins; ++i) {
        const HttpReply& login = burst.answer(i);
        if (login.status == 200) {
            lastLogin = std::max(lastLogin, burst.place(i));
            continue;
        }
        CHECK_REPLY(login, 503);
        QCOMPARE(login.object(),
                 QJsonObject({{"detail", QStringLiteral("Service temporarily unavailable.")}}));
        QCOMPARE(login.header("Retry-After"), QByteArray("1"));
    }
    // The list was answered while the second login was still waiting for the first one's hash.
    QVERIFY2(burst.place(Logins) < lastLogin, "the list waited for the password pool");
    QVERIFY(server->log().contains("The password pool is full"));
}

void TestServerCapacity::parallelWrongPasswordsNeverPassTheThrottle() {
    // Four hashes at once, room for all: only the throttle stands between guesses and the hash.
    const auto server = startServer(
        ModestIterations, {{"PAYCRED_PASSWORD_THREADS", "4"}, {"PAYCRED_PASSWORD_QUEUE", "40"}});
    QVERIFY(server);
    Burst burst;
    constexpr int Guesses = 24;
    for (int i = 0; i < Guesses; ++i) {
        burst.add(*server, "POST", QStringLiteral("/users/login/"),
                  loginBody(Admin, QStringLiteral("wrong guess %1").arg(i)));
    }
    QVERIFY(burst.wait());
    // Each 401 is a guess that was hashed; every other one was refused before its hash.
    QCOMPARE(burst.count(401), FailuresPerUser);
    QCOMPARE(burst.count(429), Guesses - FailuresPerUser);
    // Locked now, even with the right password.
    const HttpReply locked = paycred::test::call(*server, "POST", QStringLiteral("/users/login/"),
                                                 {{"username", Admin}, {"password", Password}});
    QCOMPARE(locked.status, 429);
}

void TestServerCapacity::changePasswordIsThrottled() {
    const auto server = startServer(QStringLiteral("1000"), {});
    QVERIFY(server);
    const QByteArray token = paycred::test::login(*server, Admin, Password);
    QVERIFY(!token.isEmpty());
    const auto change = [&](const QString& old) {
        return paycred::test::call(
            *server, "POST", QStringLiteral("/users/change-password/"),
            {{"old_password", old}, {"new_password", QStringLiteral("a new password 2")}}, token);
    };
    for (int i = 0; i < FailuresPerUser; ++i) {
        const HttpReply wrong = change(QStringLiteral("not the password %1").arg(i));
        CHECK_REPLY(wrong, 400);
        QCOMPARE(wrong.object().value("old_password").toArray().first().toString(),
                 QStringLiteral("Wrong password."));
    }
    // Even the right one now: the old password is not checked at all.
    const HttpReply throttled = change(Password);
    CHECK_REPLY(throttled, 429);
    QVERIFY(throttled.object().value("error").toString().startsWith(
        QStringLiteral("Too many failed login attempts. Try again in ")));
    QVERIFY(throttled.header("Retry-After").toInt() > 0);
    // One throttle for every password check of the name: logging in waits too.
    const HttpReply login = paycred::test::call(*server, "POST", QStringLiteral("/users/login/"),
                                                {{"username", Admin}, {"password", Password}});
    QCOMPARE(login.status, 429);
}

void TestServerCapacity::connectionCapsAdmitNAndRefuseTheNext() {
    // Six open at most, two per client; 127.0.0.9 is a trusted proxy, which many clients share.
    const auto server =
        startServer(QStringLiteral("1000"), {{"PAYCRED_MAX_CONNECTIONS", "6"},
                                             {"PAYCRED_MAX_CONNECTIONS_PER_CLIENT", "2"},
                                             {"PAYCRED_TRUSTED_PROXIES", "127.0.0.9"}});
    QVERIFY(server);
    const quint16 port = server->port();
    std::vector<std::unique_ptr<QTcpSocket>> held;
    const auto hold = [&](const QString& source) {
        auto socket = connectFrom(source, port);
        if (!socket || health(*socket) != 200)
            return false;
        held.push_back(std::move(socket));
        return true;
    };
    QVERIFY(hold(QStringLiteral("127.0.0.1")));
    QVERIFY(hold(QStringLiteral("127.0.0.1")));

    // The client's third: a 503 it can read, then closed.
    auto third = connectFrom(QStringLiteral("127.0.0.1"), port);
    QVERIFY(third);
    const RawAnswer refused = readAnswer(*third);
    QCOMPARE(refused.status, 503);
    QVERIFY(refused.head.contains("Retry-After: 1"));
    QCOMPARE(QJsonDocument::fromJson(refused.body).object(),
             QJsonObject({{"detail", QStringLiteral("Service temporarily unavailable.")}}));
    QVERIFY(third->state() == QAbstractSocket::UnconnectedState ||
            third->waitForDisconnected(5000));

    // Another client is not held back by that one; the proxy is not capped per client.
    QVERIFY(hold(QStringLiteral("127.0.0.2")));
    QVERIFY(hold(QStringLiteral("127.0.0.9")));
    QVERIFY(hold(QStringLiteral("127.0.0.9")));
    QVERIFY(hold(QStringLiteral("127.0.0.9")));
    QCOMPARE(held.size(), std::size_t(6));

    // Seven would be past the overall cap, whoever asks.
    auto seventh = connectFrom(QStringLiteral("127.0.0.3"), port);
    QVERIFY(seventh);
    QCOMPARE(readAnswer(*seventh).status, 503);

    // One goes: a new, well-behaved client is served (once the server has seen the close).
    held.front()->disconnectFromHost();
    held.erase(held.begin());
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
        auto next = connectFrom(QStringLiteral("127.0.0.3"), port);
        QVERIFY(next);
        status = health(*next);
        if (status != 200)
            QTest::qWait(100);
        else
            held.push_back(std::move(next));
    }
    QCOMPARE(status, 200);
    // Those held all along still work.
    for (const auto& socket : held)
        QCOMPARE(health(*socket), 200);
}

void TestServerCapacity::idleConnectionsCostNoCpu() {
    const auto server = startServer(QStringLiteral("1000"), {});
    QVERIFY(server);
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 200; ++i) {
        auto socket = connectFrom(QStringLiteral("127.0.0.%1").arg(1 + i % 4), server->port());
        QVERIFY(socket);
        if (i % 2 == 0)
            QCOMPARE(health(*socket), 200); // half of them have had a request, half none yet
        held.push_back(std::move(socket));
    }
    const qint64 before = cpuTicks(server->pid());
    QVERIFY(before >= 0);
    QTest::qWait(3000);
    const qint64 after = cpuTicks(server->pid());
    // Held, not served: a spinning loop would take the 300 ticks of a whole core.
    QVERIFY2(after - before <= 10, qPrintable(QStringLiteral("%1 ticks").arg(after - before)));
    QCOMPARE(health(*held.front()), 200);
}

void TestServerCapacity::aFailingAcceptBacksOff() {
    // Few file descriptors and no connection cap: accept() runs out of them (EMFILE) while
    // connections keep waiting in the backlog, so every retry would fail at once.
    auto server = std::make_unique<ServerProcess>();
    server->environment().insert(QStringLiteral("PAYCRED_MAX_CONNECTIONS"), QStringLiteral("0"));
    server->environment().insert(QStringLiteral("PAYCRED_MAX_CONNECTIONS_PER_CLIENT"),
                                 QStringLiteral("0"));
    server->setFileLimit(64);
    QVERIFY2(server->start(), qPrintable(server->errorString()));
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 100; ++i) {
        auto socket = connectFrom(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(socket); // the kernel completes the handshake: the backlog holds it
        held.push_back(std::move(socket));
    }
    QTRY_VERIFY_WITH_TIMEOUT(server->log().contains("Cannot accept a connection"), 10000);
    const qint64 before = cpuTicks(server->pid());
    QTest::qWait(3000);
    const qint64 after = cpuTicks(server->pid());
    QVERIFY2(after - before <= 30, qPrintable(QStringLiteral("%1 ticks").arg(after - before)));

    // Once descriptors are free again, new clients are served.
    held.clear();
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
        auto next = connectFrom(QStringLiteral("127.0.0.2"), server->port());
        QVERIFY(next);
        status = health(*next);
        if (status != 200)
            QTest::qWait(100);
    }
    QCOMPARE(status, 200);
}

void TestServerCapacity::everyVerifyOfABurstIsAudited_data() {
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestServerCapacity::everyVerifyOfABurstIsAudited() {
    // 10 000 verifies over 32 connections at once: the events are written in groups (AuditQueue),
    // and each answer comes only after its event was committed.
    QFETCH(bool, postgres);
    auto server = std::make_unique<ServerProcess>();
    QString url = server->tempPath() + QStringLiteral("/burst.sqlite3");
    if (postgres) {
        const auto database = PostgresCluster::shared().database();
        QVERIFY2(!database.name.isEmpty(), qPrintable(PostgresCluster::shared().errorString()));
        url = PostgresCluster::urlOf(database);
    }
    const ServerKeys keys = ServerKeys::generate();
    QVERIFY(keys.isValid());
    keys.applyTo(server->environment());
    server->environment().insert(QStringLiteral("PAYCRED_DATABASE"), url);
    server->environment().insert(QStringLiteral("QT_LOGGING_RULES"),
                                 QStringLiteral("paycred.server.debug=false"));
    const auto made =
        server->run({QStringLiteral("createsuperuser"), QStringLiteral("--username"), Admin},
                    Password.toUtf8() + '\n');
    QVERIFY2(made.exitCode == 0, made.err.constData());
    QVERIFY2(server->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, false),
             qPrintable(server->errorString()));
    const QByteArray token = paycred::test::login(*server, Admin, Password);
    QVERIFY(!token.isEmpty());
    const QString privateKey = QStringLiteral("burst-private-key-0123456789");
    const HttpReply created = paycred::test::call(
        *server, "POST", QStringLiteral("/payments/credentials/"),
        {{"provider", "kopokopo"}, {"api_key", "burst-api-key"}, {"private_key", privateKey}},
        token);
    QCOMPARE(created.status, 201);
    const qint64 id = created.object().value("id").toInteger();
    const auto verifyChain = [&] {
        return paycred::test::call(*server, "GET", QStringLiteral("/admin/audit/verify/"), {},
                                   token)
            .object();
    };
    const QJsonObject before = verifyChain();
    QCOMPARE(before.value("intact").toBool(), true);

    constexpr int Connections = 32;
    constexpr int Verifies = 10000;
    const QByteArray body =
        QJsonDocument(QJsonObject{{"private_key", privateKey}}).toJson(QJsonDocument::Compact);
    const QByteArray request =
        "POST /payments/credentials/" + QByteArray::number(id) +
        "/verify/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\n\r\n" + body;
    std::atomic<int> next{0};
    std::atomic<int> valid{0};
    std::atomic<int> other{0};
    std::vector<std::thread> clients;
    const quint16 port = server->port();
    for (int c = 0; c < Connections; ++c) {
        clients.emplace_back([&, c] {
            auto socket = connectFrom(QStringLiteral("127.0.0.%1").arg(1 + c % 8), port);
            while (socket && next.fetch_add(1) < Verifies) {
                socket->write(request);
                const RawAnswer answer = readAnswer(*socket, 60000);
                const bool ok = answer.status == 200 &&
                                QJsonDocument::fromJson(answer.body).object().value("is_valid") ==
                                    QJsonValue(true);
                ++(ok ? valid : other);
                if (answer.status == 0)
                    socket = connectFrom(QStringLiteral("127.0.0.%1").arg(1 + c % 8), port);
            }
        });
    }
    for (std::thread& client : clients)
        client.join();
    QCOMPARE(other.load(), 0);
    QCOMPARE(valid.load(), Verifies);

    const QJsonObject after = verifyChain();
    QCOMPARE(after.value("intact").toBool(), true);
    // One event for each answer, none more, none less.
    QCOMPARE(after.value("events").toInteger() - before.value("events").toInteger(),
             qint64(Verifies));
    const QJsonArray newest =
        paycred::test::call(*server, "GET",
                            QStringLiteral("/admin/audit/?action=credential_verified"), {}, token)
            .object()
            .value("results")
            .toArray();
    QVERIFY(!newest.isEmpty());
    QCOMPARE(newest.first().toObject().value("outcome").toString(), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestServerCapacity)
#include "tst_server_capacity.moc"
