// PostgreSQL stopped under a running paycred-server and started again: while it is away every
// answer is 503 JSON with Retry-After (never a 404, a 401, a 500 or a dropped connection) and the
// server keeps running; once it is back the same server answers 200 with the right data again
// within seconds, without a restart. The suite stops a PostgreSQL of its own, never the fixture's
// that other suites share.

#include "tests/server/httpreply.h"
#include "tests/server/serverkeys.h"
#include "tests/server/serverprocess.h"
#include "tests/support/postgrescluster.h"

#include <QTest>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <memory>

using namespace paycred::test;

namespace {
const QString Owner = QStringLiteral("owner");
const QString OwnerPassword = QStringLiteral("outage-owner-password-1");
const QString PrivateKey = QStringLiteral("outage-private-key-1");
constexpr int InFlight = 4;
constexpr int WaitMs = 30000; // what any phase may take at most: a limit, not a measurement

enum class Phase { Up, Stopping, Down, Starting, Back };

// One answer of the stream and when its request was sent and answered.
struct Answer {
    Phase sent = Phase::Up;
    Phase answered = Phase::Up;
    HttpReply reply;
    QString problem; // what is wrong with it whatever the phase ("" when 200 right or 503 right)
};

// RequestStream: list and get-private-key, `InFlight` at a time, one sent as soon as one is
// answered, until stop(); every answer is kept with the phase of its sending and its answer.
class RequestStream {
public:
    RequestStream(const ServerProcess& server, QByteArray token, qint64 credential)
        : m_server(server)
        , m_token(std::move(token))
        , m_credential(credential) {}

    void start() {
        for (int i = 0; i < InFlight; ++i)
            sendNext();
    }
    // Sends no more; true when every request in flight was answered in time.
    bool stop() {
        m_stopped = true;
        return QTest::qWaitFor([this] { return m_inFlight == 0; }, WaitMs);
    }
    void setPhase(Phase phase) { m_phase = phase; }
    const QList<Answer>& answers() const { return m_answers; }

    // Answers sent and answered in `phase`.
    QList<Answer> within(Phase phase) const {
        QList<Answer> found;
        for (const Answer& answer : m_answers) {
            if (answer.sent == phase && answer.answered == phase)
                found << answer;
        }
        return found;
    }
    // How many of the newest answers, sent in `phase`, are 200 in a row.
    int trailingOk(Phase phase) const {
        int count = 0;
        for (auto it = m_answers.crbegin(); it != m_answers.crend(); ++it) {
            if (it->sent != phase || it->reply.status != 200)
                break;
            ++count;
        }
        return count;
    }

private:
    void sendNext() {
        if (m_stopped)
            return;
        const bool reveal = (m_sent++ % 2) == 1;
        const QString path =
            reveal ? QStringLiteral("/payments/credentials/%1/get-private-key/").arg(m_credential)
                   : QStringLiteral("/payments/credentials/");
        QNetworkReply* reply = send(m_manager, m_server.url(path), "GET", {}, m_token);
        ++m_inFlight;
        const Phase sent = m_phase;
        QObject::connect(reply, &QNetworkReply::finished, &m_guard, [this, reply, reveal, sent] {
            --m_inFlight;
            Answer answer{sent, m_phase, collect(reply), {}};
            answer.problem = judge(answer.reply, reveal);
            m_answers << answer;
            sendNext();
        });
    }

    QString judge(const HttpReply& reply, bool reveal) const {
        if (reply.status == 200) {
            const bool right =
                reveal ? reply.object().value("private_key").toString() == PrivateKey
                       : reply.array().size() == 1 &&
                             reply.array().at(0).toObject().value("id").toInteger() == m_credential;
            return right ? QString()
                         : QStringLiteral("200 with the wrong data: %1")
                               .arg(QString::fromUtf8(reply.body.left(200)));
        }
        if (reply.status == 503 && reply.header("Content-Type") == QByteArray("application/json") &&
            reply.object().value("detail").toString() ==
                QStringLiteral("Service temporarily unavailable.") &&
            reply.header("Retry-After").toInt() > 0)
            return {};
        return QStringLiteral("%1 (network error %2): %3")
            .arg(reply.status)
            .arg(int(reply.error))
            .arg(QString::fromUtf8(reply.body.left(200)));
    }

    const ServerProcess& m_server;
    const QByteArray m_token;
    const qint64 m_credential;
    QNetworkAccessManager m_manager;
    QList<Answer> m_answers;
    Phase m_phase = Phase::Up;
    int m_inFlight = 0;
    int m_sent = 0;
    bool m_stopped = false;
    // The context of every reply's handler: destroyed first, so that replies aborted when the
    // stream ends early (a failed test) reach no handler.
    QObject m_guard;
};

// Runs `work` (which blocks: pg_ctl) on another thread while this one keeps answering replies.
bool whileServing(const std::function<bool()>& work) {
    std::future<bool> done = std::async(std::launch::async, work);
    const bool finished = QTest::qWaitFor(
        [&] { return done.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
        2 * WaitMs);
    return finished && done.get();
}
} // namespace

class TestServerOutage : public QObject {
    Q_OBJECT

    std::unique_ptr<PostgresCluster> m_cluster;
    std::unique_ptr<ServerProcess> m_server;
    QByteArray m_token;
    qint64 m_credential = 0;

    int health() const { return call(*m_server, "GET", QStringLiteral("/health/")).status; }

private slots:
    void initTestCase() {
        // A server of its own, even under CTest, since this suite stops it.
        qunsetenv("PAYCRED_TEST_POSTGRES");
        m_cluster = std::make_unique<PostgresCluster>();
        QVERIFY2(m_cluster->start(), qPrintable(m_cluster->errorString()));
        const paycred::storage::DatabaseConfig database = m_cluster->database();
        QVERIFY2(!database.name.isEmpty(), qPrintable(m_cluster->errorString()));
        const ServerKeys keys = ServerKeys::generate();
        QVERIFY(keys.isValid());

        m_server = std::make_unique<ServerProcess>();
        keys.applyTo(m_server->environment());
        m_server->environment().insert(QStringLiteral("PAYCRED_DATABASE"),
                                       PostgresCluster::urlOf(database));
        m_server->environment().insert(QStringLiteral("QT_LOGGING_RULES"),
                                       QStringLiteral("paycred.server.debug=false"));
        const CommandResult owner =
            m_server->run({QStringLiteral("createsuperuser"), QStringLiteral("--username"), Owner},
                          OwnerPassword.toUtf8() + '\n');
        QVERIFY2(owner.exitCode == 0, owner.err.constData());
        QVERIFY2(
            m_server->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, false),
            qPrintable(m_server->errorString()));
        m_token = login(*m_server, Owner, OwnerPassword);
        QVERIFY(!m_token.isEmpty());
        const HttpReply created = call(*m_server, "POST", QStringLiteral("/payments/credentials/"),
                                       {{"provider", "kopokopo"},
                                        {"api_key", "outage-api-key-1"},
                                        {"private_key", PrivateKey}},
                                       m_token);
        CHECK_REPLY(created, 201);
        m_credential = created.object().value("id").toInteger();
    }

    void answers503WhileDownAndRecoversWithoutRestart() {
        const qint64 pid = m_server->pid();
        QCOMPARE(health(), 200);
        RequestStream stream(*m_server, m_token, m_credential);
        stream.start();
        QVERIFY(QTest::qWaitFor([&] { return stream.within(Phase::Up).size() >= 20; }, WaitMs));

        stream.setPhase(Phase::Stopping);
        QVERIFY2(whileServing([this] { return m_cluster->pause(); }),
                 qPrintable(m_cluster->errorString()));
        stream.setPhase(Phase::Down);
        QVERIFY(QTest::qWaitFor([&] { return stream.within(Phase::Down).size() >= 40; }, WaitMs));
        QCOMPARE(health(), 503);

        stream.setPhase(Phase::Starting);
        QVERIFY2(whileServing([this] { return m_cluster->resume(); }),
                 qPrintable(m_cluster->errorString()));
        stream.setPhase(Phase::Back);
        // Recovery is polled for: the first answers after the start may still be 503.
        const bool recovered =
            QTest::qWaitFor([&] { return stream.trailingOk(Phase::Back) >= 20; }, WaitMs);
        QVERIFY(stream.stop());
        QVERIFY2(recovered, "the server did not answer 200 again after PostgreSQL came back");
        QCOMPARE(health(), 200);

        for (const Answer& answer : stream.answers())
            QVERIFY2(answer.problem.isEmpty(), qPrintable(answer.problem));
        for (const Answer& answer : stream.within(Phase::Down))
            QCOMPARE(answer.reply.status, 503);
        for (const Answer& answer : stream.within(Phase::Up))
            QCOMPARE(answer.reply.status, 200);
        QVERIFY(m_server->isRunning());
        QCOMPARE(m_server->pid(), pid);
        const auto back = stream.within(Phase::Back);
        const auto late = std::count_if(back.cbegin(), back.cend(),
                                        [](const Answer& a) { return a.reply.status == 503; });
        qInfo("%lld answers: %lld while down (all 503), %lld still 503 after the restart",
              qint64(stream.answers().size()), qint64(stream.within(Phase::Down).size()),
              qint64(late));
    }
};

QTEST_GUILESS_MAIN(TestServerOutage)
#include "tst_server_outage.moc"
