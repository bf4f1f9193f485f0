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
    static const QList<Endpoint> endpoints = {{"GET", "/admin/stats/"},
                                              {"GET", "/admin/credentials/"}};
    return endpoints;
}
} // namespace

class TestApiAdmin : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_rootId = 0;
    qint64 m_aliceId = 0;
    int m_owners = 0; // owners made by manyCredentials()

    test::TestBackend& backend() { return *m_backend; }
    api::ApiResponse call(const Endpoint& endpoint, const QByteArray& token) {
        return backend().call(endpoint.method, endpoint.path, {}, token);
    }
    // Users, each with a credential per provider, made a minute apart: `count` credentials.
    QList<qint64> manyCredentials(int count) {
        QList<qint64> ids;
        while (ids.size() < count) {
            const QString name = QStringLiteral("owner%1").arg(m_owners++, 2, 10, QChar(u'0'));
            backend().createUser(name, kPassword);
            const QByteArray token = backend().login(name, kPassword);
            for (const char* provider : {"kopokopo", "instasend"}) {
                if (ids.size() == count)
                    break;
                backend().clock().advance(60 * 1000);
                ids.append(createCredential(backend(), token, provider, kApiKey, kPrivateKey,
                                            ids.size() % 3 == 0 ? "live" : "sandbox"));
            }
        }
        return ids;
    }
    // Every id a list gives, page after page, following `next`.
    QList<qint64> walk(const QByteArray& first, const QByteArray& token, int* pages = nullptr) {
        QList<qint64> ids;
        QByteArray target = first;
        int count = 0;
        while (!target.isEmpty() && count < 100) {
            const auto response = backend().call("GET", target, {}, token);
            if (response.status != 200) {
                qWarning("%s: %s", target.constData(), qPrintable(describe(response)));
                return {};
            }
            const QJsonObject body = response.object();
            if (count > 0 && !body.value("count").isNull())
                qWarning("a later page has a count");
            for (const auto& row : body.value("results").toArray())
                ids.append(row.toObject().value("id").toInteger());
            target = body.value("next").toString().toUtf8();
            ++count;
        }
        if (pages)
            *pages = count;
        return ids;
    }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_rootId = backend().createUser("root", kPassword, true);
        m_aliceId = backend().createUser("alice", kPassword);
    }
    void cleanup() {
        m_backend.reset();
        m_owners = 0;
    }

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

    void everyCredentialWithItsOwnerNeverAKey() {
        const QByteArray alice = backend().login("alice", kPassword);
        const qint64 id =
            createCredential(backend(), alice, "kopokopo", kApiKey, kPrivateKey, "live");
        const QByteArray root = backend().login("root", kPassword);
        const auto response = backend().call("GET", "/admin/credentials/", {}, root);
        EXPECT_STATUS(response, 200);
        const QJsonObject body = response.object();
        QCOMPARE(body.value("count").toInteger(), 1);
        QVERIFY(body.value("next").isNull());
        const QJsonObject row = body.value("results").toArray().first().toObject();
        QJsonObject credential = row;
        credential.remove("user");
        CHECK_CREDENTIAL(credential, id, "kopokopo", "live", true);
        QCOMPARE(row.value("user").toObject(),
                 (QJsonObject{{"id", m_aliceId}, {"username", "alice"}}));
        QVERIFY(!response.body.contains(kPrivateKey));
        QVERIFY(!response.body.contains(kApiKey));
        QVERIFY(!response.body.contains("gAAAAA")); // no Fernet token either
    }

    void theFiltersOfEveryCredential_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("expected");
        QTest::newRow("all") << QByteArray() << 7;
        QTest::newRow("kopokopo") << QByteArray("provider=kopokopo") << 4;
        QTest::newRow("live") << QByteArray("environment=live") << 3;
        QTest::newRow("live kopokopo") << QByteArray("environment=live&provider=kopokopo") << 2;
        QTest::newRow("inactive") << QByteArray("is_active=false") << 1;
        QTest::newRow("active") << QByteArray("is_active=true") << 6;
        QTest::newRow("one owner") << QByteArray("user=owner01") << 2; // id filled in below
        QTest::newRow("search any case") << QByteArray("search=OWNER0") << 7;
        QTest::newRow("search part") << QByteArray("search=er03") << 1;
        QTest::newRow("search percent is literal") << QByteArray("search=%25") << 0;
        QTest::newRow("search underscore is literal") << QByteArray("search=_") << 0;
        QTest::newRow("empty filters filter nothing")
            << QByteArray("provider=&environment=&is_active=&user=&search=") << 7;
    }
    void theFiltersOfEveryCredential() {
        QFETCH(QByteArray, query);
        QFETCH(int, expected);
        const QList<qint64> ids = manyCredentials(7);
        const QByteArray root = backend().login("root", kPassword);
        const QByteArray alice = backend().login("owner00", kPassword);
        EXPECT_STATUS(
            backend().call("POST", credentialPath(ids.first(), "toggle-status"), {}, alice), 200);
        if (query.startsWith("user=")) {
            const auto owner = storage::UserRepository(backend().database())
                                   .findByUsername(QString::fromLatin1(query.mid(5)));
            QVERIFY(owner.has_value());
            query = "user=" + QByteArray::number(owner->id);
        }
        const auto response =
            backend().call("GET", "/admin/credentials/?" + query + "&page_size=500", {}, root);
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.object().value("count").toInteger(), expected);
        QCOMPARE(response.object().value("results").toArray().size(), expected);
    }

    void badFiltersAndPagesAreFieldErrors_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QJsonObject>("expected");
        QTest::newRow("provider") << QByteArray("provider=paypal")
                                  << QJsonObject{{"provider",
                                                  QJsonArray{"\"paypal\" is not a valid choice."}}};
        QTest::newRow("environment")
            << QByteArray("environment=production")
            << QJsonObject{{"environment", QJsonArray{"\"production\" is not a valid choice."}}};
        QTest::newRow("is_active")
            << QByteArray("is_active=maybe")
            << QJsonObject{{"is_active", QJsonArray{"Must be a valid boolean."}}};
        QTest::newRow("user") << QByteArray("user=bob")
                              << QJsonObject{{"user", QJsonArray{"A valid integer is required."}}};
        QTest::newRow("user zero")
            << QByteArray("user=0")
            << QJsonObject{{"user", QJsonArray{"A valid integer is required."}}};
        QTest::newRow("page_size text")
            << QByteArray("page_size=ten")
            << QJsonObject{{"page_size", QJsonArray{"A valid integer is required."}}};
        QTest::newRow("page_size big")
            << QByteArray("page_size=501")
            << QJsonObject{
                   {"page_size", QJsonArray{"Ensure this value is less than or equal to 500."}}};
        QTest::newRow("page_size zero")
            << QByteArray("page_size=0")
            << QJsonObject{
                   {"page_size", QJsonArray{"Ensure this value is greater than or equal to 1."}}};
        QTest::newRow("ordering")
            << QByteArray("ordering=private_key")
            << QJsonObject{{"ordering", QJsonArray{"\"private_key\" is not a valid choice."}}};
        QTest::newRow("cursor") << QByteArray("cursor=not-a-cursor")
                                << QJsonObject{{"cursor", QJsonArray{"Invalid cursor."}}};
        QTest::newRow("two at once")
            << QByteArray("provider=paypal&page_size=0")
            << QJsonObject{
                   {"provider", QJsonArray{"\"paypal\" is not a valid choice."}},
                   {"page_size", QJsonArray{"Ensure this value is greater than or equal to 1."}}};
    }
    void badFiltersAndPagesAreFieldErrors() {
        QFETCH(QByteArray, query);
        QFETCH(QJsonObject, expected);
        const QByteArray root = backend().login("root", kPassword);
        EXPECT_JSON(backend().call("GET", "/admin/credentials/?" + query, {}, root), 400, expected);
    }

    void pagesFollowTheirOrderingToTheEnd_data() {
        QTest::addColumn<QByteArray>("ordering");
        for (const char* field :
             {"", "provider", "-provider", "environment", "-environment", "owner", "-owner",
              "created_at", "-created_at", "updated_at", "-updated_at"})
            QTest::newRow(*field ? field : "id") << QByteArray(field);
    }
    void pagesFollowTheirOrderingToTheEnd() {
        QFETCH(QByteArray, ordering);
        const QList<qint64> ids = manyCredentials(7);
        const QByteArray root = backend().login("root", kPassword);
        const QByteArray base = "/admin/credentials/?ordering=" + ordering;
        // The whole list in one page is the order to expect; two rows a page must give it too.
        const QList<qint64> whole = walk(base + "&page_size=500", root);
        QCOMPARE(whole.size(), 7);
        QList<qint64> sortedIds = whole;
        std::sort(sortedIds.begin(), sortedIds.end());
        QCOMPARE(sortedIds, ids);
        int pages = 0;
        QCOMPARE(walk(base + "&page_size=2", root, &pages), whole);
        QCOMPARE(pages, 4);
        QCOMPARE(walk(base + "&page_size=7", root, &pages), whole);
        QCOMPARE(pages, 1);
    }

    void rowsThatArriveWhileScrollingShiftNoPage() {
        const QList<qint64> ids = manyCredentials(6);
        const QByteArray root = backend().login("root", kPassword);
        auto first =
            backend().call("GET", "/admin/credentials/?ordering=created_at&page_size=3", {}, root);
        EXPECT_STATUS(first, 200);
        QCOMPARE(first.object().value("count").toInteger(), 6);
        const QByteArray next = first.object().value("next").toString().toUtf8();
        QVERIFY(next.contains("ordering=created_at"));
        QVERIFY(next.contains("page_size=3"));
        // Meanwhile: the first row goes, a new one comes.
        const QByteArray owner = backend().login("owner00", kPassword);
        EXPECT_STATUS(backend().call("DELETE", credentialPath(ids.first()), {}, owner), 200);
        manyCredentials(1);
        QList<qint64> rest = walk(next, root);
        QCOMPARE(rest.mid(0, 3), ids.mid(3, 3)); // exactly where the first page ended
        QCOMPARE(rest.size(), 4);                // and the newcomer at the end

        // A cursor belongs to its ordering.
        const QByteArray cursor = next.mid(next.indexOf("cursor="));
        EXPECT_JSON(
            backend().call("GET", "/admin/credentials/?ordering=-created_at&" + cursor, {}, root),
            400, QJsonObject{{"cursor", QJsonArray{"Invalid cursor."}}});
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

        EXPECT_JSON(
            backend().call("GET", "/admin/stats/", {}, root), 200,
            QJsonObject{
                {"users", 3},
                {"active_users", 2},
                {"credentials", 3},
                {"by_provider",
                 QJsonObject{
                     {"kopokopo", QJsonObject{{"sandbox", 0}, {"live", 1}, {"inactive", 0}}},
                     {"instasend", QJsonObject{{"sandbox", 1}, {"live", 0}, {"inactive", 1}}}}}});
    }
};

QTEST_GUILESS_MAIN(TestApiAdmin)
#include "tst_api_admin.moc"
