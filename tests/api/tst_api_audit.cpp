// The audit trail through the router (API.md §3): every action that exists writes exactly one
// event with its actor, target, environment, outcome and client address — the denied and failed
// attempts too — and GET /admin/audit/verify/ finds every change made behind the server's back
// with the sqlite3 command line: each column of an event edited in turn, an event inserted, an
// event deleted, and the newest events removed (against a checkpoint).

#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/service/keyrotation.h"
#include "core/storage/auditrepository.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/userrepository.h"
#include "tests/api/apitestcase.h"

#include <QProcess>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {
constexpr char kPassword[] = "correct-horse-battery";
constexpr char kLiveApiKey[] = "pk_live_kopokopo_A1B2C3D4E5";
constexpr char kLivePrivateKey[] = "sk_live_kopokopo_Z9Y8X7W6V5";
const QJsonObject kForbidden{{"detail", "You do not have permission to perform this action."}};

// What one event must hold; every field is compared.
struct Expected {
    std::optional<qint64> actorId;
    QString actorUsername;
    QString action;
    QString outcome;
    std::optional<qint64> credentialId;
    QString provider;
    QString environment;
    QString detail;
    QString remoteAddr = QStringLiteral("127.0.0.1");
};

QString idText(const std::optional<qint64>& id) {
    return id ? QString::number(*id) : QStringLiteral("null");
}

QString eventText(const storage::AuditRecord& e) {
    return QStringLiteral("actor=%1/%2 action=%3 outcome=%4 credential=%5 provider=%6 "
                          "environment=%7 remote=%8 detail=\"%9\"")
        .arg(idText(e.actorId), e.actorUsername, e.action, e.outcome, idText(e.credentialId),
             e.provider, e.environment, e.remoteAddr, e.detail);
}

QString expectedText(const Expected& x) {
    storage::AuditRecord e;
    e.actorId = x.actorId;
    e.actorUsername = x.actorUsername;
    e.action = x.action;
    e.outcome = x.outcome;
    e.credentialId = x.credentialId;
    e.provider = x.provider;
    e.environment = x.environment;
    e.remoteAddr = x.remoteAddr;
    e.detail = x.detail;
    return eventText(e);
}
} // namespace

// The request before it wrote exactly one event, and that event is `expected`, sealed.
#define EXPECT_ONE_EVENT(since, ...)                                                               \
    do {                                                                                           \
        const QList<storage::AuditRecord> fresh_ = eventsAfter(since);                             \
        QStringList seen_;                                                                         \
        for (const auto& e_ : fresh_)                                                              \
            seen_ << eventText(e_);                                                                \
        QVERIFY2(fresh_.size() == 1, qPrintable(QStringLiteral("%1 events: %2")                    \
                                                    .arg(fresh_.size())                            \
                                                    .arg(seen_.join(QStringLiteral("; ")))));      \
        QCOMPARE(eventText(fresh_.first()), expectedText(__VA_ARGS__));                            \
        QVERIFY2(fresh_.first().mac.size() == 64 && fresh_.first().keyId.size() == 16,             \
                 "the event is sealed");                                                           \
    } while (false)

class TestApiAudit : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_rootId = 0;
    qint64 m_aliceId = 0;
    qint64 m_bobId = 0;
    QByteArray m_root;
    QByteArray m_alice;
    QByteArray m_bob;

    test::TestBackend& backend() { return *m_backend; }
    const storage::Database& db() { return backend().database(); }

    qint64 lastEventId() {
        QSqlQuery query(db().connection());
        if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM audit_events")) ||
            !query.next())
            return -1;
        return query.value(0).toLongLong();
    }
    QList<storage::AuditRecord> eventsAfter(qint64 id) {
        return storage::AuditRepository(db()).after(id, 1000).value_or(
            QList<storage::AuditRecord>());
    }
    std::optional<storage::AuditRecord> eventNamed(const QString& action) {
        for (const auto& event : eventsAfter(0)) {
            if (event.action == action)
                return event;
        }
        return std::nullopt;
    }
    api::ApiResponse loginFrom(const QString& address, const QString& username,
                               const QString& password) {
        return backend().handle(makeRequest(
            "POST", "/users/login/", compact({{"username", username}, {"password", password}}),
            "application/json", {}, address));
    }
    QJsonObject refreshTokenOf(const QString& username) {
        return loginObject(backend(), username, kPassword);
    }
    qint64 liveCredential(const QByteArray& token) {
        return createCredential(backend(), token, "kopokopo", kLiveApiKey, kLivePrivateKey, "live");
    }
    QJsonObject verifyChain(const QByteArray& query = {}) {
        const auto response = backend().call("GET", "/admin/audit/verify/" + query, {}, m_root);
        if (response.status != 200)
            qWarning("verify answered %s", qPrintable(describe(response)));
        return response.object();
    }
    // Runs `sql` on the database file with the sqlite3 command line, as someone with access to
    // the file would (on PostgreSQL: on a connection of the database's own role); empty on
    // success, otherwise what went wrong.
    QString sqlite(const QString& sql) {
        if (backend().onPostgres()) {
            QSqlQuery query(db().connection());
            return query.exec(sql) ? QString()
                                   : QStringLiteral("SQL failed: %1").arg(query.lastError().text());
        }
        QProcess process;
        process.start(QStringLiteral("sqlite3"), {backend().databasePath(), sql});
        if (!process.waitForFinished(30000))
            return QStringLiteral("sqlite3 did not finish: %1").arg(process.errorString());
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return QStringLiteral("sqlite3 failed: %1")
                .arg(QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    QString macOf(qint64 id) {
        QSqlQuery query(db().connection());
        query.prepare(QStringLiteral("SELECT mac FROM audit_events WHERE id = :id"));
        query.bindValue(QStringLiteral(":id"), id);
        return query.exec() && query.next() ? query.value(0).toString() : QString();
    }
    // A history of every kind of event, ending with `newest`; `created` is the
    // credential_created event in the middle of it.
    struct History {
        qint64 created = 0;
        qint64 newest = 0;
    };
    History makeHistory() {
        History history;
        const qint64 id = liveCredential(m_alice);
        history.created = eventNamed(QStringLiteral("credential_created"))->id;
        backend().call("GET", credentialPath(id, "get-private-key"), {}, m_alice);
        backend().call("POST", credentialPath(id, "verify"), {{"private_key", "sk_not_the_key_1"}},
                       m_alice);
        backend().call("POST", credentialPath(id, "toggle-status"), {}, m_bob);
        loginFrom("10.0.0.9", "nobody-here", "whatever-typed");
        history.newest = lastEventId();
        return history;
    }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_rootId = backend().createUser("root", kPassword, true);
        m_aliceId = backend().createUser("alice", kPassword);
        m_bobId = backend().createUser("bob", kPassword);
        m_root = backend().login("root", kPassword);
        m_alice = backend().login("alice", kPassword);
        m_bob = backend().login("bob", kPassword);
        m_root = backend().login("root", kPassword);
        QVERIFY(!m_root.isEmpty() && !m_alice.isEmpty() && !m_bob.isEmpty());
    }
    void cleanup() { m_backend.reset(); }

    // ---- one test per action and outcome ------------------------------------------------------

    void userCreatedBySystemAndBySuperuser() {
        qint64 since = lastEventId();
        const auto carol = backend().services().users().create("carol", kPassword, false);
        QVERIFY(carol.ok());
        EXPECT_ONE_EVENT(since,
                         {std::nullopt, "system", "user_created", "ok", std::nullopt, "", "",
                          QStringLiteral("username=carol id=%1 superuser=no").arg(*carol.id), ""});
        since = lastEventId();
        service::Actor root{m_rootId, "root", true, "10.1.1.1"};
        const auto dave = backend().services().users().create(root, "dave", kPassword, true);
        QVERIFY(dave.ok());
        EXPECT_ONE_EVENT(since, {m_rootId, "root", "user_created", "ok", std::nullopt, "", "",
                                 QStringLiteral("username=dave id=%1 superuser=yes").arg(*dave.id),
                                 "10.1.1.1"});
        // A refused user (taken name) writes nothing.
        since = lastEventId();
        QVERIFY(!backend().services().users().create(root, "dave", kPassword, false).ok());
        QCOMPARE(eventsAfter(since).size(), 0);
    }

    void loginOk() {
        const qint64 since = lastEventId();
        QVERIFY(!backend().login("alice", kPassword).isEmpty());
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "login", "ok", {}, "", "", ""});
    }

    void loginFailedWrongPassword() {
        const qint64 since = lastEventId();
        EXPECT_STATUS(loginFrom("10.0.0.1", "alice", "not-her-password"), 401);
        EXPECT_ONE_EVENT(
            since,
            {m_aliceId, "alice", "login", "failed", {}, "", "", "wrong password", "10.0.0.1"});
    }

    void loginFailedUnknownUserKeepsNothingTyped() {
        // A password typed into the username field: the event says the user is unknown.
        const qint64 since = lastEventId();
        EXPECT_STATUS(loginFrom("10.0.0.2", "Tr0ub4dor&3-typed-here", "x"), 401);
        EXPECT_ONE_EVENT(
            since, {std::nullopt, "", "login", "failed", {}, "", "", "unknown user", "10.0.0.2"});
    }

    void loginFailedInactiveUser() {
        QCOMPARE(storage::UserRepository(db()).setActive(m_bobId, false), storage::WriteStatus::Ok);
        const qint64 since = lastEventId();
        EXPECT_STATUS(loginFrom("10.0.0.3", "bob", kPassword), 401);
        EXPECT_ONE_EVENT(
            since, {m_bobId, "bob", "login", "failed", {}, "", "", "inactive user", "10.0.0.3"});
    }

    void loginDeniedWhenThrottled() {
        const int failures = backend().services().settings().throttleMaxFailures;
        for (int i = 0; i < failures; ++i)
            EXPECT_STATUS(loginFrom("10.0.0.4", "alice", "wrong-guess"), 401);
        const qint64 since = lastEventId();
        EXPECT_STATUS(loginFrom("10.0.0.4", "alice", kPassword), 429);
        EXPECT_ONE_EVENT(since, {m_aliceId,
                                 "alice",
                                 "login",
                                 "denied",
                                 {},
                                 "",
                                 "",
                                 "too many failed attempts",
                                 "10.0.0.4"});
    }

    void loginDeniedWhenThrottledForAnUnknownUser() {
        const int failures = backend().services().settings().throttleMaxFailures;
        for (int i = 0; i < failures; ++i)
            EXPECT_STATUS(loginFrom("10.0.0.5", "s3cret-in-the-wrong-field", "x"), 401);
        const qint64 since = lastEventId();
        EXPECT_STATUS(loginFrom("10.0.0.5", "s3cret-in-the-wrong-field", "x"), 429);
        EXPECT_ONE_EVENT(since, {std::nullopt,
                                 "",
                                 "login",
                                 "denied",
                                 {},
                                 "",
                                 "",
                                 "unknown user; too many failed attempts",
                                 "10.0.0.5"});
    }

    void logoutOk() {
        const QJsonObject session = refreshTokenOf("alice");
        const QByteArray access = session.value("access_token").toString().toUtf8();
        const qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("POST", "/users/logout/",
                                     {{"refresh_token", session.value("refresh_token")}}, access),
                      200);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "logout", "ok", {}, "", "", ""});
    }

    void logoutFailedWithATokenThatIsNotOne() {
        const qint64 since = lastEventId();
        EXPECT_STATUS(
            backend().call("POST", "/users/logout/", {{"refresh_token", "not.a.token"}}, m_alice),
            401);
        EXPECT_ONE_EVENT(
            since, {m_aliceId, "alice", "logout", "failed", {}, "", "", "refresh token not valid"});
    }

    void logoutDeniedWithAnotherUsersToken() {
        const QJsonObject bobs = refreshTokenOf("bob");
        const qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("POST", "/users/logout/",
                                     {{"refresh_token", bobs.value("refresh_token")}}, m_alice),
                      401);
        EXPECT_ONE_EVENT(
            since,
            {m_aliceId, "alice", "logout", "denied", {}, "", "", "another user's refresh token"});
    }

    void passwordVerifiedOkFailedAndDenied() {
        qint64 since = lastEventId();
        EXPECT_STATUS(
            backend().call("POST", "/users/verify-password/", {{"password", kPassword}}, m_alice),
            200);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "password_verified", "ok", {}, "", "", ""});
        since = lastEventId();
        EXPECT_STATUS(backend().call("POST", "/users/verify-password/",
                                     {{"password", "wrong-password-1"}}, m_alice),
                      200);
        EXPECT_ONE_EVENT(
            since,
            {m_aliceId, "alice", "password_verified", "failed", {}, "", "", "wrong password"});
        const int failures = backend().services().settings().throttleMaxFailures;
        for (int i = 1; i < failures; ++i)
            backend().call("POST", "/users/verify-password/", {{"password", "wrong-password-1"}},
                           m_alice);
        since = lastEventId();
        EXPECT_STATUS(
            backend().call("POST", "/users/verify-password/", {{"password", kPassword}}, m_alice),
            429);
        EXPECT_ONE_EVENT(since, {m_aliceId,
                                 "alice",
                                 "password_verified",
                                 "denied",
                                 {},
                                 "",
                                 "",
                                 "too many failed attempts"});
    }

    void passwordChangedOkAndFailed() {
        qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("POST", "/users/change-password/",
                                     {{"old_password", "not-the-old-one"},
                                      {"new_password", "a-new-password-1"}},
                                     m_alice),
                      400);
        EXPECT_ONE_EVENT(
            since,
            {m_aliceId, "alice", "password_changed", "failed", {}, "", "", "wrong password"});
        since = lastEventId();
        EXPECT_STATUS(backend().call("POST", "/users/change-password/",
                                     {{"old_password", kPassword}, {"new_password", "short"}},
                                     m_alice),
                      400);
        EXPECT_ONE_EVENT(since, {m_aliceId,
                                 "alice",
                                 "password_changed",
                                 "failed",
                                 {},
                                 "",
                                 "",
                                 "the new password breaks the password rules"});
        since = lastEventId();
        EXPECT_STATUS(
            backend().call("POST", "/users/change-password/",
                           {{"old_password", kPassword}, {"new_password", "a-new-password-1"}},
                           m_alice),
            200);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "password_changed", "ok", {}, "", "", ""});
    }

    void credentialCreatedSaysItsEnvironment() {
        const qint64 since = lastEventId();
        const qint64 id = liveCredential(m_alice);
        QVERIFY(id > 0);
        EXPECT_ONE_EVENT(
            since, {m_aliceId, "alice", "credential_created", "ok", id, "kopokopo", "live", ""});
    }

    void credentialUpdatedOkAndDenied() {
        const qint64 id = liveCredential(m_alice);
        qint64 since = lastEventId();
        EXPECT_STATUS(backend().call(
                          "PUT", credentialPath(id),
                          {{"api_key", "pk_live_kopokopo_NEW_123"}, {"is_active", false}}, m_alice),
                      200);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "credential_updated", "ok", id, "kopokopo",
                                 "live", "api_key is_active=false"});
        // Moving a live credential to sandbox touched a live credential.
        since = lastEventId();
        EXPECT_STATUS(
            backend().call("PATCH", credentialPath(id), {{"environment", "sandbox"}}, m_alice),
            200);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "credential_updated", "ok", id, "kopokopo",
                                 "live", "environment=sandbox"});
        since = lastEventId();
        EXPECT_STATUS(backend().call("PATCH", credentialPath(id), {{"environment", "live"}}, m_bob),
                      404);
        EXPECT_ONE_EVENT(since, {m_bobId, "bob", "credential_updated", "denied", id, "", "",
                                 "not found or not the caller's"});
    }

    void privateKeyUpdatedOkAndDenied() {
        const qint64 id = liveCredential(m_alice);
        qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("POST", credentialPath(id, "update-private-key"),
                                     {{"private_key", "sk_live_kopokopo_REPLACED_1"}}, m_alice),
                      200);
        EXPECT_ONE_EVENT(
            since, {m_aliceId, "alice", "private_key_updated", "ok", id, "kopokopo", "live", ""});
        since = lastEventId();
        EXPECT_STATUS(backend().call("POST", credentialPath(id, "update-private-key"),
                                     {{"private_key", "sk_live_kopokopo_REPLACED_2"}}, m_bob),
                      404);
        EXPECT_ONE_EVENT(since, {m_bobId, "bob", "private_key_updated", "denied", id, "", "",
                                 "not found or not the caller's"});
    }

    void privateKeyRevealedOkDeniedAndFailed() {
        const qint64 id = liveCredential(m_alice);
        qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("GET", credentialPath(id, "get-private-key"), {}, m_alice),
                      200);
        EXPECT_ONE_EVENT(
            since, {m_aliceId, "alice", "private_key_revealed", "ok", id, "kopokopo", "live", ""});
        since = lastEventId();
        EXPECT_STATUS(backend().call("GET", credentialPath(id, "get-private-key"), {}, m_bob), 404);
        EXPECT_ONE_EVENT(since, {m_bobId, "bob", "private_key_revealed", "denied", id, "", "",
                                 "not found or not the caller's"});
        // A ciphertext under a key the server does not have.
        const crypto::KeyRing stranger({crypto::FernetKey::generate()});
        QSqlQuery query(db().connection());
        query.prepare(QStringLiteral("UPDATE payment_credentials SET encrypted_private_key = :t "
                                     "WHERE id = :id"));
        query.bindValue(QStringLiteral(":t"), QString::fromLatin1(stranger.encrypt(
                                                  "sk_live_unreadable_123", 1705314600)));
        query.bindValue(QStringLiteral(":id"), id);
        QVERIFY(query.exec());
        since = lastEventId();
        EXPECT_STATUS(backend().call("GET", credentialPath(id, "get-private-key"), {}, m_alice),
                      500);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "private_key_revealed", "failed", id,
                                 "kopokopo", "live", "decryption failed"});
    }

    void credentialVerifiedOkFailedAndDenied() {
        const qint64 id = liveCredential(m_alice);
        qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("POST", credentialPath(id, "verify"),
                                     {{"private_key", kLivePrivateKey}}, m_alice),
                      200);
        EXPECT_ONE_EVENT(
            since, {m_aliceId, "alice", "credential_verified", "ok", id, "kopokopo", "live", ""});
        since = lastEventId();
        EXPECT_STATUS(backend().call("POST", credentialPath(id, "verify"),
                                     {{"private_key", "sk_live_a_wrong_guess"}}, m_alice),
                      200);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "credential_verified", "failed", id,
                                 "kopokopo", "live", "key did not match"});
        since = lastEventId();
        EXPECT_STATUS(backend().call("POST", credentialPath(id, "verify"),
                                     {{"private_key", kLivePrivateKey}}, m_bob),
                      404);
        EXPECT_ONE_EVENT(since, {m_bobId, "bob", "credential_verified", "denied", id, "", "",
                                 "not found or not the caller's"});
    }

    void statusToggledOkAndDenied() {
        const qint64 id = liveCredential(m_alice);
        qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("POST", credentialPath(id, "toggle-status"), {}, m_alice),
                      200);
        EXPECT_ONE_EVENT(since, {m_aliceId, "alice", "status_toggled", "ok", id, "kopokopo", "live",
                                 "deactivated"});
        since = lastEventId();
        EXPECT_STATUS(backend().call("POST", credentialPath(id, "toggle-status"), {}, m_bob), 404);
        EXPECT_ONE_EVENT(since, {m_bobId, "bob", "status_toggled", "denied", id, "", "",
                                 "not found or not the caller's"});
    }

    void credentialDeletedOkAndDenied() {
        const qint64 id = liveCredential(m_alice);
        qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("DELETE", credentialPath(id), {}, m_bob), 404);
        EXPECT_ONE_EVENT(since, {m_bobId, "bob", "credential_deleted", "denied", id, "", "",
                                 "not found or not the caller's"});
        since = lastEventId();
        EXPECT_STATUS(backend().call("DELETE", credentialPath(id), {}, m_alice), 200);
        EXPECT_ONE_EVENT(
            since, {m_aliceId, "alice", "credential_deleted", "ok", id, "kopokopo", "live", ""});
    }

    void keysRotatedOkAndFailed() {
        QVERIFY(liveCredential(m_alice) > 0);
        const crypto::KeyRing& current = backend().services().settings().keyRing;
        const crypto::KeyRing next({crypto::FernetKey::generate(), current.primary()});
        service::KeyRotation::Options options;
        options.detail = QStringLiteral("new data key %1").arg(next.primary().fingerprint());
        qint64 since = lastEventId();
        QVERIFY(backend().services().rotation().run(next, options).complete());
        EXPECT_ONE_EVENT(
            since, {std::nullopt, "system", "keys_rotated", "ok", {}, "", "", options.detail, ""});
        // A row that breaks the key rules cannot be resealed: the run is recorded as failed.
        storage::CredentialRecord crafted;
        crafted.userId = m_bobId;
        crafted.provider = QStringLiteral("instasend");
        crafted.encryptedApiKey = current.encrypt("pk_test_instasend_123", 1705314600);
        crafted.encryptedPrivateKey = current.encrypt("short", 1705314600);
        crafted.privateKeyDigest = QByteArray(64, '0');
        crafted.environment = QStringLiteral("sandbox");
        crafted.createdAt = crafted.updatedAt = backend().clock().now();
        const auto inserted = storage::CredentialRepository(db()).insert(crafted);
        QVERIFY(inserted.ok());
        since = lastEventId();
        QVERIFY(!backend().services().rotation().run(next, options).complete());
        const auto events = eventsAfter(since);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().action, QStringLiteral("keys_rotated"));
        QCOMPARE(events.first().outcome, QStringLiteral("failed"));
        QVERIFY(
            events.first().detail.contains(QStringLiteral("credential %1").arg(inserted.value)));
    }

    void adminRequestDenied() {
        const qint64 since = lastEventId();
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/", {}, m_alice), 403, kForbidden);
        EXPECT_ONE_EVENT(since, {m_aliceId,
                                 "alice",
                                 "admin_request",
                                 "denied",
                                 {},
                                 "",
                                 "",
                                 "GET /admin/audit/verify/"});
    }

    // ---- GET /admin/audit/ ----------------------------------------------------------------------

    void anEventAsTheListShowsIt() {
        const qint64 id = liveCredential(m_alice);
        backend().clock().advance(1500);
        EXPECT_STATUS(backend().call("GET", credentialPath(id, "get-private-key"), {}, m_alice),
                      200);
        const auto event = eventsAfter(lastEventId() - 1).first();
        const QJsonObject page =
            backend().call("GET", "/admin/audit/?page_size=1", {}, m_root).object();
        QCOMPARE(page.value("count").toInteger(), storage::AuditRepository(db()).count());
        QCOMPARE(
            jsonText(page.value("results").toArray().first().toObject()),
            jsonText(QJsonObject{{"id", event.id},
                                 {"at", "2024-01-15T10:30:01.500Z"},
                                 {"actor", QJsonObject{{"id", m_aliceId}, {"username", "alice"}}},
                                 {"action", "private_key_revealed"},
                                 {"credential_id", id},
                                 {"provider", "kopokopo"},
                                 {"environment", "live"},
                                 {"outcome", "ok"},
                                 {"remote_addr", "127.0.0.1"},
                                 {"detail", ""}}));
    }

    void actorsOfTheSystemOfNobodyAndOfADeletedUser() {
        loginFrom("10.0.0.7", "no-such-user", "x");
        const QJsonObject unknown = backend()
                                        .call("GET", "/admin/audit/?page_size=1", {}, m_root)
                                        .object()
                                        .value("results")
                                        .toArray()
                                        .first()
                                        .toObject();
        QCOMPARE(unknown.value("actor"), QJsonValue(QJsonValue::Null));
        QCOMPARE(unknown.value("credential_id"), QJsonValue(QJsonValue::Null));
        QCOMPARE(unknown.value("environment"), QJsonValue(""));
        const QJsonObject system =
            backend()
                .call("GET", "/admin/audit/?action=user_created&page_size=1", {}, m_root)
                .object()
                .value("results")
                .toArray()
                .first()
                .toObject();
        QCOMPARE(jsonText(system.value("actor").toObject()),
                 jsonText(QJsonObject{{"id", QJsonValue::Null}, {"username", "system"}}));
        // Bob is deleted: his events keep his id and name.
        QVERIFY(storage::UserRepository(db()).remove(m_bobId));
        const auto bobs =
            backend()
                .call("GET", "/admin/audit/?user=" + QByteArray::number(m_bobId), {}, m_root)
                .object();
        QCOMPARE(bobs.value("count").toInteger(), 1); // his login
        QCOMPARE(
            jsonText(bobs.value("results").toArray().first().toObject().value("actor").toObject()),
            jsonText(QJsonObject{{"id", m_bobId}, {"username", "bob"}}));
    }

    void newestFirstUnlessAskedAndPagesThatNeverShift() {
        makeHistory();
        QList<qint64> all;
        for (const auto& event : eventsAfter(0))
            all.prepend(event.id);
        // Page by page, newest first; events written while paging do not shift the pages.
        QList<qint64> seen;
        QByteArray target = "/admin/audit/?page_size=3";
        int pages = 0;
        while (!target.isEmpty() && pages < 50) {
            const QJsonObject page = backend().call("GET", target, {}, m_root).object();
            QCOMPARE(page.value("count").isNull(), pages > 0);
            for (const QJsonValue& row : page.value("results").toArray())
                seen.append(row.toObject().value("id").toInteger());
            target = page.value("next").toString().toUtf8();
            if (pages++ == 0)
                QVERIFY(!backend().login("alice", kPassword).isEmpty()); // a new event
        }
        QCOMPARE(seen, all);
        QCOMPARE(pages, int((all.size() + 2) / 3));
        // Oldest first by time (ties by id), and newest first by time.
        const QJsonArray ascending =
            backend()
                .call("GET", "/admin/audit/?ordering=at&page_size=500", {}, m_root)
                .object()
                .value("results")
                .toArray();
        QCOMPARE(ascending.first().toObject().value("id").toInteger(), eventsAfter(0).first().id);
        const QJsonArray descending =
            backend()
                .call("GET", "/admin/audit/?ordering=-at&page_size=500", {}, m_root)
                .object()
                .value("results")
                .toArray();
        QCOMPARE(descending.first().toObject().value("id").toInteger(), lastEventId());
    }

    void whoRevealedALiveKeyThisWeekIsOneFilter() {
        const qint64 live = liveCredential(m_alice);
        const qint64 sandbox = createCredential(backend(), m_bob, "instasend",
                                                "pk_test_instasend_12345", "sk_test_instasend_123");
        QVERIFY(live > 0 && sandbox > 0);
        backend().call("GET", credentialPath(live, "get-private-key"), {}, m_alice); // last week
        backend().clock().advance(8LL * 24 * 3600 * 1000);
        const QDateTime weekStart = backend().clock().now().addSecs(-3600);
        m_alice = backend().login("alice", kPassword); // the old tokens have expired
        m_bob = backend().login("bob", kPassword);
        m_root = backend().login("root", kPassword);
        backend().call("GET", credentialPath(live, "get-private-key"), {}, m_alice);
        backend().call("GET", credentialPath(sandbox, "get-private-key"), {}, m_bob);
        backend().call("GET", credentialPath(live, "get-private-key"), {}, m_bob); // denied
        const QByteArray since = QUrl::toPercentEncoding(weekStart.toString(Qt::ISODate));
        const QJsonObject page =
            backend()
                .call(
                    "GET",
                    "/admin/audit/?action=private_key_revealed&environment=live&outcome=ok&since=" +
                        since,
                    {}, m_root)
                .object();
        QCOMPARE(page.value("count").toInteger(), 1);
        const QJsonObject event = page.value("results").toArray().first().toObject();
        QCOMPARE(event.value("actor").toObject().value("username").toString(), QString("alice"));
        QCOMPARE(event.value("credential_id").toInteger(), live);
        // The other filters: by user, by credential, by outcome, before a time.
        const auto count = [&](const QByteArray& query) {
            return backend()
                .call("GET", "/admin/audit/?" + query, {}, m_root)
                .object()
                .value("count")
                .toInteger();
        };
        QCOMPARE(count("action=private_key_revealed&user=" + QByteArray::number(m_bobId)), 2);
        QCOMPARE(count("credential=" + QByteArray::number(live)), 4); // created, 2 ok, 1 denied
        QCOMPARE(count("action=private_key_revealed&outcome=denied"), 1);
        QCOMPARE(count("action=private_key_revealed&until=" + since), 1);
        QCOMPARE(count("environment=sandbox"), 2);
        // By provider (beyond API.md §3's list: the panel's Audit log filters by it).
        QCOMPARE(count("provider=instasend"), 2); // bob's sandbox one: created, revealed
        QCOMPARE(count("provider=kopokopo&action=private_key_revealed&outcome=ok"), 2);
        QCOMPARE(count("provider=instasend&environment=live"), 0);
    }

    void badFiltersAndPagesAreFieldErrors_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QJsonObject>("errors");
        QTest::newRow("action") << QByteArray("action=reveal")
                                << QJsonObject{
                                       {"action", QJsonArray{"\"reveal\" is not a valid choice."}}};
        QTest::newRow("outcome") << QByteArray("outcome=maybe")
                                 << QJsonObject{{"outcome",
                                                 QJsonArray{"\"maybe\" is not a valid choice."}}};
        QTest::newRow("environment")
            << QByteArray("environment=production")
            << QJsonObject{{"environment", QJsonArray{"\"production\" is not a valid choice."}}};
        QTest::newRow("provider") << QByteArray("provider=mpesa")
                                  << QJsonObject{{"provider",
                                                  QJsonArray{"\"mpesa\" is not a valid choice."}}};
        QTest::newRow("user") << QByteArray("user=alice")
                              << QJsonObject{{"user", QJsonArray{"A valid integer is required."}}};
        QTest::newRow("credential")
            << QByteArray("credential=-3")
            << QJsonObject{{"credential", QJsonArray{"A valid integer is required."}}};
        QTest::newRow("since") << QByteArray("since=yesterday")
                               << QJsonObject{{"since", QJsonArray{"Enter a valid date/time."}}};
        QTest::newRow("page size")
            << QByteArray("page_size=501")
            << QJsonObject{
                   {"page_size", QJsonArray{"Ensure this value is less than or equal to 500."}}};
        QTest::newRow("ordering") << QByteArray("ordering=actor")
                                  << QJsonObject{{"ordering",
                                                  QJsonArray{"\"actor\" is not a valid choice."}}};
        QTest::newRow("cursor") << QByteArray("cursor=bm90LWEtY3Vyc29y")
                                << QJsonObject{{"cursor", QJsonArray{"Invalid cursor."}}};
    }
    void badFiltersAndPagesAreFieldErrors() {
        QFETCH(QByteArray, query);
        QFETCH(QJsonObject, errors);
        EXPECT_JSON(backend().call("GET", "/admin/audit/?" + query, {}, m_root), 400, errors);
    }

    void theListIsForSuperusers() {
        EXPECT_STATUS(backend().call("GET", "/admin/audit/"), 401);
        EXPECT_JSON(backend().call("GET", "/admin/audit/", {}, m_alice), 403, kForbidden);
        EXPECT_STATUS(backend().call("GET", "/admin/audit/", {}, m_root), 200);
        // No endpoint changes or removes an event.
        for (const QByteArray method : {"POST", "PUT", "PATCH", "DELETE"})
            EXPECT_STATUS(backend().call(method, "/admin/audit/", {}, m_root), 405);
    }

    // ---- GET /admin/audit/verify/ -------------------------------------------------------------

    void verifyIsForSuperusersAndWritesNoEvent() {
        EXPECT_STATUS(backend().call("GET", "/admin/audit/verify/"), 401);
        EXPECT_STATUS(backend().call("GET", "/admin/audit/verify/", {}, m_bob), 403);
        const qint64 since = lastEventId();
        EXPECT_STATUS(backend().call("GET", "/admin/audit/verify/", {}, m_root), 200);
        QCOMPARE(eventsAfter(since).size(), 0);
    }

    void anUntouchedLogIsIntactAndNamesItsHead() {
        const History history = makeHistory();
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/", {}, m_root), 200,
                    QJsonObject{{"intact", true},
                                {"events", storage::AuditRepository(db()).count()},
                                {"head", QJsonObject{{"id", history.newest},
                                                     {"mac", macOf(history.newest)}}}});
    }

    void aCheckpointThatIsStillThereVerifies() {
        const History history = makeHistory();
        const QJsonObject head = verifyChain().value("head").toObject();
        QCOMPARE(head.value("id").toInteger(), history.newest);
        makeHistory(); // more events after the checkpoint
        const QByteArray query = "?checkpoint_id=" + QByteArray::number(history.newest) +
                                 "&checkpoint_mac=" + head.value("mac").toString().toLatin1();
        const QJsonObject answer = verifyChain(query);
        QCOMPARE(answer.value("intact"), QJsonValue(true));
        QCOMPARE(answer.value("head").toObject().value("id").toInteger(), lastEventId());
        // A checkpoint whose mac is not the event's is a break at that event.
        QString wrong = head.value("mac").toString();
        wrong[0] = wrong[0] == u'0' ? u'1' : u'0';
        EXPECT_JSON(backend().call(
                        "GET",
                        "/admin/audit/verify/?checkpoint_id=" + QByteArray::number(history.newest) +
                            "&checkpoint_mac=" + wrong.toLatin1(),
                        {}, m_root),
                    200,
                    QJsonObject{{"intact", false},
                                {"events", storage::AuditRepository(db()).count()},
                                {"first_broken_id", history.newest}});
    }

    void badCheckpointsAreFieldErrors_data() {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QJsonObject>("errors");
        const QString mac(64, u'a');
        QTest::newRow("id alone") << QByteArray("?checkpoint_id=3")
                                  << QJsonObject{
                                         {"checkpoint_mac", QJsonArray{"This field is required."}}};
        QTest::newRow("mac alone")
            << ("?checkpoint_mac=" + mac.toLatin1())
            << QJsonObject{{"checkpoint_id", QJsonArray{"This field is required."}}};
        QTest::newRow("id not a number")
            << ("?checkpoint_id=three&checkpoint_mac=" + mac.toLatin1())
            << QJsonObject{{"checkpoint_id", QJsonArray{"A valid integer is required."}}};
        QTest::newRow("id zero") << ("?checkpoint_id=0&checkpoint_mac=" + mac.toLatin1())
                                 << QJsonObject{{"checkpoint_id",
                                                 QJsonArray{"A valid integer is required."}}};
        QTest::newRow("mac too short")
            << QByteArray("?checkpoint_id=3&checkpoint_mac=abc")
            << QJsonObject{{"checkpoint_mac",
                            QJsonArray{"Enter the mac of the checkpoint: 64 hexadecimal digits."}}};
    }
    void badCheckpointsAreFieldErrors() {
        QFETCH(QByteArray, query);
        QFETCH(QJsonObject, errors);
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/" + query, {}, m_root), 400, errors);
    }

    // ---- changes behind the server's back (the sqlite3 command line) --------------------------

    void anEditOfEachColumnIsFound_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<int>("brokenOffset");     // from the edited event
        QTest::newRow("id") << "id = 100000" << 1; // the next event no longer follows it
        QTest::newRow("at") << "at = at + 1" << 0;
        QTest::newRow("actor_id") << "actor_id = actor_id + 1" << 0;
        QTest::newRow("actor_id to null") << "actor_id = NULL" << 0;
        QTest::newRow("actor_username") << "actor_username = 'mallory'" << 0;
        QTest::newRow("action") << "action = 'credential_checked'" << 0;
        QTest::newRow("credential_id") << "credential_id = credential_id + 1" << 0;
        QTest::newRow("provider") << "provider = 'instasend'" << 0;
        QTest::newRow("outcome") << "outcome = 'failed'" << 0;
        QTest::newRow("remote_addr") << "remote_addr = '192.0.2.66'" << 0;
        QTest::newRow("detail") << "detail = 'nothing happened'" << 0;
        QTest::newRow("environment") << "environment = 'sandbox'" << 0;
        QTest::newRow("key_id") << "key_id = '0123456789abcdef'" << 0;
        QTest::newRow("mac") << "mac = (SELECT mac FROM audit_events AS o WHERE o.id < "
                                "audit_events.id ORDER BY o.id DESC LIMIT 1)"
                             << 0;
        QTest::newRow("mac to null") << "mac = NULL" << 0;
    }
    void anEditOfEachColumnIsFound() {
        QFETCH(QString, assignment);
        QFETCH(int, brokenOffset);
        const History history = makeHistory();
        QCOMPARE(verifyChain().value("intact"), QJsonValue(true));
        QCOMPARE(eventNamed("credential_created")->environment, QStringLiteral("live"));
        const QString error = sqlite(QStringLiteral("UPDATE audit_events SET %1 WHERE id = %2")
                                         .arg(assignment)
                                         .arg(history.created));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/", {}, m_root), 200,
                    QJsonObject{{"intact", false},
                                {"events", storage::AuditRepository(db()).count()},
                                {"first_broken_id", history.created + brokenOffset}});
    }

    void anInsertedEventIsFound_data() {
        QTest::addColumn<QString>("values");
        // Written as the server would write a pending one, with no mac.
        QTest::newRow("without a mac") << "(1705314600000, 'login', 'ok', NULL, NULL)";
        // With the key id and mac of the newest event copied onto it.
        QTest::newRow("with a copied mac")
            << "(1705314600000, 'login', 'ok', (SELECT key_id FROM audit_events ORDER BY id DESC "
               "LIMIT 1), (SELECT mac FROM audit_events ORDER BY id DESC LIMIT 1))";
        QTest::newRow("with a made-up mac")
            << QStringLiteral("(1705314600000, 'login', 'ok', (SELECT key_id FROM audit_events "
                              "LIMIT 1), '%1')")
                   .arg(QString(64, u'e'));
    }
    void anInsertedEventIsFound() {
        QFETCH(QString, values);
        const History history = makeHistory();
        const QString error = sqlite(QStringLiteral("INSERT INTO audit_events (at, action, "
                                                    "outcome, key_id, mac) VALUES %1")
                                         .arg(values));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const qint64 inserted = lastEventId();
        QCOMPARE(inserted, history.newest + 1);
        // The server goes on writing; the inserted event stays a break, never joins the chain.
        QVERIFY(!backend().login("alice", kPassword).isEmpty());
        QVERIFY(lastEventId() > inserted);
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/", {}, m_root), 200,
                    QJsonObject{{"intact", false},
                                {"events", storage::AuditRepository(db()).count()},
                                {"first_broken_id", inserted}});
    }

    void aDeletedEventIsFound() {
        const History history = makeHistory();
        const QString error =
            sqlite(QStringLiteral("DELETE FROM audit_events WHERE id = %1").arg(history.created));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/", {}, m_root), 200,
                    QJsonObject{{"intact", false},
                                {"events", storage::AuditRepository(db()).count()},
                                {"first_broken_id", history.created + 1}});
    }

    void theNewestEventsDeletedAreFoundByTheHead() {
        const History history = makeHistory();
        const QString error =
            sqlite(QStringLiteral("DELETE FROM audit_events WHERE id > %1").arg(history.created));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/", {}, m_root), 200,
                    QJsonObject{{"intact", false},
                                {"events", storage::AuditRepository(db()).count()},
                                {"first_broken_id", history.newest}});
    }

    void theNewestEventsDeletedWithTheHeadSetBackAreFoundByACheckpoint() {
        const History history = makeHistory();
        const QJsonObject checkpoint = verifyChain().value("head").toObject();
        QCOMPARE(checkpoint.value("id").toInteger(), history.newest);
        // Someone removes the newest events and sets the head back to the last one kept: the
        // chain alone cannot tell.
        const QString error =
            sqlite(QStringLiteral("DELETE FROM audit_events WHERE id > %1; UPDATE audit_chain "
                                  "SET last_id = %1, last_mac = (SELECT mac FROM audit_events "
                                  "WHERE id = %1)")
                       .arg(history.created));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject alone = verifyChain();
        QCOMPARE(alone.value("intact"), QJsonValue(true));
        QCOMPARE(alone.value("head").toObject().value("id").toInteger(), history.created);
        // The checkpoint kept elsewhere names an event that is gone.
        const QByteArray query = "?checkpoint_id=" + QByteArray::number(history.newest) +
                                 "&checkpoint_mac=" + checkpoint.value("mac").toString().toLatin1();
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/" + query, {}, m_root), 200,
                    QJsonObject{{"intact", false},
                                {"events", storage::AuditRepository(db()).count()},
                                {"first_broken_id", history.newest}});
    }

    void anEditedHeadIsFound() {
        const History history = makeHistory();
        const QString error =
            sqlite(QStringLiteral("UPDATE audit_chain SET last_mac = '%1'").arg(QString(64, u'0')));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        EXPECT_JSON(backend().call("GET", "/admin/audit/verify/", {}, m_root), 200,
                    QJsonObject{{"intact", false},
                                {"events", storage::AuditRepository(db()).count()},
                                {"first_broken_id", history.newest}});
    }
};

QTEST_GUILESS_MAIN(TestApiAudit)
#include "tst_api_audit.moc"
