// CredentialsClient: API.md's account and credential endpoints as typed asynchronous calls over
// a Session: the seed's workflow, the provider list from the registry, the three error shapes,
// entity tags and If-Match, a server with the seed's endpoints only, and callbacks that never
// run after the client is gone. Every case that a real backend can answer runs over a local
// vault through the real EmbeddedTransport and over the server's core through the
// RouterTransport double; the cases that need an answer no real backend gives (another
// implementation's shapes, a proxy's page, a server without the extension endpoints) run over
// the double only. Nothing secret is printed: failures show kinds, statuses and messages only.

#include "core/service/provider.h"
#include "tests/client/clienttestsupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>

using namespace paycred;
using namespace paycred::clienttest;
using client::Capabilities;
using client::Credential;
using client::CredentialsClient;
using client::Session;
using client::TransportResult;

Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

// A credential as compared across answers: one from a list carries no entity tag.
Credential untagged(Credential credential) {
    credential.entityTag.clear();
    return credential;
}

} // namespace

class TestCredentialsClient : public QObject {
    Q_OBJECT

private slots:
    // ---- The seed's workflow -----------------------------------------------------------------

    void seedWorkflow_data() { addBackends(); }
    void seedWorkflow() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        QSignalSpy capabilitiesChanged(&f.session, &Session::capabilitiesChanged);
        const QDateTime start = f.clock().now();
        CHECK_OK(f.login());

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
        QCOMPARE(list.value->at(0), untagged(created));
        QCOMPARE(list.value->at(1), untagged(*instasend.value));
        QVERIFY(list.value->at(0).entityTag.isEmpty());

        const auto one = f.one(created.id);
        CHECK_OK(one);
        QCOMPARE(*one.value, created);
        const auto byProvider = await<Credential>(
            [&](auto done) { f.client.credentialForProvider(QStringLiteral("kopokopo"), done); });
        CHECK_OK(byProvider);
        QCOMPARE(*byProvider.value, created);

        f.clock().advance(1000);
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
        QCOMPARE(account.value->id, f.backing->userId);
        QCOMPARE(account.value->username, QString(kUser));
        QCOMPARE(account.value->isSuperuser, f.backing->isSuperuser);
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
        const auto gone = f.one(created.id);
        CHECK_ERROR(gone, Kind::NotFound, 404);
        QCOMPARE(gone.error.message, QString(kNotFound));

        // Nothing here needed a refresh, and a 404 for a credential is no missing feature.
        QCOMPARE(f.expired.count(), 0);
        QCOMPARE(capabilitiesChanged.count(), 0);
        QCOMPARE(f.session.capabilities(), Capabilities{});
        QCOMPARE(f.tap.count("POST", kRefreshPath), 0);
        for (const auto& sent : f.tap.log())
            QVERIFY2(sent.ifMatch.isEmpty(), sent.method + ' ' + sent.path); // none was given
    }

    void providersComeFromTheRegistry_data() { addBackends(); }
    void providersComeFromTheRegistry() {
        QFETCH(Backend, backend);
        const QList<CredentialsClient::Provider> builtIn = CredentialsClient::builtInProviders();
        const QList<service::Provider>& registry = service::Provider::all();
        QCOMPARE(builtIn.size(), registry.size());
        for (qsizetype i = 0; i < registry.size(); ++i) {
            QCOMPARE(builtIn.at(i).id, registry.at(i).id);
            QCOMPARE(builtIn.at(i).displayName, registry.at(i).displayName);
        }
        // And the server says the same (no login needed).
        Fixture f(backend);
        const auto offered = await<QList<CredentialsClient::Provider>>(
            [&](auto done) { f.client.providers(std::move(done)); });
        CHECK_OK(offered);
        QCOMPARE(*offered.value, builtIn);
        QCOMPARE(f.tap.count("GET", "/providers/"), 1);
        QVERIFY(!f.tap.log().first().authorized);
    }

    void otherImplementationsShapes() {
        // Credentials as another implementation may write them (over the double: the real core
        // does not): fractional seconds, no is_live (derived from the environment), an offset
        // instead of Z, no provider_display (the registry's name), a login without "user".
        Fixture f;
        const QJsonObject instasend{{"id", 7},
                                    {"provider", "instasend"},
                                    {"provider_display", "InstaSend"},
                                    {"environment", "live"},
                                    {"is_active", true},
                                    {"created_at", "2024-01-15T10:30:00.123456Z"},
                                    {"updated_at", "2024-01-15T12:30:05+02:00"}};
        const QJsonObject kopokopo{{"id", 8},
                                   {"provider", "kopokopo"},
                                   {"environment", "sandbox"},
                                   {"is_active", false},
                                   {"created_at", "2024-01-15T10:30:00Z"},
                                   {"updated_at", "2024-01-15T10:30:00Z"}};
        f.router().setIntercept([&](const api::ApiRequest& request) {
            if (request.target == "/payments/credentials/7/")
                return std::optional<TransportResult>(answer(200, jsonOf(instasend)));
            if (request.target == "/payments/credentials/")
                return std::optional<TransportResult>(
                    answer(200, QJsonDocument(QJsonArray{instasend, kopokopo}).toJson()));
            if (request.target == "/users/login/") // the seed's answer: no "user", no expiry
                return std::optional<TransportResult>(
                    answer(200, jsonOf({{"access_token", "a.b.c"},
                                        {"refresh_token", "d.e.f"},
                                        {"token_type", "Bearer"}})));
            return std::optional<TransportResult>();
        });
        CHECK_OK(f.login());

        const auto parsed = f.one(7);
        CHECK_OK(parsed);
        QCOMPARE(parsed.value->createdAt,
                 QDateTime(QDate(2024, 1, 15), QTime(10, 30, 0, 123), Qt::UTC));
        QCOMPARE(parsed.value->createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(parsed.value->updatedAt, QDateTime(QDate(2024, 1, 15), QTime(10, 30, 5), Qt::UTC));
        QVERIFY(parsed.value->isLive);
        QVERIFY(parsed.value->isActive);
        QVERIFY(parsed.value->entityTag.isEmpty()); // no ETag: a server without tags

        const auto list = f.list();
        CHECK_OK(list);
        QCOMPARE(list.value->size(), 2);
        QCOMPARE(list.value->at(1).providerDisplay, service::Provider::displayNameOf("kopokopo"));
        QVERIFY(!list.value->at(1).isLive);
    }

    void meCompletesTheIdentity() {
        // A login that did not say who the user is (the seed's): me() tells the session. Over
        // the double, for that login answer.
        Fixture f;
        f.router().setIntercept(
            [&](const api::ApiRequest& request) -> std::optional<TransportResult> {
                if (request.target != "/users/login/")
                    return std::nullopt;
                QJsonObject real = f.backing->handle(request).object();
                real.remove("user");
                return answer(200, jsonOf(real));
            });
        CHECK_OK(f.login());
        QVERIFY(!f.session.identity().userId.has_value());
        CHECK_OK(await<CredentialsClient::Account>([&](auto done) { f.client.me(done); }));
        QCOMPARE(f.session.identity().userId, std::optional<qint64>(f.backing->userId));
        QCOMPARE(f.session.identity().isSuperuser, std::optional<bool>(false));
    }

    // ---- The three error shapes --------------------------------------------------------------

    void fieldErrorsOnCreate_data() { addBackends(); }
    void fieldErrorsOnCreate() {
        QFETCH(Backend, backend);
        Fixture f(backend);
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

    void errorShapeOnNotFound_data() { addBackends(); }
    void errorShapeOnNotFound() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        QSignalSpy capabilitiesChanged(&f.session, &Session::capabilitiesChanged);
        CHECK_OK(f.login());

        const auto missing = f.one(9999);
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
        QCOMPARE(f.session.capabilities(), Capabilities{});
    }

    void detailShapes_data() { addBackends(); }
    void detailShapes() {
        QFETCH(Backend, backend);
        Fixture f(backend);

        // 401 without a session: {"detail"}; not an expired session (there was none).
        const auto anonymous = f.list();
        CHECK_ERROR(anonymous, Kind::Unauthorized, 401);
        QCOMPARE(anonymous.error.message,
                 QStringLiteral("Authentication credentials were not provided."));
        QCOMPARE(f.expired.count(), 0);
        QCOMPARE(f.tap.count("POST", kRefreshPath), 0);

        // 405, 415 and a JSON parse error, from the real router: the requests are bent on their
        // way.
        f.tap.setRewrite([](api::ApiRequest& request) {
            if (request.target == "/users/login/")
                request.method = "GET";
        });
        const auto wrongMethod = f.login();
        CHECK_ERROR(wrongMethod, Kind::Unexpected, 405);
        QCOMPARE(wrongMethod.error.message, QStringLiteral("Method \"GET\" not allowed."));

        f.tap.setRewrite([](api::ApiRequest& request) {
            for (auto& header : request.headers) {
                if (header.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
                    header.second = "text/plain";
            }
        });
        const auto wrongType = f.login();
        CHECK_ERROR(wrongType, Kind::Unexpected, 415);
        QCOMPARE(wrongType.error.message,
                 QStringLiteral("Unsupported media type \"text/plain\" in request."));

        f.tap.setRewrite([](api::ApiRequest& request) { request.body = "{\"username\":"; });
        const auto badJson = f.login();
        CHECK_ERROR(badJson, Kind::Validation, 400);
        QVERIFY2(badJson.error.message.startsWith("JSON parse error - "),
                 qPrintable(badJson.error.message));

        f.tap.setRewrite({});
        CHECK_OK(f.login());
        QCOMPARE(f.expired.count(), 0);
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
        QTest::newRow("changed by someone else")
            << 412
            << QByteArray(R"({"error":"The credentials were changed by someone else. Reload )"
                          R"(them and try again."})")
            << QByteArray() << int(Kind::Changed)
            << "The credentials were changed by someone else. Reload them and try again."
            << "" << std::optional<qint64>();
        QTest::newRow("changed, without a body")
            << 412 << QByteArray() << QByteArray() << int(Kind::Changed)
            << "Someone else changed this in the meantime. Reload it and try again."
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
        QTest::newRow("DRF throttle, seconds in the message")
            << 429
            << QByteArray(R"({"detail":"Request was throttled. Expected available in 42 )"
                          R"(seconds."})")
            << QByteArray() << int(Kind::Throttled)
            << "Request was throttled. Expected available in 42 seconds."
            << "" << std::optional<qint64>(42);
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

    void nonJsonBadGateway() {
        // Over the double: a proxy's page and a captive portal stand in for the server.
        Fixture f;
        CHECK_OK(f.login());
        f.router().setIntercept([](const api::ApiRequest& request) {
            if (request.target == "/payments/credentials/")
                return std::optional<TransportResult>(
                    answer(502, "<html><head><title>502 Bad Gateway</title></head><body><center>"
                                "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
                                "</body></html>"));
            if (request.target == "/payments/credentials/provider/kopokopo/")
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
        QVERIFY(f.session.isActive());
    }

    // ---- Account -----------------------------------------------------------------------------

    void changePasswordKeepsSession_data() { addBackends(); }
    void changePasswordKeepsSession() {
        QFETCH(Backend, backend);
        Fixture f(backend);
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

        QByteArray oldRefresh = f.session.refreshToken();
        const QString newPassword = QStringLiteral("a-brand-new-password");
        const auto changed = await<QString>(
            [&](auto done) { f.client.changePassword(kPassword, newPassword, done); });
        CHECK_OK(changed);
        QCOMPARE(*changed.value, QStringLiteral("Password changed successfully"));

        // The server ended the old tokens; the session logged in again with the new password.
        QCOMPARE(f.refreshStatus(std::move(oldRefresh)), 401);
        QCOMPARE(f.tap.count("POST", "/users/login/"), 2);
        f.tap.clearLog();
        CHECK_OK(f.list());
        QCOMPARE(f.tap.log().size(), 1);
        f.clock().advance(kPastAccessLifetimeMs);
        CHECK_OK(f.list()); // and the new refresh token works
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QCOMPARE(f.expired.count(), 0);
        const auto verified =
            await<bool>([&](auto done) { f.client.verifyPassword(newPassword, done); });
        CHECK_OK(verified);
        QVERIFY(*verified.value);
    }

    // ---- Entity tags -------------------------------------------------------------------------

    void entityTagsTravel() {
        // The client's side of If-Match against any server that sends tags: the tag of the
        // answer is kept, sent back when given, and a 412 is its own kind. Over the double,
        // which answers with a tag and a refusal of its choosing.
        Fixture f;
        CHECK_OK(f.login());
        const auto created = f.create("kopokopo");
        CHECK_OK(created);
        const qint64 id = created.value->id;
        const QByteArray tag = "\"41\"";
        f.router().setIntercept(
            [&](const api::ApiRequest& request) -> std::optional<TransportResult> {
                if (request.method == "GET" && request.target == apitest::credentialPath(id)) {
                    TransportResult tagged;
                    tagged.response = f.backing->handle(request);
                    tagged.response.setHeader("ETag", tag);
                    return tagged;
                }
                if (!request.hasHeader("If-Match"))
                    return std::nullopt;
                if (request.header("If-Match") != tag)
                    return answer(412, R"({"error":"The credentials were changed by someone )"
                                       R"(else. Reload them and try again."})");
                api::ApiRequest unconditional = request; // the tag is this double's own
                unconditional.headers.removeIf(
                    [](const auto& header) { return header.first == "If-Match"; });
                TransportResult applied;
                applied.response = f.backing->handle(unconditional);
                return applied;
            });
        const auto read = f.one(id);
        CHECK_OK(read);
        QCOMPARE(read.value->entityTag, tag);

        f.tap.clearLog();
        CredentialsClient::Change change;
        change.environment = QStringLiteral("live");
        CHECK_OK(await<Credential>([&](auto done) {
            f.client.updateCredential(id, change, done, read.value->entityTag);
        }));
        CHECK_OK(await<Credential>([&](auto done) { f.client.toggleStatus(id, done, tag); }));
        CHECK_OK(await<Credential>([&](auto done) {
            f.client.replacePrivateKey(id, QStringLiteral("sk_test_kopokopo_another_key"), done,
                                       tag);
        }));
        CHECK_OK(await<Credential>([&](auto done) { f.client.toggleStatus(id, done); }));
        QCOMPARE(f.tap.log().size(), 4);
        QCOMPARE(f.tap.log().at(0).ifMatch, tag);     // PUT
        QCOMPARE(f.tap.log().at(1).ifMatch, tag);     // toggle-status
        QCOMPARE(f.tap.log().at(2).ifMatch, tag);     // update-private-key
        QVERIFY(f.tap.log().at(3).ifMatch.isEmpty()); // none given: none sent

        const auto stale = await<QString>(
            [&](auto done) { f.client.deleteCredential(id, done, QByteArray("\"40\"")); });
        CHECK_ERROR(stale, Kind::Changed, 412);
        QCOMPARE(stale.error.message,
                 QStringLiteral("The credentials were changed by someone else. Reload them and "
                                "try again."));
        QVERIFY(f.session.isActive()); // a conflict is no session problem
        CHECK_OK(f.one(id));           // still there
    }

    void ifMatchRoundTrip_data() { addBackends(); }
    void ifMatchRoundTrip() {
        // API.md §2 "Optimistic concurrency" against the real core: a change meant for the
        // version read is applied, one meant for an older version is refused and changes
        // nothing.
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        const auto created = f.create("kopokopo", "sandbox");
        CHECK_OK(created);
        const qint64 id = created.value->id;
        const QByteArray first = created.value->entityTag;
        QVERIFY2(!first.isEmpty(), "the create answer carried no ETag");
        const auto read = f.one(id);
        CHECK_OK(read);
        QCOMPARE(read.value->entityTag, first);               // nothing changed in between
        QVERIFY(f.list().value->first().entityTag.isEmpty()); // a list carries none

        // Match: applied, with a new tag.
        f.clock().advance(1000);
        CredentialsClient::Change live;
        live.environment = QStringLiteral("live");
        const auto updated =
            await<Credential>([&](auto done) { f.client.updateCredential(id, live, done, first); });
        CHECK_OK(updated);
        QCOMPARE(updated.value->environment, QStringLiteral("live"));
        const QByteArray second = updated.value->entityTag;
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        QCOMPARE(f.tap.log().last().ifMatch, first);

        // Mismatch: refused with the server's sentence, nothing changed.
        const QString changedMessage = QStringLiteral(
            "The credentials were changed by someone else. Reload them and try again.");
        f.clock().advance(1000);
        CredentialsClient::Change sandbox;
        sandbox.environment = QStringLiteral("sandbox");
        const auto stale = await<Credential>(
            [&](auto done) { f.client.updateCredential(id, sandbox, done, first); });
        CHECK_ERROR(stale, Kind::Changed, 412);
        QCOMPARE(stale.error.message, changedMessage);
        const auto unchanged = f.one(id);
        CHECK_OK(unchanged);
        QCOMPARE(unchanged.value->environment, QStringLiteral("live"));
        QCOMPARE(unchanged.value->updatedAt, updated.value->updatedAt);
        QCOMPARE(unchanged.value->entityTag, second);

        CHECK_ERROR(await<Credential>([&](auto done) { f.client.toggleStatus(id, done, first); }),
                    Kind::Changed, 412);
        CHECK_ERROR(await<Credential>([&](auto done) {
                        f.client.replacePrivateKey(id, QStringLiteral("sk_live_another_key_77"),
                                                   done, first);
                    }),
                    Kind::Changed, 412);
        const auto oldKey =
            await<bool>([&](auto done) { f.client.verifyPrivateKey(id, kPrivateKey, done); });
        CHECK_OK(oldKey);
        QVERIFY2(*oldKey.value, "a refused key replacement changed the key");
        CHECK_ERROR(await<QString>([&](auto done) { f.client.deleteCredential(id, done, first); }),
                    Kind::Changed, 412);
        const auto still = f.one(id);
        CHECK_OK(still);
        QVERIFY(still.value->isActive);
        QCOMPARE(still.value->entityTag, second);

        // With the current tag each goes through, and each answer tags the next version.
        const auto toggled =
            await<Credential>([&](auto done) { f.client.toggleStatus(id, done, second); });
        CHECK_OK(toggled);
        QVERIFY(!toggled.value->isActive);
        const QByteArray third = toggled.value->entityTag;
        QVERIFY(!third.isEmpty() && third != second);
        const auto replaced = await<Credential>([&](auto done) {
            f.client.replacePrivateKey(id, QStringLiteral("sk_live_another_key_77"), done, third);
        });
        CHECK_OK(replaced);
        const QByteArray fourth = replaced.value->entityTag;
        QVERIFY(!fourth.isEmpty() && fourth != third);
        CHECK_OK(await<QString>([&](auto done) { f.client.deleteCredential(id, done, fourth); }));
        CHECK_ERROR(f.one(id), Kind::NotFound, 404);
        QVERIFY(f.session.isActive()); // a conflict is no session problem
        QCOMPARE(f.expired.count(), 0);
    }

    // ---- A server with the seed's endpoints only ---------------------------------------------

    void capabilitiesFromASchema() {
        const QJsonObject schema{{"openapi", "3.0.3"},
                                 {"paths", QJsonObject{{"/users/login/", QJsonObject{}},
                                                       {"/users/me/", QJsonObject{}},
                                                       {"/users/logout-all/", QJsonObject{}},
                                                       {"/admin/users/{id}/", QJsonObject{}}}}};
        const Capabilities found = Capabilities::fromSchema(schema);
        QVERIFY(found.me);
        QVERIFY(found.admin);
        QVERIFY(!found.logout); // logout-all is not logout
        QVERIFY(!found.changePassword);
        QVERIFY(!found.sessions);
        QVERIFY(!found.providers);
        // Not a schema: nothing learnt.
        QCOMPARE(Capabilities::fromSchema(QJsonObject{{"detail", "Not found."}}), Capabilities{});
        QCOMPARE(Capabilities{} & Capabilities::none(), Capabilities::none());
    }

    void capabilitiesLearntAtSignIn() {
        test::TestBackend backend;
        backend.createUser(kUser, kPassword);
        test::RouterTransport router(backend);
        {
            // Our own server lists every extension in its schema: nothing is hidden.
            Session session(router);
            QSignalSpy changed(&session, &Session::capabilitiesChanged);
            bool learnt = false;
            session.learnCapabilities([&] { learnt = true; });
            QVERIFY(QTest::qWaitFor([&] { return learnt; }, 5000));
            QCOMPARE(session.capabilities(), Capabilities{});
            QCOMPARE(changed.count(), 0);
        }
        // The seed's has no schema: every extension is hidden before anything asks for one.
        SeedServerTransport seed(router, QByteArray("<h1>Not Found</h1>"));
        test::TappedTransport tap(seed);
        Session session(tap);
        CredentialsClient client(session);
        QSignalSpy changed(&session, &Session::capabilitiesChanged);
        bool learnt = false;
        session.learnCapabilities([&] { learnt = true; });
        QVERIFY(QTest::qWaitFor([&] { return learnt; }, 5000));
        QCOMPARE(session.capabilities(), Capabilities::none());
        QCOMPARE(changed.count(), 1);
        CHECK_OK(
            await<Session::Identity>([&](auto done) { session.login(kUser, kPassword, done); }));
        const auto changedPassword = await<QString>([&](auto done) {
            client.changePassword(kPassword, QStringLiteral("a brand new passphrase 42"), done);
        });
        CHECK_ERROR(changedPassword, Kind::NotFound, 0);
        QCOMPARE(tap.count("POST", "/users/change-password/"), 0);
    }

    void seedServerWithoutExtensions_data() {
        QTest::addColumn<QByteArray>("notFoundBody");
        QTest::newRow("DRF 404") << QByteArray(R"({"detail":"Not found."})");
        QTest::newRow("Django's plain 404 page")
            << QByteArray("<!doctype html><html><head><title>Not Found</title></head><body>"
                          "<h1>Not Found</h1><p>The requested resource was not found on this "
                          "server.</p></body></html>");
    }

    void seedServerWithoutExtensions() {
        // Over the double: SeedServerTransport answers for the routes the seed lacks.
        QFETCH(QByteArray, notFoundBody);
        test::TestBackend backend;
        backend.createUser(kUser, kPassword);
        test::RouterTransport router(backend);
        SeedServerTransport seed(router, notFoundBody);
        test::TappedTransport tap(seed);
        Session session(tap);
        CredentialsClient client(session);
        QSignalSpy capabilitiesChanged(&session, &Session::capabilitiesChanged);
        QSignalSpy expired(&session, &Session::sessionExpired);
        auto login = [&] {
            return await<Session::Identity>(
                [&](auto done) { session.login(kUser, kPassword, done); });
        };

        CHECK_OK(login());
        const auto me = await<CredentialsClient::Account>([&](auto done) { client.me(done); });
        CHECK_ERROR(me, Kind::NotFound, 404);
        QCOMPARE(me.error.message, QStringLiteral("This server does not offer this feature."));
        QVERIFY(!session.capabilities().me);
        QCOMPARE(capabilitiesChanged.count(), 1);
        // Known missing: not asked again, and still answered later, never from inside the call.
        Awaited<CredentialsClient::Account> known;
        client.me(known.callback());
        QVERIFY(!known.done());
        CHECK_ERROR(known.wait(), Kind::NotFound, 0);
        QCOMPARE(seed.notFoundCount(), 1);

        for (int round = 0; round < 2; ++round) { // asks once, then knows
            const auto providers = await<QList<CredentialsClient::Provider>>(
                [&](auto done) { client.providers(done); });
            CHECK_OK(providers);
            QCOMPARE(*providers.value, CredentialsClient::builtInProviders());
        }
        QVERIFY(!session.capabilities().providers);
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
        QVERIFY(!session.capabilities().refresh);
        QCOMPARE(capabilitiesChanged.count(), 3);
        QCOMPARE(tap.count("POST", kRefreshPath), 1); // answered by the wrapper
        QCOMPARE(seed.notFoundCount(), 3);

        // The next session expires the same way, without trying to refresh again.
        CHECK_OK(login());
        backend.clock().advance(kPastAccessLifetimeMs);
        CHECK_ERROR(
            await<Credential>([&](auto done) { client.credential(created.value->id, done); }),
            Kind::Unauthorized, 401);
        QCOMPARE(expired.count(), 2);
        QCOMPARE(seed.notFoundCount(), 3);
        QCOMPARE(tap.count("POST", kRefreshPath), 1);
        QCOMPARE(capabilitiesChanged.count(), 3);
        const Capabilities expected{false, false, false, true, true, true};
        QCOMPARE(session.capabilities(), expected);
    }

    // ---- The client's lifetime ---------------------------------------------------------------

    void destroyedClientRunsNoCallback_data() { addBackends(); }
    void destroyedClientRunsNoCallback() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        Awaited<QList<Credential>> pending;
        {
            CredentialsClient doomed(f.session);
            doomed.listCredentials(pending.callback());
            QVERIFY(f.session.isBusy());
        }
        // The session finishes the call, to nobody.
        QVERIFY(QTest::qWaitFor([&] { return !f.session.isBusy(); }, 10000));
        QCoreApplication::processEvents();
        QCOMPARE(pending.calls(), 0);
        QCOMPARE(f.tap.count("GET", "/payments/credentials/"), 1);
        // A second typed client on the same session goes on.
        CHECK_OK(f.list());
    }
};

QTEST_GUILESS_MAIN(TestCredentialsClient)
#include "tst_credentialsclient.moc"
