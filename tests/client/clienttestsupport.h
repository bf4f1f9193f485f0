#pragma once

// Helpers shared by the Session and CredentialsClient suites: the two backends every case that
// can runs over (a real local vault through the real EmbeddedTransport, and the server's core
// through the RouterTransport double), a tap on what is sent, waiting for a callback, and
// checks that print kinds, statuses and messages only (never a body, a token or a key).

#include "core/client/capabilities.h"
#include "core/client/credentialsclient.h"
#include "core/client/embeddedtransport.h"
#include "core/client/session.h"
#include "core/crypto/secret.h"
#include "core/foundation/manualclock.h"
#include "core/vault/vault.h"
#include "core/vault/vaultoptions.h"
#include "tests/api/apitestcase.h"
#include "tests/client/routertransport.h"
#include "tests/client/tappedtransport.h"
#include "tests/support/testbackend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace paycred::clienttest {

using client::ApiError;
using Kind = ApiError::Kind;

inline constexpr char kUser[] = "your_username";
inline constexpr char kPassword[] = "your_password_123";
inline constexpr char kApiKey[] = "pk_test_kopokopo_1234567890abcdef";
inline constexpr char kPrivateKey[] = "sk_test_kopokopo_0987654321fedcba";
inline constexpr char kNotFound[] = "Payment credentials not found or access denied";
inline constexpr auto& kRefreshPath = client::extension::RefreshPath;
inline constexpr auto& kLogoutPath = client::extension::LogoutPath;
inline constexpr qint64 kMinuteMs = qint64(60) * 1000;
inline constexpr qint64 kPastAccessLifetimeMs = kMinuteMs * 6; // access: 5 minutes
inline constexpr qint64 kPastRefreshLifetimeMs = kMinuteMs * 24 * 60 + kMinuteMs; // refresh: 1 day

// The kind, status, code and message of an error: what a failed check prints (never a body).
inline QString describe(const ApiError& error) {
    return QStringLiteral("kind %1, status %2, code \"%3\", message \"%4\"")
        .arg(QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(error.kind))))
        .arg(error.status)
        .arg(error.code, error.message);
}

// Each evaluates its first argument once (it may be the call itself).
#define CHECK_OK(expression)                                                                       \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(checked.ok(), qPrintable(::paycred::clienttest::describe(checked.error)));        \
    } while (false)
#define CHECK_ERROR(expression, expectedKind, expectedStatus)                                      \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(!checked.ok(), "the call succeeded");                                             \
        QVERIFY2(checked.error.kind == (expectedKind),                                             \
                 qPrintable(::paycred::clienttest::describe(checked.error)));                      \
        QCOMPARE(checked.error.status, expectedStatus);                                            \
        QVERIFY(!checked.value.has_value());                                                       \
    } while (false)

// One callback: how often it ran and what it got. The state is shared with the callback, so a
// callback that comes after a timeout does no harm.
template <typename T> class Awaited {
public:
    client::Callback<T> callback() const {
        return [state = m_state](client::Result<T> result) {
            ++state->calls;
            state->result = std::move(result);
        };
    }
    bool done() const { return m_state->result.has_value(); }
    int calls() const { return m_state->calls; }
    // Waits up to 10 s; a callback that never came is an Unexpected error saying so.
    client::Result<T> wait() const {
        if (!QTest::qWaitFor([this] { return done(); }, 10000))
            return client::Result<T>::failure(
                ApiError::make(Kind::Unexpected, QStringLiteral("the callback never ran")));
        return *m_state->result;
    }

private:
    struct State {
        int calls = 0;
        std::optional<client::Result<T>> result;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

// The value of a call, or (with a warning saying why) an empty one: for values the next checks
// look into.
template <typename T> T valueOrWarn(const client::Result<T>& result) {
    if (!result.ok())
        qWarning("%s", qPrintable(describe(result.error)));
    return result.value.value_or(T{});
}

// Starts a call with a fresh callback and waits for it.
template <typename T, typename Start> client::Result<T> await(Start start) {
    Awaited<T> awaited;
    start(awaited.callback());
    return awaited.wait();
}

inline bool sameSecret(const crypto::Secret& secret, const QString& expected) {
    QByteArray bytes = secret.reveal();
    const bool same = bytes == expected.toUtf8();
    crypto::wipe(bytes);
    return same;
}

inline client::TransportResult answer(int status, const QByteArray& body) {
    client::TransportResult result;
    result.response.status = status;
    result.response.body = body;
    return result;
}

inline QByteArray jsonOf(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// ---- The backends ----------------------------------------------------------------------------

enum class Backend {
    Vault,  // a real local vault through the real EmbeddedTransport
    Router, // the server's core through RouterTransport, the double that can answer instead
};

// Where the API answers, with the user kUser (a plain user on the server's core; the vault's
// owner, a superuser, in a vault) and the transport that reaches it.
class Backing {
public:
    virtual ~Backing() = default;
    virtual client::Transport& transport() = 0;
    virtual ManualClock& clock() = 0;
    // Straight to the API, not through the client: to check what the server now says.
    virtual api::ApiResponse handle(const api::ApiRequest& request) = 0;
    // The double, over the server's core; null over a vault.
    virtual test::RouterTransport* router() { return nullptr; }

    qint64 userId = 0;
    bool isSuperuser = false;

    api::ApiResponse call(const QByteArray& method, const QByteArray& path,
                          const QJsonObject& body = {}) {
        return handle(apitest::makeRequest(method, path,
                                           body.isEmpty() ? QByteArray() : apitest::compact(body)));
    }
};

class RouterBacking : public Backing {
public:
    explicit RouterBacking(bool superuser = false) {
        userId = m_backend.createUser(kUser, kPassword, superuser);
        isSuperuser = superuser;
        m_transport = std::make_unique<test::RouterTransport>(m_backend);
    }
    client::Transport& transport() override { return *m_transport; }
    ManualClock& clock() override { return m_backend.clock(); }
    api::ApiResponse handle(const api::ApiRequest& request) override {
        return m_backend.handle(request);
    }
    test::RouterTransport* router() override { return m_transport.get(); }

private:
    test::TestBackend m_backend;
    std::unique_ptr<test::RouterTransport> m_transport;
};

class VaultBacking : public Backing {
public:
    VaultBacking()
        : m_clock(QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC))
        , m_vault(m_clock, options()) {
        const vault::VaultStatus created =
            m_vault.create(m_dir.filePath(QStringLiteral("vault.paycred")), kUser, kPassword);
        if (!created.ok())
            qFatal("VaultBacking: cannot create the vault: %s", qPrintable(created.message));
        // The owner's id, as a login tells it (the clock does not move: it is the same login
        // time as the client's first one).
        const QJsonObject login =
            call("POST", "/users/login/", {{"username", kUser}, {"password", kPassword}}).object();
        userId = login.value("user").toObject().value("id").toInteger();
        isSuperuser = true;
        m_transport = std::make_unique<client::EmbeddedTransport>(m_vault);
    }
    ~VaultBacking() override { m_transport.reset(); } // before the vault

    client::Transport& transport() override { return *m_transport; }
    ManualClock& clock() override { return m_clock; }
    api::ApiResponse handle(const api::ApiRequest& request) override {
        return m_vault.handle(request);
    }

private:
    // Cheap slots (scrypt N = 2^10), the API's token lifetimes, no idle lock.
    static vault::VaultOptions options() {
        vault::VaultOptions options;
        options.scrypt = {1u << 10, 8, 1};
        options.idleLockSecs = 0;
        return options;
    }

    QTemporaryDir m_dir;
    ManualClock m_clock;
    vault::Vault m_vault;
    std::unique_ptr<client::EmbeddedTransport> m_transport;
};

// `superuser`: kUser is one on the server's core too (a vault's owner always is).
inline std::unique_ptr<Backing> makeBacking(Backend backend, bool superuser = false) {
    if (backend == Backend::Vault)
        return std::make_unique<VaultBacking>();
    return std::make_unique<RouterBacking>(superuser);
}

// The data rows of a case that runs over both backends.
inline void addBackends() {
    QTest::addColumn<Backend>("backend");
    QTest::newRow("vault (EmbeddedTransport)") << Backend::Vault;
    QTest::newRow("server core (RouterTransport double)") << Backend::Router;
}

// A backend, the tap, a session and a credentials client on it.
struct Fixture {
    explicit Fixture(Backend backend = Backend::Router, bool superuser = false)
        : backing(makeBacking(backend, superuser)) {}

    std::unique_ptr<Backing> backing;
    test::TappedTransport tap{backing->transport()};
    client::Session session{tap};
    client::CredentialsClient client{session};
    QSignalSpy expired{&session, &client::Session::sessionExpired};

    ManualClock& clock() { return backing->clock(); }
    test::RouterTransport& router() {
        Q_ASSERT(backing->router());
        return *backing->router();
    }

    client::Result<client::Session::Identity> login(const QString& password = kPassword) {
        return await<client::Session::Identity>(
            [&](auto done) { session.login(kUser, password, std::move(done)); });
    }
    client::Result<QString> logout() {
        return await<QString>([&](auto done) { session.logout(std::move(done)); });
    }
    client::Result<client::Credential> create(const QString& provider,
                                              const QString& environment = {}) {
        return await<client::Credential>([&](auto done) {
            client.createCredential({provider, kApiKey, kPrivateKey, environment}, std::move(done));
        });
    }
    client::Result<QList<client::Credential>> list() {
        return await<QList<client::Credential>>(
            [&](auto done) { client.listCredentials(std::move(done)); });
    }
    client::Result<client::Credential> one(qint64 id) {
        return await<client::Credential>(
            [&](auto done) { client.credential(id, std::move(done)); });
    }
    // What the server says now of a refresh token (wiped after): 200 while it works, 401 once
    // revoked.
    int refreshStatus(QByteArray refreshToken) {
        const int status =
            backing
                ->call("POST", kRefreshPath, {{"refresh_token", QString::fromLatin1(refreshToken)}})
                .status;
        crypto::wipe(refreshToken);
        return status;
    }
    // A login's answer obtained without the session, as a grant to adopt.
    client::Session::Grant grantFromElsewhere() {
        const QJsonObject answer =
            backing->call("POST", "/users/login/", {{"username", kUser}, {"password", kPassword}})
                .object();
        const QJsonObject user = answer.value("user").toObject();
        client::Session::Grant grant;
        grant.identity.username = user.value("username").toString();
        grant.identity.userId = user.value("id").toInteger();
        grant.identity.isSuperuser = user.value("is_superuser").toBool();
        grant.accessToken = answer.value("access_token").toString().toUtf8();
        grant.refreshToken = answer.value("refresh_token").toString().toUtf8();
        grant.expiresInSecs = answer.value("expires_in").toInt();
        return grant;
    }
};

// The seed's Django server as the client sees it: a wrapper (a test double for the missing
// routes) that answers 404 for the extension endpoints that server lacks (/users/me/,
// /providers/, /users/token/refresh/ and the schema, /api/schema/), asynchronously like any
// transport, and passes everything else on.
class SeedServerTransport : public client::Transport {
public:
    SeedServerTransport(client::Transport& inner, QByteArray notFoundBody)
        : m_inner(inner)
        , m_notFoundBody(std::move(notFoundBody)) {}

    void send(const api::ApiRequest& request, Callback done) override {
        if (request.target != "/users/me/" && request.target != "/providers/" &&
            request.target != kRefreshPath && request.target != "/api/schema/") {
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

} // namespace paycred::clienttest

Q_DECLARE_METATYPE(paycred::clienttest::Backend)
