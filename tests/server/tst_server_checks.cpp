// paycred-server checking credentials with their providers (API.md §2 check), over real HTTP:
// the answer for keys the provider accepts or rejects, the history beside the credential (which
// itself never changes), the audit event, the provider pool (4 running + 4 waiting, then 503,
// while other requests are served), checks switched off, the settings from the environment and
// from an INI file, the settings a server refuses to start with, and a log — at the most
// verbose level — that holds none of the keys.
//
// The providers are tests/support's ProviderStandIn: a local HTTPS server standing in for
// KopoKopo's and IntaSend's endpoints, because these machines have no internet. It answers after
// the providers' published examples (cited in providerstandin.py); its "slow" secret answers only
// after 30 s, past the short time limit these servers get. No wall-clock assertions: what is
// checked is who got which answer, how many calls reached the stand-in, and the order of answers
// where the pool must not hold others back.

#include "tests/server/httpreply.h"
#include "tests/server/serverprocess.h"
#include "tests/support/providerstandin.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using paycred::test::CommandResult;
using paycred::test::HttpReply;
using paycred::test::ProviderStandIn;
using paycred::test::ServerProcess;

namespace {

const QString Admin = QStringLiteral("checks-admin");
const QString Password = QStringLiteral("checks password 1");
const QString UserPassword = QStringLiteral("a check password 42");

// HttpServer::Options' provider pool: running, and waiting beyond those.
constexpr int ProviderThreads = 4;
constexpr int ProviderQueue = 4;
// Seconds: short, so the "slow" checks end soon, and long enough for a burst to arrive in.
const QString CheckTimeout = QStringLiteral("4");
constexpr int Kept = 10; // CredentialCheckRepository::Kept

// One credential's stored fields; what the stand-in answers depends on the private key (see
// providerstandin.py). Every key is distinct, so the log can be searched for each.
struct Keys {
    QString provider;
    QString apiKey;
    QString privateKey;
    QString environment;
};

const Keys KopoKopoValid{"kopokopo", "kk-client-valid", "kk-secret-valid-3f9a1c", "sandbox"};
const Keys KopoKopoRejected{"kopokopo", "kk-client-valid", "kk-secret-wrong-7d2e4b", "sandbox"};
const Keys KopoKopoLive{"kopokopo", "kk-client-valid", "kk-live-secret-valid-5b8c", "live"};
const Keys KopoKopoSlow{"kopokopo", "kk-client-slowpoke", "kk-secret-slow-6e1f9a", "sandbox"};
const Keys KopoKopoIni{"kopokopo", "kk-client-valid", "kk-ini-secret-valid-0c4d", "sandbox"};
const Keys KopoKopoOff{"kopokopo", "kk-client-valid", "kk-off-secret-valid-91ae", "sandbox"};
const Keys IntaSendValid{"instasend", "ISPubKey_test_4e7b2a91", "ISSecretKey_test_valid_8c3f5d",
                         "sandbox"};
const Keys IntaSendForbidden{"instasend", "ISPubKey_test_1f8e3c77",
                             "ISSecretKey_test_forbidden_6a2d", "sandbox"};
const Keys IntaSendMismatch{"instasend", "ISPubKey_test_9a1d6e20", "ISSecretKey_test_valid_2b7c4e",
                            "live"};

const QList<Keys> AllKeys{KopoKopoValid, KopoKopoRejected,  KopoKopoLive,
                          KopoKopoSlow,  KopoKopoIni,       KopoKopoOff,
                          IntaSendValid, IntaSendForbidden, IntaSendMismatch};

// A user of a server and one credential of theirs.
struct Owned {
    QByteArray token;
    qint64 id = 0;
};

QString credentialPath(qint64 id, const QString& action = {}) {
    const QString base = QStringLiteral("/payments/credentials/%1/").arg(id);
    return action.isEmpty() ? base : base + action + QLatin1Char('/');
}

// Requests sent at once, each on a connection of its own (a QNetworkAccessManager each: one
// manager holds at most six connections per host), and the order their answers came in.
class Burst {
public:
    // Sends one; its index is the number sent before it.
    void add(const ServerProcess& server, const QByteArray& method, const QString& path,
             const QByteArray& token = {}) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        QNetworkReply* reply = paycred::test::send(*manager, server.url(path), method, {}, token);
        const int index = static_cast<int>(m_replies.size());
        QObject::connect(reply, &QNetworkReply::finished, reply,
                         [this, index] { m_order.push_back(index); });
        m_managers.push_back(std::move(manager));
        m_replies.push_back(reply);
    }

    int finished() const { return static_cast<int>(m_order.size()); }

    // Waits for every answer; false when one did not come in time.
    bool wait(int timeoutMs = 60000) {
        for (QNetworkReply* reply : m_replies) {
            if (!paycred::test::waitFor(reply, timeoutMs))
                return false;
        }
        m_answers.clear();
        for (QNetworkReply* reply : m_replies)
            m_answers.push_back(paycred::test::collect(reply));
        m_replies.clear();
        return true;
    }

    const HttpReply& answer(int index) const { return m_answers.at(std::size_t(index)); }
    // Where request `index` came in the order of answers (0: first).
    int place(int index) const {
        return static_cast<int>(std::find(m_order.begin(), m_order.end(), index) - m_order.begin());
    }

private:
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::vector<QNetworkReply*> m_replies;
    std::vector<HttpReply> m_answers;
    std::vector<int> m_order;
};

// Whether `headers` (a JSON object of the stand-in's log) has `name` = `value`, any case of name.
bool hasHeader(const QJsonObject& headers, const QString& name, const QString& value) {
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value().toString() == value;
    }
    return false;
}

} // namespace

Q_DECLARE_METATYPE(Keys)

class TestServerChecks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void checkSaysWhatTheProviderSaid_data();
    void checkSaysWhatTheProviderSaid();
    void theKeysGoToTheProviderAsItExpects();
    void historyKeepsTheLastChecksNewestFirst();
    void checkFollowsTheCredentialRules();
    void checkIsAudited();
    void aFullProviderPoolAnswers503WhileOthersAreServed();
    void theLogHoldsNoKey();
    void switchedOffAnswersNotCheckable();
    void settingsFromAnIniFileAreHonoured();
    void badSettingsAreRefused_data();
    void badSettingsAreRefused();

private:
    // paycred-server in --dev mode with a superuser, logging everything it can; `settings`
    // (PAYCRED_* name → value) in its environment, `arguments` after the usual ones.
    std::unique_ptr<ServerProcess> startServer(const QHash<QString, QString>& settings,
                                               const QStringList& arguments = {});
    // The environment that points every provider of a server at the stand-in.
    QHash<QString, QString> standInSettings() const;
    // A new user of `server` (made by its superuser) owning one credential with `keys`.
    Owned own(ServerProcess& server, const Keys& keys);
    // How many requests the stand-in has had with `apiKey` as client id or publishable key.
    int requestsWith(const QString& apiKey) const;
    // The stand-in's requests since the first `from`.
    QList<QJsonObject> requestsSince(qsizetype from) const {
        return m_standIn.requests().mid(from);
    }
    // Fails when the server's whole output holds any key or token of the suite.
    static void expectNoKeysIn(ServerProcess& server);

    ProviderStandIn m_standIn;
    std::unique_ptr<ServerProcess> m_server; // the stand-in's providers, on, CheckTimeout s
    QByteArray m_adminToken;
    int m_users = 0;
};

QHash<QString, QString> TestServerChecks::standInSettings() const {
    const QString url = m_standIn.baseUrl();
    return {{"PAYCRED_KOPOKOPO_SANDBOX_URL", url},
            {"PAYCRED_KOPOKOPO_LIVE_URL", url},
            {"PAYCRED_INSTASEND_SANDBOX_URL", url},
            {"PAYCRED_INSTASEND_LIVE_URL", url},
            {"PAYCRED_PROVIDER_CA_FILE", m_standIn.certificateFile()},
            {"PAYCRED_PROVIDER_CHECK_TIMEOUT", CheckTimeout}};
}

std::unique_ptr<ServerProcess>
TestServerChecks::startServer(const QHash<QString, QString>& settings,
                              const QStringList& arguments) {
    auto server = std::make_unique<ServerProcess>();
    // Every category of paycred and of Qt, at every level: the log a key must stay out of.
    server->environment().insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*=true"));
    for (auto it = settings.begin(); it != settings.end(); ++it)
        server->environment().insert(it.key(), it.value());
    const CommandResult made = server->createSuperuser(Admin, Password);
    if (made.exitCode != 0) {
        qWarning("createsuperuser failed: %s", made.err.constData());
        return nullptr;
    }
    if (!server->start(arguments)) {
        qWarning("the server did not start: %s", qPrintable(server->errorString()));
        return nullptr;
    }
    return server;
}

Owned TestServerChecks::own(ServerProcess& server, const Keys& keys) {
    const QByteArray admin = paycred::test::login(server, Admin, Password);
    const QString username = QStringLiteral("owner-%1").arg(++m_users);
    const HttpReply user =
        paycred::test::call(server, "POST", QStringLiteral("/admin/users/"),
                            {{"username", username}, {"password", UserPassword}}, admin);
    if (user.status != 201) {
        qWarning("creating %s: HTTP %d", qPrintable(username), user.status);
        return {};
    }
    Owned owned;
    owned.token = paycred::test::login(server, username, UserPassword);
    const HttpReply created =
        paycred::test::call(server, "POST", QStringLiteral("/payments/credentials/"),
                            {{"provider", keys.provider},
                             {"api_key", keys.apiKey},
                             {"private_key", keys.privateKey},
                             {"environment", keys.environment}},
                            owned.token);
    if (created.status != 201) {
        qWarning("creating a %s credential: HTTP %d", qPrintable(keys.provider), created.status);
        return {};
    }
    owned.id = created.object().value("id").toInteger();
    return owned;
}

int TestServerChecks::requestsWith(const QString& apiKey) const {
    int count = 0;
    for (const QJsonObject& request : m_standIn.requests()) {
        const bool kopokopo = request.value("form").toObject().value("client_id") == apiKey;
        const bool intasend = hasHeader(request.value("headers").toObject(),
                                        QStringLiteral("INTASEND_PUBLIC_API_KEY"), apiKey);
        if ((kopokopo || intasend) && request.value("path") != QLatin1String("/oauth/revoke"))
            ++count;
    }
    return count;
}

void TestServerChecks::expectNoKeysIn(ServerProcess& server) {
    const QByteArray output = server.log() + server.readOutput();
    for (const Keys& keys : AllKeys) {
        // Not QVERIFY2 with the key: a failure must not print it either.
        QVERIFY2(!output.contains(keys.privateKey.toUtf8()), "a private key is in the log");
        QVERIFY2(!output.contains(keys.apiKey.toUtf8()), "an api key is in the log");
    }
    // The stand-in's OAuth tokens, which the KopoKopo checker obtains and revokes.
    QVERIFY2(!output.contains("standin-token-"), "a provider's access token is in the log");
}

void TestServerChecks::initTestCase() {
    QVERIFY2(m_standIn.start(), qPrintable(m_standIn.errorString()));
    m_server = startServer(standInSettings());
    QVERIFY(m_server);
    m_adminToken = paycred::test::login(*m_server, Admin, Password);
    QVERIFY(!m_adminToken.isEmpty());
}

void TestServerChecks::checkSaysWhatTheProviderSaid_data() {
    QTest::addColumn<Keys>("keys");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("message");
    QTest::newRow("kopokopo valid") << KopoKopoValid << "valid"
                                    << "KopoKopo accepted the keys.";
    QTest::newRow("kopokopo rejected")
        << KopoKopoRejected << "rejected"
        << "KopoKopo rejected the keys: the client id (api key) or the client secret (private key) "
           "is wrong, or the application is not active.";
    // PAYCRED_KOPOKOPO_LIVE_URL: a live credential is checked at the live base URL.
    QTest::newRow("kopokopo live") << KopoKopoLive << "valid"
                                   << "KopoKopo accepted the keys.";
    QTest::newRow("intasend valid") << IntaSendValid << "valid"
                                    << "IntaSend accepted the keys.";
    QTest::newRow("intasend forbidden")
        << IntaSendForbidden << "valid"
        << "IntaSend accepted the keys, but they may not read wallets (HTTP 403); payments they "
           "are allowed may still work.";
    QTest::newRow("intasend test keys marked live")
        << IntaSendMismatch << "valid"
        << "IntaSend accepted the keys. The keys look like IntaSend sandbox keys, but the "
           "credential is marked live.";
}

void TestServerChecks::checkSaysWhatTheProviderSaid() {
    QFETCH(Keys, keys);
    QFETCH(QString, result);
    QFETCH(QString, message);
    const Owned owned = own(*m_server, keys);
    QVERIFY(owned.id > 0);
    const HttpReply before =
        paycred::test::call(*m_server, "GET", credentialPath(owned.id), {}, owned.token);
    CHECK_REPLY(before, 200);
    QVERIFY(!before.header("ETag").isEmpty());
    const int calls = requestsWith(keys.apiKey);

    const HttpReply checked =
        paycred::test::call(*m_server, "POST", credentialPath(owned.id, "check"), {}, owned.token);
    CHECK_REPLY(checked, 200);
    const QJsonObject check = checked.object();
    QCOMPARE(check.value("result").toString(), result);
    QCOMPARE(check.value("message").toString(), message);
    QCOMPARE(check.value("credentials_id").toInteger(), owned.id);
    QCOMPARE(check.value("provider").toString(), keys.provider);
    QCOMPARE(check.value("provider_display").toString(), keys.provider == QLatin1String("kopokopo")
                                                             ? QStringLiteral("KopoKopo")
                                                             : QStringLiteral("InstaSend"));
    QCOMPARE(check.value("environment").toString(), keys.environment);
    QVERIFY(
        QDateTime::fromString(check.value("checked_at").toString(), Qt::ISODateWithMs).isValid());
    QVERIFY2(!checked.body.contains(keys.privateKey.toUtf8()) &&
                 !checked.body.contains(keys.apiKey.toUtf8()),
             "the answer holds a key");
    // The provider was asked once: the answer is its own, not made up.
    QCOMPARE(requestsWith(keys.apiKey) - calls, 1);

    // Kept beside the credential, which is as it was.
    const HttpReply history =
        paycred::test::call(*m_server, "GET", credentialPath(owned.id, "checks"), {}, owned.token);
    CHECK_REPLY(history, 200);
    QCOMPARE(history.array(), QJsonArray{check});
    const HttpReply after =
        paycred::test::call(*m_server, "GET", credentialPath(owned.id), {}, owned.token);
    CHECK_REPLY(after, 200);
    QCOMPARE(after.header("ETag"), before.header("ETag"));
    QCOMPARE(after.object(), before.object());
}

void TestServerChecks::theKeysGoToTheProviderAsItExpects() {
    // KopoKopo: client id and secret in the form of /oauth/token, then the token revoked.
    const Owned kopokopo = own(*m_server, KopoKopoValid);
    QVERIFY(kopokopo.id > 0);
    qsizetype from = m_standIn.requests().size();
    QCOMPARE(paycred::test::call(*m_server, "POST", credentialPath(kopokopo.id, "check"), {},
                                 kopokopo.token)
                 .status,
             200);
    QList<QJsonObject> calls = requestsSince(from);
    QCOMPARE(calls.size(), 2);
    const QJsonObject token = calls.at(0).value("form").toObject();
    QCOMPARE(calls.at(0).value("method").toString(), QStringLiteral("POST"));
    QCOMPARE(calls.at(0).value("path").toString(), QStringLiteral("/oauth/token"));
    QCOMPARE(token.value("grant_type").toString(), QStringLiteral("client_credentials"));
    QVERIFY2(token.value("client_id") == KopoKopoValid.apiKey, "not the api key as client_id");
    QVERIFY2(token.value("client_secret") == KopoKopoValid.privateKey,
             "not the private key as client_secret");
    QCOMPARE(calls.at(1).value("path").toString(), QStringLiteral("/oauth/revoke"));
    QVERIFY(calls.at(1).value("form").toObject().value("token").toString().startsWith(
        QStringLiteral("standin-token-")));

    // IntaSend: the secret key as bearer token, the publishable key in its header, a GET.
    const Owned intasend = own(*m_server, IntaSendValid);
    QVERIFY(intasend.id > 0);
    from = m_standIn.requests().size();
    QCOMPARE(paycred::test::call(*m_server, "POST", credentialPath(intasend.id, "check"), {},
                                 intasend.token)
                 .status,
             200);
    calls = requestsSince(from);
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.at(0).value("method").toString(), QStringLiteral("GET"));
    QCOMPARE(calls.at(0).value("path").toString(), QStringLiteral("/api/v1/wallets/"));
    const QJsonObject headers = calls.at(0).value("headers").toObject();
    QVERIFY2(hasHeader(headers, QStringLiteral("Authorization"),
                       QStringLiteral("Bearer ") + IntaSendValid.privateKey),
             "not the secret key as bearer token");
    QVERIFY2(hasHeader(headers, QStringLiteral("INTASEND_PUBLIC_API_KEY"), IntaSendValid.apiKey),
             "not the publishable key in INTASEND_PUBLIC_API_KEY");
}

void TestServerChecks::historyKeepsTheLastChecksNewestFirst() {
    const Owned owned = own(*m_server, KopoKopoRejected);
    QVERIFY(owned.id > 0);
    QStringList checkedAt;
    for (int i = 0; i < Kept + 2; ++i) {
        const HttpReply checked = paycred::test::call(
            *m_server, "POST", credentialPath(owned.id, "check"), {}, owned.token);
        QCOMPARE(checked.status, 200);
        checkedAt.prepend(checked.object().value("checked_at").toString());
    }
    const HttpReply history =
        paycred::test::call(*m_server, "GET", credentialPath(owned.id, "checks"), {}, owned.token);
    CHECK_REPLY(history, 200);
    const QJsonArray checks = history.array();
    QCOMPARE(checks.size(), Kept);
    for (int i = 0; i < Kept; ++i) {
        QCOMPARE(checks.at(i).toObject().value("checked_at").toString(), checkedAt.at(i));
        QCOMPARE(checks.at(i).toObject().value("result").toString(), QStringLiteral("rejected"));
    }
}

void TestServerChecks::checkFollowsTheCredentialRules() {
    const Owned mine = own(*m_server, KopoKopoValid);
    const Owned theirs = own(*m_server, KopoKopoValid);
    QVERIFY(mine.id > 0 && theirs.id > 0);
    const int calls = requestsWith(KopoKopoValid.apiKey);
    const QJsonObject notFound{{"error", "Payment credentials not found or access denied"}};

    const HttpReply anonymous =
        paycred::test::call(*m_server, "POST", credentialPath(mine.id, "check"));
    CHECK_REPLY(anonymous, 401);
    QCOMPARE(anonymous.object().value("detail").toString(),
             QStringLiteral("Authentication credentials were not provided."));
    for (const QString& action : {QStringLiteral("check"), QStringLiteral("checks")}) {
        const QByteArray method = action == QLatin1String("check") ? "POST" : "GET";
        const HttpReply other = paycred::test::call(
            *m_server, method, credentialPath(theirs.id, action), {}, mine.token);
        CHECK_REPLY(other, 404);
        QCOMPARE(other.object(), notFound);
        const HttpReply missing = paycred::test::call(
            *m_server, method, credentialPath(theirs.id + 1000, action), {}, mine.token);
        CHECK_REPLY(missing, 404);
        QCOMPARE(missing.object(), notFound);
    }
    const HttpReply wrongMethod =
        paycred::test::call(*m_server, "GET", credentialPath(mine.id, "check"), {}, mine.token);
    CHECK_REPLY(wrongMethod, 405);
    // None of these reached the provider.
    QCOMPARE(requestsWith(KopoKopoValid.apiKey), calls);
    // Nor left a check behind.
    const HttpReply history = paycred::test::call(
        *m_server, "GET", credentialPath(theirs.id, "checks"), {}, theirs.token);
    QCOMPARE(history.array(), QJsonArray());
}

void TestServerChecks::checkIsAudited() {
    const Owned valid = own(*m_server, KopoKopoValid);
    const Owned rejected = own(*m_server, KopoKopoRejected);
    QVERIFY(valid.id > 0 && rejected.id > 0);
    const auto eventOf = [&](qint64 id) {
        const HttpReply events = paycred::test::call(
            *m_server, "GET",
            QStringLiteral("/admin/audit/?action=credential_checked&credential=%1").arg(id), {},
            m_adminToken);
        return events;
    };
    for (const Owned& owned : {valid, rejected}) {
        QCOMPARE(paycred::test::call(*m_server, "POST", credentialPath(owned.id, "check"), {},
                                     owned.token)
                     .status,
                 200);
    }
    const QList<QPair<qint64, QStringList>> expected{{valid.id, {"ok", "valid"}},
                                                     {rejected.id, {"failed", "rejected"}}};
    for (const auto& [id, outcome] : expected) {
        const HttpReply events = eventOf(id);
        CHECK_REPLY(events, 200);
        const QJsonArray results = events.object().value("results").toArray();
        QCOMPARE(results.size(), 1);
        const QJsonObject event = results.first().toObject();
        QCOMPARE(event.value("action").toString(), QStringLiteral("credential_checked"));
        QCOMPARE(event.value("credential_id").toInteger(), id);
        QCOMPARE(event.value("outcome").toString(), outcome.at(0));
        QCOMPARE(event.value("detail").toString(), outcome.at(1));
        for (const Keys& keys : AllKeys) {
            QVERIFY2(!events.body.contains(keys.privateKey.toUtf8()) &&
                         !events.body.contains(keys.apiKey.toUtf8()),
                     "the audit holds a key");
        }
    }
    const HttpReply chain = paycred::test::call(
        *m_server, "GET", QStringLiteral("/admin/audit/verify/"), {}, m_adminToken);
    QCOMPARE(chain.object().value("intact").toBool(), true);
}

void TestServerChecks::aFullProviderPoolAnswers503WhileOthersAreServed() {
    // The stand-in holds "slow" checks for 30 s: each takes its place in the pool for the whole
    // time limit, then answers unreachable.
    const Owned slow = own(*m_server, KopoKopoSlow);
    QVERIFY(slow.id > 0);
    const int calls = requestsWith(KopoKopoSlow.apiKey);
    constexpr int Room = ProviderThreads + ProviderQueue;
    Burst burst;
    for (int i = 0; i < Room; ++i)
        burst.add(*m_server, "POST", credentialPath(slow.id, "check"), slow.token);
    // The first four at the provider: the other four, sent with them, have had a TLS handshake's
    // time to reach the server too, and wait in the pool's queue (they cannot start before the
    // first ones time out). The pool is full now.
    QTRY_COMPARE_WITH_TIMEOUT(requestsWith(KopoKopoSlow.apiKey) - calls, ProviderThreads, 10000);
    QCOMPARE(burst.finished(), 0);

    const int refused = Room;
    burst.add(*m_server, "POST", credentialPath(slow.id, "check"), slow.token);
    const int health = Room + 1;
    burst.add(*m_server, "GET", QStringLiteral("/health/"));
    const int list = Room + 2;
    burst.add(*m_server, "GET", QStringLiteral("/payments/credentials/"), slow.token);
    QVERIFY(burst.wait());

    const HttpReply& busy = burst.answer(refused);
    CHECK_REPLY(busy, 503);
    QCOMPARE(busy.object(),
             QJsonObject({{"detail", QStringLiteral("Service temporarily unavailable.")}}));
    QCOMPARE(busy.header("Retry-After"), QByteArray("1"));
    CHECK_REPLY(burst.answer(health), 200);
    CHECK_REPLY(burst.answer(list), 200);
    QCOMPARE(burst.answer(list).array().size(), 1);
    for (int i = 0; i < Room; ++i) {
        const HttpReply& check = burst.answer(i);
        CHECK_REPLY(check, 200);
        QCOMPARE(check.object().value("result").toString(), QStringLiteral("unreachable"));
        QCOMPARE(check.object().value("message").toString(),
                 QStringLiteral("KopoKopo did not answer in time. Try again later."));
        // The refusal, the health check and the list came while every check was still held.
        for (const int quick : {refused, health, list})
            QVERIFY2(
                burst.place(quick) < burst.place(i),
                qPrintable(QStringLiteral("request %1 waited for check %2").arg(quick).arg(i)));
    }
    // The refused one never reached the provider.
    QCOMPARE(requestsWith(KopoKopoSlow.apiKey) - calls, Room);
    QVERIFY(m_server->log().contains("The provider check pool is full"));
}

void TestServerChecks::theLogHoldsNoKey() {
    QVERIFY(m_server);
    QCOMPARE(m_server->terminate(), 0);
    const QByteArray log = m_server->log();
    // The log is the verbose one: a line for every request, and the settings said at start.
    QVERIFY(log.contains("/check/ received"));
    QVERIFY(log.contains("checks with providers: on, 4 s each, 4 thread(s) (4 may wait)"));
    QVERIFY(log.contains("checks with providers: on, 4 s each, 4 thread(s) (4 may wait), through "
                         "the configured base URLs"));
    expectNoKeysIn(*m_server);
}

void TestServerChecks::switchedOffAnswersNotCheckable() {
    // The stand-in's addresses are configured, but nothing may go out.
    QHash<QString, QString> settings = standInSettings();
    settings.insert(QStringLiteral("PAYCRED_PROVIDER_CHECKS"), QStringLiteral("off"));
    const auto server = startServer(settings);
    QVERIFY(server);
    const Owned owned = own(*server, KopoKopoOff);
    QVERIFY(owned.id > 0);
    const int calls = requestsWith(KopoKopoOff.apiKey);
    const HttpReply checked =
        paycred::test::call(*server, "POST", credentialPath(owned.id, "check"), {}, owned.token);
    CHECK_REPLY(checked, 200);
    QCOMPARE(checked.object().value("result").toString(), QStringLiteral("not_checkable"));
    const QString message = checked.object().value("message").toString();
    QVERIFY2(message.contains(QStringLiteral("switched off")), qPrintable(message));
    QCOMPARE(requestsWith(KopoKopoOff.apiKey), calls);
    // Kept like any other check.
    const HttpReply history =
        paycred::test::call(*server, "GET", credentialPath(owned.id, "checks"), {}, owned.token);
    QCOMPARE(history.array().size(), 1);
    QCOMPARE(server->terminate(), 0);
    QVERIFY(server->log().contains("checks with providers: off"));
    expectNoKeysIn(*server);
}

void TestServerChecks::settingsFromAnIniFileAreHonoured() {
    // Only the INI file names the stand-in: the environment has no PAYCRED_* of it.
    const QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(QStringLiteral("paycred.ini"));
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[paycred]\nkopokopo_sandbox_url = " + m_standIn.baseUrl().toUtf8() +
               "\nprovider_ca_file = " + m_standIn.certificateFile().toUtf8() +
               "\nprovider_check_timeout = 3\n");
    file.close();
    const auto server = startServer({}, {QStringLiteral("--config"), ini});
    QVERIFY(server);
    const Owned owned = own(*server, KopoKopoIni);
    QVERIFY(owned.id > 0);
    const int calls = requestsWith(KopoKopoIni.apiKey);
    const HttpReply checked =
        paycred::test::call(*server, "POST", credentialPath(owned.id, "check"), {}, owned.token);
    CHECK_REPLY(checked, 200);
    QCOMPARE(checked.object().value("result").toString(), QStringLiteral("valid"));
    QCOMPARE(requestsWith(KopoKopoIni.apiKey) - calls, 1);
    QCOMPARE(server->terminate(), 0);
    QVERIFY(server->log().contains("checks with providers: on, 3 s each"));
    expectNoKeysIn(*server);

    // A bad value there is refused, named by its key and file.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[paycred]\nprovider_checks = maybe\n");
    file.close();
    const CommandResult refused =
        server->run({QStringLiteral("--dev"), QStringLiteral("--data-dir"), server->dataDir(),
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--config"), ini},
                    {}, 20000);
    QVERIFY(refused.finished);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("provider_checks in " + ini.toUtf8() + " must be on or off."),
             refused.err.constData());
}

void TestServerChecks::badSettingsAreRefused_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    const QString https = QStringLiteral(
        " must be an https:// URL without a query, e.g. https://egress.example:8443/kopokopo");
    QTest::newRow("plain http") << "PAYCRED_KOPOKOPO_SANDBOX_URL"
                                << "http://127.0.0.1:9/"
                                << "PAYCRED_KOPOKOPO_SANDBOX_URL" + https;
    QTest::newRow("not a url") << "PAYCRED_KOPOKOPO_SANDBOX_URL"
                               << "not a url"
                               << "PAYCRED_KOPOKOPO_SANDBOX_URL" + https;
    QTest::newRow("user info") << "PAYCRED_INSTASEND_LIVE_URL"
                               << "https://me:pw@127.0.0.1/"
                               << "PAYCRED_INSTASEND_LIVE_URL" + https;
    QTest::newRow("query") << "PAYCRED_KOPOKOPO_LIVE_URL"
                           << "https://127.0.0.1/?to=x"
                           << "PAYCRED_KOPOKOPO_LIVE_URL" + https;
    QTest::newRow("switch") << "PAYCRED_PROVIDER_CHECKS"
                            << "maybe"
                            << "PAYCRED_PROVIDER_CHECKS must be on or off.";
    const QString seconds = QStringLiteral(
        "PAYCRED_PROVIDER_CHECK_TIMEOUT must be a whole number of seconds from 1 to 25.");
    QTest::newRow("timeout 0") << "PAYCRED_PROVIDER_CHECK_TIMEOUT"
                               << "0" << seconds;
    QTest::newRow("timeout 26") << "PAYCRED_PROVIDER_CHECK_TIMEOUT"
                                << "26" << seconds;
    QTest::newRow("timeout words") << "PAYCRED_PROVIDER_CHECK_TIMEOUT"
                                   << "ten" << seconds;
    QTest::newRow("no CA file") << "PAYCRED_PROVIDER_CA_FILE"
                                << "/nonexistent"
                                << "PAYCRED_PROVIDER_CA_FILE names /nonexistent, which cannot be "
                                   "read";
    const QString folder = QStringLiteral(PAYCRED_SOURCE_DIR "/tests");
    QTest::newRow("CA file a folder")
        << "PAYCRED_PROVIDER_CA_FILE" << folder
        << "PAYCRED_PROVIDER_CA_FILE names " + folder + ", which cannot be read";
    const QString readme = QStringLiteral(PAYCRED_SOURCE_DIR "/README.md");
    QTest::newRow("CA file not PEM")
        << "PAYCRED_PROVIDER_CA_FILE" << readme
        << "PAYCRED_PROVIDER_CA_FILE names " + readme + ", which holds no PEM certificate.";
}

void TestServerChecks::badSettingsAreRefused() {
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    ServerProcess server;
    server.environment().insert(name, value);
    const CommandResult result =
        server.run({QStringLiteral("--dev"), QStringLiteral("--data-dir"), server.dataDir(),
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                   {}, 20000);
    QVERIFY2(result.finished, "the server started anyway");
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(expected.toUtf8()), result.err.constData());
    QVERIFY(!result.out.contains("Listening on"));
}

QTEST_GUILESS_MAIN(TestServerChecks)
#include "tst_server_checks.moc"
