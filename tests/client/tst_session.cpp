// Session: logging in and out, the tokens and who they are for, the automatic refresh of the
// access token (one refresh for concurrent calls, never a loop, logout included), the session
// ending when it cannot be refreshed, resuming and adopting a session obtained elsewhere, busy
// tracking, and failures of the transport. Every case that a real backend can answer runs over
// a local vault through the real EmbeddedTransport and over the server's core through the
// RouterTransport double; the cases that need an answer no real backend gives on demand (a
// timeout, a refused replay, a server without an endpoint) run over the double only.

#include "tests/client/clienttestsupport.h"

using namespace paycred;
using namespace paycred::clienttest;
using client::Credential;
using client::Session;
using client::TransportResult;

class TestSession : public QObject {
    Q_OBJECT

private slots:
    // ---- Logging in ---------------------------------------------------------------------------

    void loginGrantsASession_data() { addBackends(); }
    void loginGrantsASession() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        QVERIFY(!f.session.isActive());

        const auto wrong = f.login(QStringLiteral("not the password"));
        CHECK_ERROR(wrong, Kind::Unauthorized, 401);
        QCOMPARE(wrong.error.message, QStringLiteral("Invalid username or password"));
        QVERIFY(!f.session.isActive());

        const auto identity = f.login();
        CHECK_OK(identity);
        QCOMPARE(identity.value->username, QString(kUser));
        QCOMPARE(identity.value->userId, std::optional<qint64>(f.backing->userId));
        QCOMPARE(identity.value->isSuperuser, std::optional<bool>(f.backing->isSuperuser));
        QCOMPARE(f.session.expiresInSecs(), std::optional<int>(300));
        QVERIFY(f.session.isActive());
        QCOMPARE(f.session.identity().username, QString(kUser));
        QByteArray refresh = f.session.refreshToken();
        QVERIFY(!refresh.isEmpty());
        QCOMPARE(f.refreshStatus(std::move(refresh)), 200);
        CHECK_OK(f.list());
        QCOMPARE(f.tap.log().last().authorized, true);
        QCOMPARE(f.expired.count(), 0); // a failed login never expires a session
    }

    void seedShapedLoginAnswer() {
        // The seed's answer carries the tokens only: no "user", no expiry. Over the double: no
        // real backend answers so.
        Fixture f;
        f.router().setIntercept([](const api::ApiRequest& request) {
            if (request.target != "/users/login/")
                return std::optional<TransportResult>();
            return std::optional<TransportResult>(answer(200, jsonOf({{"access_token", "a.b.c"},
                                                                      {"refresh_token", "d.e.f"},
                                                                      {"token_type", "Bearer"}})));
        });
        const auto identity = f.login();
        CHECK_OK(identity);
        QCOMPARE(identity.value->username, QString(kUser));
        QVERIFY(!identity.value->userId.has_value());
        QVERIFY(!identity.value->isSuperuser.has_value());
        QVERIFY(!f.session.expiresInSecs().has_value());
        QVERIFY(f.session.isActive());
    }

    void throttledLogin_data() { addBackends(); }
    void throttledLogin() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        std::optional<client::Result<Session::Identity>> throttled;
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
        QCOMPARE(f.expired.count(), 0);
        QVERIFY(!f.session.isActive());
    }

    void callbacksAreAsynchronousAndRunOnce_data() { addBackends(); }
    void callbacksAreAsynchronousAndRunOnce() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        Awaited<Session::Identity> login;
        f.session.login(kUser, kPassword, login.callback());
        QVERIFY(!login.done()); // never from inside the call
        CHECK_OK(login.wait());

        // Also when the session answers without asking the server: a logout with nothing to
        // revoke.
        CHECK_OK(f.logout());
        f.tap.clearLog();
        Awaited<QString> local;
        f.session.logout(local.callback());
        QVERIFY(!local.done());
        CHECK_OK(local.wait());
        QCOMPARE(*local.wait().value, QStringLiteral("Logged out."));
        QVERIFY(f.tap.log().isEmpty());

        // Nothing comes twice, even once the transport has nothing left to deliver.
        QVERIFY(QTest::qWaitFor([&] { return f.tap.inFlight() == 0; }, 10000));
        QCoreApplication::processEvents();
        QCOMPARE(login.calls(), 1);
        QCOMPARE(local.calls(), 1);
    }

    void destroyedSessionRunsNoCallback_data() { addBackends(); }
    void destroyedSessionRunsNoCallback() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        Awaited<Session::Identity> pending;
        int busyChanges = 0;
        {
            Session doomed(f.tap);
            connect(&doomed, &Session::busyChanged, this, [&] { ++busyChanges; });
            doomed.login(kUser, kPassword, pending.callback());
            QCOMPARE(f.tap.inFlight(), 1);
        }
        QCOMPARE(busyChanges, 1); // busy, and no more: it is gone
        // The answer comes back to nobody.
        QVERIFY(QTest::qWaitFor([&] { return f.tap.inFlight() == 0; }, 10000));
        QCoreApplication::processEvents();
        QCOMPARE(pending.calls(), 0);
        QCOMPARE(busyChanges, 1);
    }

    // ---- The access token refreshes itself ---------------------------------------------------

    void refreshesExpiredAccessToken_data() { addBackends(); }
    void refreshesExpiredAccessToken() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        CHECK_OK(f.create("kopokopo"));
        f.tap.clearLog();

        f.clock().advance(kPastAccessLifetimeMs);
        const auto list = f.list();
        CHECK_OK(list);
        QCOMPARE(list.value->size(), 1);
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QCOMPARE(f.tap.count("GET", "/payments/credentials/"), 2); // the 401, the replay
        QCOMPARE(f.tap.log().size(), 3);
        QVERIFY(!f.tap.log().at(1).authorized); // the refresh carries no access token
        QCOMPARE(f.session.expiresInSecs(), std::optional<int>(300));

        // The new access token is used from now on: no more refreshes.
        CHECK_OK(f.list());
        CHECK_OK(await<Credential>(
            [&](auto done) { f.client.credentialForProvider("kopokopo", done); }));
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QCOMPARE(f.expired.count(), 0);
        QVERIFY(f.session.isActive());

        // A call with a body (a secret in it) is replayed with its body intact.
        f.clock().advance(kPastAccessLifetimeMs);
        const auto created = f.create("instasend");
        CHECK_OK(created);
        QCOMPARE(created.value->provider, QStringLiteral("instasend"));
        QCOMPARE(f.tap.count("POST", kRefreshPath), 2);
        QCOMPARE(f.tap.count("POST", "/payments/credentials/"), 2);
    }

    void concurrentCallsShareOneRefresh_data() { addBackends(); }
    void concurrentCallsShareOneRefresh() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        const auto created = f.create("kopokopo");
        CHECK_OK(created);
        const qint64 id = created.value->id;
        f.tap.clearLog();
        QSignalSpy busy(&f.session, &Session::busyChanged);

        f.clock().advance(kPastAccessLifetimeMs);
        Awaited<QList<Credential>> list;
        Awaited<Credential> one;
        Awaited<client::CredentialsClient::Account> me;
        Awaited<client::CredentialsClient::RevealedKey> revealed;
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
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QCOMPARE(f.tap.count("GET", "/payments/credentials/"), 2);
        QCOMPARE(f.tap.count("GET", "/users/me/"), 2);
        QCOMPARE(f.tap.log().size(), 9); // 4 refused, 1 refresh, 4 replayed
        QCOMPARE(f.expired.count(), 0);

        // Busy from the first call to the last callback, across the refresh: one true, one false.
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QVERIFY(!f.session.isBusy());
    }

    void refreshRejectedExpiresSession_data() { addBackends(); }
    void refreshRejectedExpiresSession() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        f.tap.clearLog();

        f.clock().advance(kPastRefreshLifetimeMs);
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
        QCOMPARE(f.expired.count(), 1);
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QVERIFY(!f.session.isActive());
        QVERIFY(f.session.refreshToken().isEmpty());             // wiped
        QCOMPARE(f.session.identity().username, QString(kUser)); // to ask for the password again
        QVERIFY(!f.session.identity().userId.has_value());

        // Never a loop: later calls fail at once, without another refresh or signal.
        CHECK_ERROR(f.list(), Kind::Unauthorized, 401);
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QCOMPARE(f.expired.count(), 1);

        // Logging in again starts over.
        CHECK_OK(f.login());
        CHECK_OK(f.list());
        QCOMPARE(f.expired.count(), 1);
    }

    void replayRefusedDoesNotLoop() {
        // A server that refuses the call even with a freshly refreshed token (a user just
        // deactivated, a clock far off): one refresh, one replay, then the session ends. Over
        // the double: the real core does not refuse a token it has just issued.
        Fixture f;
        CHECK_OK(f.login());
        f.tap.clearLog();
        f.router().setIntercept([](const api::ApiRequest& request) {
            if (request.target != "/payments/credentials/")
                return std::optional<TransportResult>();
            return std::optional<TransportResult>(
                answer(401, R"({"detail":"Given token not valid for any token type",)"
                            R"("code":"token_not_valid"})"));
        });
        const auto refused = f.list();
        CHECK_ERROR(refused, Kind::Unauthorized, 401);
        QCOMPARE(refused.error.code, QStringLiteral("token_not_valid"));
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QCOMPARE(f.tap.count("GET", "/payments/credentials/"), 2);
        QCOMPARE(f.expired.count(), 1);
        QVERIFY(!f.session.isActive());
        QVERIFY(QTest::qWaitFor([&] { return f.tap.inFlight() == 0; }, 10000));
        QCoreApplication::processEvents();
        QCOMPARE(f.tap.log().size(), 3); // and nothing more afterwards
    }

    void refreshWithoutAnswerKeepsSession() {
        // Over the double: the refresh gets no answer in time.
        Fixture f;
        CHECK_OK(f.login());
        f.clock().advance(kPastAccessLifetimeMs);

        f.router().setIntercept([](const api::ApiRequest& request) {
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
        QCOMPARE(f.expired.count(), 0);
        QVERIFY(f.session.isActive());

        f.router().setIntercept({});
        CHECK_OK(f.list());
        QCOMPARE(f.tap.count("POST", kRefreshPath), 2);
        QCOMPARE(f.expired.count(), 0);
    }

    // ---- Sessions obtained elsewhere ---------------------------------------------------------

    void resumedSessionRefreshesFirst_data() { addBackends(); }
    void resumedSessionRefreshesFirst() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        QByteArray remembered = f.session.refreshToken();

        Session resumed(f.tap);
        client::CredentialsClient client(resumed);
        QSignalSpy expired(&resumed, &Session::sessionExpired);
        resumed.resume(kUser, remembered);
        crypto::wipe(remembered);
        QVERIFY(resumed.isActive());
        QCOMPARE(resumed.identity().username, QString(kUser));
        f.tap.clearLog();
        const auto list =
            await<QList<Credential>>([&](auto done) { client.listCredentials(done); });
        CHECK_OK(list);
        QCOMPARE(f.tap.log().size(), 2); // the refresh, then the call: no 401 first
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);

        // A remembered token that no longer works ends that session at the first call.
        resumed.resume(kUser, QByteArray("not.a.token"));
        CHECK_ERROR(await<QList<Credential>>([&](auto done) { client.listCredentials(done); }),
                    Kind::Unauthorized, 401);
        QCOMPARE(expired.count(), 1);
    }

    void adoptTakesTokensObtainedElsewhere_data() { addBackends(); }
    void adoptTakesTokensObtainedElsewhere() {
        // What a vault resumed from a remembered unlock hands over: a login's answer, obtained
        // without this session.
        QFETCH(Backend, backend);
        Fixture f(backend);
        Session::Grant grant = f.grantFromElsewhere();
        QVERIFY(!grant.accessToken.isEmpty());
        f.session.adopt(std::move(grant));

        QVERIFY(f.session.isActive());
        QCOMPARE(f.session.identity().userId, std::optional<qint64>(f.backing->userId));
        QCOMPARE(f.session.identity().isSuperuser, std::optional<bool>(f.backing->isSuperuser));
        QCOMPARE(f.session.expiresInSecs(), std::optional<int>(300));
        f.tap.clearLog();
        CHECK_OK(f.list());
        QCOMPARE(f.tap.log().size(), 1); // straight in, with the adopted access token

        // Its refresh token is the session's: the one refresh path uses it.
        f.clock().advance(kPastAccessLifetimeMs);
        CHECK_OK(f.list());
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);

        // Adopted by the same user while a call waits for a refresh: the call goes on with the
        // new tokens, without that refresh.
        f.clock().advance(kPastAccessLifetimeMs);
        f.tap.hold(kRefreshPath);
        Awaited<QList<Credential>> waiting;
        f.client.listCredentials(waiting.callback());
        QVERIFY(QTest::qWaitFor([&] { return f.tap.heldCount() == 1; }, 10000));
        Session::Grant fresh = f.grantFromElsewhere();
        fresh.identity.userId.reset(); // a grant that does not say
        fresh.identity.isSuperuser.reset();
        f.session.adopt(std::move(fresh));
        CHECK_OK(waiting.wait());
        f.tap.release(); // the refresh's answer, about a token that is gone: ignored
        QVERIFY(QTest::qWaitFor([&] { return f.tap.inFlight() == 0; }, 10000));
        QCOMPARE(f.tap.count("POST", kRefreshPath), 2);
        QCOMPARE(f.tap.count("GET", "/payments/credentials/"), 5);
        QCOMPARE(f.expired.count(), 0);
        QVERIFY(!f.session.identity().userId.has_value()); // the grant did not say
    }

    void anotherUsersLoginEndsTheCallsOfTheFirst() {
        // Over the server's core: a vault has one user.
        Fixture f;
        CHECK_OK(f.login());
        f.clock().advance(kPastAccessLifetimeMs);
        f.tap.hold(kRefreshPath);
        Awaited<QList<Credential>> waiting;
        f.client.listCredentials(waiting.callback());
        QVERIFY(QTest::qWaitFor([&] { return f.tap.heldCount() == 1; }, 10000));
        Session::Grant other;
        other.identity.username = QStringLiteral("someone_else");
        other.accessToken = "x.y.z";
        other.refreshToken = "u.v.w";
        f.session.adopt(std::move(other));
        const auto ended = waiting.wait();
        CHECK_ERROR(ended, Kind::Unauthorized, 0);
        QCOMPARE(ended.error.message,
                 QStringLiteral("Another user logged in before this request could be completed."));
        QCOMPARE(f.session.identity().username, QStringLiteral("someone_else"));
        f.tap.release();
        QVERIFY(QTest::qWaitFor([&] { return f.tap.inFlight() == 0; }, 10000));
        QCoreApplication::processEvents();
        QCOMPARE(waiting.calls(), 1);
        QCOMPARE(f.tap.count("GET", "/payments/credentials/"), 1); // never replayed
    }

    // ---- Logging out -------------------------------------------------------------------------

    void logoutRevokes_data() { addBackends(); }
    void logoutRevokes() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        QByteArray refreshToken = f.session.refreshToken();

        Awaited<QString> loggedOut;
        f.session.logout(loggedOut.callback());
        QVERIFY(!f.session.isActive()); // at once, before the server answered
        QVERIFY(f.session.refreshToken().isEmpty());
        QCOMPARE(f.session.identity().username, QString());
        CHECK_OK(loggedOut.wait());
        QCOMPARE(*loggedOut.wait().value, QStringLiteral("Logged out"));
        QCOMPARE(f.refreshStatus(std::move(refreshToken)), 401);

        const auto afterLogout = f.list();
        CHECK_ERROR(afterLogout, Kind::Unauthorized, 401);
        QCOMPARE(afterLogout.error.message,
                 QStringLiteral("Authentication credentials were not provided."));
        QCOMPARE(f.expired.count(), 0); // a logout is not an expired session
        QCOMPARE(f.tap.count("POST", kRefreshPath), 0);
        QVERIFY(!f.session.isBusy());
    }

    void logoutAfterAccessExpiryRefreshesLikeAnyCall_data() { addBackends(); }
    void logoutAfterAccessExpiryRefreshesLikeAnyCall() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        QByteArray refreshToken = f.session.refreshToken();
        f.clock().advance(kPastAccessLifetimeMs);
        f.tap.clearLog();

        const auto loggedOut = f.logout();
        CHECK_OK(loggedOut);
        QCOMPARE(*loggedOut.value, QStringLiteral("Logged out"));
        QVERIFY(!f.session.isActive());
        // The 401, the one refresh, the replay: the same path as every call.
        QCOMPARE(f.tap.log().size(), 3);
        QCOMPARE(f.tap.log().at(0).path, QByteArray(kLogoutPath));
        QCOMPARE(f.tap.log().at(1).path, QByteArray(kRefreshPath));
        QCOMPARE(f.tap.log().at(2).path, QByteArray(kLogoutPath));
        QCOMPARE(f.refreshStatus(std::move(refreshToken)), 401);
        QCOMPARE(f.expired.count(), 0);
    }

    void logoutWithARefusedRefreshEndsQuietly_data() { addBackends(); }
    void logoutWithARefusedRefreshEndsQuietly() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        f.clock().advance(kPastRefreshLifetimeMs);
        const auto loggedOut = f.logout();
        CHECK_OK(loggedOut); // nothing was left to revoke
        QCOMPARE(*loggedOut.value, QStringLiteral("Logged out."));
        QCOMPARE(f.tap.count("POST", kRefreshPath), 1);
        QCOMPARE(f.tap.count("POST", kLogoutPath), 1);
        QCOMPARE(f.expired.count(), 0); // the user asked to leave
        QVERIFY(!f.session.isActive());
    }

    void logoutEndsTheCallsWaitingForARefresh_data() { addBackends(); }
    void logoutEndsTheCallsWaitingForARefresh() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        CHECK_OK(f.login());
        f.clock().advance(kPastAccessLifetimeMs);
        f.tap.hold(kRefreshPath);
        Awaited<QList<Credential>> waiting;
        f.client.listCredentials(waiting.callback());
        QVERIFY(QTest::qWaitFor([&] { return f.tap.heldCount() == 1; }, 10000));
        Awaited<QString> loggedOut;
        f.session.logout(loggedOut.callback());
        const auto ended = waiting.wait();
        CHECK_ERROR(ended, Kind::Unauthorized, 0);
        QCOMPARE(ended.error.message,
                 QStringLiteral("You logged out before this request could be completed."));
        // The logout itself met the expired access token and refreshes like any call.
        QVERIFY(QTest::qWaitFor([&] { return f.tap.heldCount() == 2; }, 10000));
        f.tap.release();
        CHECK_OK(loggedOut.wait());
        QCOMPARE(*loggedOut.wait().value, QStringLiteral("Logged out"));
        QCOMPARE(f.tap.count("GET", "/payments/credentials/"), 1); // never replayed
        QCOMPARE(f.tap.count("POST", kLogoutPath), 2);
    }

    void logoutWithoutServerSupport() {
        // Over the double: a server without /users/logout/.
        Fixture f;
        QSignalSpy capabilitiesChanged(&f.session, &Session::capabilitiesChanged);
        f.router().setIntercept([](const api::ApiRequest& request) {
            return request.target == kLogoutPath
                       ? std::optional<TransportResult>(answer(404, R"({"detail":"Not found."})"))
                       : std::nullopt;
        });
        CHECK_OK(f.login());
        CHECK_OK(f.logout());
        QVERIFY(!f.session.isActive());
        QVERIFY(!f.session.capabilities().logout);
        QCOMPARE(capabilitiesChanged.count(), 1);

        CHECK_OK(f.login());
        CHECK_OK(f.logout());
        QCOMPARE(f.tap.count("POST", kLogoutPath), 1); // not asked again
        QVERIFY(!f.session.isActive());
    }

    // ---- busyChanged and failures ------------------------------------------------------------

    void busyChangedToggles_data() { addBackends(); }
    void busyChangedToggles() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        QSignalSpy busy(&f.session, &Session::busyChanged);
        QVERIFY(!f.session.isBusy());
        Awaited<Session::Identity> login;
        f.session.login(kUser, kPassword, login.callback());
        QVERIFY(f.session.isBusy());
        QCOMPARE(busy.count(), 1);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        CHECK_OK(login.wait());
        QVERIFY(!f.session.isBusy());
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
        CHECK_ERROR(f.one(424242), Kind::NotFound, 404);
        QCOMPARE(busy.count(), 6);
        QVERIFY(!f.session.isBusy());
    }

    void transportFailures() {
        // Over the double: the network fails on demand.
        Fixture f;
        const QString refused =
            QStringLiteral("Connection refused by pay.example.com:443. Check that the server is "
                           "running and the address is right.");
        const auto refuse = [&](const api::ApiRequest&) {
            TransportResult failed;
            failed.failure = TransportResult::Failure::Network;
            failed.message = refused;
            return std::optional<TransportResult>(failed);
        };
        f.router().setIntercept(refuse);
        const auto network = f.login();
        CHECK_ERROR(network, Kind::Network, 0);
        QCOMPARE(network.error.message, refused);

        f.router().setIntercept([](const api::ApiRequest&) {
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
        f.router().setIntercept({});
        CHECK_OK(f.login());
        f.router().setIntercept(refuse);
        const auto offline = f.list();
        CHECK_ERROR(offline, Kind::Network, 0);
        QCOMPARE(offline.error.message, refused);
        QVERIFY(f.session.isActive());
        QCOMPARE(f.expired.count(), 0);
    }

    void transportDestroyed() {
        // Over the double, which answers Cancelled at once when destroyed; the real
        // EmbeddedTransport lets a request it has started finish first (tst_embeddedtransport).
        test::TestBackend backend;
        backend.createUser(kUser, kPassword);
        auto transport = std::make_unique<test::RouterTransport>(backend);
        Session session(*transport);
        client::CredentialsClient client(session);
        Awaited<Session::Identity> pending;
        session.login(kUser, kPassword, pending.callback());
        transport.reset(); // answers the login Cancelled

        const auto cancelled = pending.wait();
        CHECK_ERROR(cancelled, Kind::Network, 0);
        QCOMPARE(cancelled.error.message, QStringLiteral("The test transport was shut down."));
        QVERIFY(!session.isBusy());

        const auto closed =
            await<QList<Credential>>([&](auto done) { client.listCredentials(done); });
        CHECK_ERROR(closed, Kind::Network, 0);
        QCOMPARE(closed.error.message,
                 QStringLiteral("The connection to the server has been closed. Connect again to "
                                "continue."));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
