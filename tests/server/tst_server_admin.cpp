// The permission matrix of API.md §3 over real HTTP: a spawned paycred-server, its first
// superuser made with createsuperuser, everyone else made and changed through /admin/users/
// itself — a plain user, a superuser deactivated and one whose password was reset after they
// logged in — and every admin endpoint called by each, with the exact answer in every cell.

#include "tests/server/httpreply.h"
#include "tests/server/serverprocess.h"
#include "tests/support/adminmatrix.h"

#include <QFileInfo>
#include <QTest>

#include <memory>

using namespace paycred::test;

namespace {
const QString Password = QStringLiteral("correct-horse-battery");
const QByteArray ApiKey = "pk_test_kopokopo_1234567890abcdef";
const QByteArray PrivateKey = "sk_test_kopokopo_0987654321fedcba";

QString compactText(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
} // namespace

class TestServerAdmin : public QObject {
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;
    QMap<QString, QByteArray> m_tokens; // caller → access token
    QMap<AdminTarget, qint64> m_ids;

    HttpReply callAs(const QString& caller, const AdminEndpoint& endpoint) {
        return call(*m_server, endpoint.method, endpoint.path(m_ids), endpoint.body,
                    m_tokens.value(caller));
    }
    // Creates a user through the API as root; its id (0 when refused).
    qint64 createUser(const QString& username, bool superuser) {
        const HttpReply created =
            call(*m_server, "POST", QStringLiteral("/admin/users/"),
                 {{"username", username}, {"password", Password}, {"is_superuser", superuser}},
                 m_tokens.value(kSuperuser));
        return created.status == 201 ? created.object().value("id").toInteger() : 0;
    }
    qint64 createCredential(const QByteArray& token, const QString& provider,
                            const QString& environment) {
        const HttpReply created = call(*m_server, "POST", QStringLiteral("/payments/credentials/"),
                                       {{"provider", provider},
                                        {"api_key", QString::fromLatin1(ApiKey)},
                                        {"private_key", QString::fromLatin1(PrivateKey)},
                                        {"environment", environment}},
                                       token);
        return created.status == 201 ? created.object().value("id").toInteger() : 0;
    }
    int patchUser(qint64 id, const QJsonObject& change) {
        return call(*m_server, "PATCH", QStringLiteral("/admin/users/%1/").arg(id), change,
                    m_tokens.value(kSuperuser))
            .status;
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo::exists(ServerProcess::executable()),
                 qPrintable(ServerProcess::executable()));
        m_server = std::make_unique<ServerProcess>();
        const CommandResult created = m_server->createSuperuser(QStringLiteral("root"), Password);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));

        m_tokens.insert(kSuperuser, login(*m_server, QStringLiteral("root"), Password));
        QVERIFY(!m_tokens.value(kSuperuser).isEmpty());
        m_ids.insert(AdminTarget::Alice, createUser(QStringLiteral("alice"), false));
        m_ids.insert(AdminTarget::Victim, createUser(QStringLiteral("victim"), false));
        const qint64 gone = createUser(QStringLiteral("gone"), true);
        const qint64 reset = createUser(QStringLiteral("reset"), true);
        for (qint64 id :
             {m_ids.value(AdminTarget::Alice), m_ids.value(AdminTarget::Victim), gone, reset})
            QVERIFY(id > 0);

        const QByteArray alice = login(*m_server, QStringLiteral("alice"), Password);
        m_tokens.insert(QStringLiteral("anonymous"), {});
        m_tokens.insert(QStringLiteral("plain user"), alice);
        m_ids.insert(AdminTarget::LiveCredential, createCredential(alice, "kopokopo", "live"));
        m_ids.insert(AdminTarget::SandboxCredential,
                     createCredential(alice, "instasend", "sandbox"));
        QVERIFY(m_ids.value(AdminTarget::LiveCredential) > 0);
        QVERIFY(m_ids.value(AdminTarget::SandboxCredential) > 0);

        // Logged in first, then changed: their tokens are the ones that must die.
        m_tokens.insert(QStringLiteral("deactivated superuser"),
                        login(*m_server, QStringLiteral("gone"), Password));
        m_tokens.insert(QStringLiteral("superuser whose password was reset"),
                        login(*m_server, QStringLiteral("reset"), Password));
        QCOMPARE(patchUser(gone, {{"is_active", false}}), 200);
        QCOMPARE(patchUser(reset, {{"password", kAdminNewPassword}}), 200);
        for (const QString& caller : adminCallers())
            QVERIFY2(caller == "anonymous" || !m_tokens.value(caller).isEmpty(),
                     qPrintable(caller));
    }

    void everyRefusedCellOverHttp_data() {
        QTest::addColumn<int>("endpoint");
        QTest::addColumn<QString>("caller");
        for (qsizetype i = 0; i < adminEndpoints().size(); ++i) {
            for (const QString& caller : adminCallers()) {
                if (caller != kSuperuser)
                    QTest::addRow("%s %s × %s", adminEndpoints()[i].method.constData(),
                                  qPrintable(adminEndpoints()[i].route), qPrintable(caller))
                        << int(i) << caller;
            }
        }
    }
    void everyRefusedCellOverHttp() {
        QFETCH(int, endpoint);
        QFETCH(QString, caller);
        const HttpReply reply = callAs(caller, adminEndpoints()[endpoint]);
        const RefusedAnswer expected = refusedAnswer(caller);
        CHECK_REPLY(reply, expected.status);
        QCOMPARE(compactText(reply.object()), compactText(expected.body));
        if (expected.status == 401)
            QCOMPARE(reply.header("WWW-Authenticate"), QByteArray(R"(Bearer realm="api")"));
    }

    void theSuperusersCellsOverHttp() {
        // After every refused cell (they changed nothing: each of these finds its target), in
        // the matrix's order, which lets them run one after the other.
        for (const AdminEndpoint& endpoint : adminEndpoints()) {
            const HttpReply reply = callAs(kSuperuser, endpoint);
            QVERIFY2(reply.status == endpoint.superuserStatus,
                     qPrintable(QStringLiteral("%1 %2: %3 %4")
                                    .arg(QString::fromLatin1(endpoint.method), endpoint.route)
                                    .arg(reply.status)
                                    .arg(QString::fromUtf8(reply.body.left(300)))));
            CHECK_REPLY(reply, endpoint.superuserStatus);
            for (const QByteArray& secret : {ApiKey, PrivateKey, QByteArray("private_key"),
                                             QByteArray("api_key"), QByteArray("pbkdf2")})
                QVERIFY2(!reply.body.contains(secret), reply.body.left(300).constData());
        }
        // What they did, seen through the API.
        const HttpReply alice =
            call(*m_server, "GET",
                 QStringLiteral("/admin/users/%1/").arg(m_ids.value(AdminTarget::Alice)), {},
                 m_tokens.value(kSuperuser));
        CHECK_REPLY(alice, 200);
        QCOMPARE(alice.object().value("is_active").toBool(true), false);
        QCOMPARE(alice.object().value("credentials_count").toInteger(), 1);
        const HttpReply victim =
            call(*m_server, "GET",
                 QStringLiteral("/admin/users/%1/").arg(m_ids.value(AdminTarget::Victim)), {},
                 m_tokens.value(kSuperuser));
        CHECK_REPLY(victim, 404);
        // The live credential: switched off by the emergency switch, on again by the toggle.
        const HttpReply live =
            call(*m_server, "GET", QStringLiteral("/admin/credentials/?environment=live"), {},
                 m_tokens.value(kSuperuser));
        CHECK_REPLY(live, 200);
        const QJsonObject row = live.object().value("results").toArray().first().toObject();
        QCOMPARE(row.value("id").toInteger(), m_ids.value(AdminTarget::LiveCredential));
        QCOMPARE(row.value("is_active").toBool(), true);
        // Alice's token died with her deactivation.
        const HttpReply me =
            call(*m_server, "GET", QStringLiteral("/users/me/"), {}, m_tokens.value("plain user"));
        CHECK_REPLY(me, 401);
    }
};

QTEST_GUILESS_MAIN(TestServerAdmin)
#include "tst_server_admin.moc"
