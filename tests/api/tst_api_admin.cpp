// Administration (API.md §3) through the router: who may call an admin endpoint — anonymous
// callers get 401, everyone but an active superuser 403 (audited as admin_request denied) — and
// what GET /admin/stats/ counts.

#include "core/storage/auditrepository.h"
#include "core/storage/userrepository.h"
#include "tests/api/apitestcase.h"

#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {
constexpr char kPassword[] = "correct-horse-battery";
const QJsonObject kForbidden{{"detail", "You do not have permission to perform this action."}};

// Every admin endpoint there is, with a request that reaches it.
struct Endpoint {
    QByteArray method;
    QByteArray path;
};
const QList<Endpoint>& adminEndpoints() {
    static const QList<Endpoint> endpoints = {{"GET", "/admin/stats/"}};
    return endpoints;
}
} // namespace

class TestApiAdmin : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_rootId = 0;
    qint64 m_aliceId = 0;

    test::TestBackend& backend() { return *m_backend; }
    api::ApiResponse call(const Endpoint& endpoint, const QByteArray& token) {
        return backend().call(endpoint.method, endpoint.path, {}, token);
    }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_rootId = backend().createUser("root", kPassword, true);
        m_aliceId = backend().createUser("alice", kPassword);
    }
    void cleanup() { m_backend.reset(); }

    void whoMayCallAnAdminEndpoint_data() {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<int>("status");
        QTest::newRow("anonymous") << "anonymous" << 401;
        QTest::newRow("plain user") << "alice" << 403;
        QTest::newRow("superuser") << "root" << 200;
        QTest::newRow("deactivated superuser") << "deactivated root" << 401;
        QTest::newRow("superuser whose password was reset") << "reset root" << 401;
    }
    void whoMayCallAnAdminEndpoint() {
        QFETCH(QString, caller);
        QFETCH(int, status);
        QByteArray token;
        if (caller == "alice")
            token = backend().login("alice", kPassword);
        else if (caller != "anonymous")
            token = backend().login("root", kPassword);
        const storage::UserRepository users(backend().database());
        if (caller == "deactivated root")
            QCOMPARE(users.setActive(m_rootId, false), storage::WriteStatus::Ok);
        if (caller == "reset root")
            QVERIFY(backend().services().users().setPassword(m_rootId, "another-password-9"));
        for (const Endpoint& endpoint : adminEndpoints()) {
            const auto response = call(endpoint, token);
            EXPECT_STATUS(response, status);
            if (status == 403)
                EXPECT_JSON(response, 403, kForbidden);
        }
    }

    void aRefusalIsAuditedAsAnAdminRequest() {
        const QByteArray alice = backend().login("alice", kPassword);
        const auto response =
            backend().call("GET", "/admin/stats/?search=p%40ssw0rd-in-a-query", {}, alice);
        EXPECT_JSON(response, 403, kForbidden);
        const auto events = storage::AuditRepository(backend().database()).latest(1);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().action, QStringLiteral("admin_request"));
        QCOMPARE(events.first().outcome, QStringLiteral("denied"));
        QCOMPARE(events.first().actorId, std::optional<qint64>(m_aliceId));
        QCOMPARE(events.first().actorUsername, QStringLiteral("alice"));
        QCOMPARE(events.first().detail, QStringLiteral("GET /admin/stats/")); // not the query
    }

    void permissionComesBeforeTheMethod() {
        // As DRF: 401, then 403, then 405.
        const QByteArray alice = backend().login("alice", kPassword);
        EXPECT_JSON(backend().call("POST", "/admin/stats/", {}, alice), 403, kForbidden);
        const QByteArray root = backend().login("root", kPassword);
        EXPECT_JSON(backend().call("POST", "/admin/stats/", {}, root), 405,
                    QJsonObject{{"detail", "Method \"POST\" not allowed."}});
        EXPECT_STATUS(backend().call("POST", "/admin/stats/"), 401);
    }

    void statsCountUsersAndCredentials() {
        const QByteArray root = backend().login("root", kPassword);
        const QByteArray alice = backend().login("alice", kPassword);
        QVERIFY(createCredential(backend(), alice, "kopokopo", kApiKey, kPrivateKey, "live") > 0);
        const qint64 insta = createCredential(backend(), alice, "instasend",
                                              "pk_test_instasend_123456", "sk_test_instasend_1234");
        QVERIFY(insta > 0);
        EXPECT_STATUS(backend().call("POST", credentialPath(insta, "toggle-status"), {}, alice),
                      200);
        QVERIFY(createCredential(backend(), root, "instasend", "pk_test_instasend_654321",
                                 "sk_test_instasend_4321") > 0);
        const qint64 bob = backend().createUser("bob", kPassword);
        QCOMPARE(storage::UserRepository(backend().database()).setActive(bob, false),
                 storage::WriteStatus::Ok);

        EXPECT_JSON(backend().call("GET", "/admin/stats/", {}, root), 200,
                    QJsonObject{{"users", 3},
                                {"active_users", 2},
                                {"credentials", 3},
                                {"by_provider",
                                 QJsonObject{{"kopokopo", QJsonObject{{"sandbox", 0},
                                                                      {"live", 1},
                                                                      {"inactive", 0}}},
                                             {"instasend", QJsonObject{{"sandbox", 1},
                                                                       {"live", 0},
                                                                       {"inactive", 1}}}}}});
    }
};

QTEST_GUILESS_MAIN(TestApiAdmin)
#include "tst_api_admin.moc"
