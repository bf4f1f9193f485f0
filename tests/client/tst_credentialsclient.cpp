// CredentialsClient: API.md as typed asynchronous calls, through RouterTransport (a test double
// that answers from a TestBackend's router asynchronously, standing in for the network): the
// seed's workflow, the three error shapes, the automatic refresh of the access token (one
// refresh for concurrent calls, never a loop), the session ending when it cannot be refreshed,
// the capabilities against a server with the seed's endpoints only, busyChanged and failures of
// the transport. Nothing secret is printed: failures show kinds, statuses and messages only.

#include "core/client/credentialsclient.h"
#include "core/crypto/secret.h"
#include "tests/client/routertransport.h"
#include "tests/support/testbackend.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace paycred;
using client::ApiError;
using client::Capabilities;
using client::Credential;
using client::CredentialsClient;
using client::TransportResult;
using test::RouterTransport;
using test::TestBackend;
using Kind = ApiError::Kind;

Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

constexpr char kUser[] = "your_username";
constexpr char kPassword[] = "your_password_123";
constexpr char kApiKey[] = "pk_test_kopokopo_1234567890abcdef";
constexpr char kPrivateKey[] = "sk_test_kopokopo_0987654321fedcba";
constexpr char kNotFound[] = "Payment credentials not found or access denied";
constexpr char kRefreshPath[] = "/users/token/refresh/";
constexpr qint64 kMinuteMs = qint64(60) * 1000;
constexpr qint64 kPastAccessLifetimeMs = kMinuteMs * 6;                    // access: 5 minutes
constexpr qint64 kPastRefreshLifetimeMs = kMinuteMs * 24 * 60 + kMinuteMs; // refresh: 1 day

template <typename T> using Result = CredentialsClient::Result<T>;

// The kind, status, code and message of an error: what a failed check prints (never a body).
QString describe(const ApiError& error) {
    return QStringLiteral("kind %1, status %2, code \"%3\", message \"%4\"")
        .arg(QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(error.kind))))
        .arg(error.status)
        .arg(error.code, error.message);
}

// Each evaluates its first argument once (it may be the call itself).
#define CHECK_OK(expression)                                                                       \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(checked.ok(), qPrintable(describe(checked.error)));                               \
    } while (false)
#define CHECK_ERROR(expression, expectedKind, expectedStatus)                                      \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(!checked.ok(), "the call succeeded");                                             \
        QVERIFY2(checked.error.kind == (expectedKind), qPrintable(describe(checked.error)));       \
        QCOMPARE(checked.error.status, expectedStatus);                                            \
        QVERIFY(!checked.value.has_value());                                                       \
    } while (false)

// One callback: how often it ran and what it got. The state is shared with the callback, so a
// callback that comes after a timeout does no harm.
template <typename T> class Awaited {
public:
    CredentialsClient::Callback<T> callback() const {
        return [state = m_state](Result<T> result) {
            ++state->calls;
            state->result = std::move(result);
        };
    }
    bool done() const { return m_state->result.has_value(); }
    int calls() const { return m_state->calls; }
    // Waits up to 5 s; a callback that never came is an Unexpected error saying so.
    Result<T> wait() const {
        if (!QTest::qWaitFor([this] { return done(); }, 5000)) {
            Result<T> timedOut;
            timedOut.error =
                ApiError::make(Kind::Unexpected, QStringLiteral("the callback never ran"));
            return timedOut;
        }
        return *m_state->result;
    }

private:
    struct State {
        int calls = 0;
        std::optional<Result<T>> result;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

// Starts a call with a fresh callback and waits for it.
template <typename T, typename Start> Result<T> await(Start start) {
    Awaited<T> awaited;
    start(awaited.callback());
    return awaited.wait();
}

bool sameSecret(const crypto::Secret& secret, const QString& expected) {
    QByteArray bytes = secret.reveal();
    const bool same = bytes == expected.toUtf8();
    crypto::wipe(bytes);
    return same;
}

TransportResult answer(int status, const QByteArray& body) {
    TransportResult result;
    result.response.status = status;
    result.response.body = body;
    return result;
}

QByteArray jsonOf(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// SeedServerTransport: the seed's Django server as the client sees it: a wrapper that answers
// 404 for the extension endpoints that server lacks (/users/me/, /providers/ and
// /users/token/refresh/), asynchronously like any transport, and passes everything else on.
class SeedServerTransport : public client::Transport {
    Q_OBJECT
public:
    SeedServerTransport(client::Transport& inner, QByteArray notFoundBody)
        : m_inner(inner)
        , m_notFoundBody(std::move(notFoundBody)) {}

    void send(const api::ApiRequest& request, Callback done) override {
        static const QSet<QByteArray> missing{"/users/me/", "/providers/", kRefreshPath};
        if (!missing.contains(request.target)) {
            m_inner.send(request, std::move(done));
            return;
        }
        ++m_notFound;
        QMetaObject::invokeMethod(
            this, [done = std::move(done), body = m_notFoundBody] { done(answer(404, body)); },
            Qt::QueuedConnection);
    }
    QString endpoint() const override { return m_inner.endpoint(); }
    int notFoundCount() const { return m_notFound; }

private:
    client::Transport& m_inner;
    QByteArray m_notFoundBody;
    int m_notFound = 0;
};

// A fresh backend with the seed's user, the test transport and a client on it.
struct Fixture {
    TestBackend backend;
    RouterTransport transport{backend};
    CredentialsClient client{transport};
    qint64 userId = backend.createUser(kUser, kPassword);

    Result<CredentialsClient::Session> login(const QString& password = kPassword) {
        return await<CredentialsClient::Session>(
            [&](auto done) { client.login(kUser, password, std::move(done)); });
    }
    Result<Credential> create(const QString& provider, const QString& environment = {}) {
        return await<Credential>([&](auto done) {
            client.createCredential({provider, kApiKey, kPrivateKey, environment}, std::move(done));
        });
    }
    Result<QList<Credential>> list() {
        return await<QList<Credential>>(
            [&](auto done) { client.listCredentials(std::move(done)); });
    }
};

class TestCredentialsClient : public QObject {
    Q_OBJECT

private slots:
    // ---- The seed's workflow -----------------------------------------------------------------

    void seedWorkflow() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        QSignalSpy capabilitiesChanged(&f.client, &CredentialsClient::capabilitiesChanged);
        const QDateTime start = f.backend.clock().now();

        QVERIFY(!f.client.hasSession());
        const auto session = f.login();
        CHECK_OK(session);
        QCOMPARE(session.value->username, QString(kUser));
        QCOMPARE(session.value->userId, std::optional<qint64>(f.userId));
        QCOMPARE(session.value->isSuperuser, std::optional<bool>(false));
        QCOMPARE(session.value->expiresInSecs, std::optional<int>(300));
        QVERIFY(f.client.hasSession());

        const auto providers = await<QList<CredentialsClient::Provider>>(
            [&](auto done) { f.client.providers(std::move(done)); });
        CHECK_OK(providers);
        QCOMPARE(*providers.value, CredentialsClient::builtInProviders());

        const auto kopokopo = f.create(QStringLiteral("kopokopo"), QStringLiteral("sandbox"));
        CHECK_OK(kopokopo);
        const Credential created = *kopokopo.value;
        QVERIFY(created.id > 0);
        QCOMPARE(created.provider, QStringLiteral("kopokopo"));
        QCOMPARE(created.providerDisplay, QStringLiteral("KopoKopo"));
        QCOMPARE(created.environment, QStringLiteral("sandbox"));
        QVERIFY(created.isActive);
        QVERIFY(!created.isLive);
        QCOMPARE(created.createdAt, start);
        QCOMPARE(created.createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(created.updatedAt, start);

        const auto instasend = f.create(QStringLiteral("instasend")); // default environment
        CHECK_OK(instasend);
        QCOMPARE(instasend.value->environment, QStringLiteral("sandbox"));
        QCOMPARE(instasend.value->providerDisplay, QStringLiteral("InstaSend"));

        const auto list = f.list();
        CHECK_OK(list);
        QCOMPARE(list.value->size(), 2);
        QCOMPARE(list.value->at(0), created);
        QCOMPARE(list.value->at(1), *instasend.value);

        const auto one =
            await<Credential>([&](auto done) { f.client.credential(created.id, done); });
        CHECK_OK(one);
        QCOMPARE(*one.value, created);
        const auto byProvider = await<Credential>(
            [&](auto done) { f.client.credentialForProvider(QStringLiteral("kopokopo"), done); });
        CHECK_OK(byProvider);
        QCOMPARE(*byProvider.value, created);

        f.backend.clock().advance(1000);
        CredentialsClient::Change change;
        change.environment = QStringLiteral("live");
        const auto updated = await<Credential>(
            [&](auto done) { f.client.updateCredential(created.id, change, done); });
        CHECK_OK(updated);
        QCOMPARE(updated.value->environment, QStringLiteral("live"));
        QVERIFY(updated.value->isLive);
        QCOMPARE(updated.value->createdAt, start);
        QCOMPARE(updated.value->updatedAt, start.addSecs(1));

        const QString newKey = QStringLiteral("sk_live_kopokopo_new_private_key_42");
        const auto replaced = await<Credential>(
            [&](auto done) { f.client.replacePrivateKey(created.id, newKey, done); });
        CHECK_OK(replaced);
        QCOMPARE(replaced.value->id, created.id);

        const auto revealed = await<CredentialsClient::RevealedKey>(
            [&](auto done) { f.client.revealPrivateKey(created.id, done); });
        CHECK_OK(revealed);
        QCOMPARE(revealed.value->credentialId, created.id);
        QCOMPARE(revealed.value->provider, QStringLiteral("kopokopo"));
        QCOMPARE(revealed.value->providerDisplay, QStringLiteral("KopoKopo"));
        QVERIFY2(sameSecret(revealed.value->privateKey, newKey), "not the key just stored");
        QVERIFY(revealed.value->apiKey.has_value());
        QVERIFY2(*revealed.value->apiKey == kApiKey, "not the api key stored");

        const auto matches =
            await<bool>([&](auto done) { f.client.verifyPrivateKey(created.id, newKey, done); });
        CHECK_OK(matches);
        QCOMPARE(*matches.value, true);
        const auto differs = await<bool>(
            [&](auto done) { f.client.verifyPrivateKey(created.id, kPrivateKey, done); });
        CHECK_OK(differs);
        QCOMPARE(*differs.value, false);

        const auto toggled =
            await<Credential>([&](auto done) { f.client.toggleStatus(created.id, done); });
        CHECK_OK(toggled);
        QVERIFY(!toggled.value->isActive);

        const auto account =
            await<CredentialsClient::Account>([&](auto done) { f.client.me(done); });
        CHECK_OK(account);
        QCOMPARE(account.value->id, f.userId);
        QCOMPARE(account.value->username, QString(kUser));
        QVERIFY(!account.value->isSuperuser);
        QVERIFY(account.value->isActive);
        QCOMPARE(account.value->lastLogin, std::optional<QDateTime>(start));

        const auto passwordOk =
            await<bool>([&](auto done) { f.client.verifyPassword(kPassword, done); });
        CHECK_OK(passwordOk);
        QCOMPARE(*passwordOk.value, true);

        const auto deleted =
            await<QString>([&](auto done) { f.client.deleteCredential(created.id, done); });
        CHECK_OK(deleted);
        QCOMPARE(*deleted.value,
                 QStringLiteral("Payment credentials for KopoKopo have been successfully deleted"));
        const auto gone =
            await<Credential>([&](auto done) { f.client.credential(created.id, done); });
        CHECK_ERROR(gone, Kind::NotFound, 404);
        QCOMPARE(gone.error.message, QString(kNotFound));

        // Logging out revokes the refresh token on the server and ends the session here.
        QByteArray refreshToken = f.client.refreshToken();
        QVERIFY(!refreshToken.isEmpty());
        const auto loggedOut = await<QString>([&](auto done) { f.client.logout(done); });
        CHECK_OK(loggedOut);
        QCOMPARE(*loggedOut.value, QStringLiteral("Logged out"));
        QVERIFY(!f.client.hasSession());
        QVERIFY(f.client.refreshToken().isEmpty());
        QCOMPARE(f.client.session().username, QString());
        const int refused =
            f.backend
                .call("POST", kRefreshPath, {{"refresh_token", QString::fromLatin1(refreshToken)}})
                .status;
        crypto::wipe(refreshToken);
        QCOMPARE(refused, 401);

        const auto afterLogout = f.list();
        CHECK_ERROR(afterLogout, Kind::Unauthorized, 401);
        QCOMPARE(afterLogout.error.message,
                 QStringLiteral("Authentication credentials were not provided."));

        QCOMPARE(expired.count(), 0); // neither a 404 nor a logout is an expired session
        QCOMPARE(capabilitiesChanged.count(), 0);
        QCOMPARE(f.client.capabilities(), Capabilities{});
        QCOMPARE(f.transport.count("POST", kRefreshPath), 0);
    }

    void callbacksAreAsynchronousAndRunOnce() {
        Fixture f;
        Awaited<CredentialsClient::Session> login;
        f.client.login(kUser, kPassword, login.callback());
        QVERIFY(!login.done()); // never from inside the call
        CHECK_OK(login.wait());

        // Also when the client answers without asking the server (a feature known missing).
        f.transport.setIntercept([](const api::ApiRequest& request) {
            return request.target == "/users/me/"
                       ? std::optional<TransportResult>(answer(404, R"({"detail":"Not found."})"))
                       : std::nullopt;
        });
        CHECK_ERROR(await<CredentialsClient::Account>([&](auto done) { f.client.me(done); }),
                    Kind::NotFound, 404);
        Awaited<CredentialsClient::Account> me;
        f.client.me(me.callback());
        QVERIFY(!me.done());
        const auto known = me.wait();
        CHECK_ERROR(known, Kind::NotFound, 0);

        QTest::qWait(50);
        QCOMPARE(login.calls(), 1);
        QCOMPARE(me.calls(), 1);
        QCOMPARE(f.transport.count("GET", "/users/me/"), 1);
    }

    void timestampsAndSeedShapes() {
        // A credential as another implementation may write it: fractional seconds, no
        // is_live (derived from the environment), an offset instead of Z.
        Fixture f;
        const QJsonObject credential{{"id", 7},
                                     {"provider", "instasend"},
                                     {"provider_display", "InstaSend"},
                                     {"environment", "live"},
                                     {"is_active", true},
                                     {"created_at", "2024-01-15T10:30:00.123456Z"},
                                     {"updated_at", "2024-01-15T12:30:05+02:00"}};
        f.transport.setIntercept([&](const api::ApiRequest& request) {
            if (request.target == "/payments/credentials/7/")
                return std::optional<TransportResult>(answer(200, jsonOf(credential)));
            if (request.target == "/users/login/") // the seed's answer: no "user", no expiry
                return std::optional<TransportResult>(
                    answer(200, jsonOf({{"access_token", "a.b.c"},
                                        {"refresh_token", "d.e.f"},
                                        {"token_type", "Bearer"}})));
            return std::optional<TransportResult>();
        });
        const auto session = f.login();
        CHECK_OK(session);
        QCOMPARE(session.value->username, QString(kUser));
        QVERIFY(!session.value->userId.has_value());
        QVERIFY(!session.value->isSuperuser.has_value());
        QVERIFY(!session.value->expiresInSecs.has_value());

        const auto parsed = await<Credential>([&](auto done) { f.client.credential(7, done); });
        CHECK_OK(parsed);
        QCOMPARE(parsed.value->createdAt,
                 QDateTime(QDate(2024, 1, 15), QTime(10, 30, 0, 123), Qt::UTC));
        QCOMPARE(parsed.value->createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(parsed.value->updatedAt, QDateTime(QDate(2024, 1, 15), QTime(10, 30, 5), Qt::UTC));
        QVERIFY(parsed.value->isLive);
        QVERIFY(parsed.value->isActive);
    }

    // ---- The three error shapes --------------------------------------------------------------

    void fieldErrorsOnCreate() {
        Fixture f;
        CHECK_OK(f.login());

        const auto invalid = await<Credential>([&](auto done) {
            f.client.createCredential({"paypal", "", kPrivateKey, "staging"}, done);
        });
        CHECK_ERROR(invalid, Kind::Validation, 400);
        QCOMPARE(invalid.error.fieldErrors.value("provider"),
                 QStringList{"\"paypal\" is not a valid choice."});
        QCOMPARE(invalid.error.fieldErrors.value("api_key"),
                 QStringList{"This field may not be blank."});
        QCOMPARE(invalid.error.fieldErrors.value("environment"),
                 QStringList{"\"staging\" is not a valid choice."});
        QCOMPARE(invalid.error.fieldError("api_key"),
                 QStringLiteral("This field may not be blank."));
        QCOMPARE(invalid.error.message, QStringLiteral("API key: This field may not be blank."));

        const auto shortKey = await<Credential>([&](auto done) {
            f.client.createCredential({"kopokopo", "short", kPrivateKey, {}}, done);
        });
        CHECK_ERROR(shortKey, Kind::Validation, 400);
        QCOMPARE(shortKey.error.fieldErrors.value("non_field_errors"),
                 QStringList{"API key must be at least 10 characters long"});
        QCOMPARE(shortKey.error.message,
                 QStringLiteral("API key must be at least 10 characters long"));

        CHECK_OK(f.create("kopokopo"));
        const auto duplicate = f.create("kopokopo");
        CHECK_ERROR(duplicate, Kind::Validation, 400);
        QCOMPARE(duplicate.error.message,
                 QStringLiteral("You already have credentials for kopokopo. Update existing "
                                "credentials instead."));
        QCOMPARE(duplicate.error.fieldErrors.size(), 1);

        // The {"error"} shape on a 400 too.
        const qint64 id = f.list().value->first().id;
        const auto tooShort = await<Credential>(
            [&](auto done) { f.client.replacePrivateKey(id, QStringLiteral("short"), done); });
        CHECK_ERROR(tooShort, Kind::Validation, 400);
        QCOMPARE(tooShort.error.message,
                 QStringLiteral("Private key must be at least 10 characters long"));
        QVERIFY(tooShort.error.fieldErrors.isEmpty());
    }

    void errorShapeOnNotFound() {
        Fixture f;
        QSignalSpy capabilitiesChanged(&f.client, &CredentialsClient::capabilitiesChanged);
        CHECK_OK(f.login());

        const auto missing = await<Credential>([&](auto done) { f.client.credential(9999, done); });
        CHECK_ERROR(missing, Kind::NotFound, 404);
        QCOMPARE(missing.error.message, QString(kNotFound));
        QVERIFY(missing.error.code.isEmpty());
        QVERIFY(missing.error.fieldErrors.isEmpty());

        const auto none = await<Credential>(
            [&](auto done) { f.client.credentialForProvider(QStringLiteral("instasend"), done); });
        CHECK_ERROR(none, Kind::NotFound, 404);
        QCOMPARE(none.error.message, QStringLiteral("No credentials found for instasend"));

        const auto removed =
            await<QString>([&](auto done) { f.client.deleteCredential(9999, done); });
        CHECK_ERROR(removed, Kind::NotFound, 404);

        // A credential that is not there is not a missing feature.
        QCOMPARE(capabilitiesChanged.count(), 0);
        QCOMPARE(f.client.capabilities(), Capabilities{});
    }

    void detailShapes() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);

        // 401 without a session: {"detail"}; not an expired session (there was none).
        const auto anonymous = f.list();
        CHECK_ERROR(anonymous, Kind::Unauthorized, 401);
        QCOMPARE(anonymous.error.message,
                 QStringLiteral("Authentication credentials were not provided."));
        QCOMPARE(expired.count(), 0);
        QCOMPARE(f.transport.count("POST", kRefreshPath), 0);

        // 405, 415 and a JSON parse error, from the router itself: the requests are bent on
        // their way.
        f.transport.setRewrite([](api::ApiRequest& request) {
            if (request.target == "/users/login/")
                request.method = "GET";
        });
        const auto wrongMethod = f.login();
        CHECK_ERROR(wrongMethod, Kind::Unexpected, 405);
        QCOMPARE(wrongMethod.error.message, QStringLiteral("Method \"GET\" not allowed."));

        f.transport.setRewrite([](api::ApiRequest& request) {
            for (auto& header : request.headers) {
                if (header.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
                    header.second = "text/plain";
            }
        });
        const auto wrongType = f.login();
        CHECK_ERROR(wrongType, Kind::Unexpected, 415);
        QCOMPARE(wrongType.error.message,
                 QStringLiteral("Unsupported media type \"text/plain\" in request."));

        f.transport.setRewrite([](api::ApiRequest& request) { request.body = "{\"username\":"; });
        const auto badJson = f.login();
        CHECK_ERROR(badJson, Kind::Validation, 400);
        QVERIFY2(badJson.error.message.startsWith("JSON parse error - "),
                 qPrintable(badJson.error.message));

        f.transport.setRewrite({});
        CHECK_OK(f.login());
        QCOMPARE(expired.count(), 0);
    }

    void throttledLogin() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        std::optional<Result<CredentialsClient::Session>> throttled;
        int refusals = 0;
        for (int attempt = 0; attempt < 30 && !throttled; ++attempt) {
            const auto result = f.login(QStringLiteral("not the password"));
            if (result.error.kind == Kind::Throttled) {
                throttled = result;
                break;
            }
            CHECK_ERROR(result, Kind::Unauthorized, 401);
            QCOMPARE(result.error.message, QStringLiteral("Invalid username or password"));
            ++refusals;
        }
        QVERIFY2(throttled, "30 failed logins were never throttled");
        QVERIFY(refusals >= 1);
        CHECK_ERROR(*throttled, Kind::Throttled, 429);
        QVERIFY(throttled->error.retryAfterSecs.has_value());
        const qint64 wait = *throttled->error.retryAfterSecs;
        QVERIFY(wait > 0);
        QCOMPARE(
            throttled->error.message,
            QStringLiteral("Too many failed login attempts. Try again in %1 seconds.").arg(wait));
        // Throttled even with the right password; a failed login never expires a session.
        CHECK_ERROR(f.login(), Kind::Throttled, 429);
        QCOMPARE(expired.count(), 0);
        QVERIFY(!f.client.hasSession());

        // Without a Retry-After header, the seconds come from the message (ours or DRF's).
        f.transport.setIntercept([](const api::ApiRequest&) {
            return std::optional<TransportResult>(answer(
                429, R"({"detail":"Request was throttled. Expected available in 42 seconds."})"));
        });
        const auto drf = f.login();
        CHECK_ERROR(drf, Kind::Throttled, 429);
        QCOMPARE(drf.error.retryAfterSecs, std::optional<qint64>(42));
    }

    void apiErrorParsing_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("code");
        QTest::addColumn<std::optional<qint64>>("retryAfterSecs");

        QTest::newRow("error") << 404 << QByteArray(R"({"error":"No credentials found for x"})")
                               << QByteArray() << int(Kind::NotFound)
                               << "No credentials found for x"
                               << "" << std::optional<qint64>();
        QTest::newRow("detail with code")
            << 401 << QByteArray(R"({"detail":"User is inactive","code":"user_inactive"})")
            << QByteArray() << int(Kind::Unauthorized) << "User is inactive"
            << "user_inactive" << std::optional<qint64>();
        QTest::newRow("forbidden")
            << 403
            << QByteArray(R"({"detail":"You do not have permission to perform this action."})")
            << QByteArray() << int(Kind::Forbidden)
            << "You do not have permission to perform this action."
            << "" << std::optional<qint64>();
        QTest::newRow("nested field errors")
            << 400 << QByteArray(R"({"user":{"username":["Too long."]},"code":"invalid"})")
            << QByteArray() << int(Kind::Validation) << "User: Too long."
            << "invalid" << std::optional<qint64>();
        QTest::newRow("a bare list") << 400 << QByteArray(R"(["Something is off."])")
                                     << QByteArray() << int(Kind::Validation) << "Something is off."
                                     << "" << std::optional<qint64>();
        QTest::newRow("too large")
            << 413 << QByteArray(R"({"detail":"Request body too large."})") << QByteArray()
            << int(Kind::Validation) << "Request body too large."
            << "" << std::optional<qint64>();
        QTest::newRow("decrypt failure")
            << 500 << QByteArray(R"({"error":"Failed to decrypt private key: Invalid token"})")
            << QByteArray() << int(Kind::Server) << "Failed to decrypt private key: Invalid token"
            << "" << std::optional<qint64>();
        QTest::newRow("html 503 with retry-after")
            << 503 << QByteArray("<html><body>Service Unavailable</body></html>")
            << QByteArray("120") << int(Kind::Server)
            << "The server could not handle the request (HTTP 503). Try again in a moment, and "
               "tell your administrator if it keeps happening."
            << "" << std::optional<qint64>(120);
        QTest::newRow("empty 404") << 404 << QByteArray() << QByteArray() << int(Kind::NotFound)
                                   << "The server has no such resource (HTTP 404)."
                                   << "" << std::optional<qint64>();
        QTest::newRow("teapot") << 418 << QByteArray("I'm a teapot") << QByteArray()
                                << int(Kind::Unexpected)
                                << "The server sent an answer PayCred does not understand "
                                   "(HTTP 418)."
                                << "" << std::optional<qint64>();
    }

    void apiErrorParsing() {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, retryAfter);
        QFETCH(int, kind);
        QFETCH(QString, message);
        QFETCH(QString, code);
        QFETCH(std::optional<qint64>, retryAfterSecs);

        api::ApiResponse response;
        response.status = status;
        response.body = body;
        if (!retryAfter.isEmpty())
            response.setHeader("Retry-After", retryAfter);
        const ApiError error = ApiError::fromResponse(response);
        QCOMPARE(int(error.kind), kind);
        QCOMPARE(error.status, status);
        QCOMPARE(error.message, message);
        QCOMPARE(error.code, code);
        QCOMPARE(error.retryAfterSecs, retryAfterSecs);
    }

    // ---- The access token refreshes itself ---------------------------------------------------

    void refreshesExpiredAccessToken() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        CHECK_OK(f.login());
        CHECK_OK(f.create("kopokopo"));
        f.transport.clearLog();

        f.backend.clock().advance(kPastAccessLifetimeMs);
        const auto list = f.list();
        CHECK_OK(list);
        QCOMPARE(list.value->size(), 1);
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        QCOMPARE(f.transport.count("GET", "/payments/credentials/"), 2); // the 401, the replay
        QCOMPARE(f.transport.log().size(), 3);
        QVERIFY(!f.transport.log().at(1).authorized); // the refresh carries no access token

        // The new access token is used from now on: no more refreshes.
        CHECK_OK(f.list());
        CHECK_OK(await<Credential>(
            [&](auto done) { f.client.credentialForProvider("kopokopo", done); }));
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        QCOMPARE(expired.count(), 0);
        QVERIFY(f.client.hasSession());

        // A call with a body (a secret in it) is replayed with its body intact.
        f.backend.clock().advance(kPastAccessLifetimeMs);
        const auto created = f.create("instasend");
        CHECK_OK(created);
        QCOMPARE(created.value->provider, QStringLiteral("instasend"));
        QCOMPARE(f.transport.count("POST", kRefreshPath), 2);
        QCOMPARE(f.transport.count("POST", "/payments/credentials/"), 2);
    }

    void concurrentCallsShareOneRefresh() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        CHECK_OK(f.login());
        const auto created = f.create("kopokopo");
        CHECK_OK(created);
        const qint64 id = created.value->id;
        f.transport.clearLog();
        QSignalSpy busy(&f.client, &CredentialsClient::busyChanged);

        f.backend.clock().advance(kPastAccessLifetimeMs);
        Awaited<QList<Credential>> list;
        Awaited<Credential> one;
        Awaited<CredentialsClient::Account> me;
        Awaited<CredentialsClient::RevealedKey> revealed;
        f.client.listCredentials(list.callback());
        f.client.credential(id, one.callback());
        f.client.me(me.callback());
        f.client.revealPrivateKey(id, revealed.callback());

        CHECK_OK(list.wait());
        CHECK_OK(one.wait());
        CHECK_OK(me.wait());
        const auto key = revealed.wait();
        CHECK_OK(key);
        QVERIFY2(sameSecret(key.value->privateKey, kPrivateKey), "not the key stored");
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        QCOMPARE(f.transport.count("GET", "/payments/credentials/"), 2);
        QCOMPARE(f.transport.count("GET", "/users/me/"), 2);
        QCOMPARE(f.transport.log().size(), 9); // 4 refused, 1 refresh, 4 replayed
        QCOMPARE(expired.count(), 0);

        // Busy from the first call to the last callback, across the refresh: one true, one false.
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QVERIFY(!f.client.isBusy());
    }

    void refreshRejectedExpiresSession() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        CHECK_OK(f.login());
        f.transport.clearLog();

        f.backend.clock().advance(kPastRefreshLifetimeMs);
        Awaited<QList<Credential>> list;
        Awaited<Credential> byProvider;
        f.client.listCredentials(list.callback());
        f.client.credentialForProvider(QStringLiteral("kopokopo"), byProvider.callback());
        const auto first = list.wait();
        const auto second = byProvider.wait();
        CHECK_ERROR(first, Kind::Unauthorized, 401);
        CHECK_ERROR(second, Kind::Unauthorized, 401);
        QCOMPARE(first.error.code, QStringLiteral("token_not_valid"));
        QCOMPARE(first.error.message,
                 QStringLiteral("Your session has expired. Log in again to continue."));
        QCOMPARE(expired.count(), 1);
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        QVERIFY(!f.client.hasSession());
        QCOMPARE(f.client.session().username, QString(kUser)); // to ask for the password again

        // Never a loop: later calls fail at once, without another refresh or signal.
        CHECK_ERROR(f.list(), Kind::Unauthorized, 401);
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        QCOMPARE(expired.count(), 1);

        // Logging in again starts over.
        CHECK_OK(f.login());
        CHECK_OK(f.list());
        QCOMPARE(expired.count(), 1);
    }

    void replayRefusedDoesNotLoop() {
        // A server that refuses the call even with a freshly refreshed token (a user just
        // deactivated, a clock far off): one refresh, one replay, then the session ends.
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        CHECK_OK(f.login());
        f.transport.clearLog();
        f.transport.setIntercept([](const api::ApiRequest& request) {
            if (request.target != "/payments/credentials/")
                return std::optional<TransportResult>();
            return std::optional<TransportResult>(
                answer(401, R"({"detail":"Given token not valid for any token type",)"
                            R"("code":"token_not_valid"})"));
        });
        const auto refused = f.list();
        CHECK_ERROR(refused, Kind::Unauthorized, 401);
        QCOMPARE(refused.error.code, QStringLiteral("token_not_valid"));
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        QCOMPARE(f.transport.count("GET", "/payments/credentials/"), 2);
        QCOMPARE(expired.count(), 1);
        QVERIFY(!f.client.hasSession());
        QTest::qWait(50);
        QCOMPARE(f.transport.log().size(), 3); // and nothing more afterwards
    }

    void refreshWithoutAnswerKeepsSession() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        CHECK_OK(f.login());
        f.backend.clock().advance(kPastAccessLifetimeMs);

        f.transport.setIntercept([](const api::ApiRequest& request) {
            if (request.target != kRefreshPath)
                return std::optional<TransportResult>();
            TransportResult failed;
            failed.failure = TransportResult::Failure::Timeout;
            failed.message = QStringLiteral("The server did not answer within 30 seconds.");
            return std::optional<TransportResult>(failed);
        });
        const auto timedOut = f.list();
        CHECK_ERROR(timedOut, Kind::Timeout, 0);
        QCOMPARE(timedOut.error.message,
                 QStringLiteral("The server did not answer within 30 seconds."));
        QCOMPARE(expired.count(), 0);
        QVERIFY(f.client.hasSession());

        f.transport.setIntercept({});
        CHECK_OK(f.list());
        QCOMPARE(f.transport.count("POST", kRefreshPath), 2);
        QCOMPARE(expired.count(), 0);
    }

    void resumedSessionRefreshesFirst() {
        Fixture f;
        CHECK_OK(f.login());
        QByteArray remembered = f.client.refreshToken();

        CredentialsClient resumed(f.transport);
        QSignalSpy expired(&resumed, &CredentialsClient::sessionExpired);
        resumed.resumeSession(kUser, remembered);
        crypto::wipe(remembered);
        QVERIFY(resumed.hasSession());
        f.transport.clearLog();
        const auto list =
            await<QList<Credential>>([&](auto done) { resumed.listCredentials(done); });
        CHECK_OK(list);
        QCOMPARE(f.transport.log().size(), 2); // the refresh, then the call: no 401 first
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);

        // A remembered token that no longer works ends that session at the first call.
        resumed.resumeSession(kUser, QByteArray("not.a.token"));
        CHECK_ERROR(await<QList<Credential>>([&](auto done) { resumed.listCredentials(done); }),
                    Kind::Unauthorized, 401);
        QCOMPARE(expired.count(), 1);
    }

    void changePasswordKeepsSession() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        CHECK_OK(f.login());

        const auto wrongOld = await<QString>([&](auto done) {
            f.client.changePassword("not the password", "a-brand-new-password", done);
        });
        CHECK_ERROR(wrongOld, Kind::Validation, 400);
        QCOMPARE(wrongOld.error.fieldErrors.value("old_password"), QStringList{"Wrong password."});
        QCOMPARE(wrongOld.error.message, QStringLiteral("Current password: Wrong password."));

        const auto tooShort =
            await<QString>([&](auto done) { f.client.changePassword(kPassword, "short", done); });
        CHECK_ERROR(tooShort, Kind::Validation, 400);
        QVERIFY(tooShort.error.fieldErrors.contains("new_password"));

        const QString newPassword = QStringLiteral("a-brand-new-password");
        const auto changed = await<QString>(
            [&](auto done) { f.client.changePassword(kPassword, newPassword, done); });
        CHECK_OK(changed);
        QCOMPARE(*changed.value, QStringLiteral("Password changed successfully"));

        // The server ended the old tokens; the client logged in again with the new password.
        f.transport.clearLog();
        CHECK_OK(f.list());
        QCOMPARE(f.transport.log().size(), 1);
        f.backend.clock().advance(kPastAccessLifetimeMs);
        CHECK_OK(f.list()); // and the new refresh token works
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        QCOMPARE(expired.count(), 0);
        const auto verified =
            await<bool>([&](auto done) { f.client.verifyPassword(newPassword, done); });
        CHECK_OK(verified);
        QVERIFY(*verified.value);
    }

    void logoutAfterAccessExpiryStillRevokes() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        CHECK_OK(f.login());
        QByteArray refreshToken = f.client.refreshToken();
        f.backend.clock().advance(kPastAccessLifetimeMs);

        const auto loggedOut = await<QString>([&](auto done) { f.client.logout(done); });
        CHECK_OK(loggedOut);
        QVERIFY(!f.client.hasSession()); // at once, whatever the server said
        QCOMPARE(f.transport.count("POST", "/users/logout/"), 2); // 401, then with a new token
        QCOMPARE(f.transport.count("POST", kRefreshPath), 1);
        const int refused =
            f.backend
                .call("POST", kRefreshPath, {{"refresh_token", QString::fromLatin1(refreshToken)}})
                .status;
        crypto::wipe(refreshToken);
        QCOMPARE(refused, 401);
        QCOMPARE(expired.count(), 0);
    }

    // ---- A server with the seed's endpoints only ---------------------------------------------

    void seedServerWithoutExtensions_data() {
        QTest::addColumn<QByteArray>("notFoundBody");
        QTest::newRow("DRF 404") << QByteArray(R"({"detail":"Not found."})");
        QTest::newRow("Django's plain 404 page")
            << QByteArray("<!doctype html><html><head><title>Not Found</title></head><body>"
                          "<h1>Not Found</h1><p>The requested resource was not found on this "
                          "server.</p></body></html>");
    }

    void seedServerWithoutExtensions() {
        QFETCH(QByteArray, notFoundBody);
        TestBackend backend;
        backend.createUser(kUser, kPassword);
        RouterTransport router(backend);
        SeedServerTransport seed(router, notFoundBody);
        CredentialsClient client(seed);
        QSignalSpy capabilitiesChanged(&client, &CredentialsClient::capabilitiesChanged);
        QSignalSpy expired(&client, &CredentialsClient::sessionExpired);
        auto login = [&] {
            return await<CredentialsClient::Session>(
                [&](auto done) { client.login(kUser, kPassword, done); });
        };

        CHECK_OK(login());
        const auto me = await<CredentialsClient::Account>([&](auto done) { client.me(done); });
        CHECK_ERROR(me, Kind::NotFound, 404);
        QVERIFY(!client.capabilities().me);
        QCOMPARE(capabilitiesChanged.count(), 1);
        // Known missing: not asked again.
        CHECK_ERROR(await<CredentialsClient::Account>([&](auto done) { client.me(done); }),
                    Kind::NotFound, 0);
        QCOMPARE(seed.notFoundCount(), 1);

        for (int round = 0; round < 2; ++round) { // asks once, then knows
            const auto providers = await<QList<CredentialsClient::Provider>>(
                [&](auto done) { client.providers(done); });
            CHECK_OK(providers);
            QCOMPARE(providers.value->size(), 2);
            QCOMPARE(providers.value->at(0).id, QStringLiteral("kopokopo"));
            QCOMPARE(providers.value->at(0).displayName, QStringLiteral("KopoKopo"));
            QCOMPARE(providers.value->at(1).id, QStringLiteral("instasend"));
            QCOMPARE(providers.value->at(1).displayName, QStringLiteral("InstaSend"));
        }
        QVERIFY(!client.capabilities().providers);
        QCOMPARE(capabilitiesChanged.count(), 2);
        QCOMPARE(seed.notFoundCount(), 2);

        // The seed's own endpoints work as ever.
        const auto created = await<Credential>([&](auto done) {
            client.createCredential({"kopokopo", kApiKey, kPrivateKey, "sandbox"}, done);
        });
        CHECK_OK(created);
        CHECK_OK(await<QList<Credential>>([&](auto done) { client.listCredentials(done); }));
        const auto stranger =
            await<Credential>([&](auto done) { client.credential(created.value->id + 1, done); });
        CHECK_ERROR(stranger, Kind::NotFound, 404);
        QCOMPARE(capabilitiesChanged.count(), 2);

        // No refresh endpoint: an expired access token ends the session.
        backend.clock().advance(kPastAccessLifetimeMs);
        const auto afterExpiry =
            await<QList<Credential>>([&](auto done) { client.listCredentials(done); });
        CHECK_ERROR(afterExpiry, Kind::Unauthorized, 401);
        QCOMPARE(expired.count(), 1);
        QVERIFY(!client.capabilities().refresh);
        QCOMPARE(capabilitiesChanged.count(), 3);
        QCOMPARE(router.count("POST", kRefreshPath), 0); // the wrapper answered it
        QCOMPARE(seed.notFoundCount(), 3);

        // The next session expires the same way, without trying to refresh again.
        CHECK_OK(login());
        backend.clock().advance(kPastAccessLifetimeMs);
        CHECK_ERROR(
            await<Credential>([&](auto done) { client.credential(created.value->id, done); }),
            Kind::Unauthorized, 401);
        QCOMPARE(expired.count(), 2);
        QCOMPARE(seed.notFoundCount(), 3);
        QCOMPARE(capabilitiesChanged.count(), 3);
        const Capabilities expected{false, false, false, true, true, true};
        QCOMPARE(client.capabilities(), expected);
    }

    void logoutWithoutServerSupport() {
        Fixture f;
        QSignalSpy capabilitiesChanged(&f.client, &CredentialsClient::capabilitiesChanged);
        f.transport.setIntercept([](const api::ApiRequest& request) {
            return request.target == "/users/logout/"
                       ? std::optional<TransportResult>(answer(404, R"({"detail":"Not found."})"))
                       : std::nullopt;
        });
        CHECK_OK(f.login());
        CHECK_OK(await<QString>([&](auto done) { f.client.logout(done); }));
        QVERIFY(!f.client.hasSession());
        QVERIFY(!f.client.capabilities().logout);
        QCOMPARE(capabilitiesChanged.count(), 1);

        CHECK_OK(f.login());
        CHECK_OK(await<QString>([&](auto done) { f.client.logout(done); }));
        QCOMPARE(f.transport.count("POST", "/users/logout/"), 1); // not asked again
        QVERIFY(!f.client.hasSession());
    }

    // ---- busyChanged and failures ------------------------------------------------------------

    void busyChangedToggles() {
        Fixture f;
        QSignalSpy busy(&f.client, &CredentialsClient::busyChanged);
        QVERIFY(!f.client.isBusy());
        Awaited<CredentialsClient::Session> login;
        f.client.login(kUser, kPassword, login.callback());
        QVERIFY(f.client.isBusy());
        QCOMPARE(busy.count(), 1);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        CHECK_OK(login.wait());
        QVERIFY(!f.client.isBusy());
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(1).at(0).toBool(), false);

        // Two calls at once: busy once, idle once, after the last.
        Awaited<QList<Credential>> first;
        Awaited<QList<Credential>> second;
        f.client.listCredentials(first.callback());
        f.client.listCredentials(second.callback());
        CHECK_OK(first.wait());
        CHECK_OK(second.wait());
        QCOMPARE(busy.count(), 4);
        QCOMPARE(busy.at(2).at(0).toBool(), true);
        QCOMPARE(busy.at(3).at(0).toBool(), false);

        // A failure ends the busy state too.
        CHECK_ERROR(await<Credential>([&](auto done) { f.client.credential(424242, done); }),
                    Kind::NotFound, 404);
        QCOMPARE(busy.count(), 6);
        QVERIFY(!f.client.isBusy());
    }

    void nonJsonBadGateway() {
        Fixture f;
        CHECK_OK(f.login());
        f.transport.setIntercept([](const api::ApiRequest& request) {
            if (request.target == "/payments/credentials/")
                return std::optional<TransportResult>(
                    answer(502, "<html><head><title>502 Bad Gateway</title></head><body><center>"
                                "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
                                "</body></html>"));
            if (request.target == "/payments/credentials/provider/kopokopo/") // a captive portal
                return std::optional<TransportResult>(answer(200, "<html>Sign in to Wi-Fi</html>"));
            return std::optional<TransportResult>();
        });
        const auto gateway = f.list();
        CHECK_ERROR(gateway, Kind::Server, 502);
        QVERIFY(!gateway.error.message.isEmpty());
        QVERIFY2(gateway.error.message.endsWith('.'), qPrintable(gateway.error.message));
        QVERIFY2(!gateway.error.message.contains('<'), qPrintable(gateway.error.message));
        QVERIFY(gateway.error.message.contains("HTTP 502"));

        const auto portal =
            await<Credential>([&](auto done) { f.client.credentialForProvider("kopokopo", done); });
        CHECK_ERROR(portal, Kind::Unexpected, 200);
        QVERIFY(!portal.error.message.isEmpty());
        QVERIFY(f.client.hasSession());
    }

    void transportFailures() {
        Fixture f;
        QSignalSpy expired(&f.client, &CredentialsClient::sessionExpired);
        const QString refused =
            QStringLiteral("Connection refused by pay.example.com:443. Check that the server is "
                           "running and the address is right.");
        f.transport.setIntercept([&](const api::ApiRequest&) {
            TransportResult failed;
            failed.failure = TransportResult::Failure::Network;
            failed.message = refused;
            return std::optional<TransportResult>(failed);
        });
        const auto network = f.login();
        CHECK_ERROR(network, Kind::Network, 0);
        QCOMPARE(network.error.message, refused);

        f.transport.setIntercept([](const api::ApiRequest&) {
            TransportResult failed;
            failed.failure = TransportResult::Failure::Tls;
            failed.message = QStringLiteral("The server's certificate is not trusted.");
            failed.certificateSubject = QStringLiteral("CN=pay.example.com");
            failed.certificateIssuer = QStringLiteral("CN=pay.example.com");
            failed.certificateExpiry = QStringLiteral("2030-01-01T00:00:00Z");
            failed.certificateSha256 = QByteArray(64, 'a');
            failed.certificatePem = QByteArrayLiteral("-----BEGIN CERTIFICATE-----");
            return std::optional<TransportResult>(failed);
        });
        const auto tls = f.login();
        CHECK_ERROR(tls, Kind::Tls, 0);
        QCOMPARE(tls.error.certificateSubject, QStringLiteral("CN=pay.example.com"));
        QCOMPARE(tls.error.certificateIssuer, QStringLiteral("CN=pay.example.com"));
        QCOMPARE(tls.error.certificateExpiry, QStringLiteral("2030-01-01T00:00:00Z"));
        QCOMPARE(tls.error.certificateSha256, QByteArray(64, 'a'));
        QCOMPARE(tls.error.certificatePem, QByteArrayLiteral("-----BEGIN CERTIFICATE-----"));

        // An authenticated call that gets no answer keeps the session.
        f.transport.setIntercept({});
        CHECK_OK(f.login());
        f.transport.setIntercept([&](const api::ApiRequest&) {
            TransportResult failed;
            failed.failure = TransportResult::Failure::Network;
            failed.message = refused;
            return std::optional<TransportResult>(failed);
        });
        const auto offline = f.list();
        CHECK_ERROR(offline, Kind::Network, 0);
        QCOMPARE(offline.error.message, refused);
        QVERIFY(f.client.hasSession());
        QCOMPARE(expired.count(), 0);
    }

    void transportDestroyed() {
        TestBackend backend;
        backend.createUser(kUser, kPassword);
        auto transport = std::make_unique<RouterTransport>(backend);
        CredentialsClient client(*transport);
        Awaited<CredentialsClient::Session> pending;
        client.login(kUser, kPassword, pending.callback());
        transport.reset(); // answers the login Cancelled

        const auto cancelled = pending.wait();
        CHECK_ERROR(cancelled, Kind::Network, 0);
        QCOMPARE(cancelled.error.message, QStringLiteral("The test transport was shut down."));
        QVERIFY(!client.isBusy());

        const auto closed =
            await<QList<Credential>>([&](auto done) { client.listCredentials(done); });
        CHECK_ERROR(closed, Kind::Network, 0);
        QVERIFY(!closed.error.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCredentialsClient)
#include "tst_credentialsclient.moc"
