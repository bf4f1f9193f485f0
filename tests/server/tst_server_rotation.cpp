// rotate-keys on a live database: 1 000 credentials re-encrypted under a new primary key while two
// paycred-server instances on the same database answer list, get-private-key and verify without
// one failure; then the old key is removed and every credential still reveals and verifies, and
// `check` counts no row under a retired key. A rotation killed with SIGKILL in the middle loses
// nothing and the next run finishes it.
//
// The database is one parameter: PAYCRED_TEST_ROTATION_DATABASE (a PostgreSQL URL, an empty
// database), in the suite's PostgreSQL run (tst_server_rotation_postgres) a new database on the
// test server, or by default a new SQLite file. The keys reach every process through
// PAYCRED_*_KEY_FILE, as a deployment would give them.

#include "tests/server/httpreply.h"
#include "tests/server/serverprocess.h"
#include "tests/support/postgrescluster.h"

#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>
#include <signal.h>

using namespace paycred::test;

namespace {

constexpr int Users = 500;
constexpr int Providers = 2; // kopokopo, instasend: one credential each per user
constexpr int CredentialCount = Users * Providers;
constexpr int InFlight = 8;
const QString AdminPassword = QStringLiteral("rotation-admin-password-1");
const QString UserPassword = QStringLiteral("rotation-user-password-1");

// One request of a load, and what its answer must be ("" when right, else what is wrong).
struct Probe {
    const ServerProcess* server = nullptr;
    QByteArray method;
    QString path;
    QJsonObject body;
    QByteArray token;
    std::function<QString(const HttpReply&)> check;
};

// Runs requests `width` at a time, taking the next from `next` until it has none, and returns
// how many were answered; every wrong answer is counted in `failures` (the first few kept).
struct Load {
    int answered = 0;
    int failed = 0;
    QStringList firstFailures;

    void run(const std::function<std::optional<Probe>()>& next, int width = InFlight) {
        QNetworkAccessManager manager;
        QEventLoop loop;
        int inFlight = 0;
        bool exhausted = false;
        std::function<void()> launch = [&] {
            while (!exhausted && inFlight < width) {
                std::optional<Probe> probe = next();
                if (!probe) {
                    exhausted = true;
                    break;
                }
                const QByteArray payload =
                    probe->body.isEmpty() ? QByteArray() : QJsonDocument(probe->body).toJson();
                QNetworkReply* reply = send(manager, probe->server->url(probe->path), probe->method,
                                            payload, probe->token);
                ++inFlight;
                QObject::connect(reply, &QNetworkReply::finished, &loop,
                                 [&, reply, check = probe->check] {
                                     --inFlight;
                                     ++answered;
                                     const QString problem = check(collect(reply));
                                     if (!problem.isEmpty()) {
                                         ++failed;
                                         if (firstFailures.size() < 10)
                                             firstFailures << problem;
                                     }
                                     launch();
                                     if (inFlight == 0)
                                         loop.quit();
                                 });
            }
        };
        // A load that never ends is a failure, not a hang.
        QTimer::singleShot(300000, &loop, [&] {
            ++failed;
            firstFailures << QStringLiteral("the load did not finish in time");
            loop.quit();
        });
        launch();
        if (inFlight > 0)
            loop.exec();
    }

    QString summary() const {
        return QStringLiteral("%1 of %2 answers wrong: %3")
            .arg(failed)
            .arg(answered)
            .arg(firstFailures.join(QStringLiteral("; ")));
    }
};

QString expectStatus(const HttpReply& reply, int status, const QString& what) {
    if (reply.status == status)
        return {};
    return QStringLiteral("%1: %2 %3")
        .arg(what)
        .arg(reply.status)
        .arg(QString::fromUtf8(reply.body));
}

} // namespace

class TestServerRotation : public QObject {
    Q_OBJECT

    struct Credential {
        qint64 id = 0;
        int user = 0;
        QString privateKey;
    };

    QTemporaryDir m_dir;
    QString m_database;
    QByteArray m_oldKey;
    QByteArray m_newKey;
    QByteArray m_thirdKey;
    QByteArray m_fourthKey;
    QList<Credential> m_credentials;
    QList<QByteArray> m_tokens; // per user
    QByteArray m_adminToken;

    static QString userName(int user) {
        return QStringLiteral("user%1").arg(user, 3, 10, QChar(u'0'));
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }

    bool writeFile(const QString& name, const QByteArray& content) const {
        QFile file(path(name));
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) &&
               file.write(content + '\n') == content.size() + 1;
    }

    // The environment of every process: the keys as files, `ring` (comma-separated, primary
    // first) as the encryption key.
    QProcessEnvironment environment(const QByteArray& ring) const {
        const QString ringFile = QStringLiteral("ring-%1").arg(QString::number(qHash(ring), 16));
        if (!writeFile(ringFile, ring))
            qFatal("cannot write the key ring file");
        QProcessEnvironment env = ServerProcess::cleanEnvironment();
        env.insert(QStringLiteral("PAYCRED_SECRET_KEY_FILE"), path(QStringLiteral("secret_key")));
        env.insert(QStringLiteral("PAYCRED_AUDIT_KEY_FILE"), path(QStringLiteral("audit_key")));
        env.insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY_FILE"), path(ringFile));
        env.insert(QStringLiteral("PAYCRED_DATABASE"), m_database);
        // One line per answer would be 10 000 lines of log: answers are checked here instead.
        env.insert(QStringLiteral("QT_LOGGING_RULES"),
                   QStringLiteral("paycred.server.debug=false"));
        return env;
    }

    std::unique_ptr<ServerProcess> startServer(const QByteArray& ring) const {
        auto server = std::make_unique<ServerProcess>();
        server->environment() = environment(ring);
        if (!server->start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, false))
            qWarning("%s", qPrintable(server->errorString()));
        return server;
    }

    CommandResult command(const QByteArray& ring, const QStringList& arguments,
                          const QByteArray& input = {}) const {
        ServerProcess runner;
        runner.environment() = environment(ring);
        return runner.run(arguments, input, 300000);
    }

    // `check`'s count of credentials under a retired key (-1 when it did not say).
    int retiredRows(const QByteArray& ring) const {
        const CommandResult checked = command(ring, {QStringLiteral("check")});
        if (checked.exitCode != 0) {
            qWarning("check: %d %s", checked.exitCode, checked.err.constData());
            return -1;
        }
        if (checked.out.contains(QByteArray("credentials: %1, none under a retired")
                                     .replace("%1", QByteArray::number(CredentialCount))))
            return 0;
        static const QRegularExpression still(
            QStringLiteral(R"(credentials: (\d+), (\d+) still under a retired)"));
        const auto match = still.match(QString::fromUtf8(checked.out));
        if (!match.hasMatch() || match.captured(1).toInt() != CredentialCount) {
            qWarning("check said: %s", checked.out.constData());
            return -1;
        }
        return match.captured(2).toInt();
    }

    // Reveal and verify for credential `index` on `server`.
    std::optional<Probe> reveal(const ServerProcess& server, int index) const {
        const Credential& c = m_credentials.at(index);
        return Probe{&server,
                     "GET",
                     QStringLiteral("/payments/credentials/%1/get-private-key/").arg(c.id),
                     {},
                     m_tokens.at(c.user),
                     [c](const HttpReply& reply) {
                         if (reply.status != 200 ||
                             reply.object().value("private_key").toString() != c.privateKey)
                             return QStringLiteral("reveal %1: %2 %3")
                                 .arg(c.id)
                                 .arg(reply.status)
                                 .arg(reply.status == 200 ? QStringLiteral("another key")
                                                          : QString::fromUtf8(reply.body));
                         return QString();
                     }};
    }
    std::optional<Probe> verify(const ServerProcess& server, int index) const {
        const Credential& c = m_credentials.at(index);
        return Probe{&server,
                     "POST",
                     QStringLiteral("/payments/credentials/%1/verify/").arg(c.id),
                     QJsonObject{{"private_key", c.privateKey}},
                     m_tokens.at(c.user),
                     [c](const HttpReply& reply) {
                         if (reply.status != 200 || !reply.object().value("is_valid").toBool())
                             return QStringLiteral("verify %1: %2 %3")
                                 .arg(c.id)
                                 .arg(reply.status)
                                 .arg(QString::fromUtf8(reply.body));
                         return QString();
                     }};
    }
    std::optional<Probe> list(const ServerProcess& server, int index) const {
        const Credential& c = m_credentials.at(index);
        return Probe{&server,
                     "GET",
                     QStringLiteral("/payments/credentials/"),
                     {},
                     m_tokens.at(c.user),
                     [](const HttpReply& reply) {
                         if (reply.status != 200 || reply.array().size() != Providers)
                             return QStringLiteral("list: %1 %2")
                                 .arg(reply.status)
                                 .arg(QString::fromUtf8(reply.body.left(200)));
                         return QString();
                     }};
    }

    // Every credential revealed and verified once, half on each server.
    Load revealAndVerifyAll(const ServerProcess& a, const ServerProcess& b) const {
        Load load;
        int next = 0;
        load.run([&]() -> std::optional<Probe> {
            if (next >= 2 * CredentialCount)
                return std::nullopt;
            const int index = next / 2;
            const ServerProcess& server = index % 2 == 0 ? a : b;
            return next++ % 2 == 0 ? reveal(server, index) : verify(server, index);
        });
        return load;
    }

    int keysRotatedEvents(const ServerProcess& server) const {
        const HttpReply events = call(
            server, "GET", QStringLiteral("/admin/audit/?action=keys_rotated"), {}, m_adminToken);
        if (events.status != 200)
            return -1;
        const QJsonDocument doc = QJsonDocument::fromJson(events.body);
        return static_cast<int>(doc.isArray() ? doc.array().size()
                                              : doc.object().value("results").toArray().size());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_database = qEnvironmentVariable("PAYCRED_TEST_ROTATION_DATABASE");
        if (m_database.isEmpty() && paycred::test::PostgresCluster::selected()) {
            const auto made = paycred::test::PostgresCluster::shared().database();
            QVERIFY(!made.name.isEmpty());
            m_database = paycred::test::PostgresCluster::urlOf(made);
        }
        if (m_database.isEmpty())
            m_database = path(QStringLiteral("rotation.sqlite3"));

        const ServerProcess keys;
        const auto genkey = [&](const QStringList& arguments) {
            return keys.run(QStringList{QStringLiteral("genkey")} + arguments).out.trimmed();
        };
        QVERIFY(writeFile(QStringLiteral("secret_key"), genkey({QStringLiteral("--secret")})));
        QVERIFY(writeFile(QStringLiteral("audit_key"), genkey({QStringLiteral("--audit")})));
        m_oldKey = genkey({});
        m_newKey = genkey({});
        m_thirdKey = genkey({});
        m_fourthKey = genkey({});
        QVERIFY(!m_oldKey.isEmpty() && m_oldKey != m_newKey && m_newKey != m_thirdKey);

        // 1 000 credentials under the old key, through the API of a server that has only it.
        const CommandResult admin = command(m_oldKey,
                                            {QStringLiteral("createsuperuser"),
                                             QStringLiteral("--username"), QStringLiteral("admin")},
                                            AdminPassword.toUtf8() + '\n');
        QVERIFY2(admin.exitCode == 0, admin.err.constData());
        const auto server = startServer(m_oldKey);
        QVERIFY(server->isRunning());
        m_adminToken = login(*server, QStringLiteral("admin"), AdminPassword);
        QVERIFY(!m_adminToken.isEmpty());

        Load users;
        int user = 0;
        users.run([&]() -> std::optional<Probe> {
            if (user >= Users)
                return std::nullopt;
            return Probe{server.get(),
                         "POST",
                         QStringLiteral("/admin/users/"),
                         QJsonObject{{"username", userName(user++)}, {"password", UserPassword}},
                         m_adminToken,
                         [](const HttpReply& reply) {
                             return expectStatus(reply, 201, QStringLiteral("create user"));
                         }};
        });
        QVERIFY2(users.failed == 0, qPrintable(users.summary()));

        m_tokens.fill(QByteArray(), Users);
        Load logins;
        user = 0;
        logins.run([&]() -> std::optional<Probe> {
            if (user >= Users)
                return std::nullopt;
            const int index = user++;
            return Probe{server.get(),
                         "POST",
                         QStringLiteral("/users/login/"),
                         QJsonObject{{"username", userName(index)}, {"password", UserPassword}},
                         {},
                         [this, index](const HttpReply& reply) {
                             m_tokens[index] =
                                 reply.object().value("access_token").toString().toUtf8();
                             return expectStatus(reply, 200, QStringLiteral("login"));
                         }};
        });
        QVERIFY2(logins.failed == 0, qPrintable(logins.summary()));

        m_credentials.resize(CredentialCount);
        Load creates;
        int index = 0;
        creates.run([&]() -> std::optional<Probe> {
            if (index >= CredentialCount)
                return std::nullopt;
            const int i = index++;
            Credential& c = m_credentials[i];
            c.user = i / Providers;
            const QString provider =
                i % Providers == 0 ? QStringLiteral("kopokopo") : QStringLiteral("instasend");
            c.privateKey =
                QStringLiteral("sk_test_%1_%2_%3")
                    .arg(userName(c.user), provider,
                         QString::fromLatin1(QByteArray::number(qHash(i * 7919 + 1), 36)));
            return Probe{
                server.get(),
                "POST",
                QStringLiteral("/payments/credentials/"),
                QJsonObject{
                    {"provider", provider},
                    {"api_key", QStringLiteral("pk_test_%1_%2").arg(userName(c.user), provider)},
                    {"private_key", c.privateKey}},
                m_tokens.at(c.user),
                [this, i](const HttpReply& reply) {
                    m_credentials[i].id = reply.object().value("id").toInteger();
                    return expectStatus(reply, 201, QStringLiteral("create credential"));
                }};
        });
        QVERIFY2(creates.failed == 0, qPrintable(creates.summary()));
        QCOMPARE(retiredRows(m_newKey + "," + m_oldKey), CredentialCount);
    }

    void rotationWhileTwoServersServe() {
        // Step 1 of a rotation: every server gets the new primary key, the old one retired.
        const QByteArray both = m_newKey + "," + m_oldKey;
        const auto a = startServer(both);
        const auto b = startServer(both);
        QVERIFY(a->isRunning() && b->isRunning());
        const int eventsBefore = keysRotatedEvents(*a);
        QVERIFY(eventsBefore >= 0);

        // Step 2: rotate-keys, while both servers answer reads without a pause.
        QProcess rotation;
        rotation.setProgram(ServerProcess::executable());
        rotation.setArguments({QStringLiteral("rotate-keys"), QStringLiteral("--batch-size"),
                               QStringLiteral("50"), QStringLiteral("--pause-ms"),
                               QStringLiteral("20")});
        rotation.setProcessEnvironment(environment(both));
        rotation.start();
        QVERIFY(rotation.waitForStarted(10000));
        Load reads;
        int next = 0;
        int duringRotation = 0;
        reads.run([&]() -> std::optional<Probe> {
            if (rotation.state() == QProcess::NotRunning)
                return std::nullopt;
            ++duringRotation;
            const int index = (next * 37) % CredentialCount;
            const ServerProcess& server = next % 2 == 0 ? *a : *b;
            switch (next++ % 3) {
            case 0:
                return list(server, index);
            case 1:
                return reveal(server, index);
            default:
                return verify(server, index);
            }
        });
        rotation.waitForFinished(60000);
        const QByteArray rotationErr = rotation.readAllStandardError();
        QCOMPARE(rotation.exitStatus(), QProcess::NormalExit);
        QVERIFY2(rotation.exitCode() == 0, rotationErr.constData());
        QVERIFY2(rotation.readAllStandardOutput().contains("No row needs a retired key"),
                 rotationErr.constData());
        QVERIFY2(rotationErr.contains(QByteArray("rotate-keys: %1 / %1 rows")
                                          .replace("%1", QByteArray::number(CredentialCount))),
                 rotationErr.constData());
        QVERIFY2(reads.failed == 0, qPrintable(reads.summary()));
        for (const QByteArray& key : {m_oldKey, m_newKey}) {
            QVERIFY2(!rotationErr.contains(key) && !a->log().contains(key) &&
                         !b->log().contains(key),
                     "a key was logged");
        }
        // The reads really overlapped the rotation (20 batches with a pause after each).
        QVERIFY2(duringRotation >= 20, qPrintable(QString::number(duringRotation)));
        qInfo("%d reads answered during the rotation, none wrong", reads.answered);

        // Step 3: check — nothing under the retired key; the same keys still read everything.
        QCOMPARE(retiredRows(both), 0);
        const Load stillBoth = revealAndVerifyAll(*a, *b);
        QVERIFY2(stillBoth.failed == 0, qPrintable(stillBoth.summary()));
        QCOMPARE(keysRotatedEvents(*a), eventsBefore + 1);

        // Step 4: the old key removed from the configuration; every server restarted.
        QCOMPARE(a->terminate(), 0);
        QCOMPARE(b->terminate(), 0);
        const auto newOnlyA = startServer(m_newKey);
        const auto newOnlyB = startServer(m_newKey);
        QVERIFY(newOnlyA->isRunning() && newOnlyB->isRunning());
        const Load newOnly = revealAndVerifyAll(*newOnlyA, *newOnlyB);
        QVERIFY2(newOnly.failed == 0, qPrintable(newOnly.summary()));
        QCOMPARE(newOnly.answered, 2 * CredentialCount);
        QCOMPARE(retiredRows(m_newKey), 0);
    }

    void aKilledRotationLosesNothingAndTheNextRunFinishes() {
        // Another rotation, new key → third key, killed with SIGKILL after its first batch.
        const QByteArray both = m_thirdKey + "," + m_newKey;
        QProcess rotation;
        rotation.setProgram(ServerProcess::executable());
        rotation.setArguments({QStringLiteral("rotate-keys"), QStringLiteral("--batch-size"),
                               QStringLiteral("25"), QStringLiteral("--pause-ms"),
                               QStringLiteral("200")});
        rotation.setProcessEnvironment(environment(both));
        rotation.setReadChannel(QProcess::StandardError);
        rotation.start();
        QVERIFY(rotation.waitForStarted(10000));
        QByteArray progress;
        while (!progress.contains(" rows\n") && rotation.state() != QProcess::NotRunning) {
            rotation.waitForReadyRead(1000);
            progress += rotation.readAllStandardError();
        }
        QVERIFY2(progress.contains("rotate-keys: 25 / 1000 rows"), progress.constData());
        ::kill(static_cast<pid_t>(rotation.processId()), SIGKILL);
        QVERIFY(rotation.waitForFinished(10000));
        QCOMPARE(rotation.exitStatus(), QProcess::CrashExit);

        // In the middle: some rows moved, most not; every one still reads with both keys.
        const int left = retiredRows(both);
        QVERIFY2(left > 0 && left < CredentialCount, qPrintable(QString::number(left)));
        {
            const auto a = startServer(both);
            const auto b = startServer(both);
            QVERIFY(a->isRunning() && b->isRunning());
            const Load midway = revealAndVerifyAll(*a, *b);
            QVERIFY2(midway.failed == 0, qPrintable(midway.summary()));
        }

        // The next run goes on with what is left, and finishes.
        const CommandResult again = command(both, {QStringLiteral("rotate-keys")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(
            again.err.contains(
                QByteArray("rotate-keys: %1 / %1 rows").replace("%1", QByteArray::number(left))),
            again.err.constData());
        QVERIFY2(again.out.contains(QByteArray("Re-encrypted ") + QByteArray::number(left)),
                 again.out.constData());
        QCOMPARE(retiredRows(m_thirdKey), 0);

        const auto a = startServer(m_thirdKey);
        const auto b = startServer(m_thirdKey);
        QVERIFY(a->isRunning() && b->isRunning());
        const Load finished = revealAndVerifyAll(*a, *b);
        QVERIFY2(finished.failed == 0, qPrintable(finished.summary()));
        QCOMPARE(finished.answered, 2 * CredentialCount);
    }

    void sigtermStopsARotationBetweenRowsAndSaysSo() {
        const QByteArray both = m_fourthKey + "," + m_thirdKey;
        QProcess rotation;
        rotation.setProgram(ServerProcess::executable());
        rotation.setArguments({QStringLiteral("rotate-keys"), QStringLiteral("--batch-size"),
                               QStringLiteral("25"), QStringLiteral("--pause-ms"),
                               QStringLiteral("200")});
        rotation.setProcessEnvironment(environment(both));
        rotation.start();
        QVERIFY(rotation.waitForStarted(10000));
        QByteArray progress;
        while (!progress.contains(" rows\n") && rotation.state() != QProcess::NotRunning) {
            rotation.waitForReadyRead(1000);
            progress += rotation.readAllStandardError();
        }
        rotation.terminate();
        QVERIFY(rotation.waitForFinished(10000));
        progress += rotation.readAllStandardError();
        QCOMPARE(rotation.exitStatus(), QProcess::NormalExit);
        QCOMPARE(rotation.exitCode(), 1);
        QVERIFY2(progress.contains("rotate-keys stopped after re-encrypting") &&
                     progress.contains("Run it again to go on."),
                 progress.constData());
        const int left = retiredRows(both);
        QVERIFY2(left > 0 && left < CredentialCount, qPrintable(QString::number(left)));
        const CommandResult again = command(both, {QStringLiteral("rotate-keys")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(retiredRows(m_fourthKey), 0);
        const auto a = startServer(m_fourthKey);
        const auto b = startServer(m_fourthKey);
        QVERIFY(a->isRunning() && b->isRunning());
        const Load finished = revealAndVerifyAll(*a, *b);
        QVERIFY2(finished.failed == 0, qPrintable(finished.summary()));
        m_adminToken = login(*a, QStringLiteral("admin"), AdminPassword);
        // One keys_rotated event per finished run: the first test's, the one after the kill
        // and this one's second run; neither the killed nor the stopped run wrote one.
        QCOMPARE(keysRotatedEvents(*a), 3);
    }
};

QTEST_GUILESS_MAIN(TestServerRotation)
#include "tst_server_rotation.moc"
