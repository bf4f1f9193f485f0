// paycred-server killed with SIGKILL in the middle of 200 concurrent creates and updates, on
// SQLite and on PostgreSQL: 20 writers, each on rows of its own and with increasing values. After
// a restart on the same database it passes its integrity check, the audit chain verifies, and no
// row holds less than the last value acknowledged with a 2xx for it.

#include "tests/server/httpreply.h"
#include "tests/server/serverkeys.h"
#include "tests/server/serverprocess.h"
#include "tests/support/postgrescluster.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <signal.h>
#include <vector>

using namespace paycred::test;

namespace {
const QString Admin = QStringLiteral("admin");
const QString AdminPassword = QStringLiteral("crash-admin-password-1");
const QString UserPassword = QStringLiteral("crash-user-password-1");
constexpr int Writers = 20;
constexpr int StepsPerWriter = 10; // 9 updates of the writer's credential and 1 create
constexpr int CreateStep = 5;
constexpr int KillAfter = Writers * StepsPerWriter / 2;

// The private key that carries a writer's counter.
QString keyFor(int writer, int counter) {
    return QStringLiteral("crash-key-w%1-c%2").arg(writer).arg(counter, 6, 10, QChar(u'0'));
}

// The counter in a key keyFor() made (-1 when it is not one).
int counterOf(const QString& key) {
    static const QRegularExpression pattern(QStringLiteral(R"(^crash-key-w\d+-c(\d{6})$)"));
    const auto match = pattern.match(key);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

// Writer: one user's sequence of steps, one request at a time (so that "the last value
// acknowledged" means something), on a connection of its own so that all writers run at once.
struct Writer {
    QByteArray token;
    qint64 credential = 0; // made before the load, counter 0
    int acknowledged = 0;  // the highest counter acknowledged for `credential`
    qint64 created = 0;    // the credential created during the load, once acknowledged
    int step = 0;          // the next step, 1-based
    std::unique_ptr<QNetworkAccessManager> manager;
};
} // namespace

class TestServerCrash : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<ServerProcess> startServer(const QProcessEnvironment& environment) {
        auto server = std::make_unique<ServerProcess>();
        server->environment() = environment;
        if (!server->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, false))
            qWarning("%s", qPrintable(server->errorString()));
        return server;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void killedInTheMiddleLosesNothingAcknowledged_data() {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    void killedInTheMiddleLosesNothingAcknowledged() {
        QFETCH(bool, postgres);
        PostgresCluster* cluster = postgres ? &PostgresCluster::shared() : nullptr;
        paycred::storage::DatabaseConfig database;
        QString url;
        if (cluster) {
            database = cluster->database();
            QVERIFY2(!database.name.isEmpty(), qPrintable(cluster->errorString()));
            url = PostgresCluster::urlOf(database);
        } else {
            url = m_dir.filePath(QStringLiteral("crash.sqlite3"));
        }
        const ServerKeys keys = ServerKeys::generate();
        QVERIFY(keys.isValid());
        QProcessEnvironment environment = ServerProcess::cleanEnvironment();
        keys.applyTo(environment);
        environment.insert(QStringLiteral("PAYCRED_DATABASE"), url);
        environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                           QStringLiteral("paycred.server.debug=false"));

        std::unique_ptr<ServerProcess> server = startServer(environment);
        const CommandResult admin =
            server->run({QStringLiteral("createsuperuser"), QStringLiteral("--username"), Admin},
                        AdminPassword.toUtf8() + '\n');
        QVERIFY2(admin.exitCode == 0, admin.err.constData());
        QVERIFY(server->isRunning());
        const QByteArray adminToken = login(*server, Admin, AdminPassword);
        QVERIFY(!adminToken.isEmpty());

        std::vector<Writer> writers(Writers);
        for (int w = 0; w < Writers; ++w) {
            const QString name = QStringLiteral("writer%1").arg(w);
            const HttpReply made =
                call(*server, "POST", QStringLiteral("/admin/users/"),
                     {{"username", name}, {"password", UserPassword}}, adminToken);
            QVERIFY2(made.status == 201, made.body.constData());
            writers[w].token = login(*server, name, UserPassword);
            QVERIFY(!writers[w].token.isEmpty());
            const HttpReply credential =
                call(*server, "POST", QStringLiteral("/payments/credentials/"),
                     {{"provider", "kopokopo"},
                      {"api_key", "crash-api-key-1"},
                      {"private_key", keyFor(w, 0)}},
                     writers[w].token);
            QVERIFY2(credential.status == 201, credential.body.constData());
            writers[w].credential = credential.object().value("id").toInteger();
            writers[w].manager = std::make_unique<QNetworkAccessManager>();
        }

        // The load: every writer runs its steps one after another, all writers at once; the
        // server is killed once half of all steps were acknowledged.
        int acknowledged = 0;
        int unanswered = 0; // requests sent and not answered yet
        bool killed = false;
        // The handlers' context, destroyed before the writers: replies aborted when the test
        // fails early reach no handler.
        QObject guard;
        std::function<void(int)> next = [&](int w) {
            Writer& writer = writers[w];
            if (killed || writer.step >= StepsPerWriter)
                return;
            const int counter = ++writer.step;
            const bool create = counter == CreateStep;
            const QString path = create ? QStringLiteral("/payments/credentials/")
                                        : QStringLiteral("/payments/credentials/%1/"
                                                         "update-private-key/")
                                              .arg(writer.credential);
            QJsonObject body{{"private_key", keyFor(w, counter)}};
            if (create) {
                body.insert("provider", "instasend");
                body.insert("api_key", "crash-api-key-2");
            }
            QNetworkReply* reply =
                send(*writer.manager, server->url(path), "POST",
                     QJsonDocument(body).toJson(QJsonDocument::Compact), writer.token);
            ++unanswered;
            QObject::connect(
                reply, &QNetworkReply::finished, &guard, [&, w, reply, create, counter] {
                    --unanswered;
                    const HttpReply answer = collect(reply);
                    if (answer.status >= 200 && answer.status < 300) {
                        ++acknowledged;
                        if (create)
                            writers[w].created = answer.object().value("id").toInteger();
                        else
                            writers[w].acknowledged = counter;
                    }
                    if (!killed && acknowledged >= KillAfter) {
                        killed = true;
                        ::kill(pid_t(server->pid()), SIGKILL);
                    }
                    next(w);
                });
        };
        for (int w = 0; w < Writers; ++w)
            next(w);
        QVERIFY(QTest::qWaitFor([&] { return unanswered == 0; }, 60000));
        QVERIFY2(killed, "the load ended before the server was killed");
        QVERIFY(QTest::qWaitFor([&] { return !server->isRunning(); }, 10000));
        qInfo("%d of %d steps acknowledged before the kill", acknowledged,
              Writers * StepsPerWriter);

        // Restarted on the same database.
        server = startServer(environment);
        QVERIFY(server->isRunning());
        if (cluster) {
            const std::optional<QString> checked = cluster->superuserQuery(
                database.name,
                QStringLiteral("CREATE EXTENSION IF NOT EXISTS amcheck; "
                               "SELECT count(bt_index_check(c.oid)) FROM pg_index i "
                               "JOIN pg_class c ON c.oid = i.indexrelid "
                               "JOIN pg_am a ON a.oid = c.relam "
                               "WHERE a.amname = 'btree' AND i.indisvalid AND i.indisready "
                               "AND c.relpersistence <> 't'"));
            QVERIFY2(checked, qPrintable(cluster->errorString()));
            QVERIFY2(checked->toInt() > 0, qPrintable(*checked));
            qInfo("bt_index_check passed on %d btree indexes", checked->toInt());
        } else {
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"),
                         {url, QStringLiteral("PRAGMA integrity_check")});
            QVERIFY(sqlite.waitForFinished(30000));
            QCOMPARE(sqlite.readAllStandardOutput().trimmed(), QByteArray("ok"));
        }

        const QByteArray verifier = login(*server, Admin, AdminPassword);
        const HttpReply chain =
            call(*server, "GET", QStringLiteral("/admin/audit/verify/"), {}, verifier);
        CHECK_REPLY(chain, 200);
        QVERIFY2(chain.object().value("intact").toBool(), chain.body.constData());

        for (int w = 0; w < Writers; ++w) {
            const Writer& writer = writers[w];
            const QByteArray token =
                login(*server, QStringLiteral("writer%1").arg(w), UserPassword);
            const HttpReply revealed = call(
                *server, "GET",
                QStringLiteral("/payments/credentials/%1/get-private-key/").arg(writer.credential),
                {}, token);
            CHECK_REPLY(revealed, 200);
            const int counter = counterOf(revealed.object().value("private_key").toString());
            QVERIFY2(counter >= writer.acknowledged,
                     qPrintable(QStringLiteral("writer %1: %2 stored, %3 acknowledged")
                                    .arg(w)
                                    .arg(counter)
                                    .arg(writer.acknowledged)));
            if (writer.created == 0)
                continue;
            const HttpReply made = call(
                *server, "GET",
                QStringLiteral("/payments/credentials/%1/get-private-key/").arg(writer.created), {},
                token);
            CHECK_REPLY(made, 200);
            QCOMPARE(counterOf(made.object().value("private_key").toString()), CreateStep);
        }
        if (cluster)
            QVERIFY(cluster->dropDatabase(database.name));
    }
};

QTEST_GUILESS_MAIN(TestServerCrash)
#include "tst_server_crash.moc"
