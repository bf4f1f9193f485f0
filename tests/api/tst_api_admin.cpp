// Administration (API.md §3) through the router: the permission matrix — every admin endpoint
// × anonymous, plain user, superuser, deactivated superuser and a superuser whose password was
// just reset (old token), with the exact answer in every cell; every user's credentials (list,
// toggle, delete through §2's write path, If-Match included); the emergency switch; no admin
// answer ever carrying a key; and what GET /admin/stats/ counts.

#include "core/api/route.h"
#include "core/storage/auditrepository.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/userrepository.h"
#include "tests/api/apitestcase.h"
#include "tests/support/adminmatrix.h"

#include <QTest>

#include <memory>
#include <set>

using namespace paycred;
using namespace paycred::apitest;

namespace {
constexpr char kPassword[] = "correct-horse-battery";
const QJsonObject kForbidden{{"detail", "You do not have permission to perform this action."}};

using test::AdminEndpoint;
using test::adminEndpoints;
using test::AdminTarget;
constexpr const char* kNewPassword = test::kAdminNewPassword;

QByteArray adminCredentialPath(qint64 id, const QByteArray& action = {}) {
    QByteArray path = "/admin/credentials/" + QByteArray::number(id) + "/";
    if (!action.isEmpty())
        path += action + "/";
    return path;
}

} // namespace

class TestApiAdmin : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_rootId = 0;
    qint64 m_aliceId = 0;
    int m_owners = 0; // owners made by manyCredentials()

    test::TestBackend& backend() { return *m_backend; }
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
        return walkPages(backend(), first, token, pages);
    }

    // The matrix's fixture: alice (a plain user) with a live and a sandbox credential, a plain
    // user to delete, and the callers' tokens — two superusers changed through the API after
    // they logged in: one deactivated, one whose password was reset.
    struct Fixture {
        qint64 victim = 0;
        qint64 live = 0;
        qint64 sandbox = 0;
        QMap<QString, QByteArray> tokens;
    };
    Fixture matrixFixture() {
        Fixture fixture;
        const QByteArray alice = backend().login("alice", kPassword);
        fixture.live = createCredential(backend(), alice, "kopokopo", kApiKey, kPrivateKey, "live");
        fixture.sandbox = createCredential(backend(), alice, "instasend",
                                           "pk_test_instasend_123456", "sk_test_instasend_1234");
        fixture.victim = backend().createUser("victim", kPassword);
        const qint64 gone = backend().createUser("gone", kPassword, true);
        const qint64 reset = backend().createUser("reset", kPassword, true);
        const QByteArray root = backend().login("root", kPassword);
        fixture.tokens = {
            {"anonymous", {}},
            {"plain user", alice},
            {"superuser", root},
            {"deactivated superuser", backend().login("gone", kPassword)},
            {"superuser whose password was reset", backend().login("reset", kPassword)}};
        const auto patch = [&](qint64 id, const QJsonObject& change) {
            return backend().call("PATCH", "/admin/users/" + QByteArray::number(id) + "/", change,
                                  root);
        };
        if (patch(gone, {{"is_active", false}}).status != 200 ||
            patch(reset, {{"password", kNewPassword}}).status != 200)
            fixture.tokens.clear();
        return fixture;
    }
    QByteArray pathOf(const AdminEndpoint& endpoint, const Fixture& fixture) {
        return endpoint
            .path({{AdminTarget::Alice, m_aliceId},
                   {AdminTarget::Victim, fixture.victim},
                   {AdminTarget::LiveCredential, fixture.live},
                   {AdminTarget::SandboxCredential, fixture.sandbox}})
            .toUtf8();
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

    void everyAdminRouteIsInTheMatrix() {
        std::set<QString> routes;
        for (const api::Route& route : api::Route::table()) {
            if (route.access != api::Route::Access::Superuser)
                continue;
            QVERIFY2(route.path.startsWith("/admin/"), qPrintable(route.path));
            for (const auto& method : route.methods)
                routes.insert(QString::fromLatin1(method.name) + u' ' + route.path);
        }
        std::set<QString> listed;
        for (const AdminEndpoint& endpoint : adminEndpoints())
            listed.insert(QString::fromLatin1(endpoint.method) + u' ' + endpoint.route);
        QCOMPARE(QStringList(listed.begin(), listed.end()),
                 QStringList(routes.begin(), routes.end()));
        // And every /admin/ route is for superusers only.
        for (const api::Route& route : api::Route::table())
            QVERIFY2(!route.path.startsWith("/admin/") ||
                         route.access == api::Route::Access::Superuser,
                     qPrintable(route.path));
    }

    void thePermissionMatrix_data() {
        QTest::addColumn<int>("endpoint");
        QTest::addColumn<QString>("caller");
        for (qsizetype i = 0; i < adminEndpoints().size(); ++i) {
            const AdminEndpoint& endpoint = adminEndpoints()[i];
            for (const QString& caller : test::adminCallers()) {
                QTest::addRow("%s %s × %s", endpoint.method.constData(), qPrintable(endpoint.route),
                              qPrintable(caller))
                    << int(i) << caller;
            }
        }
    }
    void thePermissionMatrix() {
        QFETCH(int, endpoint);
        QFETCH(QString, caller);
        const AdminEndpoint& called = adminEndpoints()[endpoint];
        const Fixture fixture = matrixFixture();
        QVERIFY(!fixture.tokens.isEmpty());
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        const qint64 eventsBefore = storage::AuditRepository(backend().database()).count();
        const auto response = backend().call(called.method, pathOf(called, fixture), called.body,
                                             fixture.tokens.value(caller));
        if (caller == test::kSuperuser) {
            EXPECT_STATUS(response, called.superuserStatus);
            return;
        }
        const test::RefusedAnswer refused = test::refusedAnswer(caller);
        EXPECT_JSON(response, refused.status, refused.body);
        // A refused call changes nothing; a 403 is audited (admin_request denied), a 401 not.
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));
        const auto latest = storage::AuditRepository(backend().database()).latest(1);
        QCOMPARE(storage::AuditRepository(backend().database()).count(),
                 eventsBefore + (response.status == 403 ? 1 : 0));
        if (response.status == 403) {
            QCOMPARE(latest.first().action, QStringLiteral("admin_request"));
            QCOMPARE(latest.first().outcome, QStringLiteral("denied"));
            QCOMPARE(latest.first().actorId, std::optional<qint64>(m_aliceId));
        }
    }

    void noAdminAnswerCarriesAKey() {
        // A superuser never obtains another user's private key or api key: not in any answer
        // of any admin endpoint (nor a ciphertext, a digest or a password hash).
        const Fixture fixture = matrixFixture();
        const QByteArray root = fixture.tokens.value(test::kSuperuser);
        const auto row = storage::CredentialRepository(backend().database())
                             .findForUser(fixture.live, m_aliceId);
        QVERIFY(row.has_value());
        const QList<QByteArray> forbidden{kApiKey,
                                          kPrivateKey,
                                          "pk_test_instasend_123456",
                                          "sk_test_instasend_1234",
                                          row->encryptedPrivateKey,
                                          row->encryptedApiKey,
                                          row->privateKeyDigest,
                                          "pbkdf2_sha256",
                                          "private_key",
                                          "api_key",
                                          kNewPassword};
        QList<api::ApiResponse> answers;
        for (const AdminEndpoint& endpoint : adminEndpoints())
            answers.append(
                backend().call(endpoint.method, pathOf(endpoint, fixture), endpoint.body, root));
        for (const char* query :
             {"/admin/credentials/?page_size=500&ordering=owner", "/admin/users/?page_size=500"})
            answers.append(backend().call("GET", query, {}, root));
        for (const api::ApiResponse& answer : answers) {
            QVERIFY2(answer.status < 300, qPrintable(describe(answer)));
            for (const QByteArray& secret : forbidden)
                QVERIFY2(!answer.body.contains(secret), answer.body.left(300).constData());
        }
        // Nor through §2's own endpoints: to a superuser, another user's credential does not
        // exist there (every method of every /payments/credentials/{id}/ route).
        int tried = 0;
        for (const api::Route& route : api::Route::table()) {
            if (!route.path.startsWith("/payments/credentials/{id}/"))
                continue;
            QString path = route.path;
            path.replace("{id}", QString::number(fixture.sandbox));
            for (const auto& method : route.methods) {
                const auto answer = backend().call(
                    method.name, path.toUtf8(), {{"private_key", "sk_test_instasend_1234"}}, root);
                EXPECT_JSON(answer, 404, QJsonObject{{"error", kNotFound}});
                ++tried;
            }
        }
        QVERIFY(tried >= 8); // GET, PUT, PATCH, DELETE, update-private-key, get-private-key,
                             // verify, toggle-status, and whatever the table adds
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

    void aSuperuserTogglesAndDeletesAnyonesCredential() {
        const QByteArray alice = backend().login("alice", kPassword);
        const qint64 id =
            createCredential(backend(), alice, "kopokopo", kApiKey, kPrivateKey, "live");
        const QByteArray root = backend().login("root", kPassword);
        // As §2 answers its owner: the message, the credential, its ETag.
        const auto off = backend().call("POST", adminCredentialPath(id, "toggle-status"), {}, root);
        EXPECT_STATUS(off, 200);
        QCOMPARE(off.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(off.object().value("message").toString(),
                 QStringLiteral("Payment credentials for KopoKopo have been deactivated"));
        CHECK_CREDENTIAL(off.object().value("credentials").toObject(), id, "kopokopo", "live",
                         false);
        CHECK_CREDENTIAL(backend().call("GET", credentialPath(id), {}, alice).object(), id,
                         "kopokopo", "live", false);
        const auto event = storage::AuditRepository(backend().database()).latest(1).first();
        QCOMPARE(event.action, QStringLiteral("status_toggled"));
        QCOMPARE(event.actorId, std::optional<qint64>(m_rootId));
        QCOMPARE(event.credentialId, std::optional<qint64>(id));
        QCOMPARE(event.detail, QStringLiteral("deactivated owner=%1").arg(m_aliceId));

        // If-Match: a stale version is 412 and changes nothing; the current one goes through.
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        const QByteArray changed =
            R"({"error":"The credentials were changed by someone else. Reload them and try again."})";
        for (const QByteArray& method : {QByteArray("POST"), QByteArray("DELETE")}) {
            api::ApiRequest request = makeRequest(
                method, adminCredentialPath(id, method == "POST" ? "toggle-status" : ""), {},
                "application/json", "Bearer " + root);
            request.headers.append({QByteArray("If-Match"), QByteArray("\"1\"")});
            const auto stale = backend().handle(request);
            QCOMPARE(stale.status, 412);
            QCOMPARE(stale.body, changed);
        }
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));
        api::ApiRequest current = makeRequest("POST", adminCredentialPath(id, "toggle-status"), {},
                                              "application/json", "Bearer " + root);
        current.headers.append({QByteArray("If-Match"), QByteArray("\"2\"")});
        const auto on = backend().handle(current);
        EXPECT_STATUS(on, 200);
        QCOMPARE(on.object().value("message").toString(),
                 QStringLiteral("Payment credentials for KopoKopo have been activated"));

        EXPECT_JSON(backend().call("DELETE", adminCredentialPath(id), {}, root), 200,
                    QJsonObject{{"message", "Payment credentials for KopoKopo have been "
                                            "successfully deleted"}});
        EXPECT_JSON(backend().call("GET", credentialPath(id), {}, alice), 404,
                    QJsonObject{{"error", kNotFound}});
        const auto deleted = storage::AuditRepository(backend().database()).latest(1).first();
        QCOMPARE(deleted.action, QStringLiteral("credential_deleted"));
        QCOMPARE(deleted.actorId, std::optional<qint64>(m_rootId));
        QCOMPARE(deleted.detail, QStringLiteral("owner=%1").arg(m_aliceId));
    }

    void aSuperusersMissingCredentialIsNotFound_data() {
        QTest::addColumn<QByteArray>("id");
        QTest::newRow("never existed") << QByteArray("9999");
        QTest::newRow("zero") << QByteArray("0");
        QTest::newRow("text") << QByteArray("abc");
        QTest::newRow("too big") << QByteArray("99999999999999999999");
    }
    void aSuperusersMissingCredentialIsNotFound() {
        QFETCH(QByteArray, id);
        const QByteArray root = backend().login("root", kPassword);
        for (const auto& [method, action] :
             {QPair<QByteArray, QByteArray>{"POST", "toggle-status/"},
              QPair<QByteArray, QByteArray>{"DELETE", ""}}) {
            EXPECT_JSON(backend().call(method, "/admin/credentials/" + id + "/" + action, {}, root),
                        404, QJsonObject{{"error", kNotFound}});
        }
    }

    void theEmergencySwitch() {
        // alice: a live and a sandbox credential; bob: a live one and a live one already off.
        const QByteArray alice = backend().login("alice", kPassword);
        const qint64 aliceLive =
            createCredential(backend(), alice, "kopokopo", kApiKey, kPrivateKey, "live");
        const qint64 aliceSandbox = createCredential(
            backend(), alice, "instasend", "pk_test_instasend_123456", "sk_test_instasend_1234");
        const qint64 bob = backend().createUser("bob", kPassword);
        const QByteArray bobToken = backend().login("bob", kPassword);
        const qint64 bobLive =
            createCredential(backend(), bobToken, "kopokopo", kApiKey, kPrivateKey, "live");
        const qint64 bobOff =
            createCredential(backend(), bobToken, "instasend", "pk_test_instasend_123456",
                             "sk_test_instasend_1234", "live");
        EXPECT_STATUS(backend().call("POST", credentialPath(bobOff, "toggle-status"), {}, bobToken),
                      200);
        const QByteArray root = backend().login("root", kPassword);
        const storage::CredentialRepository credentials(backend().database());
        const auto state = [&](qint64 id) {
            const auto row = credentials.findAnyOwner(id);
            return row ? QStringLiteral("%1 v%2")
                             .arg(row->isActive ? "on" : "off")
                             .arg(row->version)
                       : QStringLiteral("gone");
        };
        const auto switched = [&] {
            QStringList events;
            for (const auto& event : storage::AuditRepository(backend().database()).latest(100)) {
                if (event.action == QLatin1String("live_credentials_deactivated"))
                    events.append(QStringLiteral("%1 %2 environment=%3 %4")
                                      .arg(event.actorId.value_or(0))
                                      .arg(event.outcome, event.environment, event.detail));
            }
            return events;
        };
        QCOMPARE(state(bobOff), QStringLiteral("off v2"));

        // One user's: only their active live credential; their sandbox one and bob's untouched.
        backend().clock().advance(1000);
        EXPECT_JSON(backend().call("POST", "/admin/credentials/deactivate-live/",
                                   {{"user", m_aliceId}}, root),
                    200, QJsonObject{{"deactivated", 1}});
        QCOMPARE(state(aliceLive), QStringLiteral("off v2"));
        QCOMPARE(state(aliceSandbox), QStringLiteral("on v1"));
        QCOMPARE(state(bobLive), QStringLiteral("on v1"));
        QCOMPARE(state(bobOff), QStringLiteral("off v2"));
        const auto row = credentials.findAnyOwner(aliceLive);
        QCOMPARE(row->updatedAt, backend().clock().now());
        QCOMPARE(switched(), QStringList{QStringLiteral("%1 ok environment=live owner=%2 "
                                                        "deactivated=1")
                                             .arg(m_rootId)
                                             .arg(m_aliceId)});

        // Everyone's (the user given as its decimal text, as a form would send it, works too).
        EXPECT_JSON(backend().call("POST", "/admin/credentials/deactivate-live/", {}, root), 200,
                    QJsonObject{{"deactivated", 1}});
        QCOMPARE(state(bobLive), QStringLiteral("off v2"));
        QCOMPARE(state(bobOff), QStringLiteral("off v2"));
        QCOMPARE(state(aliceLive), QStringLiteral("off v2"));
        QCOMPARE(state(aliceSandbox), QStringLiteral("on v1"));
        EXPECT_JSON(backend().callRaw("POST", "/admin/credentials/deactivate-live/",
                                      "user=" + QByteArray::number(bob),
                                      "application/x-www-form-urlencoded", "Bearer " + root),
                    200, QJsonObject{{"deactivated", 0}});
        QCOMPARE(switched().size(), 3);
        QCOMPARE(
            switched().at(1),
            QStringLiteral("%1 ok environment=live owner=everyone deactivated=1").arg(m_rootId));
        // The owners see it at once; their ETag moved on.
        EXPECT_STATUS(backend().call("GET", credentialPath(bobLive), {}, bobToken), 200);
        QCOMPARE(backend().call("GET", credentialPath(bobLive), {}, bobToken).header("ETag"),
                 QByteArray("\"2\""));
    }

    void emergencySwitchRefusals_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonObject>("expected");
        const auto user = [](const char* message) {
            return QJsonObject{{"user", QJsonArray{message}}};
        };
        QTest::newRow("no such user") << QByteArray(R"({"user":9999})")
                                      << user("Invalid pk \"9999\" - object does not exist.");
        QTest::newRow("zero") << QByteArray(R"({"user":0})")
                              << user("Invalid pk \"0\" - object does not exist.");
        QTest::newRow("text") << QByteArray(R"({"user":"alice"})")
                              << user("Incorrect type. Expected pk value, received str.");
        QTest::newRow("boolean") << QByteArray(R"({"user":true})")
                                 << user("Incorrect type. Expected pk value, received bool.");
        QTest::newRow("fraction") << QByteArray(R"({"user":1.5})")
                                  << user("Incorrect type. Expected pk value, received float.");
        QTest::newRow("list") << QByteArray(R"({"user":[1]})")
                              << user("Incorrect type. Expected pk value, received list.");
        QTest::newRow("null") << QByteArray(R"({"user":null})")
                              << user("This field may not be null.");
        QTest::newRow("not a dictionary")
            << QByteArray("[]")
            << QJsonObject{{"non_field_errors",
                            QJsonArray{"Invalid data. Expected a dictionary, but got list."}}};
    }
    void emergencySwitchRefusals() {
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        const QByteArray alice = backend().login("alice", kPassword);
        QVERIFY(createCredential(backend(), alice, "kopokopo", kApiKey, kPrivateKey, "live") > 0);
        const QByteArray root = backend().login("root", kPassword);
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        const qint64 events = storage::AuditRepository(backend().database()).count();
        EXPECT_JSON(backend().callRaw("POST", "/admin/credentials/deactivate-live/", body,
                                      "application/json", "Bearer " + root),
                    400, expected);
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));
        QCOMPARE(storage::AuditRepository(backend().database()).count(), events);
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
