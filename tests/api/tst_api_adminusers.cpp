// /admin/users/ (API.md §3) through the router: the list (filters, orderings, cursor pages),
// creating, reading, changing and deleting users; the rules that keep the system administrable
// (nobody deletes, deactivates or demotes themselves; one active superuser always remains, also
// when two superusers demote or deactivate each other at the same moment — on SQLite and on a
// real PostgreSQL); tokens dying at once with a reset or a deactivation; unlocking a user the
// login throttle locked.

#include "core/service/services.h"
#include "core/storage/auditrepository.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/userrepository.h"
#include "tests/api/apitestcase.h"
#include "tests/support/postgrescluster.h"

#include <QTest>
#include <QThread>

#include <latch>
#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {
constexpr char kPassword[] = "correct-horse-battery";
constexpr char kNewPassword[] = "a-brand-new-passphrase";
const QJsonObject kNoSuchUser{{"detail", "Not found."}};
const QJsonObject kForbidden{{"detail", "You do not have permission to perform this action."}};
const QJsonObject kLastSuperuser{
    {"error",
     "At least one active superuser must remain: make another user an active superuser first."}};
const QJsonObject kInactive{{"detail", "User is inactive"}, {"code", "user_inactive"}};
const QJsonObject kTokenDead{
    {"detail", "Given token not valid for any token type"},
    {"code", "token_not_valid"},
    {"messages", QJsonArray{QJsonObject{{"token_class", "AccessToken"},
                                        {"token_type", "access"},
                                        {"message", "Token is invalid or expired"}}}}};

QByteArray userPath(qint64 id) {
    return "/admin/users/" + QByteArray::number(id) + "/";
}

QStringList userKeys() {
    return sorted({"id", "username", "is_superuser", "is_active", "date_joined", "last_login",
                   "credentials_count", "locked_until"});
}
} // namespace

class TestApiAdminUsers : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<test::PostgresCluster> m_postgres;
    qint64 m_rootId = 0;
    qint64 m_aliceId = 0;
    QByteArray m_root;

    test::TestBackend& backend() { return *m_backend; }
    api::ApiResponse asRoot(const QByteArray& method, const QByteArray& path,
                            const QJsonObject& body = {}) {
        return backend().call(method, path, body, m_root);
    }
    QList<storage::AuditRecord> events() {
        return storage::AuditRepository(backend().database()).latest(1000);
    }
    // The events of `action`, newest first.
    QList<storage::AuditRecord> eventsOf(const QString& action) {
        QList<storage::AuditRecord> found;
        for (const auto& event : events()) {
            if (event.action == action)
                found.append(event);
        }
        return found;
    }
    QList<qint64> walk(const QByteArray& first, int* pages = nullptr) {
        return walkPages(backend(), first, m_root, pages);
    }

private slots:
    void initTestCase() {
        m_postgres = std::make_unique<test::PostgresCluster>();
        QVERIFY2(m_postgres->start(), qPrintable(m_postgres->errorString()));
    }

    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_rootId = backend().createUser("root", kPassword, true);
        m_aliceId = backend().createUser("alice", kPassword);
        m_root = backend().login("root", kPassword);
        QVERIFY(!m_root.isEmpty());
    }
    void cleanup() { m_backend.reset(); }

    // ---- the list ----------------------------------------------------------------------------

    void everyUserWithTheirCredentialsAndLock() {
        const QByteArray alice = backend().login("alice", kPassword);
        QVERIFY(createCredential(backend(), alice, "kopokopo") > 0);
        QVERIFY(createCredential(backend(), alice, "instasend", "pk_test_instasend_123456",
                                 "sk_test_instasend_1234") > 0);
        const auto response = asRoot("GET", "/admin/users/");
        EXPECT_STATUS(response, 200);
        const QJsonObject body = response.object();
        QCOMPARE(body.value("count").toInteger(), 2);
        QVERIFY(body.value("next").isNull());
        const QJsonArray rows = body.value("results").toArray();
        QCOMPARE(rows.size(), 2);
        for (const auto& row : rows)
            QCOMPARE(sortedKeys(row.toObject()), userKeys());
        // Logged in at the clock's time (10:30:00 UTC), joined then too.
        QCOMPARE(rows[0].toObject(), (QJsonObject{{"id", m_rootId},
                                                  {"username", "root"},
                                                  {"is_superuser", true},
                                                  {"is_active", true},
                                                  {"date_joined", "2024-01-15T10:30:00Z"},
                                                  {"last_login", "2024-01-15T10:30:00Z"},
                                                  {"credentials_count", 0},
                                                  {"locked_until", QJsonValue::Null}}));
        QCOMPARE(rows[1].toObject().value("credentials_count").toInteger(), 2);
        QCOMPARE(rows[1].toObject().value("is_superuser").toBool(true), false);
        QVERIFY(!response.body.contains("pbkdf2"));
        QVERIFY(!response.body.contains("token_version"));
    }

    void theFiltersOfTheUserList_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("all") << QByteArray() << QStringList{"root", "alice", "Bob_1", "carol"};
        QTest::newRow("search any case") << QByteArray("search=BOB") << QStringList{"Bob_1"};
        QTest::newRow("search part") << QByteArray("search=ro") << QStringList{"root", "carol"};
        QTest::newRow("percent is literal") << QByteArray("search=%25") << QStringList{};
        QTest::newRow("underscore is literal") << QByteArray("search=_") << QStringList{"Bob_1"};
        QTest::newRow("inactive") << QByteArray("is_active=false") << QStringList{"Bob_1"};
        QTest::newRow("active") << QByteArray("is_active=true")
                                << QStringList{"root", "alice", "carol"};
        QTest::newRow("superusers")
            << QByteArray("is_superuser=true") << QStringList{"root", "carol"};
        QTest::newRow("active plain users")
            << QByteArray("is_superuser=false&is_active=1") << QStringList{"alice"};
        QTest::newRow("empty filters filter nothing")
            << QByteArray("search=&is_active=&is_superuser=")
            << QStringList{"root", "alice", "Bob_1", "carol"};
    }
    void theFiltersOfTheUserList() {
        QFETCH(QByteArray, query);
        QFETCH(QStringList, expected);
        const qint64 bob = backend().createUser("Bob_1", kPassword);
        backend().createUser("carol", kPassword, true);
        EXPECT_STATUS(asRoot("PATCH", userPath(bob), {{"is_active", false}}), 200);
        const auto response = asRoot("GET", "/admin/users/?" + query);
        EXPECT_STATUS(response, 200);
        QStringList names;
        for (const auto& row : response.object().value("results").toArray())
            names.append(row.toObject().value("username").toString());
        QCOMPARE(names, expected);
        QCOMPARE(response.object().value("count").toInteger(), expected.size());
    }

    void badUserQueriesAreFieldErrors_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QJsonObject>("expected");
        QTest::newRow("is_active")
            << QByteArray("is_active=maybe")
            << QJsonObject{{"is_active", QJsonArray{"Must be a valid boolean."}}};
        QTest::newRow("is_superuser")
            << QByteArray("is_superuser=2")
            << QJsonObject{{"is_superuser", QJsonArray{"Must be a valid boolean."}}};
        QTest::newRow("search too long")
            << QByteArray("search=" + QByteArray(151, 'a'))
            << QJsonObject{
                   {"search", QJsonArray{"Ensure this field has no more than 150 characters."}}};
        QTest::newRow("ordering")
            << QByteArray("ordering=password_hash")
            << QJsonObject{{"ordering", QJsonArray{"\"password_hash\" is not a valid choice."}}};
        QTest::newRow("page_size")
            << QByteArray("page_size=501")
            << QJsonObject{
                   {"page_size", QJsonArray{"Ensure this value is less than or equal to 500."}}};
        QTest::newRow("cursor") << QByteArray("cursor=abc")
                                << QJsonObject{{"cursor", QJsonArray{"Invalid cursor."}}};
    }
    void badUserQueriesAreFieldErrors() {
        QFETCH(QByteArray, query);
        QFETCH(QJsonObject, expected);
        EXPECT_JSON(asRoot("GET", "/admin/users/?" + query), 400, expected);
    }

    void userPagesFollowTheirOrderingToTheEnd_data() {
        QTest::addColumn<QByteArray>("ordering");
        QTest::addColumn<QStringList>("expected");
        // Joined ten seconds apart in this order; logged in: dave first, then bob; the others never
        // (root's login is the first of all, by init()).
        const QStringList joined{"root", "alice", "dave", "bob", "erin", "carl"};
        QTest::newRow("id") << QByteArray() << joined;
        QTest::newRow("username") << QByteArray("username")
                                  << QStringList{"alice", "bob", "carl", "dave", "erin", "root"};
        QTest::newRow("-username") << QByteArray("-username")
                                   << QStringList{"root", "erin", "dave", "carl", "bob", "alice"};
        QTest::newRow("date_joined") << QByteArray("date_joined") << joined;
        QTest::newRow("-date_joined")
            << QByteArray("-date_joined")
            << QStringList{"carl", "erin", "bob", "dave", "alice", "root"};
        // Never logged in counts as the earliest, ties by id.
        QTest::newRow("last_login") << QByteArray("last_login")
                                    << QStringList{"alice", "erin", "carl", "root", "dave", "bob"};
        QTest::newRow("-last_login") << QByteArray("-last_login")
                                     << QStringList{"bob", "dave", "root", "carl", "erin", "alice"};
    }
    void userPagesFollowTheirOrderingToTheEnd() {
        QFETCH(QByteArray, ordering);
        QFETCH(QStringList, expected);
        QMap<qint64, QString> names{{m_rootId, "root"}, {m_aliceId, "alice"}};
        for (const char* name : {"dave", "bob", "erin", "carl"}) {
            backend().clock().advance(10 * 1000);
            names.insert(backend().createUser(name, kPassword), name);
        }
        for (const char* name : {"dave", "bob"}) {
            backend().clock().advance(10 * 1000);
            QVERIFY(!backend().login(name, kPassword).isEmpty());
        }
        const QByteArray base = "/admin/users/?ordering=" + ordering;
        const QList<qint64> whole = walk(base + "&page_size=500");
        QStringList order;
        for (qint64 id : whole)
            order.append(names.value(id));
        QCOMPARE(order, expected);
        int pages = 0;
        QCOMPARE(walk(base + "&page_size=2", &pages), whole);
        QCOMPARE(pages, 3);
        QCOMPARE(walk(base + "&page_size=5", &pages), whole);
        QCOMPARE(pages, 2);
    }

    // ---- create, read ------------------------------------------------------------------------

    void aSuperuserCreatesAUser() {
        backend().clock().advance(90 * 1000);
        const auto response =
            asRoot("POST", "/admin/users/", {{"username", "newbie"}, {"password", kNewPassword}});
        EXPECT_STATUS(response, 201);
        const qint64 id = response.object().value("id").toInteger();
        QVERIFY(id > m_aliceId);
        QCOMPARE(response.object(), (QJsonObject{{"id", id},
                                                 {"username", "newbie"},
                                                 {"is_superuser", false},
                                                 {"is_active", true},
                                                 {"date_joined", "2024-01-15T10:31:30Z"},
                                                 {"last_login", QJsonValue::Null},
                                                 {"credentials_count", 0},
                                                 {"locked_until", QJsonValue::Null}}));
        EXPECT_JSON(asRoot("GET", userPath(id)), 200, response.object());
        QVERIFY(!backend().login("newbie", kNewPassword).isEmpty());

        const auto admin = asRoot(
            "POST", "/admin/users/",
            {{"username", "second-root"}, {"password", kNewPassword}, {"is_superuser", true}});
        EXPECT_STATUS(admin, 201);
        QCOMPARE(admin.object().value("is_superuser").toBool(), true);

        // Audited with the superuser as actor and the new user as target; never the password.
        const auto created = eventsOf("user_created");
        QCOMPARE(created.size(), 4); // root, alice (by the system), newbie, second-root
        QCOMPARE(created[1].actorId, std::optional<qint64>(m_rootId));
        QCOMPARE(created[1].actorUsername, QStringLiteral("root"));
        QCOMPARE(created[1].outcome, QStringLiteral("ok"));
        QCOMPARE(created[1].detail, QStringLiteral("username=newbie id=%1 superuser=no").arg(id));
        QCOMPARE(created[0].detail.endsWith("superuser=yes"), true);
        for (const auto& event : events())
            QVERIFY2(!event.detail.contains(kNewPassword), qPrintable(event.detail));
    }

    void createRefusals_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonObject>("expected");
        const auto one = [](const char* field, const char* message) {
            return QJsonObject{{field, QJsonArray{message}}};
        };
        QTest::newRow("taken") << QByteArray(R"({"username":"alice","password":"long-enough-pw"})")
                               << one("username", "A user with that username already exists.");
        QTest::newRow("taken once trimmed")
            << QByteArray(R"({"username":" alice ","password":"long-enough-pw"})")
            << one("username", "A user with that username already exists.");
        QTest::newRow("short password")
            << QByteArray(R"({"username":"newbie","password":"short"})")
            << one("password", "This password is too short. It must contain at least 10 "
                               "characters.");
        QTest::newRow("numeric password")
            << QByteArray(R"({"username":"newbie","password":"12345678901234"})")
            << one("password", "This password is entirely numeric.");
        QTest::newRow("nothing") << QByteArray("{}")
                                 << QJsonObject{
                                        {"username", QJsonArray{"This field is required."}},
                                        {"password", QJsonArray{"This field is required."}}};
        QTest::newRow("blank") << QByteArray(R"({"username":" ","password":""})")
                               << QJsonObject{{"username", QJsonArray{"This field may not be "
                                                                      "blank."}},
                                              {"password", QJsonArray{"This field may not be "
                                                                      "blank."}}};
        QTest::newRow("not strings")
            << QByteArray(R"({"username":["a"],"password":7})")
            << QJsonObject{{"username", QJsonArray{"Not a valid string."}},
                           {"password", QJsonArray{"Not a valid string."}}};
        QTest::newRow("bad characters")
            << QByteArray(R"({"username":"new user","password":"long-enough-pw"})")
            << one("username", "Enter a valid username. This value may contain only letters, "
                               "numbers, and @/./+/-/_ characters.");
        QTest::newRow("too long") << QByteArray(R"({"username":")" + QByteArray(151, 'u') +
                                                R"(","password":"long-enough-pw"})")
                                  << one("username",
                                         "Ensure this field has no more than 150 characters.");
        QTest::newRow("is_superuser not a boolean")
            << QByteArray(R"({"username":"newbie","password":"long-enough-pw","is_superuser":"x"})")
            << one("is_superuser", "Must be a valid boolean.");
        QTest::newRow("not a dictionary")
            << QByteArray(R"(["newbie"])")
            << one("non_field_errors", "Invalid data. Expected a dictionary, but got list.");
    }
    void createRefusals() {
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        EXPECT_JSON(backend().callRaw("POST", "/admin/users/", body, "application/json",
                                      "Bearer " + m_root),
                    400, expected);
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));
        QCOMPARE(eventsOf("user_created").size(), 2);
    }

    void unknownOrMalformedUserIdsAreNotFound_data() {
        QTest::addColumn<QByteArray>("id");
        QTest::newRow("never existed") << QByteArray("9999");
        QTest::newRow("zero") << QByteArray("0");
        QTest::newRow("negative") << QByteArray("-1");
        QTest::newRow("text") << QByteArray("alice");
        QTest::newRow("too big") << QByteArray("99999999999999999999");
    }
    void unknownOrMalformedUserIdsAreNotFound() {
        QFETCH(QByteArray, id);
        const QByteArray path = "/admin/users/" + id + "/";
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        EXPECT_JSON(asRoot("GET", path), 404, kNoSuchUser);
        EXPECT_JSON(asRoot("PATCH", path, {{"is_active", false}}), 404, kNoSuchUser);
        EXPECT_JSON(asRoot("DELETE", path), 404, kNoSuchUser);
        // 404 comes before the body is read.
        EXPECT_JSON(
            backend().callRaw("PATCH", path, "{not json", "application/json", "Bearer " + m_root),
            404, kNoSuchUser);
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));
    }

    // ---- change ------------------------------------------------------------------------------

    void aSuperuserChangesAUser() {
        auto changed = asRoot("PATCH", userPath(m_aliceId), {{"is_superuser", true}});
        EXPECT_STATUS(changed, 200);
        QCOMPARE(changed.object().value("is_superuser").toBool(), true);
        QCOMPARE(sortedKeys(changed.object()), userKeys());
        changed = asRoot("PATCH", userPath(m_aliceId), {{"is_active", "false"}});
        EXPECT_STATUS(changed, 200);
        QCOMPARE(changed.object().value("is_active").toBool(true), false);
        changed = asRoot("PATCH", userPath(m_aliceId), {{"is_active", true}, {"is_superuser", 0}});
        EXPECT_STATUS(changed, 200);
        QCOMPARE(changed.object().value("is_active").toBool(), true);
        QCOMPARE(changed.object().value("is_superuser").toBool(true), false);
        EXPECT_JSON(asRoot("GET", userPath(m_aliceId)), 200, changed.object());
        // Nothing to change: the user as it is, and no event.
        const qsizetype before = events().size();
        EXPECT_JSON(asRoot("PATCH", userPath(m_aliceId), {{"unknown", 1}}), 200, changed.object());
        QCOMPARE(events().size(), before);

        const auto updated = eventsOf("user_updated");
        QCOMPARE(updated.size(), 3);
        QCOMPARE(updated[0].actorId, std::optional<qint64>(m_rootId));
        QCOMPARE(updated[0].detail, QStringLiteral("username=alice id=%1 is_active=true "
                                                   "is_superuser=false")
                                        .arg(m_aliceId));
        QCOMPARE(updated[1].detail,
                 QStringLiteral("username=alice id=%1 is_active=false").arg(m_aliceId));
        QCOMPARE(updated[2].detail,
                 QStringLiteral("username=alice id=%1 is_superuser=true").arg(m_aliceId));
    }

    void patchRefusals_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonObject>("expected");
        QTest::newRow("is_active")
            << QByteArray(R"({"is_active":"sometimes"})")
            << QJsonObject{{"is_active", QJsonArray{"Must be a valid boolean."}}};
        QTest::newRow("is_superuser null")
            << QByteArray(R"({"is_superuser":null})")
            << QJsonObject{{"is_superuser", QJsonArray{"This field may not be null."}}};
        QTest::newRow("unlock") << QByteArray(R"({"unlock":[]})")
                                << QJsonObject{{"unlock", QJsonArray{"Must be a valid boolean."}}};
        QTest::newRow("short password")
            << QByteArray(R"({"password":"short","is_active":false})")
            << QJsonObject{{"password", QJsonArray{"This password is too short. It must contain "
                                                   "at least 10 characters."}}};
        QTest::newRow("blank password")
            << QByteArray(R"({"password":""})")
            << QJsonObject{{"password", QJsonArray{"This field may not be blank."}}};
        QTest::newRow("password not a string")
            << QByteArray(R"({"password":12345678901})")
            << QJsonObject{{"password", QJsonArray{"Not a valid string."}}};
        QTest::newRow("two at once")
            << QByteArray(R"({"is_active":"x","is_superuser":"maybe"})")
            << QJsonObject{{"is_active", QJsonArray{"Must be a valid boolean."}},
                           {"is_superuser", QJsonArray{"Must be a valid boolean."}}};
        QTest::newRow("not a dictionary")
            << QByteArray(R"("alice")")
            << QJsonObject{{"non_field_errors",
                            QJsonArray{"Invalid data. Expected a dictionary, but got str."}}};
    }
    void patchRefusals() {
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        EXPECT_JSON(backend().callRaw("PATCH", userPath(m_aliceId), body, "application/json",
                                      "Bearer " + m_root),
                    400, expected);
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));
    }

    void nobodyRemovesThemselves_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("action");
        QTest::newRow("deactivate") << QByteArray("PATCH") << QJsonObject{{"is_active", false}}
                                    << "You cannot deactivate your own account."
                                    << "user_updated";
        QTest::newRow("demote") << QByteArray("PATCH") << QJsonObject{{"is_superuser", false}}
                                << "You cannot remove your own superuser status."
                                << "user_updated";
        QTest::newRow("deactivate and reset")
            << QByteArray("PATCH") << QJsonObject{{"is_active", false}, {"password", kNewPassword}}
            << "You cannot deactivate your own account."
            << "user_updated";
        QTest::newRow("delete") << QByteArray("DELETE") << QJsonObject{}
                                << "You cannot delete your own account."
                                << "user_deleted";
    }
    void nobodyRemovesThemselves() {
        QFETCH(QByteArray, method);
        QFETCH(QJsonObject, body);
        QFETCH(QString, message);
        QFETCH(QString, action);
        // Even with another superuser there to keep the system administrable.
        backend().createUser("second", kPassword, true);
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        EXPECT_JSON(asRoot(method, userPath(m_rootId), body), 400, QJsonObject{{"error", message}});
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));
        // The refusal is audited as denied, with why.
        const auto refused = eventsOf(action);
        QVERIFY(!refused.isEmpty());
        QCOMPARE(refused.first().outcome, QStringLiteral("denied"));
        QCOMPARE(refused.first().actorId, std::optional<qint64>(m_rootId));
        QCOMPARE(refused.first().detail,
                 QStringLiteral("id=%1 refused: %2").arg(m_rootId).arg(message));
        // What is not a removal is allowed on oneself.
        EXPECT_STATUS(asRoot("PATCH", userPath(m_rootId), {{"is_active", true}}), 200);
        EXPECT_STATUS(asRoot("GET", "/admin/stats/"), 200);
    }

    void theLastActiveSuperuserAlwaysRemains() {
        // The loser of a race, seen from the service: B's request was let in while B was a
        // superuser, but A demoted B first. A is now the only active superuser, and B's demotion
        // of A must not go through — nor, with a third superuser there, anything B asks.
        const auto& users = backend().services().users();
        const qint64 bob = backend().createUser("bob", kPassword, true);
        const service::Actor bobAsHeWas{bob, "bob", true, "127.0.0.1"};
        EXPECT_STATUS(asRoot("PATCH", userPath(bob), {{"is_superuser", false}}), 200);
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        using Change = service::UserService::Change;
        Change demotion;
        demotion.isSuperuser = false;
        Change deactivation;
        deactivation.isActive = false;
        Change promotion;
        promotion.isSuperuser = true;
        for (const Change& change : {demotion, deactivation}) {
            const auto outcome = users.update(bobAsHeWas, m_rootId, change);
            QCOMPARE(outcome.error, service::UserService::Error::Refused);
            QCOMPARE(outcome.message, kLastSuperuser.value("error").toString());
        }
        QCOMPARE(users.remove(bobAsHeWas, m_rootId).error, service::UserService::Error::Refused);
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));

        backend().createUser("carol", kPassword, true);
        QCOMPARE(users.update(bobAsHeWas, m_rootId, demotion).error,
                 service::UserService::Error::Forbidden);
        QCOMPARE(users.update(bobAsHeWas, m_aliceId, promotion).error,
                 service::UserService::Error::Forbidden);
        QCOMPARE(users.remove(bobAsHeWas, m_aliceId).error, service::UserService::Error::Forbidden);
        QCOMPARE(backend().services().users().find(m_rootId)->isSuperuser, true);
        QVERIFY(backend().services().users().find(m_aliceId).has_value());
        const auto denied = eventsOf("user_deleted");
        QCOMPARE(denied.first().detail,
                 QStringLiteral("id=%1 refused: no longer an active superuser").arg(m_aliceId));
    }

    void superusersRemovingEachOtherAtOnce_data() {
        QTest::addColumn<QString>("database");
        QTest::addColumn<QJsonObject>("removal");
        for (const char* database : {"sqlite", "postgresql"}) {
            QTest::addRow("%s, demote", database)
                << database << QJsonObject{{"is_superuser", false}};
            QTest::addRow("%s, deactivate", database)
                << database << QJsonObject{{"is_active", false}};
        }
    }
    void superusersRemovingEachOtherAtOnce() {
        QFETCH(QString, database);
        QFETCH(QJsonObject, removal);
        // Two superusers, the only two, each removing the other at the same moment, round after
        // round: exactly one wins each time and one active superuser always remains. The loser
        // is refused by the rule (400) when both got in, or by the router when the winner's
        // change committed before the loser's request was authenticated (403, or 401 for a
        // deactivated caller).
        std::unique_ptr<test::TestBackend> race;
        if (database == "postgresql") {
            const storage::DatabaseConfig config = m_postgres->database();
            QVERIFY2(!config.name.isEmpty(), qPrintable(m_postgres->errorString()));
            race = std::make_unique<test::TestBackend>(config);
        } else {
            race = std::make_unique<test::TestBackend>();
        }
        const qint64 ann = race->createUser("ann", kPassword, true);
        const qint64 ben = race->createUser("ben", kPassword, true);
        const storage::UserRepository users(race->database());
        constexpr int Rounds = 15;
        QMap<int, int> losers;
        for (int round = 0; round < Rounds; ++round) {
            const QByteArray annToken = race->login("ann", kPassword);
            const QByteArray benToken = race->login("ben", kPassword);
            QVERIFY(!annToken.isEmpty() && !benToken.isEmpty());
            std::latch start(2);
            api::ApiResponse byAnn;
            api::ApiResponse byBen;
            const auto removing = [&](qint64 target, const QByteArray& token,
                                      api::ApiResponse& answer) {
                return QThread::create([&, target, token] {
                    start.arrive_and_wait();
                    answer = race->handle(makeRequest("PATCH", userPath(target), compact(removal),
                                                      "application/json", "Bearer " + token));
                });
            };
            std::unique_ptr<QThread> first(removing(ben, annToken, byAnn));
            std::unique_ptr<QThread> second(removing(ann, benToken, byBen));
            first->start();
            second->start();
            QVERIFY(first->wait(60000));
            QVERIFY(second->wait(60000));

            QVERIFY2((byAnn.status == 200) != (byBen.status == 200),
                     qPrintable(describe(byAnn) + " / " + describe(byBen)));
            const api::ApiResponse& lost = byAnn.status == 200 ? byBen : byAnn;
            const bool deactivating = removal.contains("is_active");
            if (lost.status == 400)
                EXPECT_JSON(lost, 400, kLastSuperuser);
            else if (deactivating)
                EXPECT_JSON(lost, 401, kInactive);
            else
                EXPECT_JSON(lost, 403, kForbidden);
            ++losers[lost.status];

            const auto superusers = users.lockActiveSuperusers();
            QVERIFY(superusers.has_value());
            QCOMPARE(*superusers, QList<qint64>{byAnn.status == 200 ? ann : ben});
            // Both back for the next round.
            for (qint64 id : {ann, ben}) {
                QCOMPARE(users.setActive(id, true), storage::WriteStatus::Ok);
                QCOMPARE(users.setSuperuser(id, true), storage::WriteStatus::Ok);
            }
        }
        qInfo() << "the losers' answers (status: rounds):" << losers;
    }

    // ---- tokens die at once ------------------------------------------------------------------

    void aPasswordResetEndsEveryTokenAtOnce() {
        const auto login = loginObject(backend(), "alice", kPassword);
        const QByteArray access = login.value("access_token").toString().toUtf8();
        const QString refresh = login.value("refresh_token").toString();
        EXPECT_STATUS(backend().call("GET", "/users/me/", {}, access), 200);
        const auto reset = asRoot("PATCH", userPath(m_aliceId), {{"password", kNewPassword}});
        EXPECT_STATUS(reset, 200);
        QVERIFY(!reset.body.contains(kNewPassword));
        EXPECT_JSON(backend().call("GET", "/users/me/", {}, access), 401, kTokenDead);
        EXPECT_JSON(
            backend().call("POST", "/users/token/refresh/", {{"refresh_token", refresh}}), 401,
            QJsonObject{{"detail", "Token is invalid or expired"}, {"code", "token_not_valid"}});
        QVERIFY(backend().login("alice", kPassword).isEmpty());
        const QByteArray fresh = backend().login("alice", kNewPassword);
        EXPECT_STATUS(backend().call("GET", "/users/me/", {}, fresh), 200);
        const auto updated = eventsOf("user_updated");
        QCOMPARE(updated.first().detail,
                 QStringLiteral("username=alice id=%1 password=reset").arg(m_aliceId));
    }

    void aDeactivationEndsEveryTokenAtOnce() {
        const auto login = loginObject(backend(), "alice", kPassword);
        const QByteArray access = login.value("access_token").toString().toUtf8();
        const QString refresh = login.value("refresh_token").toString();
        EXPECT_STATUS(asRoot("PATCH", userPath(m_aliceId), {{"is_active", false}}), 200);
        EXPECT_JSON(backend().call("GET", "/users/me/", {}, access), 401, kInactive);
        EXPECT_STATUS(backend().call("POST", "/users/token/refresh/", {{"refresh_token", refresh}}),
                      401);
        QVERIFY(backend().login("alice", kPassword).isEmpty());
        // Back again: the tokens from before stay dead; a new login works.
        EXPECT_STATUS(asRoot("PATCH", userPath(m_aliceId), {{"is_active", true}}), 200);
        EXPECT_JSON(backend().call("GET", "/users/me/", {}, access), 401, kTokenDead);
        EXPECT_STATUS(backend().call("POST", "/users/token/refresh/", {{"refresh_token", refresh}}),
                      401);
        EXPECT_STATUS(backend().call("GET", "/users/me/", {}, backend().login("alice", kPassword)),
                      200);
    }

    // ---- unlock ------------------------------------------------------------------------------

    void aSuperuserUnlocksAUserAfterFiveFailedLogins() {
        for (int i = 0; i < 5; ++i) {
            EXPECT_STATUS(backend().call("POST", "/users/login/",
                                         {{"username", "alice"}, {"password", "wrong-password"}}),
                          401);
        }
        const auto locked = backend().call("POST", "/users/login/",
                                           {{"username", "alice"}, {"password", kPassword}});
        QCOMPARE(locked.status, 429);
        // Locked for the throttle's 15 minutes from now (the manual clock's 10:30:00).
        auto user = asRoot("GET", userPath(m_aliceId));
        EXPECT_STATUS(user, 200);
        QCOMPARE(user.object().value("locked_until").toString(),
                 QStringLiteral("2024-01-15T10:45:00Z"));
        const auto listed = asRoot("GET", "/admin/users/?search=alice").object();
        QCOMPARE(listed.value("results").toArray().first().toObject().value("locked_until"),
                 QJsonValue("2024-01-15T10:45:00Z"));

        const auto unlocked = asRoot("PATCH", userPath(m_aliceId), {{"unlock", true}});
        EXPECT_STATUS(unlocked, 200);
        QVERIFY(unlocked.object().value("locked_until").isNull());
        EXPECT_STATUS(backend().call("POST", "/users/login/",
                                     {{"username", "alice"}, {"password", kPassword}}),
                      200);
        const auto events = eventsOf("user_unlocked");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().actorId, std::optional<qint64>(m_rootId));
        QCOMPARE(events.first().outcome, QStringLiteral("ok"));
        QCOMPARE(events.first().detail, QStringLiteral("username=alice id=%1").arg(m_aliceId));
        QVERIFY(eventsOf("user_updated").isEmpty()); // an unlock alone changes no column
    }

    void theLastSuperuserLockedOutIsLetInByAnother() {
        const qint64 second = backend().createUser("second", kPassword, true);
        const QByteArray secondToken = backend().login("second", kPassword);
        for (int i = 0; i < 5; ++i)
            backend().call("POST", "/users/login/", {{"username", "root"}, {"password", "nope"}});
        QCOMPARE(backend()
                     .call("POST", "/users/login/", {{"username", "root"}, {"password", kPassword}})
                     .status,
                 429);
        EXPECT_STATUS(
            backend().call("PATCH", userPath(m_rootId), {{"unlock", "true"}}, secondToken), 200);
        QVERIFY(!backend().login("root", kPassword).isEmpty());
        QVERIFY(second > 0);
    }

    // ---- delete ------------------------------------------------------------------------------

    void deletingAUserTakesTheirCredentialsAndKeepsTheirEvents() {
        const QByteArray alice = backend().login("alice", kPassword);
        const qint64 kopo = createCredential(backend(), alice, "kopokopo");
        QVERIFY(createCredential(backend(), alice, "instasend", "pk_test_instasend_123456",
                                 "sk_test_instasend_1234") > 0);
        EXPECT_STATUS(backend().call("GET", credentialPath(kopo, "get-private-key"), {}, alice),
                      200);
        const auto aliceEvents = [&] {
            QStringList rows;
            for (const auto& event : events()) {
                if (event.actorUsername == QLatin1String("alice"))
                    rows.append(QStringLiteral("%1 %2 %3 %4 %5")
                                    .arg(event.id)
                                    .arg(event.action, event.outcome, event.detail)
                                    .arg(event.credentialId.value_or(0)));
            }
            return rows;
        };
        const QStringList before = aliceEvents();
        QCOMPARE(before.size(), 4); // login, two creations, the reveal

        EXPECT_JSON(
            asRoot("DELETE", userPath(m_aliceId)), 200,
            (QJsonObject{{"message", "User alice has been deleted"}, {"credentials_deleted", 2}}));
        EXPECT_JSON(asRoot("GET", userPath(m_aliceId)), 404, kNoSuchUser);
        QCOMPARE(storage::CredentialRepository(backend().database()).count(), 0);
        QCOMPARE(aliceEvents(), before);
        const auto deleted = eventsOf("user_deleted");
        QCOMPARE(deleted.size(), 1);
        QCOMPARE(deleted.first().actorId, std::optional<qint64>(m_rootId));
        QCOMPARE(deleted.first().detail,
                 QStringLiteral("username=alice id=%1 credentials=2").arg(m_aliceId));
        // Her token names a user that is gone.
        EXPECT_JSON(backend().call("GET", "/users/me/", {}, alice), 401,
                    (QJsonObject{{"detail", "User not found"}, {"code", "user_not_found"}}));
        EXPECT_JSON(asRoot("DELETE", userPath(m_aliceId)), 404, kNoSuchUser);
    }
};

QTEST_GUILESS_MAIN(TestApiAdminUsers)
#include "tst_api_adminusers.moc"
