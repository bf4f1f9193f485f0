// Two paycred-server instances on one PostgreSQL database, with the same keys, serve the same
// users at once: a token of one is good on the other, a logout on one ends the session on the
// other, the login throttle counts failures made on both, a credential created on one is listed
// by the other, and the audit chain still verifies after both wrote events at the same time.
// Sessions: one ended on one instance stops its access token on the other at once, and the
// live-key step-up (on for both, 5 minutes) confirmed on one is honoured by the other.

#include "tests/server/httpreply.h"
#include "tests/server/serverkeys.h"
#include "tests/server/serverprocess.h"
#include "tests/support/postgrescluster.h"

#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace paycred::test;

namespace {
const QString Admin = QStringLiteral("admin");
const QString AdminPassword = QStringLiteral("instances-admin-password-1");
const QString UserPassword = QStringLiteral("instances-user-password-1");
constexpr int RequestsPerKind = 40; // reveals, and as many verifies, on each instance

QJsonObject credentials(const QString& user, const QString& password) {
    return {{"username", user}, {"password", password}};
}
} // namespace

class TestServerInstances : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_first;
    std::unique_ptr<ServerProcess> m_second;
    QByteArray m_adminToken;

    void createUser(const QString& name) {
        const HttpReply made = call(*m_first, "POST", QStringLiteral("/admin/users/"),
                                    credentials(name, UserPassword), m_adminToken);
        QVERIFY2(made.status == 201, made.body.constData());
    }

private slots:
    void initTestCase() {
        PostgresCluster& cluster = PostgresCluster::shared();
        const paycred::storage::DatabaseConfig database = cluster.database();
        QVERIFY2(!database.name.isEmpty(), qPrintable(cluster.errorString()));
        const ServerKeys keys = ServerKeys::generate();
        QVERIFY(keys.isValid());

        m_first = std::make_unique<ServerProcess>();
        m_second = std::make_unique<ServerProcess>();
        for (ServerProcess* server : {m_first.get(), m_second.get()}) {
            keys.applyTo(server->environment());
            server->environment().insert(QStringLiteral("PAYCRED_DATABASE"),
                                         PostgresCluster::urlOf(database));
            server->environment().insert(QStringLiteral("PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE"),
                                         QStringLiteral("5"));
        }
        const CommandResult admin =
            m_first->run({QStringLiteral("createsuperuser"), QStringLiteral("--username"), Admin},
                         AdminPassword.toUtf8() + '\n');
        QVERIFY2(admin.exitCode == 0, admin.err.constData());
        const QStringList listen{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
        QVERIFY2(m_first->start(listen, false), qPrintable(m_first->errorString()));
        QVERIFY2(m_second->start(listen, false), qPrintable(m_second->errorString()));
        m_adminToken = login(*m_first, Admin, AdminPassword);
        QVERIFY(!m_adminToken.isEmpty());
    }

    void tokenOfOneIsAcceptedByTheOther() {
        createUser(QStringLiteral("token-user"));
        const QByteArray token = login(*m_first, QStringLiteral("token-user"), UserPassword);
        QVERIFY(!token.isEmpty());
        const HttpReply me = call(*m_second, "GET", QStringLiteral("/users/me/"), {}, token);
        CHECK_REPLY(me, 200);
        QCOMPARE(me.object().value("username").toString(), QStringLiteral("token-user"));
    }

    void logoutOnOneIsHonouredByTheOther() {
        createUser(QStringLiteral("logout-user"));
        const HttpReply session = call(*m_first, "POST", QStringLiteral("/users/login/"),
                                       credentials(QStringLiteral("logout-user"), UserPassword));
        CHECK_REPLY(session, 200);
        const QByteArray access = session.object().value("access_token").toString().toUtf8();
        const QString refresh = session.object().value("refresh_token").toString();
        // Before the logout the refresh token works on the other instance.
        CHECK_REPLY(call(*m_second, "POST", QStringLiteral("/users/token/refresh/"),
                         {{"refresh_token", refresh}}),
                    200);

        const HttpReply out = call(*m_first, "POST", QStringLiteral("/users/logout/"),
                                   {{"refresh_token", refresh}}, access);
        CHECK_REPLY(out, 200);
        const HttpReply refused = call(*m_second, "POST", QStringLiteral("/users/token/refresh/"),
                                       {{"refresh_token", refresh}});
        CHECK_REPLY(refused, 401);
        QCOMPARE(refused.object().value("code").toString(), QStringLiteral("token_not_valid"));
    }

    // Before sessions, the access token stayed good on every instance until it expired.
    void sessionEndedOnOneIsRefusedByTheOther() {
        createUser(QStringLiteral("session-user"));
        const QByteArray laptop = login(*m_first, QStringLiteral("session-user"), UserPassword);
        const QByteArray phone = login(*m_second, QStringLiteral("session-user"), UserPassword);
        QVERIFY(!laptop.isEmpty() && !phone.isEmpty());
        CHECK_REPLY(call(*m_second, "GET", QStringLiteral("/users/me/"), {}, phone), 200);
        const HttpReply listed =
            call(*m_first, "GET", QStringLiteral("/users/sessions/"), {}, laptop);
        CHECK_REPLY(listed, 200);
        QCOMPARE(listed.array().size(), 2);
        QString phoneSid;
        for (const auto& row : listed.array()) {
            if (!row.toObject().value("current").toBool())
                phoneSid = row.toObject().value("sid").toString();
        }
        QCOMPARE(phoneSid.size(), 32);
        CHECK_REPLY(call(*m_first, "DELETE", QStringLiteral("/users/sessions/%1/").arg(phoneSid),
                         {}, laptop),
                    200);
        const HttpReply refused = call(*m_second, "GET", QStringLiteral("/users/me/"), {}, phone);
        CHECK_REPLY(refused, 401);
        QCOMPARE(refused.object().value("code").toString(), QStringLiteral("token_not_valid"));
        CHECK_REPLY(call(*m_second, "GET", QStringLiteral("/users/me/"), {}, laptop), 200);
        // Sign out everywhere on the second: the first refuses the laptop's token too.
        CHECK_REPLY(call(*m_second, "POST", QStringLiteral("/users/logout-all/"), {}, laptop), 200);
        CHECK_REPLY(call(*m_first, "GET", QStringLiteral("/users/me/"), {}, laptop), 401);
    }

    void stepUpConfirmedOnOneIsHonouredByTheOther() {
        createUser(QStringLiteral("stepup-user"));
        const QByteArray token = login(*m_first, QStringLiteral("stepup-user"), UserPassword);
        QVERIFY(!token.isEmpty());
        const HttpReply created = call(*m_first, "POST", QStringLiteral("/payments/credentials/"),
                                       {{"provider", "kopokopo"},
                                        {"api_key", "instances-api-key-3"},
                                        {"private_key", "instances-live-key-3"},
                                        {"environment", "live"}},
                                       token);
        CHECK_REPLY(created, 201);
        const QString reveal = QStringLiteral("/payments/credentials/%1/get-private-key/")
                                   .arg(created.object().value("id").toInt());
        const HttpReply asked = call(*m_second, "GET", reveal, {}, token);
        CHECK_REPLY(asked, 403);
        QCOMPARE(asked.object().value("code").toString(), QStringLiteral("password_required"));
        const HttpReply verified = call(*m_first, "POST", QStringLiteral("/users/verify-password/"),
                                        {{"password", UserPassword}}, token);
        CHECK_REPLY(verified, 200);
        QCOMPARE(verified.object().value("is_valid").toBool(), true);
        const HttpReply revealed = call(*m_second, "GET", reveal, {}, token);
        CHECK_REPLY(revealed, 200);
        QCOMPARE(revealed.object().value("private_key").toString(),
                 QStringLiteral("instances-live-key-3"));
    }

    void loginThrottleIsShared() {
        createUser(QStringLiteral("throttled-user"));
        // Five failures (the threshold of ServiceSettings::throttleMaxFailures), three on one
        // instance and two on the other: neither saw five by itself.
        const QJsonObject wrong =
            credentials(QStringLiteral("throttled-user"), QStringLiteral("not-the-password-1"));
        for (int attempt = 0; attempt < 5; ++attempt) {
            const ServerProcess& server = attempt % 2 == 0 ? *m_first : *m_second;
            const HttpReply failed = call(server, "POST", QStringLiteral("/users/login/"), wrong);
            QVERIFY2(failed.status == 401 || (attempt == 4 && failed.status == 429),
                     failed.body.constData());
        }
        for (const ServerProcess* server : {m_first.get(), m_second.get()}) {
            const HttpReply locked =
                call(*server, "POST", QStringLiteral("/users/login/"),
                     credentials(QStringLiteral("throttled-user"), UserPassword));
            CHECK_REPLY(locked, 429);
            QVERIFY(locked.object().value("error").toString().startsWith(
                QStringLiteral("Too many failed login attempts.")));
            QVERIFY(locked.header("Retry-After").toInt() > 0);
        }
    }

    void credentialCreatedOnOneIsListedByTheOther() {
        createUser(QStringLiteral("credential-user"));
        const QByteArray onFirst = login(*m_first, QStringLiteral("credential-user"), UserPassword);
        const QByteArray onSecond =
            login(*m_second, QStringLiteral("credential-user"), UserPassword);
        QVERIFY(!onFirst.isEmpty() && !onSecond.isEmpty());
        const HttpReply created = call(*m_first, "POST", QStringLiteral("/payments/credentials/"),
                                       {{"provider", "kopokopo"},
                                        {"api_key", "instances-api-key-1"},
                                        {"private_key", "instances-private-key-1"}},
                                       onFirst);
        CHECK_REPLY(created, 201);
        const HttpReply listed =
            call(*m_second, "GET", QStringLiteral("/payments/credentials/"), {}, onSecond);
        CHECK_REPLY(listed, 200);
        QCOMPARE(listed.array().size(), 1);
        QCOMPARE(listed.array().at(0).toObject().value("id"), created.object().value("id"));
    }

    void auditChainVerifiesAfterBothWroteAtOnce() {
        createUser(QStringLiteral("audit-user"));
        const QByteArray token = login(*m_first, QStringLiteral("audit-user"), UserPassword);
        const HttpReply created = call(*m_first, "POST", QStringLiteral("/payments/credentials/"),
                                       {{"provider", "instasend"},
                                        {"api_key", "instances-api-key-2"},
                                        {"private_key", "instances-private-key-2"}},
                                       token);
        CHECK_REPLY(created, 201);
        const int id = created.object().value("id").toInt();
        const QString reveal = QStringLiteral("/payments/credentials/%1/get-private-key/").arg(id);
        const QString verify = QStringLiteral("/payments/credentials/%1/verify/").arg(id);
        const QByteArray key =
            QJsonDocument(QJsonObject{{"private_key", "instances-private-key-2"}})
                .toJson(QJsonDocument::Compact);

        // Every request is sent before the first answer is read: both instances write events
        // (each in its own transaction on the chain's head) at the same time.
        QNetworkAccessManager manager;
        QList<QNetworkReply*> replies;
        for (int round = 0; round < RequestsPerKind; ++round) {
            for (const ServerProcess* server : {m_first.get(), m_second.get()}) {
                replies << send(manager, server->url(reveal), "GET", {}, token);
                replies << send(manager, server->url(verify), "POST", key, token);
            }
        }
        int ok = 0;
        for (QNetworkReply* reply : replies) {
            QVERIFY(waitFor(reply, 60000));
            const HttpReply answer = collect(reply);
            QVERIFY2(answer.status == 200, answer.body.constData());
            ++ok;
        }
        QCOMPARE(ok, 4 * RequestsPerKind);

        const HttpReply checked =
            call(*m_second, "GET", QStringLiteral("/admin/audit/verify/"), {}, m_adminToken);
        CHECK_REPLY(checked, 200);
        QVERIFY2(checked.object().value("intact").toBool(), checked.body.constData());
        QVERIFY(checked.object().value("events").toInt() >= 4 * RequestsPerKind);
        QVERIFY(m_first->isRunning() && m_second->isRunning());
    }
};

QTEST_GUILESS_MAIN(TestServerInstances)
#include "tst_server_instances.moc"
