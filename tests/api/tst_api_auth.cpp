// API.md §1 — authentication: login, tokens, refresh, logout, me, passwords.

#include "tests/api/apitestcase.h"

#include "core/storage/auditrepository.h"
#include "core/storage/revokedtokenrepository.h"
#include "core/storage/userrepository.h"

#include "core/crypto/passwordhasher.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {

const QString kAlicePassword = QStringLiteral("correct horse battery");
const QString kBobPassword = QStringLiteral("bob's long password");

QJsonObject tokenNotValid(const QString& message) {
    return {{"detail", "Given token not valid for any token type"},
            {"code", "token_not_valid"},
            {"messages",
             QJsonArray{QJsonObject{
                 {"token_class", "AccessToken"}, {"token_type", "access"}, {"message", message}}}}};
}

const QJsonObject kNotProvided{{"detail", "Authentication credentials were not provided."}};
const QJsonObject kBadHeader{
    {"detail", "Authorization header must contain two space-delimited values"},
    {"code", "bad_authorization_header"}};
const QJsonObject kRefreshInvalid{{"detail", "Token is invalid or expired"},
                                  {"code", "token_not_valid"}};
const QJsonObject kInvalidLogin{{"error", "Invalid username or password"}};
const QJsonObject kLoginRequired{{"error", "Username and password are required"}};

QJsonObject tooManyAttempts(qint64 seconds) {
    return {
        {"error",
         QStringLiteral("Too many failed login attempts. Try again in %1 seconds.").arg(seconds)}};
}

QByteArray loginBody(const QString& username, const QString& password) {
    return compact({{"username", username}, {"password", password}});
}

} // namespace

class TestApiAuth : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_aliceId = 0;

    test::TestBackend& backend() { return *m_backend; }

    api::ApiResponse loginFrom(const QString& address, const QString& username,
                               const QString& password) {
        return backend().handle(makeRequest("POST", "/users/login/", loginBody(username, password),
                                            "application/json", {}, address));
    }
    api::ApiResponse listWith(const QByteArray& authorization) {
        return backend().handle(
            makeRequest("GET", "/payments/credentials/", {}, {}, authorization));
    }
    api::ApiResponse refresh(const QJsonObject& body) {
        return backend().call("POST", "/users/token/refresh/", body);
    }
    void deactivate(qint64 userId) {
        QVERIFY(storage::UserRepository(backend().database()).setActive(userId, false) ==
                storage::WriteStatus::Ok);
    }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_aliceId = m_backend->createUser("alice", kAlicePassword);
        QVERIFY(m_aliceId > 0);
    }
    void cleanup() { m_backend.reset(); }

    // ---- POST /users/login/ ---------------------------------------------------------------

    void loginReturnsTokensAndUser() {
        const auto response = backend().call("POST", "/users/login/",
                                             {{"username", "alice"}, {"password", kAlicePassword}});
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
        const QJsonObject body = response.object();
        QCOMPARE(sortedKeys(body),
                 sorted({"access_token", "refresh_token", "token_type", "expires_in", "user"}));
        QCOMPARE(body.value("token_type").toString(), QStringLiteral("Bearer"));
        QVERIFY(body.value("expires_in").isDouble());
        QCOMPARE(body.value("expires_in").toInteger(), 300);
        QCOMPARE(jsonText(body.value("user").toObject()),
                 jsonText(QJsonObject{
                     {"id", m_aliceId}, {"username", "alice"}, {"is_superuser", false}}));

        // SimpleJWT's claims, HS256.
        const QByteArray access = body.value("access_token").toString().toUtf8();
        const QByteArray refreshToken = body.value("refresh_token").toString().toUtf8();
        const qint64 now = backend().clock().nowSecs();
        const QRegularExpression hex32(QStringLiteral("^[0-9a-f]{32}$"));
        struct Expected {
            QByteArray token;
            const char* type;
            qint64 lifetime;
        };
        for (const Expected& e :
             {Expected{access, "access", 300}, Expected{refreshToken, "refresh", 86400}}) {
            QCOMPARE(jwtPart(e.token, 0).value("alg").toString(), QStringLiteral("HS256"));
            const QJsonObject claims = jwtPart(e.token, 1);
            QCOMPARE(claims.value("token_type").toString(), QString::fromLatin1(e.type));
            QCOMPARE(claims.value("iat").toInteger(), now);
            QCOMPARE(claims.value("exp").toInteger(), now + e.lifetime);
            QVERIFY2(hex32.match(claims.value("jti").toString()).hasMatch(),
                     "jti is not 32 hex characters");
            QVERIFY(claims.value("user_id").isDouble());
            QCOMPARE(claims.value("user_id").toInteger(), m_aliceId);
        }
        QVERIFY(jwtPart(access, 1).value("jti") != jwtPart(refreshToken, 1).value("jti"));

        // The access token works.
        EXPECT_JSON(listWith("Bearer " + access), 200, QJsonArray{});
    }

    void loginRequiresUsernameAndPassword_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty object") << QByteArray("{}");
        QTest::newRow("missing password") << QByteArray(R"({"username":"alice"})");
        QTest::newRow("missing username") << QByteArray(R"({"password":"correct horse battery"})");
        QTest::newRow("empty username")
            << QByteArray(R"({"username":"","password":"correct horse battery"})");
        QTest::newRow("empty password") << QByteArray(R"({"username":"alice","password":""})");
        QTest::newRow("number username")
            << QByteArray(R"({"username":12345,"password":"correct horse battery"})");
        QTest::newRow("bool username")
            << QByteArray(R"({"username":true,"password":"correct horse battery"})");
        QTest::newRow("null username")
            << QByteArray(R"({"username":null,"password":"correct horse battery"})");
        QTest::newRow("array username")
            << QByteArray(R"({"username":["alice"],"password":"correct horse battery"})");
        QTest::newRow("object username")
            << QByteArray(R"({"username":{"a":"alice"},"password":"correct horse battery"})");
        QTest::newRow("number password")
            << QByteArray(R"({"username":"alice","password":1234567890123})");
        QTest::newRow("bool password") << QByteArray(R"({"username":"alice","password":false})");
        QTest::newRow("null password") << QByteArray(R"({"username":"alice","password":null})");
        QTest::newRow("array password")
            << QByteArray(R"({"username":"alice","password":["correct horse battery"]})");
        QTest::newRow("object password") << QByteArray(R"({"username":"alice","password":{}})");
    }
    void loginRequiresUsernameAndPassword() {
        QFETCH(QByteArray, body);
        EXPECT_JSON(backend().callRaw("POST", "/users/login/", body, "application/json"), 400,
                    kLoginRequired);
    }

    void loginWrongMethodIs405() {
        EXPECT_JSON(backend().call("GET", "/users/login/"), 405,
                    QJsonObject{{"detail", "Method \"GET\" not allowed."}});
        EXPECT_JSON(backend().call("PUT", "/users/login/",
                                   {{"username", "alice"}, {"password", kAlicePassword}}),
                    405, QJsonObject{{"detail", "Method \"PUT\" not allowed."}});
    }

    void loginFailuresAreIndistinguishable() {
        const qint64 carolId = backend().createUser("carol", QStringLiteral("carol's password 1"));
        deactivate(carolId);
        // Users imported from Django as they were: a hash with fewer iterations than ours, and
        // Django's unusable password.
        const auto& hasher = backend().services().hasher();
        const storage::UserRepository users(backend().database());
        const qint64 daveId = backend().createUser("dave", QStringLiteral("dave's password 1"));
        const qint64 erinId = backend().createUser("erin", QStringLiteral("erin's password 1"));
        QCOMPARE(users.setPasswordHash(daveId, crypto::PasswordHasher(hasher.iterations() / 10)
                                                   .hash(QStringLiteral("dave's password 1"))),
                 storage::WriteStatus::Ok);
        QCOMPARE(users.setPasswordHash(erinId, QStringLiteral("!unusablepasswordfromdjango0123")),
                 storage::WriteStatus::Ok);
        if (QTest::currentTestFailed())
            return;

        struct Attempt {
            const char* name;
            QString username;
            QString password;
        };
        const QList<Attempt> attempts{
            {"unknown user", QStringLiteral("nobody"), kAlicePassword},
            {"wrong password", QStringLiteral("alice"), QStringLiteral("wrong password!!")},
            {"inactive user", QStringLiteral("carol"), QStringLiteral("carol's password 1")},
            {"cheaper hash, wrong password", QStringLiteral("dave"),
             QStringLiteral("wrong password!!")},
            {"unusable password", QStringLiteral("erin"), QStringLiteral("erin's password 1")},
        };
        QList<quint64> work;
        for (const Attempt& attempt : attempts) {
            const quint64 before = hasher.iterationsRun();
            const auto response =
                backend().call("POST", "/users/login/",
                               {{"username", attempt.username}, {"password", attempt.password}});
            work << quint64(hasher.iterationsRun() - before);
            QVERIFY2(response.status == 401, attempt.name);
            EXPECT_JSON_NO_CHALLENGE(response, 401, kInvalidLogin);
        }
        QVERIFY2(work.at(0) > 0, "no key derivation for an unknown user");
        QCOMPARE(work.at(0), work.at(1)); // unknown user vs wrong password
        QCOMPARE(work.at(2), work.at(1)); // inactive user vs wrong password
        QCOMPARE(work.at(3), work.at(1)); // a hash with fewer iterations: padded to ours
        QCOMPARE(work.at(4), work.at(1)); // a hash that cannot be checked at all
    }

    // Throttle records keep a key of bounded length whatever was typed or claimed as the
    // address, and the ones that count for nothing any more are deleted.
    void throttleRecordsStayShortAndExpire() {
        const auto& settings = backend().services().settings();
        const auto keysNow = [&] {
            QStringList keys;
            QSqlQuery query(backend().database().connection());
            if (!query.exec(QStringLiteral("SELECT key FROM login_throttle ORDER BY key")))
                return QStringList{QStringLiteral("query failed")};
            while (query.next())
                keys << query.value(0).toString();
            return keys;
        };
        EXPECT_STATUS(loginFrom("10.4.0.1", QString(5000, u'x'), "wrong password!!"), 401);
        EXPECT_STATUS(loginFrom(QString(5000, u'y'), "alice", "wrong password!!"), 401);
        for (int i = 0; i < 40; ++i)
            EXPECT_STATUS(loginFrom(QStringLiteral("10.4.1.%1").arg(i),
                                    QStringLiteral("sprayed%1").arg(i), "wrong password!!"),
                          401);
        const QStringList keys = keysNow();
        QCOMPARE(keys.size(), 2 + 1 + 1 + 40 * 2); // two names, two addresses, 40 of each
        for (const QString& key : keys)
            QVERIFY2(key.size() <= 70, qPrintable(key.left(80)));

        // Past the window and any lock, the next failure leaves only its own records.
        backend().clock().advance(
            (std::max(settings.throttleWindowSecs, settings.throttleLockoutSecs) + 61) * 1000);
        EXPECT_STATUS(loginFrom("10.4.2.1", "alice", "wrong password!!"), 401);
        QCOMPARE(keysNow().size(), 2);
    }

    void loginFailureSendsWwwAuthenticate() {
        // "every 401 sends WWW-Authenticate: Bearer realm="api"" — the login's 401 too.
        for (const QString& username : {QStringLiteral("alice"), QStringLiteral("nobody")}) {
            EXPECT_JSON(backend().call("POST", "/users/login/",
                                       {{"username", username}, {"password", "wrong password!!"}}),
                        401, kInvalidLogin);
        }
    }

    void loginThrottledPerUsername() {
        const auto& settings = backend().services().settings();
        const int maxFailures = settings.throttleMaxFailures;
        const qint64 lockout = settings.throttleLockoutSecs;
        QVERIFY(maxFailures > 0);
        backend().createUser("bob", kBobPassword);

        // Every failure from its own address: only the username's counter reaches the limit.
        for (int i = 0; i < maxFailures; ++i) {
            EXPECT_JSON_NO_CHALLENGE(
                loginFrom(QStringLiteral("10.1.0.%1").arg(i), "alice", "wrong password!!"), 401,
                kInvalidLogin);
        }
        // Locked: even the right password, from a fresh address.
        auto response = loginFrom("10.1.0.100", "alice", kAlicePassword);
        EXPECT_JSON(response, 429, tooManyAttempts(lockout));
        QCOMPARE(response.header("Retry-After"), QByteArray::number(lockout));

        backend().clock().advance(300 * 1000);
        response = loginFrom("10.1.0.101", "alice", kAlicePassword);
        EXPECT_JSON(response, 429, tooManyAttempts(lockout - 300));
        QCOMPARE(response.header("Retry-After"), QByteArray::number(lockout - 300));

        // Another user from one of those addresses is not affected.
        EXPECT_STATUS(loginFrom("10.1.0.0", "bob", kBobPassword), 200);
    }

    void loginThrottledPerAddress() {
        const auto& settings = backend().services().settings();
        const int maxFailures = settings.throttleMaxFailuresPerAddress;
        QVERIFY(maxFailures > 0);
        const qint64 lockout = settings.throttleLockoutSecs;

        // A different username every time (no username reaches its own limit), one address.
        for (int i = 0; i < maxFailures; ++i) {
            EXPECT_JSON_NO_CHALLENGE(
                loginFrom("10.2.0.7", QStringLiteral("ghost%1").arg(i), "wrong password!!"), 401,
                kInvalidLogin);
        }
        const auto response = loginFrom("10.2.0.7", "alice", kAlicePassword);
        EXPECT_JSON(response, 429, tooManyAttempts(lockout));
        QCOMPARE(response.header("Retry-After"), QByteArray::number(lockout));

        // The same user from another address logs in.
        EXPECT_STATUS(loginFrom("10.2.0.8", "alice", kAlicePassword), 200);
    }

    void loginThrottleEndsAfterLockout() {
        const auto& settings = backend().services().settings();
        const int maxFailures = settings.throttleMaxFailures;
        const qint64 lockout = settings.throttleLockoutSecs;

        for (int i = 0; i < maxFailures; ++i) {
            EXPECT_JSON_NO_CHALLENGE(
                loginFrom(QStringLiteral("10.3.0.%1").arg(i), "alice", "wrong password!!"), 401,
                kInvalidLogin);
        }
        EXPECT_STATUS(loginFrom("10.3.1.1", "alice", kAlicePassword), 429);

        backend().clock().advance((lockout + 1) * 1000);
        const auto response = loginFrom("10.3.1.1", "alice", kAlicePassword);
        EXPECT_STATUS(response, 200);
        QVERIFY(!response.object().value("access_token").toString().isEmpty());
        // Counting starts again: one new failure is a plain 401.
        EXPECT_JSON_NO_CHALLENGE(loginFrom("10.3.1.1", "alice", "wrong password!!"), 401,
                                 kInvalidLogin);
    }

    // ---- Authorization header / tokens ---------------------------------------------------------

    void credentialsNotProvided_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<bool>("hasHeader");
        QTest::newRow("no header") << QByteArray() << false;
        QTest::newRow("empty header") << QByteArray("") << true;
        QTest::newRow("Basic") << QByteArray("Basic x") << true;
        QTest::newRow("Basic credentials") << QByteArray("Basic YWxpY2U6cGFzc3dvcmQ=") << true;
        QTest::newRow("Token scheme") << QByteArray("Token abc") << true;
        QTest::newRow("lowercase bearer") << QByteArray("bearer {token}") << true;
        QTest::newRow("uppercase BEARER") << QByteArray("BEARER {token}") << true;
        QTest::newRow("JWT scheme") << QByteArray("JWT {token}") << true;
    }
    void credentialsNotProvided() {
        QFETCH(QByteArray, authorization);
        QFETCH(bool, hasHeader);
        const QByteArray token = backend().login("alice", kAlicePassword);
        QVERIFY(!token.isEmpty());
        authorization.replace("{token}", token);

        api::ApiRequest request = makeRequest("GET", "/payments/credentials/");
        if (hasHeader)
            request.headers.append({"Authorization", authorization});
        EXPECT_JSON(backend().handle(request), 401, kNotProvided);

        request.target = "/users/me/";
        EXPECT_JSON(backend().handle(request), 401, kNotProvided);
    }

    void badAuthorizationHeader_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("Bearer alone") << QByteArray("Bearer");
        QTest::newRow("Bearer a b") << QByteArray("Bearer a b");
        QTest::newRow("valid token and more") << QByteArray("Bearer {token} extra");
    }
    void badAuthorizationHeader() {
        QFETCH(QByteArray, authorization);
        const QByteArray token = backend().login("alice", kAlicePassword);
        QVERIFY(!token.isEmpty());
        authorization.replace("{token}", token);
        EXPECT_JSON(listWith(authorization), 401, kBadHeader);
    }

    void invalidTokens_data() {
        QTest::addColumn<QString>("kind");
        for (const char* kind :
             {"garbage", "three garbage parts", "empty parts", "bad signature", "empty signature",
              "tampered claims", "alg none unsigned", "alg none signed with the real key",
              "alg HS512 signed with the real key", "alg missing", "not base64"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void invalidTokens() {
        QFETCH(QString, kind);
        const QByteArray valid = backend().login("alice", kAlicePassword);
        QVERIFY(!valid.isEmpty());
        const crypto::Secret realKey = backend().services().settings().secretKey;
        const QJsonObject claims = jwtPart(valid, 1);
        const QJsonObject hs256{{"alg", "HS256"}, {"typ", "JWT"}};
        const QList<QByteArray> parts = valid.split('.');

        QByteArray token;
        if (kind == "garbage")
            token = "abc";
        else if (kind == "three garbage parts")
            token = "a.b.c";
        else if (kind == "empty parts")
            token = "..";
        else if (kind == "bad signature")
            token = makeJwt(hs256, claims, crypto::Secret(crypto::Digest::randomBytes(32)));
        else if (kind == "empty signature")
            token = parts.at(0) + '.' + parts.at(1) + '.';
        else if (kind == "tampered claims") {
            QJsonObject other = claims;
            other.insert("user_id", m_aliceId + 1);
            token = parts.at(0) + '.' + base64Url(compact(other)) + '.' + parts.at(2);
        } else if (kind == "alg none unsigned")
            token = makeJwt({{"alg", "none"}, {"typ", "JWT"}}, claims, crypto::Secret());
        else if (kind == "alg none signed with the real key")
            token = makeJwt({{"alg", "none"}, {"typ", "JWT"}}, claims, realKey);
        else if (kind == "alg HS512 signed with the real key")
            token = makeJwt({{"alg", "HS512"}, {"typ", "JWT"}}, claims, realKey);
        else if (kind == "alg missing")
            token = makeJwt({{"typ", "JWT"}}, claims, realKey);
        else if (kind == "not base64")
            token = "!!!." + parts.at(1) + '.' + parts.at(2);
        QVERIFY(!token.isEmpty());

        EXPECT_JSON(listWith("Bearer " + token), 401, tokenNotValid("Token is invalid or expired"));
        // A correctly made token with the same claims is accepted: the rows above fail for the
        // reason they name, not for a bad claim.
        EXPECT_STATUS(listWith("Bearer " + makeJwt(hs256, claims, realKey)), 200);
    }

    void expiredAccessToken() {
        const QByteArray token = backend().login("alice", kAlicePassword);
        QVERIFY(!token.isEmpty());
        backend().clock().advance(299 * 1000);
        EXPECT_STATUS(listWith("Bearer " + token), 200);
        backend().clock().advance(2 * 1000);
        EXPECT_JSON(listWith("Bearer " + token), 401, tokenNotValid("Token is invalid or expired"));
    }

    void refreshTokenIsNotAnAccessToken() {
        const QJsonObject login = loginObject(backend(), "alice", kAlicePassword);
        const QByteArray refreshToken = login.value("refresh_token").toString().toUtf8();
        QVERIFY(!refreshToken.isEmpty());
        EXPECT_JSON(listWith("Bearer " + refreshToken), 401, tokenNotValid("Token has wrong type"));
    }

    void deletedUserIsNotFound() {
        const qint64 bobId = backend().createUser("bob", kBobPassword);
        const QByteArray token = backend().login("bob", kBobPassword);
        QVERIFY(!token.isEmpty());
        QVERIFY(storage::UserRepository(backend().database()).remove(bobId));
        EXPECT_JSON(listWith("Bearer " + token), 401,
                    QJsonObject({{"detail", "User not found"}, {"code", "user_not_found"}}));
    }

    void inactiveUserIsRefused() {
        const qint64 bobId = backend().createUser("bob", kBobPassword);
        const QByteArray token = backend().login("bob", kBobPassword);
        QVERIFY(!token.isEmpty());
        deactivate(bobId);
        if (QTest::currentTestFailed())
            return;
        EXPECT_JSON(listWith("Bearer " + token), 401,
                    QJsonObject({{"detail", "User is inactive"}, {"code", "user_inactive"}}));
    }

    // ---- POST /users/token/refresh/ ---------------------------------------------------------

    void refreshWithRefreshToken_data() {
        QTest::addColumn<QString>("field");
        QTest::newRow("refresh_token") << QStringLiteral("refresh_token");
        QTest::newRow("refresh (SimpleJWT)") << QStringLiteral("refresh");
    }
    void refreshWithRefreshToken() {
        QFETCH(QString, field);
        const QJsonObject login = loginObject(backend(), "alice", kAlicePassword);
        const QString refreshToken = login.value("refresh_token").toString();
        QVERIFY(!refreshToken.isEmpty());

        backend().clock().advance(600 * 1000); // the first access token has expired
        const auto response = refresh({{field, refreshToken}});
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
        const QJsonObject body = response.object();
        QCOMPARE(sortedKeys(body), sorted({"access_token", "token_type", "expires_in"}));
        QCOMPARE(body.value("token_type").toString(), QStringLiteral("Bearer"));
        QCOMPARE(body.value("expires_in").toInteger(), 300);
        const QByteArray access = body.value("access_token").toString().toUtf8();
        QCOMPARE(jwtPart(access, 1).value("token_type").toString(), QStringLiteral("access"));
        QCOMPARE(jwtPart(access, 1).value("user_id").toInteger(), m_aliceId);
        EXPECT_STATUS(listWith("Bearer " + access), 200);
    }

    void refreshWithAccessTokenFails() {
        const QJsonObject login = loginObject(backend(), "alice", kAlicePassword);
        EXPECT_JSON(refresh({{"refresh_token", login.value("access_token")}}), 401,
                    kRefreshInvalid);
        EXPECT_JSON(refresh({{"refresh_token", "not.a.token"}}), 401, kRefreshInvalid);
    }

    void refreshExpires() {
        const QJsonObject login = loginObject(backend(), "alice", kAlicePassword);
        backend().clock().advance((24 * 60 * 60 + 1) * 1000LL);
        EXPECT_JSON(refresh({{"refresh_token", login.value("refresh_token")}}), 401,
                    kRefreshInvalid);
    }

    // ---- POST /users/logout/ ----------------------------------------------------------------

    void logoutRevokesRefreshToken() {
        const QJsonObject login = loginObject(backend(), "alice", kAlicePassword);
        const QByteArray access = login.value("access_token").toString().toUtf8();
        const QByteArray refreshToken = login.value("refresh_token").toString().toUtf8();
        QVERIFY(!refreshToken.isEmpty());

        EXPECT_JSON(backend().call("POST", "/users/logout/",
                                   {{"refresh_token", login.value("refresh_token")}}, access),
                    200, QJsonObject{{"message", "Logged out"}});
        const QString jti = jwtPart(refreshToken, 1).value("jti").toString();
        QVERIFY(storage::RevokedTokenRepository(backend().database()).isRevoked(jti));
        EXPECT_JSON(refresh({{"refresh_token", login.value("refresh_token")}}), 401,
                    kRefreshInvalid);
        EXPECT_JSON(refresh({{"refresh", login.value("refresh_token")}}), 401, kRefreshInvalid);
    }

    void logoutRequiresAuthentication() {
        const QJsonObject login = loginObject(backend(), "alice", kAlicePassword);
        EXPECT_JSON(backend().call("POST", "/users/logout/",
                                   {{"refresh_token", login.value("refresh_token")}}),
                    401, kNotProvided);
        // Not revoked.
        EXPECT_STATUS(refresh({{"refresh_token", login.value("refresh_token")}}), 200);
    }

    // ---- GET /users/me/ ---------------------------------------------------------------------

    void meReturnsProfile() {
        const QDateTime joined = backend().clock().now();
        backend().clock().advance(3600 * 1000);
        const QDateTime loggedIn = backend().clock().now();
        const QByteArray token = backend().login("alice", kAlicePassword);
        QVERIFY(!token.isEmpty());

        const auto response = backend().call("GET", "/users/me/", {}, token);
        EXPECT_STATUS(response, 200);
        const QJsonObject body = response.object();
        QCOMPARE(sortedKeys(body), sorted({"id", "username", "is_superuser", "is_active",
                                           "date_joined", "last_login"}));
        QCOMPARE(body.value("id").toInteger(), m_aliceId);
        QCOMPARE(body.value("username").toString(), QStringLiteral("alice"));
        QVERIFY(body.value("is_superuser") == QJsonValue(false));
        QVERIFY(body.value("is_active") == QJsonValue(true));
        QCOMPARE(parseUtc(body.value("date_joined")), joined);
        QCOMPARE(parseUtc(body.value("last_login")), loggedIn);
    }

    // ---- POST /users/change-password/ -------------------------------------------------------

    void changePasswordWrongOld() {
        const QByteArray token = backend().login("alice", kAlicePassword);
        EXPECT_JSON(backend().call("POST", "/users/change-password/",
                                   {{"old_password", "not my password"},
                                    {"new_password", "a brand new password"}},
                                   token),
                    400, QJsonObject{{"old_password", QJsonArray{"Wrong password."}}});
        EXPECT_STATUS(backend().call("GET", "/users/me/", {}, token), 200);
        QVERIFY(!backend().login("alice", kAlicePassword).isEmpty());
    }

    void changePasswordTooShort() {
        const QByteArray token = backend().login("alice", kAlicePassword);
        EXPECT_JSON(backend().call("POST", "/users/change-password/",
                                   {{"old_password", kAlicePassword}, {"new_password", "short"}},
                                   token),
                    400,
                    QJsonObject{{"new_password",
                                 QJsonArray{"This password is too short. It must contain at "
                                            "least 10 characters."}}});
        QVERIFY(!backend().login("alice", kAlicePassword).isEmpty());
    }

    void changePasswordRevokesEarlierTokens() {
        const QJsonObject login = loginObject(backend(), "alice", kAlicePassword);
        const QByteArray access = login.value("access_token").toString().toUtf8();
        QVERIFY(!access.isEmpty());
        const QString newPassword = QStringLiteral("a brand new password");

        EXPECT_JSON(backend().call(
                        "POST", "/users/change-password/",
                        {{"old_password", kAlicePassword}, {"new_password", newPassword}}, access),
                    200, QJsonObject{{"message", "Password changed successfully"}});

        const auto old = listWith("Bearer " + access);
        EXPECT_STATUS(old, 401);
        QVERIFY2(old.object().contains("detail"), qPrintable(describe(old)));
        EXPECT_JSON(refresh({{"refresh_token", login.value("refresh_token")}}), 401,
                    kRefreshInvalid);

        EXPECT_JSON_NO_CHALLENGE(
            backend().call("POST", "/users/login/",
                           {{"username", "alice"}, {"password", kAlicePassword}}),
            401, kInvalidLogin);
        const QByteArray fresh = backend().login("alice", newPassword);
        QVERIFY(!fresh.isEmpty());
        EXPECT_STATUS(listWith("Bearer " + fresh), 200);
    }

    // ---- POST /users/verify-password/ -------------------------------------------------------

    void verifyPasswordAnswersAndIsAudited() {
        const QByteArray token = backend().login("alice", kAlicePassword);
        storage::AuditRepository audit(backend().database());

        qint64 before = audit.count();
        EXPECT_JSON(backend().call("POST", "/users/verify-password/",
                                   {{"password", kAlicePassword}}, token),
                    200, QJsonObject{{"is_valid", true}});
        QCOMPARE(audit.count(), before + 1);
        auto event = audit.latest(1).value(0);
        QCOMPARE(event.action, QStringLiteral("password_verified"));
        QCOMPARE(event.outcome, QStringLiteral("ok"));
        QCOMPARE(event.actorId.value_or(0), m_aliceId);
        QVERIFY(!event.detail.contains(kAlicePassword));

        before = audit.count();
        EXPECT_JSON(backend().call("POST", "/users/verify-password/",
                                   {{"password", "not the password"}}, token),
                    200, QJsonObject{{"is_valid", false}});
        QCOMPARE(audit.count(), before + 1);
        event = audit.latest(1).value(0);
        QCOMPARE(event.action, QStringLiteral("password_verified"));
        QCOMPARE(event.outcome, QStringLiteral("failed"));
        QCOMPARE(event.actorId.value_or(0), m_aliceId);
        QVERIFY(!event.detail.contains(QStringLiteral("not the password")));

        EXPECT_JSON(
            backend().call("POST", "/users/verify-password/", {{"password", kAlicePassword}}), 401,
            kNotProvided);
    }

    void verifyPasswordIsThrottled() {
        const QByteArray token = backend().login("alice", kAlicePassword);
        const auto& settings = backend().services().settings();
        for (int i = 0; i < settings.throttleMaxFailures; ++i) {
            EXPECT_JSON(backend().call("POST", "/users/verify-password/",
                                       {{"password", "not the password"}}, token),
                        200, QJsonObject{{"is_valid", false}});
        }
        const auto response = backend().call("POST", "/users/verify-password/",
                                             {{"password", kAlicePassword}}, token);
        EXPECT_JSON(response, 429, tooManyAttempts(settings.throttleLockoutSecs));
        QCOMPARE(response.header("Retry-After"), QByteArray::number(settings.throttleLockoutSecs));
    }
};

QTEST_GUILESS_MAIN(TestApiAuth)
#include "tst_api_auth.moc"
