// API.md §1 Sessions (the `sid` claim, GET /users/sessions/, DELETE /users/sessions/{sid}/,
// POST /users/logout-all/, logout ending the access token) and the live-key step-up
// (require_recent_password_for_live). Runs on SQLite and, as _postgres, on PostgreSQL.

#include "tests/api/apitestcase.h"

#include "core/api/router.h"
#include "core/crypto/fernetkey.h"
#include "core/service/services.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {

const QString kAlicePassword = QStringLiteral("correct horse battery");
const QString kBobPassword = QStringLiteral("bob's long password");
const QByteArray kLivePrivateKey = "sk_live_kopokopo_0987654321fedcba";

const QJsonObject kNotProvided{{"detail", "Authentication credentials were not provided."}};
const QJsonObject kRefreshInvalid{{"detail", "Token is invalid or expired"},
                                  {"code", "token_not_valid"}};
const QJsonObject kSessionNotFound{{"error", "Session not found or already ended"}};
const QJsonObject kPasswordRequired{{"error", "Confirm your password to reveal a live key."},
                                    {"code", "password_required"}};

QJsonObject tokenInvalid() {
    return {{"detail", "Given token not valid for any token type"},
            {"code", "token_not_valid"},
            {"messages", QJsonArray{QJsonObject{{"token_class", "AccessToken"},
                                                {"token_type", "access"},
                                                {"message", "Token is invalid or expired"}}}}};
}

QByteArray bearer(const QByteArray& token) {
    return "Bearer " + token;
}

// The services and router of one instance over the test's database, with settings of the
// test's own (the step-up on, a signing key the test knows).
struct Instance {
    crypto::Secret secretKey{crypto::Digest::randomBytes(32)};
    std::unique_ptr<service::Services> services;
    std::unique_ptr<api::Router> router;

    Instance(const storage::Database& db, const Clock& clock, int stepUpMinutes) {
        service::ServiceSettings settings;
        settings.secretKey = secretKey;
        settings.keyRing = crypto::KeyRing({crypto::FernetKey::generate()});
        settings.auditKeys = service::AuditKeys({crypto::Secret(crypto::Digest::randomBytes(32))});
        settings.passwordIterations = 1000;
        settings.accessLifetimeSecs = 60 * 60; // outlives the step-up's minutes
        settings.requireRecentPasswordForLiveMins = stepUpMinutes;
        services = std::make_unique<service::Services>(db, std::move(settings), clock);
        router = std::make_unique<api::Router>(*services);
    }
    api::ApiResponse call(const QByteArray& method, const QByteArray& path,
                          const QJsonObject& body = {}, const QByteArray& token = {}) const {
        return router->handle(
            makeRequest(method, path, body.isEmpty() ? QByteArray() : compact(body),
                        "application/json", token.isEmpty() ? QByteArray() : bearer(token)));
    }
    QJsonObject login(const QString& username, const QString& password) const {
        return call("POST", "/users/login/", {{"username", username}, {"password", password}})
            .object();
    }
};

QByteArray accessOf(const QJsonObject& login) {
    return login.value("access_token").toString().toUtf8();
}
QByteArray refreshOf(const QJsonObject& login) {
    return login.value("refresh_token").toString().toUtf8();
}

} // namespace

class TestApiSessions : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_aliceId = 0;
    qint64 m_bobId = 0;

    test::TestBackend& backend() { return *m_backend; }

    QJsonObject loginAs(const QString& username, const QString& password,
                        const QByteArray& userAgent = {},
                        const QString& address = QStringLiteral("127.0.0.1")) {
        api::ApiRequest request = makeRequest(
            "POST", "/users/login/", compact({{"username", username}, {"password", password}}),
            "application/json", {}, address);
        if (!userAgent.isEmpty())
            request.headers.append({"User-Agent", userAgent});
        return backend().handle(request).object();
    }
    api::ApiResponse me(const QByteArray& access) {
        return backend().call("GET", "/users/me/", {}, access);
    }
    api::ApiResponse refresh(const QByteArray& refreshToken) {
        return backend().call("POST", "/users/token/refresh/",
                              {{"refresh_token", QString::fromLatin1(refreshToken)}});
    }
    QJsonArray sessions(const QByteArray& access) {
        const auto response = backend().call("GET", "/users/sessions/", {}, access);
        if (response.status != 200)
            qWarning("sessions: %s", qPrintable(describe(response)));
        return response.document().array();
    }
    QStringList lastEvent() {
        QSqlQuery query(backend().database().connection());
        if (!query.exec("SELECT action, outcome, detail FROM audit_events ORDER BY id DESC") ||
            !query.next())
            return {};
        return {query.value(0).toString(), query.value(1).toString(), query.value(2).toString()};
    }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_aliceId = m_backend->createUser("alice", kAlicePassword);
        m_bobId = m_backend->createUser("bob", kBobPassword);
    }

    // ---- the sid claim --------------------------------------------------------------------

    void tokensCarryTheSessionsSid() {
        const QJsonObject login = loginAs("alice", kAlicePassword);
        const QString sid = jwtPart(accessOf(login), 1).value("sid").toString();
        QVERIFY2(QRegularExpression("^[0-9a-f]{32}$").match(sid).hasMatch(), qPrintable(sid));
        QCOMPARE(jwtPart(refreshOf(login), 1).value("sid").toString(), sid);
        const auto refreshed = refresh(refreshOf(login));
        EXPECT_STATUS(refreshed, 200);
        QCOMPARE(jwtPart(refreshed.object().value("access_token").toString().toUtf8(), 1)
                     .value("sid")
                     .toString(),
                 sid);
        // Another login, another session.
        QVERIFY(jwtPart(accessOf(loginAs("alice", kAlicePassword)), 1).value("sid").toString() !=
                sid);
    }

    // Tokens from before sessions existed (no sid) are refused: their users sign in once more.
    void aTokenWithoutSidIsRefused() {
        const Instance instance(backend().database(), backend().clock(), 0);
        const QJsonObject good = instance.login("alice", kAlicePassword);
        QJsonObject claims = jwtPart(accessOf(good), 1);
        EXPECT_STATUS(instance.call("GET", "/users/me/", {}, accessOf(good)), 200);
        claims.remove("sid");
        const QByteArray old =
            makeJwt(QJsonObject{{"alg", "HS256"}, {"typ", "JWT"}}, claims, instance.secretKey);
        EXPECT_JSON(instance.call("GET", "/users/me/", {}, old), 401, tokenInvalid());
        claims.insert("sid", QString(32, u'0')); // well formed, but no such session
        const QByteArray unknown =
            makeJwt(QJsonObject{{"alg", "HS256"}, {"typ", "JWT"}}, claims, instance.secretKey);
        EXPECT_JSON(instance.call("GET", "/users/me/", {}, unknown), 401, tokenInvalid());
    }

    // ---- logout -----------------------------------------------------------------------------

    // Before: the access token of a logged-out session still answered 200 until it expired.
    void logoutEndsTheAccessTokenToo() {
        const QJsonObject login = loginAs("alice", kAlicePassword);
        EXPECT_STATUS(me(accessOf(login)), 200);
        EXPECT_JSON(backend().call("POST", "/users/logout/",
                                   {{"refresh_token", login.value("refresh_token")}},
                                   accessOf(login)),
                    200, QJsonObject{{"message", "Logged out"}});
        EXPECT_JSON(me(accessOf(login)), 401, tokenInvalid());
        EXPECT_JSON(refresh(refreshOf(login)), 401, kRefreshInvalid);
    }

    // ---- GET /users/sessions/ ---------------------------------------------------------------

    void listsTheCallersSessions() {
        const QJsonObject first =
            loginAs("alice", kAlicePassword, "PayCred/1.0 (Linux)", QStringLiteral("10.0.0.7"));
        backend().clock().advance(5000);
        const QJsonObject second = loginAs("alice", kAlicePassword, "curl/8.0");
        loginAs("bob", kBobPassword);
        const QJsonArray list = sessions(accessOf(second));
        QCOMPARE(list.size(), 2);
        const QJsonObject a = list.at(0).toObject();
        const QJsonObject b = list.at(1).toObject();
        QCOMPARE(a.keys(), (QStringList{"created_at", "current", "last_used_at", "remote_addr",
                                        "sid", "user_agent"}));
        QCOMPARE(a.value("sid").toString(), jwtPart(accessOf(first), 1).value("sid").toString());
        QCOMPARE(a.value("remote_addr").toString(), "10.0.0.7");
        QCOMPARE(a.value("user_agent").toString(), "PayCred/1.0 (Linux)");
        QCOMPARE(a.value("current").toBool(), false);
        QCOMPARE(a.value("created_at").toString(), "2024-01-15T10:30:00Z");
        QCOMPARE(b.value("user_agent").toString(), "curl/8.0");
        QCOMPARE(b.value("current").toBool(), true);
        QCOMPARE(b.value("created_at").toString(), "2024-01-15T10:30:05Z");
        QVERIFY(parseUtc(b.value("last_used_at")).isValid());
    }

    void sessionsNeedAuthentication() {
        EXPECT_JSON(backend().call("GET", "/users/sessions/"), 401, kNotProvided);
        EXPECT_JSON(backend().call("POST", "/users/logout-all/"), 401, kNotProvided);
        EXPECT_JSON(backend().call("DELETE", "/users/sessions/0123456789abcdef0123456789abcdef/"),
                    401, kNotProvided);
        const QByteArray access = accessOf(loginAs("alice", kAlicePassword));
        EXPECT_JSON(backend().call("POST", "/users/sessions/", {}, access), 405,
                    QJsonObject{{"detail", "Method \"POST\" not allowed."}});
        EXPECT_JSON(backend().call("GET", "/users/logout-all/", {}, access), 405,
                    QJsonObject{{"detail", "Method \"GET\" not allowed."}});
    }

    // last_used_at is written at refresh and at most once a minute by access.
    void lastUseIsWrittenAtMostOnceAMinute() {
        const QJsonObject login = loginAs("alice", kAlicePassword);
        const QByteArray access = accessOf(login);
        const auto lastUsed = [&] {
            return sessions(access).at(0).toObject().value("last_used_at").toString();
        };
        QCOMPARE(lastUsed(), "2024-01-15T10:30:00Z");
        for (int i = 0; i < 10; ++i) { // 59 s of requests: no write
            backend().clock().advance(5900);
            EXPECT_STATUS(me(access), 200);
        }
        QCOMPARE(lastUsed(), "2024-01-15T10:30:00Z");
        backend().clock().advance(1000); // 60 s after the last write
        EXPECT_STATUS(me(access), 200);
        QCOMPARE(lastUsed(), "2024-01-15T10:31:00Z");
        backend().clock().advance(2000);
        EXPECT_STATUS(refresh(refreshOf(login)), 200); // a refresh always writes
        QCOMPARE(lastUsed(), "2024-01-15T10:31:02Z");
    }

    // ---- DELETE /users/sessions/{sid}/ ------------------------------------------------------

    void endingASessionStopsItsTokensAtOnce() {
        const QJsonObject laptop = loginAs("alice", kAlicePassword);
        const QJsonObject phone = loginAs("alice", kAlicePassword);
        const QString phoneSid = jwtPart(accessOf(phone), 1).value("sid").toString();
        EXPECT_JSON(backend().call("DELETE", "/users/sessions/" + phoneSid.toLatin1() + "/", {},
                                   accessOf(laptop)),
                    200, QJsonObject{{"message", "Session ended"}});
        QCOMPARE(lastEvent(), (QStringList{"logout", "ok", "another session ended"}));
        EXPECT_JSON(me(accessOf(phone)), 401, tokenInvalid());
        EXPECT_JSON(refresh(refreshOf(phone)), 401, kRefreshInvalid);
        EXPECT_STATUS(me(accessOf(laptop)), 200);
        QCOMPARE(sessions(accessOf(laptop)).size(), 1);
        // Once more: it is gone.
        EXPECT_JSON(backend().call("DELETE", "/users/sessions/" + phoneSid.toLatin1() + "/", {},
                                   accessOf(laptop)),
                    404, kSessionNotFound);
    }

    void anotherUsersSessionIsNotFound() {
        const QByteArray alice = accessOf(loginAs("alice", kAlicePassword));
        const QByteArray bob = accessOf(loginAs("bob", kBobPassword));
        const QByteArray bobSid = jwtPart(bob, 1).value("sid").toString().toLatin1();
        EXPECT_JSON(backend().call("DELETE", "/users/sessions/" + bobSid + "/", {}, alice), 404,
                    kSessionNotFound);
        QCOMPARE(lastEvent(), (QStringList{"logout", "denied", "no such session"}));
        EXPECT_JSON(backend().call("DELETE", "/users/sessions/not-a-sid/", {}, alice), 404,
                    kSessionNotFound);
        EXPECT_JSON(backend().call("DELETE", "/users/sessions/0123456789abcdef0123456789abcdef/",
                                   {}, alice),
                    404, kSessionNotFound);
        EXPECT_STATUS(me(bob), 200);
    }

    // ---- POST /users/logout-all/ ------------------------------------------------------------

    void logoutAllEndsEverySessionOfTheCaller() {
        const QJsonObject one = loginAs("alice", kAlicePassword);
        const QJsonObject two = loginAs("alice", kAlicePassword);
        const QByteArray bob = accessOf(loginAs("bob", kBobPassword));
        EXPECT_JSON(backend().call("POST", "/users/logout-all/", {}, accessOf(one)), 200,
                    QJsonObject{{"message", "Logged out everywhere"}, {"ended", 2}});
        QCOMPARE(lastEvent(), (QStringList{"logout", "ok", "every session ended (2)"}));
        EXPECT_JSON(me(accessOf(one)), 401, tokenInvalid());
        EXPECT_JSON(me(accessOf(two)), 401, tokenInvalid());
        EXPECT_JSON(refresh(refreshOf(two)), 401, kRefreshInvalid);
        EXPECT_STATUS(me(bob), 200);
    }

    // A password change kills every token through the token version; the sessions of before
    // are no longer listed (nor usable).
    void aPasswordChangeEndsTheSessions() {
        const QJsonObject old = loginAs("alice", kAlicePassword);
        EXPECT_STATUS(backend().call("POST", "/users/change-password/",
                                     {{"old_password", kAlicePassword},
                                      {"new_password", "a brand new password"}},
                                     accessOf(old)),
                      200);
        EXPECT_JSON(me(accessOf(old)), 401, tokenInvalid());
        const QJsonObject fresh = loginAs("alice", "a brand new password");
        const QJsonArray list = sessions(accessOf(fresh));
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value("current").toBool(), true);
    }

    void deletingAUserDeletesTheirSessions() {
        const QByteArray bob = accessOf(loginAs("bob", kBobPassword));
        QVERIFY(!bob.isEmpty());
        QSqlQuery query(backend().database().connection());
        QVERIFY(query.exec(QStringLiteral("DELETE FROM users WHERE id = %1").arg(m_bobId)));
        QVERIFY(
            query.exec(
                QStringLiteral("SELECT COUNT(*) FROM sessions WHERE user_id = %1").arg(m_bobId)) &&
            query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }

    // ---- the live-key step-up ---------------------------------------------------------------

    void stepUpIsOffByDefault() {
        const QByteArray access = accessOf(loginAs("alice", kAlicePassword));
        const qint64 id = createCredential(backend(), access, "kopokopo", kApiKey,
                                           QString::fromLatin1(kLivePrivateKey), "live");
        QVERIFY(id > 0);
        EXPECT_STATUS(backend().call("GET", credentialPath(id, "get-private-key"), {}, access),
                      200);
    }

    void stepUpNeedsARecentPasswordInTheSameSession() {
        const Instance instance(backend().database(), backend().clock(), 5);
        const QByteArray access = accessOf(instance.login("alice", kAlicePassword));
        const QByteArray other = accessOf(instance.login("alice", kAlicePassword));
        const auto created = instance.call("POST", "/payments/credentials/",
                                           {{"provider", "kopokopo"},
                                            {"api_key", kApiKey},
                                            {"private_key", QString::fromLatin1(kLivePrivateKey)},
                                            {"environment", "live"}},
                                           access);
        EXPECT_STATUS(created, 201);
        const qint64 live = created.object().value("id").toInteger();
        const auto sandboxCreated = instance.call(
            "POST", "/payments/credentials/",
            {{"provider", "instasend"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}},
            access);
        EXPECT_STATUS(sandboxCreated, 201);
        const qint64 sandbox = sandboxCreated.object().value("id").toInteger();
        const QByteArray reveal = credentialPath(live, "get-private-key");

        // The order of checks: 401, then 404, then 403.
        EXPECT_JSON(instance.call("GET", reveal), 401, kNotProvided);
        EXPECT_JSON(instance.call("GET", credentialPath(live + 100, "get-private-key"), {}, access),
                    404, QJsonObject{{"error", kNotFound}});
        EXPECT_JSON(instance.call("GET", reveal, {}, access), 403, kPasswordRequired);
        QCOMPARE(lastEvent(), (QStringList{"private_key_revealed", "denied",
                                           "password not confirmed in this session recently"}));
        // A sandbox key needs nothing more.
        EXPECT_STATUS(instance.call("GET", credentialPath(sandbox, "get-private-key"), {}, access),
                      200);
        // A wrong password confirms nothing.
        EXPECT_JSON(instance.call("POST", "/users/verify-password/",
                                  {{"password", "not the password"}}, access),
                    200, QJsonObject{{"is_valid", false}});
        EXPECT_JSON(instance.call("GET", reveal, {}, access), 403, kPasswordRequired);
        EXPECT_JSON(instance.call("POST", "/users/verify-password/", {{"password", kAlicePassword}},
                                  access),
                    200, QJsonObject{{"is_valid", true}});
        const auto revealed = instance.call("GET", reveal, {}, access);
        EXPECT_STATUS(revealed, 200);
        QCOMPARE(revealed.object().value("private_key").toString().toLatin1(), kLivePrivateKey);
        // Another session of the same user has not confirmed anything.
        EXPECT_JSON(instance.call("GET", reveal, {}, other), 403, kPasswordRequired);
        // Within the minutes, still good; after them, asked again.
        backend().clock().advance(5 * 60 * 1000);
        EXPECT_STATUS(instance.call("GET", reveal, {}, access), 200);
        backend().clock().advance(1000);
        EXPECT_JSON(instance.call("GET", reveal, {}, access), 403, kPasswordRequired);
    }
};

QTEST_GUILESS_MAIN(TestApiSessions)
#include "tst_api_sessions.moc"
