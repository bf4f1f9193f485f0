// paycred-server behind a load balancer: a real nginx (Debian's nginx-light, started by the test
// with its own configuration in a temporary folder) terminates TLS and balances two instances on
// one database, which believe X-Forwarded-For from 127.0.0.1 only (PAYCRED_TRUSTED_PROXIES).
// All of 127.0.0.0/8 is loopback on Linux: each client binds its source (curl --interface) to an
// address of its own, 127.0.0.5 and so on, while nginx connects from 127.0.0.1. Checked: the
// audit's remote_addr is the client's, a client's failed logins lock that client and not another
// behind the same nginx, a forged X-Forwarded-For is worth nothing (through nginx, or straight
// from an untrusted peer), IPv6 clients are throttled per /64 while the audit keeps the full
// address, and a bad trusted-proxy entry refuses the start.

#include "tests/server/serverprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using paycred::test::CommandResult;
using paycred::test::ServerProcess;

namespace {

const QString Nginx = QStringLiteral("/usr/sbin/nginx");
const QString Admin = QStringLiteral("proxy-admin");
const QString Password = QStringLiteral("behind the balancer");
constexpr int FailuresPerAddress = 20; // ServiceSettings::throttleMaxFailuresPerAddress

struct Answer {
    int status = 0;
    QJsonObject body;
    QByteArray raw;
};

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray loginBody(const QString& username, const QString& password) {
    return QJsonDocument(QJsonObject{{"username", username}, {"password", password}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestServerProxy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void bothInstancesServe();
    void auditSeesTheClientNotNginx();
    void forgedForwardedForThroughNginxIsWorthNothing();
    void failedLoginsLockThatClientOnly();
    void forwardedForFromAnUntrustedPeerIsIgnored();
    void ipv6ClientsAreThrottledPerSlash64();
    void badTrustedProxyIsRefused();

private:
    bool startNginx();
    // curl from `source` to `url`: the status and JSON body (status 0 when curl failed).
    Answer curl(const QString& source, const QString& url, const QByteArray& method,
                const QByteArray& body = {}, const QByteArray& token = {},
                const QStringList& headers = {}) const;
    QString viaNginx(const QString& path) const {
        return QStringLiteral("https://127.0.0.1:%1%2").arg(m_nginxPort).arg(path);
    }
    // The newest audit event of `action` (as the superuser sees it through nginx, with the token
    // of a login made at the start: a login now would be the newest event).
    QJsonObject newestEvent(const QString& action) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_first;
    std::unique_ptr<ServerProcess> m_second;
    QProcess m_nginx;
    quint16 m_nginxPort = 0;
    QByteArray m_token;
};

void TestServerProxy::initTestCase() {
    QVERIFY2(QFile::exists(Nginx), "nginx-light is not installed: run scripts/install-deps");
    QVERIFY(m_dir.isValid());
    QProcess openssl;
    openssl.setWorkingDirectory(m_dir.path());
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                   "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=paycred-proxy-test",
                   "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1", "-nodes"});
    QVERIFY(openssl.waitForFinished(30000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());

    // Two instances on one data folder: the same database (and so the same throttle and audit
    // chain) and the same development keys.
    const QString data = m_dir.filePath(QStringLiteral("data"));
    const QStringList arguments{QStringLiteral("--dev"), QStringLiteral("--data-dir"), data,
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
    m_first = std::make_unique<ServerProcess>();
    m_second = std::make_unique<ServerProcess>();
    for (ServerProcess* server : {m_first.get(), m_second.get()})
        server->environment().insert(QStringLiteral("PAYCRED_TRUSTED_PROXIES"),
                                     QStringLiteral("127.0.0.1, ::1"));
    const CommandResult created =
        m_first->run({QStringLiteral("createsuperuser"), QStringLiteral("--username"), Admin,
                      QStringLiteral("--dev"), QStringLiteral("--data-dir"), data},
                     Password.toUtf8() + '\n');
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QVERIFY2(m_first->start(arguments, false), qPrintable(m_first->errorString()));
    QVERIFY2(m_second->start(arguments, false), qPrintable(m_second->errorString()));
    QVERIFY2(m_first->log().contains("believing X-Forwarded-For from 127.0.0.1, ::1"),
             m_first->log().constData());
    QVERIFY2(startNginx(), "nginx did not start");
    const Answer login =
        curl(QStringLiteral("127.0.0.2"), viaNginx(QStringLiteral("/users/login/")), "POST",
             loginBody(Admin, Password));
    QCOMPARE(login.status, 200);
    m_token = login.body.value("access_token").toString().toUtf8();
}

void TestServerProxy::cleanupTestCase() {
    if (m_nginx.state() != QProcess::NotRunning) {
        m_nginx.terminate();
        if (!m_nginx.waitForFinished(10000)) {
            m_nginx.kill();
            m_nginx.waitForFinished(5000);
        }
    }
}

bool TestServerProxy::startNginx() {
    const QString dir = m_dir.path();
    for (const char* sub : {"body", "proxy", "fastcgi", "uwsgi", "scgi"})
        QDir(dir).mkpath(QString::fromLatin1(sub));
    for (int tries = 0; tries < 5; ++tries) {
        m_nginxPort = freePort();
        // As in installer/nginx-paycred.conf, in the foreground and with every file in the
        // temporary folder; as root without a master process nginx needs no `user`.
        const QString config =
            QStringLiteral(
                "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                "pid %1/nginx.pid;\nerror_log %1/error.log info;\n"
                "events { worker_connections 256; }\n"
                "http {\n"
                "  access_log off;\n"
                "  client_body_temp_path %1/body;\n  proxy_temp_path %1/proxy;\n"
                "  fastcgi_temp_path %1/fastcgi;\n  uwsgi_temp_path %1/uwsgi;\n"
                "  scgi_temp_path %1/scgi;\n"
                "  upstream paycred {\n    server 127.0.0.1:%2;\n    server 127.0.0.1:%3;\n"
                "    keepalive 8;\n  }\n"
                "  server {\n"
                "    listen 127.0.0.1:%4 ssl;\n"
                "    ssl_certificate %1/cert.pem;\n    ssl_certificate_key %1/key.pem;\n"
                "    ssl_protocols TLSv1.2 TLSv1.3;\n"
                "    client_max_body_size 1m;\n"
                "    location / {\n"
                "      proxy_pass http://paycred;\n"
                "      proxy_http_version 1.1;\n"
                "      proxy_set_header Connection \"\";\n"
                "      proxy_set_header Host $host;\n"
                "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                "      proxy_set_header X-Forwarded-Proto $scheme;\n"
                "    }\n"
                "  }\n"
                "}\n")
                .arg(dir)
                .arg(m_first->port())
                .arg(m_second->port())
                .arg(m_nginxPort);
        QFile file(m_dir.filePath(QStringLiteral("nginx.conf")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        file.write(config.toUtf8());
        file.close();

        m_nginx.setProcessChannelMode(QProcess::MergedChannels);
        m_nginx.start(Nginx, {QStringLiteral("-p"), dir, QStringLiteral("-c"), file.fileName(),
                              QStringLiteral("-e"), m_dir.filePath(QStringLiteral("error.log"))});
        if (!m_nginx.waitForStarted(10000))
            return false;
        QElapsedTimer timer;
        timer.start();
        while (m_nginx.state() == QProcess::Running && timer.elapsed() < 10000) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_nginxPort);
            if (probe.waitForConnected(500))
                return true;
            QTest::qWait(50);
        }
        QFile log(m_dir.filePath(QStringLiteral("error.log")));
        if (log.open(QIODevice::ReadOnly))
            qInfo("nginx: %s %s", m_nginx.readAll().constData(), log.readAll().constData());
        m_nginx.kill();
        m_nginx.waitForFinished(5000);
    }
    return false;
}

Answer TestServerProxy::curl(const QString& source, const QString& url, const QByteArray& method,
                             const QByteArray& body, const QByteArray& token,
                             const QStringList& headers) const {
    QStringList arguments{QStringLiteral("-sS"),
                          QStringLiteral("--interface"),
                          source,
                          QStringLiteral("--cacert"),
                          m_dir.filePath(QStringLiteral("cert.pem")),
                          QStringLiteral("-X"),
                          QString::fromLatin1(method),
                          QStringLiteral("-w"),
                          QStringLiteral("\n%{http_code}")};
    for (const QString& header : headers)
        arguments << QStringLiteral("-H") << header;
    if (!token.isEmpty())
        arguments << QStringLiteral("-H")
                  << QStringLiteral("Authorization: Bearer %1").arg(QString::fromLatin1(token));
    if (!body.isEmpty())
        arguments << QStringLiteral("-H") << QStringLiteral("Content-Type: application/json")
                  << QStringLiteral("--data-binary") << QStringLiteral("@-");
    arguments << url;
    QProcess process;
    process.start(QStringLiteral("curl"), arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(body);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning("curl failed: %s", process.readAllStandardError().constData());
        return {};
    }
    const QByteArray out = process.readAllStandardOutput();
    const qsizetype cut = out.lastIndexOf('\n');
    return {out.mid(cut + 1).toInt(), QJsonDocument::fromJson(out.left(cut)).object(),
            out.left(cut)};
}

QJsonObject TestServerProxy::newestEvent(const QString& action) const {
    const Answer listed =
        curl(QStringLiteral("127.0.0.2"),
             viaNginx(QStringLiteral("/admin/audit/?action=%1&page_size=5").arg(action)), "GET", {},
             m_token);
    return listed.body.value("results").toArray().first().toObject();
}

void TestServerProxy::bothInstancesServe() {
    for (int i = 0; i < 4; ++i) {
        const Answer health =
            curl(QStringLiteral("127.0.0.3"), viaNginx(QStringLiteral("/health/")), "GET");
        QCOMPARE(health.status, 200);
    }
    QVERIFY2(m_first->log().contains("GET /health/ 200"), m_first->log().constData());
    QVERIFY2(m_second->log().contains("GET /health/ 200"), m_second->log().constData());
}

void TestServerProxy::auditSeesTheClientNotNginx() {
    const Answer login =
        curl(QStringLiteral("127.0.0.5"), viaNginx(QStringLiteral("/users/login/")), "POST",
             loginBody(Admin, Password));
    QCOMPARE(login.status, 200);
    const QByteArray token = login.body.value("access_token").toString().toUtf8();
    const Answer listed =
        curl(QStringLiteral("127.0.0.5"),
             viaNginx(QStringLiteral("/admin/audit/?action=login&page_size=1")), "GET", {}, token);
    QCOMPARE(listed.status, 200);
    const QJsonObject event = listed.body.value("results").toArray().first().toObject();
    QCOMPARE(event.value("action").toString(), QStringLiteral("login"));
    QCOMPARE(event.value("actor").toObject().value("username").toString(), Admin);
    QCOMPARE(event.value("remote_addr").toString(), QStringLiteral("127.0.0.5"));
}

void TestServerProxy::forgedForwardedForThroughNginxIsWorthNothing() {
    // nginx appends the peer to what the client sent: "198.51.100.1, 127.0.0.6". The right-most
    // address that is no trusted proxy is the client's own.
    const Answer failed =
        curl(QStringLiteral("127.0.0.6"), viaNginx(QStringLiteral("/users/login/")), "POST",
             loginBody(QStringLiteral("forger"), QStringLiteral("not the password")), {},
             {QStringLiteral("X-Forwarded-For: 198.51.100.1")});
    QCOMPARE(failed.status, 401);
    const QJsonObject event = newestEvent(QStringLiteral("login"));
    QCOMPARE(event.value("outcome").toString(), QStringLiteral("failed"));
    QCOMPARE(event.value("remote_addr").toString(), QStringLiteral("127.0.0.6"));
}

void TestServerProxy::failedLoginsLockThatClientOnly() {
    // Every failure under another (unknown) name: the username's own lock stays out of it.
    for (int i = 0; i < FailuresPerAddress; ++i) {
        const Answer failed =
            curl(QStringLiteral("127.0.0.7"), viaNginx(QStringLiteral("/users/login/")), "POST",
                 loginBody(QStringLiteral("guess-%1").arg(i), QStringLiteral("wrong")));
        QCOMPARE(failed.status, 401);
    }
    const Answer locked =
        curl(QStringLiteral("127.0.0.7"), viaNginx(QStringLiteral("/users/login/")), "POST",
             loginBody(Admin, Password));
    QCOMPARE(locked.status, 429);
    // Another client behind the same nginx (so from the same peer, 127.0.0.1) is not locked.
    const Answer other =
        curl(QStringLiteral("127.0.0.8"), viaNginx(QStringLiteral("/users/login/")), "POST",
             loginBody(Admin, Password));
    QCOMPARE(other.status, 200);
}

void TestServerProxy::forwardedForFromAnUntrustedPeerIsIgnored() {
    // Straight to an instance from 127.0.0.9, which is no trusted proxy: the header is ignored.
    const QString direct = m_first->baseUrl().replace(QStringLiteral("http://"), QString());
    const auto login = [&](const QString& source, const QString& forwardedFor) {
        QProcess process;
        process.start(
            QStringLiteral("curl"),
            {QStringLiteral("-sS"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
             QStringLiteral("-w"), QStringLiteral("%{http_code}"), QStringLiteral("--interface"),
             source, QStringLiteral("-H"), QStringLiteral("X-Forwarded-For: %1").arg(forwardedFor),
             QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
             QStringLiteral("--data-binary"),
             QString::fromUtf8(loginBody(QStringLiteral("nobody"), QStringLiteral("wrong"))),
             QStringLiteral("http://%1/users/login/").arg(direct)});
        process.waitForFinished(30000);
        return process.readAllStandardOutput().toInt();
    };
    QCOMPARE(login(QStringLiteral("127.0.0.9"), QStringLiteral("203.0.113.50")), 401);
    QCOMPARE(newestEvent(QStringLiteral("login")).value("remote_addr").toString(),
             QStringLiteral("127.0.0.9"));
    // From the trusted 127.0.0.1 itself, the same header is believed.
    QCOMPARE(login(QStringLiteral("127.0.0.1"), QStringLiteral("203.0.113.50")), 401);
    QCOMPARE(newestEvent(QStringLiteral("login")).value("remote_addr").toString(),
             QStringLiteral("203.0.113.50"));
    // Trusted hops are skipped, and an entry that is no address stops the walk at its hop.
    QCOMPARE(login(QStringLiteral("127.0.0.1"), QStringLiteral("203.0.113.9, 203.0.113.51, ::1")),
             401);
    QCOMPARE(newestEvent(QStringLiteral("login")).value("remote_addr").toString(),
             QStringLiteral("203.0.113.51"));
    QCOMPARE(login(QStringLiteral("127.0.0.1"), QStringLiteral("not-an-address")), 401);
    QCOMPARE(newestEvent(QStringLiteral("login")).value("remote_addr").toString(),
             QStringLiteral("127.0.0.1"));
}

void TestServerProxy::ipv6ClientsAreThrottledPerSlash64() {
    const QString direct = m_second->baseUrl();
    const auto login = [&](const QString& client, const QString& username,
                           const QString& password) {
        QProcess process;
        process.start(QStringLiteral("curl"),
                      {QStringLiteral("-sS"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                       QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                       QStringLiteral("--interface"), QStringLiteral("127.0.0.1"),
                       QStringLiteral("-H"), QStringLiteral("X-Forwarded-For: %1").arg(client),
                       QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
                       QStringLiteral("--data-binary"),
                       QString::fromUtf8(loginBody(username, password)),
                       direct + QStringLiteral("/users/login/")});
        process.waitForFinished(30000);
        return process.readAllStandardOutput().toInt();
    };
    // Failures spread over many addresses of one /64 add up.
    for (int i = 0; i < FailuresPerAddress; ++i) {
        const QString client = QStringLiteral("2001:db8:1:2::%1").arg(i + 1, 0, 16);
        QCOMPARE(login(client, QStringLiteral("v6-guess-%1").arg(i), QStringLiteral("wrong")), 401);
    }
    const QJsonObject event = newestEvent(QStringLiteral("login"));
    QCOMPARE(event.value("remote_addr").toString(), QStringLiteral("2001:db8:1:2::14"));
    QCOMPARE(login(QStringLiteral("2001:db8:1:2:ffff::1"), Admin, Password), 429);
    // The neighbouring /64 is another client.
    QCOMPARE(login(QStringLiteral("2001:db8:1:3::1"), Admin, Password), 200);
}

void TestServerProxy::badTrustedProxyIsRefused() {
    ServerProcess server;
    server.environment().insert(QStringLiteral("PAYCRED_TRUSTED_PROXIES"),
                                QStringLiteral("127.0.0.1, 10.0.0.0/33"));
    const CommandResult result =
        server.run({QStringLiteral("--dev"), QStringLiteral("--data-dir"), server.dataDir(),
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("\"10.0.0.0/33\" in PAYCRED_TRUSTED_PROXIES is not an IP address "
                                 "or CIDR block"),
             result.err.constData());

    QFile ini(server.tempPath() + QStringLiteral("/paycred.ini"));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("trusted_proxies = 10.0.0.0/8, proxy.example.com\n");
    ini.close();
    ServerProcess fromFile;
    const CommandResult fileResult =
        fromFile.run({QStringLiteral("--dev"), QStringLiteral("--data-dir"), fromFile.dataDir(),
                      QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--config"), ini.fileName()});
    QCOMPARE(fileResult.exitCode, 1);
    QVERIFY2(fileResult.err.contains("\"proxy.example.com\" in trusted_proxies in "),
             fileResult.err.constData());
}

QTEST_GUILESS_MAIN(TestServerProxy)
#include "tst_server_proxy.moc"
