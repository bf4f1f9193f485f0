// EmbeddedTransport on a vault in a temporary folder: the API through it, callbacks on the
// caller's thread, the caller's event loop running while a request waits for the worker, run()
// on the worker thread, order, destruction with queued work, and the same JSON as
// Vault::handle() called directly. Checks with a provider on their own lane: a slow one holds
// neither the vault's worker nor a quick request, a full lane answers 503 at once, run() waits
// for the checks in flight, and destroying the transport with checks in flight loses no callback.
//
// The provider is tests/support's ProviderStandIn, a local HTTPS server standing in for
// KopoKopo's and IntaSend's endpoints because these machines have no internet; its "slow" secret
// answers only after 30 s, past the short time limit these vaults give a check. No wall-clock
// assertions: what is checked is the order callbacks came in and the requests the stand-in got.

#include "core/client/embeddedtransport.h"
#include "core/foundation/manualclock.h"
#include "core/service/providerchecksettings.h"
#include "core/vault/vault.h"
#include "tests/support/providerstandin.h"
#include "tests/vault/vaulttestsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QPointer>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>

using namespace paycred;
using namespace paycred::vaulttest;
using client::EmbeddedTransport;
using client::TransportResult;
using vault::Vault;
using Failure = TransportResult::Failure;

namespace {

const QString kOwner = QStringLiteral("owner");
const QString kOwnerPassword = QStringLiteral("correct horse battery staple");
const QString kApiKey = QStringLiteral("pk_test_kopokopo_API_0001abc");
const QString kPrivateKey = QStringLiteral("sk_test_kopokopo_PRIVATE_0001xyz");
// What the stand-in answers depends on the secret: "slow" only after 30 s, past kCheckTimeoutMs.
const QString kSlowClient = QStringLiteral("kk-client-slowpoke");
const QString kSlowSecret = QStringLiteral("kk-secret-slow-6e1f9a");
const QString kIntaSendKey = QStringLiteral("ISPubKey_test_4e7b2a91");
const QString kIntaSendSecret = QStringLiteral("ISSecretKey_test_valid_8c3f5d");
constexpr int kCheckTimeoutMs = 2000;
constexpr int kCheckThreads = EmbeddedTransport::ProviderThreads;
constexpr int kCheckRoom = kCheckThreads + static_cast<int>(EmbeddedTransport::ProviderQueue);

// The outcome and the response with its secrets redacted.
QString describe(const TransportResult& result) {
    return QStringLiteral("failure %1, %2, message \"%3\"")
        .arg(QLatin1String(TransportResult::failureName(result.failure)),
             apitest::describe(result.response), result.message);
}

// A vault created in its own temporary folder, on a manual clock.
struct Fixture {
    explicit Fixture(vault::VaultOptions options = cheapOptions())
        : clock(startTime())
        , vault(clock, std::move(options)) {}

    bool create() { return dir.isValid() && vault.create(path(), kOwner, kOwnerPassword).ok(); }
    QString path() const { return dir.filePath(QStringLiteral("vault.paycred")); }

    QTemporaryDir dir;
    ManualClock clock;
    Vault vault;
};

// Every call of one callback: how many, the last result, the thread it ran on.
struct Capture {
    int calls = 0;
    TransportResult result;
    QThread* thread = nullptr;

    EmbeddedTransport::Callback callback() {
        return [this](const TransportResult& r) {
            ++calls;
            result = r;
            thread = QThread::currentThread();
        };
    }
};

api::ApiRequest request(const QByteArray& method, const QByteArray& target,
                        const QJsonObject& body = {}, const QByteArray& token = {}) {
    const QByteArray payload = body.isEmpty() ? QByteArray() : apitest::compact(body);
    return apitest::makeRequest(method, target, payload, "application/json",
                                token.isEmpty() ? QByteArray() : "Bearer " + token);
}

api::ApiRequest loginRequest() {
    return request("POST", "/users/login/", {{"username", kOwner}, {"password", kOwnerPassword}});
}

// A vault's options that send its checks to `standIn` and trust its certificate (the test seam
// of ProviderCheckSettings), with a short time limit.
vault::VaultOptions checkingOptions(const paycred::test::ProviderStandIn& standIn) {
    vault::VaultOptions options = cheapOptions();
    service::ProviderCheckSettings& checks = options.settings.providerChecks;
    for (const char* provider : {"kopokopo", "instasend"})
        checks.baseUrls.insert(
            service::ProviderCheckSettings::urlKey(QLatin1String(provider), "sandbox"),
            standIn.baseUrl());
    checks.extraCaCertificates = {standIn.certificate()};
    checks.timeoutMs = kCheckTimeoutMs;
    return options;
}

// How many token requests the stand-in has had from KopoKopo client `clientId`.
int tokenRequestsFrom(const paycred::test::ProviderStandIn& standIn, const QString& clientId) {
    int count = 0;
    for (const QJsonObject& request : standIn.requests()) {
        if (request.value("path") == QLatin1String("/oauth/token") &&
            request.value("form").toObject().value("client_id") == clientId)
            ++count;
    }
    return count;
}

api::ApiRequest checkRequest(qint64 id, const QByteArray& token) {
    return request("POST", apitest::credentialPath(id, "check"), {}, token);
}

#define SEND(var, transport, req)                                                                  \
    Capture var;                                                                                   \
    (transport).send((req), var.callback());                                                       \
    QCOMPARE(var.calls, 0); /* never synchronously */                                              \
    QTRY_COMPARE_WITH_TIMEOUT(var.calls, 1, 30000);                                                \
    QCOMPARE(var.thread, QThread::currentThread())

} // namespace

class TestEmbeddedTransport : public QObject {
    Q_OBJECT

private slots:
    void endpointAndVault();
    void loginCreateAndList();
    void callerEventLoopKeepsRunning();
    void runOnTheWorkerThread();
    void answersInOrder();
    void destroyedWithQueuedWork();
    void callbackMayDestroyTheTransport();
    void sameAnswersAsTheVault();
    void aSlowCheckDoesNotHoldTheVaultsWorker();
    void aFullCheckLaneAnswers503AtOnce();
    void runWaitsForTheChecksInFlight();
    void destroyedWithChecksInFlight();

private:
    // A vault whose checks go to the stand-in, logged in, with a slow KopoKopo credential.
    struct CheckingVault {
        std::unique_ptr<Fixture> fixture;
        QByteArray token;
        qint64 slowId = 0;
    };
    CheckingVault checkingVault();

    paycred::test::ProviderStandIn m_standIn;
    bool m_standInStarted = false;
};

TestEmbeddedTransport::CheckingVault TestEmbeddedTransport::checkingVault() {
    CheckingVault made;
    if (!m_standInStarted && !m_standIn.start()) {
        qWarning("the provider stand-in did not start: %s", qPrintable(m_standIn.errorString()));
        return made;
    }
    m_standInStarted = true;
    made.fixture = std::make_unique<Fixture>(checkingOptions(m_standIn));
    if (!made.fixture->create())
        return made;
    made.token = login(made.fixture->vault, kOwner, kOwnerPassword);
    made.slowId = createCredential(made.fixture->vault, made.token, QStringLiteral("kopokopo"),
                                   kSlowClient, kSlowSecret);
    return made;
}

void TestEmbeddedTransport::endpointAndVault() {
    Fixture f;
    QVERIFY(f.create());
    EmbeddedTransport transport(f.vault);
    QCOMPARE(transport.endpoint(),
             QStringLiteral("local vault (%1)").arg(QDir::toNativeSeparators(f.path())));
    QCOMPARE(&transport.vault(), &f.vault);
}

void TestEmbeddedTransport::loginCreateAndList() {
    Fixture f;
    QVERIFY(f.create());
    EmbeddedTransport transport(f.vault);

    SEND(login, transport, loginRequest());
    QVERIFY2(login.result.ok(), qPrintable(describe(login.result)));
    QCOMPARE(login.result.response.status, 200);
    const QByteArray token =
        login.result.response.object().value("access_token").toString().toUtf8();
    QVERIFY2(!token.isEmpty(), qPrintable(describe(login.result)));

    SEND(created, transport,
         request("POST", "/payments/credentials/",
                 {{"provider", "kopokopo"},
                  {"api_key", kApiKey},
                  {"private_key", kPrivateKey},
                  {"environment", "sandbox"}},
                 token));
    QVERIFY2(created.result.ok(), qPrintable(describe(created.result)));
    QCOMPARE(created.result.response.status, 201);
    const qint64 id = created.result.response.object().value("id").toInteger();
    QVERIFY(id > 0);

    SEND(listed, transport, request("GET", "/payments/credentials/", {}, token));
    QCOMPARE(listed.result.response.status, 200);
    const QJsonArray items = listed.result.response.document().array();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value("id").toInteger(), id);
    QCOMPARE(items.at(0).toObject().value("provider").toString(), QStringLiteral("kopokopo"));

    SEND(revealed, transport,
         request("GET", apitest::credentialPath(id, "get-private-key"), {}, token));
    QCOMPARE(revealed.result.response.status, 200);
    QVERIFY2(revealed.result.response.object().value("private_key").toString() == kPrivateKey,
             "the private key read back through the transport differs");

    // An API error is an answer, not a transport failure.
    SEND(missing, transport, request("GET", apitest::credentialPath(id + 100), {}, token));
    QVERIFY(missing.result.ok());
    QCOMPARE(missing.result.response.status, 404);
    QCOMPARE(transport.pendingCount(), 0);
}

void TestEmbeddedTransport::callerEventLoopKeepsRunning() {
    Fixture f;
    QVERIFY(f.create());
    EmbeddedTransport transport(f.vault);

    // The worker is held in a run() until this thread's timer has fired three times, and the
    // login is queued behind it: it can be answered only if this thread's event loop went on
    // while the request was pending. (Should send() block, the worker lets go after 30 s and the
    // answer comes with no tick before it.)
    constexpr int kTicksBeforeRelease = 3;
    QSemaphore gate;
    transport.run([&gate] { (void)gate.tryAcquire(1, 30000); });
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (++ticks == kTicksBeforeRelease)
            gate.release();
    });
    ticker.start();

    Capture login;
    int ticksAtAnswer = -1;
    transport.send(loginRequest(), [&, record = login.callback()](const TransportResult& r) {
        ticksAtAnswer = ticks;
        record(r);
    });
    QCOMPARE(login.calls, 0); // not from inside send()
    QTRY_COMPARE_WITH_TIMEOUT(login.calls, 1, 60000);
    ticker.stop();

    QVERIFY2(login.result.ok() && login.result.response.status == 200,
             qPrintable(describe(login.result)));
    QCOMPARE(login.thread, QThread::currentThread());
    QVERIFY2(ticksAtAnswer >= kTicksBeforeRelease,
             qPrintable(QStringLiteral("answered after %1 timer ticks").arg(ticksAtAnswer)));
}

void TestEmbeddedTransport::runOnTheWorkerThread() {
    Fixture f;
    QVERIFY(f.create());
    EmbeddedTransport transport(f.vault);

    std::atomic<QThread*> firstWorker{nullptr};
    std::atomic<QThread*> secondWorker{nullptr};
    std::atomic<QThread*> lockedOn{nullptr};
    QThread* firstDone = nullptr;
    int doneCalls = 0;
    transport.run([&] { firstWorker = QThread::currentThread(); },
                  [&] {
                      firstDone = QThread::currentThread();
                      ++doneCalls;
                  });
    QCOMPARE(doneCalls, 0);
    QTRY_COMPARE_WITH_TIMEOUT(doneCalls, 1, 10000);
    QVERIFY(firstWorker.load() != nullptr);
    QVERIFY(firstWorker.load() != QThread::currentThread());
    QCOMPARE(firstDone, QThread::currentThread());

    // The same thread every time, and the vault's own work (here: lock) done there.
    transport.run(
        [&] {
            secondWorker = QThread::currentThread();
            f.vault.lock();
            lockedOn = QThread::currentThread();
        },
        [&] { ++doneCalls; });
    QTRY_COMPARE_WITH_TIMEOUT(doneCalls, 2, 10000);
    QCOMPARE(secondWorker.load(), firstWorker.load());
    QCOMPARE(lockedOn.load(), firstWorker.load());
    QVERIFY(!f.vault.isUnlocked());

    // Locked: a request that needs a key answers 401; a login opens it again.
    SEND(afterLock, transport, request("GET", "/payments/credentials/", {}, "x.y.z"));
    QCOMPARE(afterLock.result.response.status, 401);
    SEND(login, transport, loginRequest());
    QCOMPARE(login.result.response.status, 200);
    QVERIFY(f.vault.isUnlocked());

    // A run() without `done` is fine too.
    std::atomic<bool> ran{false};
    transport.run([&] { ran = true; });
    QTRY_VERIFY_WITH_TIMEOUT(ran.load(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(transport.pendingCount(), 0, 10000);
}

void TestEmbeddedTransport::answersInOrder() {
    Fixture f;
    QVERIFY(f.create());
    EmbeddedTransport transport(f.vault);
    QList<int> order;
    const QByteArray targets[] = {"/health/", "/providers/", "/nowhere/", "/users/login/"};
    const int expected[] = {200, 200, 404, 405};
    for (int i = 0; i < 4; ++i) {
        transport.send(request("GET", targets[i]), [&order, i](const TransportResult& result) {
            order.append(i * 1000 + result.response.status);
        });
    }
    bool ranLast = false;
    transport.run({}, [&] { ranLast = order.size() == 4; });
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 4, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(ranLast, 10000);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(order.at(i), i * 1000 + expected[i]);
}

void TestEmbeddedTransport::destroyedWithQueuedWork() {
    Fixture f;
    QVERIFY(f.create());
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!token.isEmpty());

    QSemaphore started;
    QSemaphore gate;
    auto transport = std::make_unique<EmbeddedTransport>(f.vault);
    // Should a check below fail, the gate opens before the transport goes (no deadlock).
    struct GateGuard {
        QSemaphore& gate;
        bool opened = false;
        ~GateGuard() {
            if (!opened)
                gate.release();
        }
    } guard{gate};
    // The worker is held in a run() until the transport is being destroyed ...
    bool blockerDone = false;
    transport->run(
        [&] {
            started.release();
            gate.acquire();
        },
        [&] { blockerDone = true; });
    // ... so these are still queued when it goes: none may run.
    Capture creates[3];
    const char* providers[] = {"kopokopo", "instasend", "kopokopo"};
    for (int i = 0; i < 3; ++i) {
        transport->send(
            request(
                "POST", "/payments/credentials/",
                {{"provider", providers[i]}, {"api_key", kApiKey}, {"private_key", kPrivateKey}},
                token),
            creates[i].callback());
    }
    bool queuedRunRan = false;
    bool queuedRunDone = false;
    transport->run([&] { queuedRunRan = true; }, [&] { queuedRunDone = true; });
    QVERIFY(started.tryAcquire(1, 10000));
    QCOMPARE(transport->pendingCount(), 5);

    // Opens the gate a little after the destructor has started waiting for the worker.
    guard.opened = true;
    std::thread opener([&gate] {
        QThread::msleep(200);
        gate.release();
    });
    transport.reset();
    opener.join();

    QVERIFY2(blockerDone, "the run() that was running did not get its done() call");
    for (const Capture& capture : creates) {
        QCOMPARE(capture.calls, 1);
        QCOMPARE(capture.result.failure, Failure::Cancelled);
        QVERIFY(!capture.result.message.isEmpty());
        QCOMPARE(capture.thread, QThread::currentThread());
    }
    QVERIFY(!queuedRunRan);
    QVERIFY(!queuedRunDone);
    QCoreApplication::processEvents(); // whatever was already queued: nothing more comes
    for (const Capture& capture : creates)
        QCOMPARE(capture.calls, 1);
    // Nothing of what was cancelled reached the vault.
    const api::ApiResponse list = call(f.vault, "GET", "/payments/credentials/", {}, token);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.document().array().size(), 0);
}

void TestEmbeddedTransport::callbackMayDestroyTheTransport() {
    Fixture f;
    QVERIFY(f.create());
    auto* transport = new EmbeddedTransport(f.vault);
    QPointer<EmbeddedTransport> guard(transport);
    int firstCalls = 0;
    Capture second;
    transport->send(request("GET", "/health/"), [&](const TransportResult& result) {
        ++firstCalls;
        QCOMPARE(result.response.status, 200);
        delete transport;
    });
    transport->send(request("GET", "/providers/"), second.callback());
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 10000);
    QCOMPARE(firstCalls, 1);
    // The second one was answered (it may have run before the first was delivered) or
    // cancelled, once either way.
    QCOMPARE(second.calls, 1);
    QVERIFY(second.result.ok() || second.result.failure == Failure::Cancelled);
    QCoreApplication::processEvents(); // whatever was already queued: nothing more comes
    QCOMPARE(second.calls, 1);
}

void TestEmbeddedTransport::sameAnswersAsTheVault() {
    Fixture f;
    QVERIFY(f.create());
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!token.isEmpty());
    const qint64 id =
        createCredential(f.vault, token, QStringLiteral("kopokopo"), kApiKey, kPrivateKey);
    QVERIFY(id > 0);

    const QList<api::ApiRequest> sample = {
        request("GET", "/health/"),
        request("GET", "/providers/"),
        request("GET", "/nowhere/"),
        request("GET", "/users/login/"),
        request("POST", "/users/login/", {{"username", kOwner}}),
        apitest::makeRequest("POST", "/users/login/", "{not json", "application/json"),
        request("GET", "/payments/credentials/"),
        request("GET", "/payments/credentials/", {}, token),
        request("GET", apitest::credentialPath(id), {}, token),
        request("GET", apitest::credentialPath(id, "get-private-key"), {}, token),
        request("POST", apitest::credentialPath(id, "verify"), {{"private_key", kPrivateKey}},
                token),
        request("POST", "/payments/credentials/", {{"provider", "paypal"}}, token),
        request("GET", "/payments/credentials/provider/kopokopo/", {}, token),
        request("GET", "/users/me/", {}, token),
    };
    EmbeddedTransport transport(f.vault);
    for (const api::ApiRequest& req : sample) {
        const api::ApiResponse direct = f.vault.handle(req);
        SEND(through, transport, req);
        const QString what = QString::fromLatin1(req.method + ' ' + req.target);
        QVERIFY2(through.result.ok(),
                 qPrintable(what + QStringLiteral(": ") + describe(through.result)));
        QVERIFY2(through.result.response.status == direct.status,
                 qPrintable(what + QStringLiteral(": %1 vs %2")
                                       .arg(apitest::describe(through.result.response),
                                            apitest::describe(direct))));
        QVERIFY2(through.result.response.headers == direct.headers, qPrintable(what));
        // Compared as bytes, reported redacted.
        QVERIFY2(through.result.response.body == direct.body,
                 qPrintable(what + QStringLiteral(": %1 vs %2")
                                       .arg(apitest::describe(through.result.response),
                                            apitest::describe(direct))));
    }
}

void TestEmbeddedTransport::aSlowCheckDoesNotHoldTheVaultsWorker() {
    const CheckingVault v = checkingVault();
    QVERIFY(v.slowId > 0);
    EmbeddedTransport transport(v.fixture->vault);
    const int before = tokenRequestsFrom(m_standIn, kSlowClient);
    QStringList order;
    TransportResult checks[2];
    for (int i = 0; i < 2; ++i) {
        transport.send(checkRequest(v.slowId, v.token), [&, i](const TransportResult& result) {
            order << QStringLiteral("check");
            checks[i] = result;
        });
    }
    TransportResult list;
    int checksAtTheProvider = -1;
    transport.send(request("GET", "/payments/credentials/", {}, v.token),
                   [&](const TransportResult& result) {
                       order << QStringLiteral("list");
                       list = result;
                       checksAtTheProvider = tokenRequestsFrom(m_standIn, kSlowClient) - before;
                   });
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 30000);
    // Behind the checks on one worker, the list would have waited for both time limits.
    QCOMPARE(order, QStringList({"list", "check", "check"}));
    QCOMPARE(list.response.status, 200);
    QCOMPARE(list.response.document().array().size(), 1);
    QVERIFY(checksAtTheProvider <= 2);
    for (const TransportResult& check : checks) {
        QVERIFY2(check.ok() && check.response.status == 200, qPrintable(describe(check)));
        QCOMPARE(check.response.object().value("result").toString(), QStringLiteral("unreachable"));
    }
    // Both ran, side by side on the lane's two threads.
    QCOMPARE(tokenRequestsFrom(m_standIn, kSlowClient) - before, 2);
}

void TestEmbeddedTransport::aFullCheckLaneAnswers503AtOnce() {
    const CheckingVault v = checkingVault();
    QVERIFY(v.slowId > 0);
    const qint64 quickId = createCredential(v.fixture->vault, v.token, QStringLiteral("instasend"),
                                            kIntaSendKey, kIntaSendSecret);
    QVERIFY(quickId > 0);
    EmbeddedTransport transport(v.fixture->vault);
    const int before = tokenRequestsFrom(m_standIn, kSlowClient);
    QList<int> order;
    QList<TransportResult> results(kCheckRoom + 1);
    for (int i = 0; i <= kCheckRoom; ++i) {
        transport.send(checkRequest(v.slowId, v.token), [&, i](const TransportResult& result) {
            order << i;
            results[i] = result;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), kCheckRoom + 1, 60000);
    // The one past the lane's room first, before any check ended.
    QCOMPARE(order.first(), kCheckRoom);
    const TransportResult& busy = results.at(kCheckRoom);
    QVERIFY2(busy.ok(), qPrintable(describe(busy)));
    QCOMPARE(busy.response.status, 503);
    QCOMPARE(busy.response.object(),
             QJsonObject({{"detail", QStringLiteral("Service temporarily unavailable.")}}));
    QVERIFY(!busy.response.header("Retry-After").isEmpty());
    for (int i = 0; i < kCheckRoom; ++i) {
        QCOMPARE(results.at(i).response.status, 200);
        QCOMPARE(results.at(i).response.object().value("result").toString(),
                 QStringLiteral("unreachable"));
    }
    // The refused one never reached the provider.
    QCOMPARE(tokenRequestsFrom(m_standIn, kSlowClient) - before, kCheckRoom);

    // Drained: the next check is taken in again, here keys IntaSend accepts.
    SEND(next, transport, checkRequest(quickId, v.token));
    QCOMPARE(next.result.response.status, 200);
    QCOMPARE(next.result.response.object().value("result").toString(), QStringLiteral("valid"));
    QCOMPARE(transport.pendingCount(), 0);
}

void TestEmbeddedTransport::runWaitsForTheChecksInFlight() {
    // run() work may close the vault's core under a check (open, create, restore): it waits.
    const CheckingVault v = checkingVault();
    QVERIFY(v.slowId > 0);
    EmbeddedTransport transport(v.fixture->vault);
    const int before = tokenRequestsFrom(m_standIn, kSlowClient);
    QStringList order;
    for (int i = 0; i < kCheckThreads; ++i) {
        transport.send(checkRequest(v.slowId, v.token),
                       [&](const TransportResult&) { order << QStringLiteral("check"); });
    }
    QTRY_COMPARE_WITH_TIMEOUT(tokenRequestsFrom(m_standIn, kSlowClient) - before, kCheckThreads,
                              10000);
    std::atomic<int> checksSeenByRun{-1};
    transport.run([&] { checksSeenByRun = tokenRequestsFrom(m_standIn, kSlowClient) - before; },
                  [&] { order << QStringLiteral("run"); });
    // Sent after the run(): on the vault's worker, behind it.
    transport.send(request("GET", "/payments/credentials/", {}, v.token),
                   [&](const TransportResult&) { order << QStringLiteral("list"); });
    // A check sent while the run() waits does not start before it.
    transport.send(checkRequest(v.slowId, v.token),
                   [&](const TransportResult&) { order << QStringLiteral("late check"); });
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), kCheckThreads + 3, 60000);
    QCOMPARE(order, QStringList({"check", "check", "run", "list", "late check"}));
    QCOMPARE(checksSeenByRun.load(), kCheckThreads);
    QCOMPARE(tokenRequestsFrom(m_standIn, kSlowClient) - before, kCheckThreads + 1);
}

void TestEmbeddedTransport::destroyedWithChecksInFlight() {
    const CheckingVault v = checkingVault();
    QVERIFY(v.slowId > 0);
    auto transport = std::make_unique<EmbeddedTransport>(v.fixture->vault);
    const int before = tokenRequestsFrom(m_standIn, kSlowClient);
    Capture checks[kCheckRoom];
    for (Capture& capture : checks)
        transport->send(checkRequest(v.slowId, v.token), capture.callback());
    Capture list;
    transport->send(request("GET", "/payments/credentials/", {}, v.token), list.callback());
    // Two running at the provider, two waiting behind them.
    QTRY_COMPARE_WITH_TIMEOUT(tokenRequestsFrom(m_standIn, kSlowClient) - before, kCheckThreads,
                              10000);
    transport.reset();

    int answered = 0;
    int cancelled = 0;
    for (const Capture& capture : checks) {
        QCOMPARE(capture.calls, 1);
        QCOMPARE(capture.thread, QThread::currentThread());
        if (capture.result.failure == Failure::Cancelled) {
            QVERIFY(!capture.result.message.isEmpty());
            ++cancelled;
            continue;
        }
        QVERIFY2(capture.result.ok(), qPrintable(describe(capture.result)));
        QCOMPARE(capture.result.response.object().value("result").toString(),
                 QStringLiteral("unreachable"));
        ++answered;
    }
    QCOMPARE(answered, kCheckThreads);
    QCOMPARE(cancelled, kCheckRoom - kCheckThreads);
    QCOMPARE(list.calls, 1);
    QCoreApplication::processEvents(); // whatever was already queued: nothing more comes
    for (const Capture& capture : checks)
        QCOMPARE(capture.calls, 1);
    QCOMPARE(list.calls, 1);
    // The ones that ran left their checks beside the credential; the cancelled ones nothing.
    const api::ApiResponse history =
        call(v.fixture->vault, "GET", apitest::credentialPath(v.slowId, "checks"), {}, v.token);
    QCOMPARE(history.status, 200);
    QCOMPARE(history.document().array().size(), kCheckThreads);
}

QTEST_GUILESS_MAIN(TestEmbeddedTransport)
#include "tst_embeddedtransport.moc"
