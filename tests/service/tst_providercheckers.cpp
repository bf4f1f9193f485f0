// The real checkers (KopoKopoChecker, IntaSendChecker) through a real HttpsProviderLink, over
// real TLS, against test::ProviderStandIn: a small HTTPS server on loopback with a self-signed
// certificate this suite trusts (tests/support/providerstandin.py). It stands in for the
// providers because these machines have no internet. Its answers follow the providers'
// published request and response examples:
// - KopoKopo, https://api-docs.kopokopo.com/authorization ("Request Access Token", "Revoke
//   Access Token", and the k2-connect SDKs): POST /oauth/token with client_id, client_secret and
//   grant_type=client_credentials → 200 {"access_token", "token_type", "expires_in",
//   "created_at"} or 401 {"error": "invalid_client"}; POST /oauth/revoke with the token → 200.
// - IntaSend, https://developers.intasend.com "Wallets API" ("List available wallets", source
//   github.com/IntaSend/documentation wallet-as-a-service/wallets-api.md, and intasend-python):
//   GET /api/v1/wallets/ with "Authorization: Bearer <secret key>" and the publishable key in
//   INTASEND_PUBLIC_API_KEY → 200 with a JSON array of wallets, 401 for a bad key, 403 for a key
//   that may not read wallets.
// What the stand-in answers depends on the secret a case chooses ("valid", "slow", ...; see the
// script). Every secret here is made up; none is printed, even when a case fails.

#include "core/crypto/secret.h"
#include "core/service/environment.h"
#include "core/service/httpsproviderlink.h"
#include "core/service/intasendchecker.h"
#include "core/service/kopokopochecker.h"
#include "core/service/provider.h"
#include "core/service/providerchecksettings.h"
#include "core/service/providerlink.h"
#include "tests/support/providerstandin.h"

#include <QJsonObject>
#include <QTcpServer>
#include <QTest>
#include <QUrl>

#include <thread>

using namespace paycred;
using service::ProviderChecker;
using Result = ProviderChecker::Result;

namespace {
constexpr char kKopoKopoClient[] = "kk-client-valid";
constexpr char kKopoKopoSecret[] = "kk-secret-valid-7f3a";
constexpr char kIntaSendPublic[] = "ISPubKey_test_5c1d9e";
constexpr char kIntaSendSecret[] = "ISSecretKey_test_valid_8b2e";

QString resultText(Result result) {
    return ProviderChecker::nameOf(result);
}

// "result: message" of an outcome: what a failed comparison shows (a message never holds a key).
QString describe(const ProviderChecker::Outcome& outcome) {
    return resultText(outcome.result) + QStringLiteral(": ") + outcome.message;
}

// A header of a request the stand-in logged, whatever the case of its name.
QString headerOf(const QJsonObject& request, const QString& name) {
    const QJsonObject headers = request.value(QLatin1String("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value().toString();
    }
    return {};
}

QString formOf(const QJsonObject& request, const QString& field) {
    return request.value(QLatin1String("form")).toObject().value(field).toString();
}

// The paths of `requests`, for a failure message (never their headers or forms: they hold keys).
QString pathsOf(const QList<QJsonObject>& requests) {
    QStringList paths;
    for (const QJsonObject& request : requests)
        paths << request.value(QLatin1String("method")).toString() + u' ' +
                     request.value(QLatin1String("path")).toString();
    return QStringLiteral("[%1]").arg(paths.join(QStringLiteral(", ")));
}

// A loopback port nothing listens on: one that was just bound and let go.
quint16 closedPort() {
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}
} // namespace

#define EXPECT_OUTCOME(outcome, expected, fragment)                                                \
    do {                                                                                           \
        const ProviderChecker::Outcome& o_ = (outcome);                                            \
        QVERIFY2(                                                                                  \
            o_.result == (expected),                                                               \
            qPrintable(                                                                            \
                QStringLiteral("expected %1, got %2").arg(resultText(expected), describe(o_))));   \
        QVERIFY2(o_.message.contains(QLatin1String(fragment), Qt::CaseInsensitive),                \
                 qPrintable(QStringLiteral("the message does not say \"%1\": %2")                  \
                                .arg(QLatin1String(fragment), describe(o_))));                     \
    } while (false)

class TestProviderCheckers : public QObject {
    Q_OBJECT

    test::ProviderStandIn m_standIn;
    service::KopoKopoChecker m_kopoKopo;
    service::IntaSendChecker m_intaSend;

    // What a test's server is set up with: the stand-in's certificate trusted beside the
    // system's CAs.
    service::ProviderCheckSettings trusting() const {
        service::ProviderCheckSettings settings;
        settings.extraCaCertificates = {m_standIn.certificate()};
        return settings;
    }

    ProviderChecker::Outcome run(const ProviderChecker& checker, const char* apiKey,
                                 const char* privateKey,
                                 const service::ProviderCheckSettings& settings,
                                 const QString& base) const {
        const ProviderChecker::Keys keys{crypto::Secret(QByteArrayView(apiKey)),
                                         crypto::Secret(QByteArrayView(privateKey))};
        service::HttpsProviderLink link(QUrl(base), settings);
        return checker.check(keys, link);
    }
    ProviderChecker::Outcome run(const ProviderChecker& checker, const char* apiKey,
                                 const char* privateKey,
                                 const service::ProviderCheckSettings& settings) const {
        return run(checker, apiKey, privateKey, settings, m_standIn.baseUrl());
    }
    ProviderChecker::Outcome run(const ProviderChecker& checker, const char* apiKey,
                                 const char* privateKey) const {
        return run(checker, apiKey, privateKey, trusting());
    }

    // The requests the stand-in received after the first `before`.
    QList<QJsonObject> requestsSince(qsizetype before) const {
        return m_standIn.requests().mid(before);
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_standIn.start(),
                 qPrintable(QStringLiteral("the provider stand-in did not start: %1")
                                .arg(m_standIn.errorString())));
    }

    // ---- KopoKopo ------------------------------------------------------------------------

    void kopoKopoAcceptsAndTheTokenIsRevoked() {
        const qsizetype before = m_standIn.requests().size();
        EXPECT_OUTCOME(run(m_kopoKopo, kKopoKopoClient, kKopoKopoSecret), Result::Valid,
                       "KopoKopo accepted the keys.");

        // The client credentials grant, then the token it issued given back.
        const QList<QJsonObject> seen = requestsSince(before);
        QVERIFY2(seen.size() == 2, qPrintable(pathsOf(seen)));
        const QJsonObject& token = seen.at(0);
        QCOMPARE(token.value("method").toString(), QStringLiteral("POST"));
        QCOMPARE(token.value("path").toString(), QStringLiteral("/oauth/token"));
        QCOMPARE(formOf(token, "grant_type"), QStringLiteral("client_credentials"));
        QVERIFY2(formOf(token, "client_id") == QLatin1String(kKopoKopoClient),
                 "the api_key is sent as the client id");
        QVERIFY2(formOf(token, "client_secret") == QLatin1String(kKopoKopoSecret),
                 "the private key is sent as the client secret");
        QVERIFY2(headerOf(token, "Content-Type").startsWith("application/x-www-form-urlencoded"),
                 qPrintable(headerOf(token, "Content-Type")));

        const QJsonObject& revoke = seen.at(1);
        QCOMPARE(revoke.value("method").toString(), QStringLiteral("POST"));
        QCOMPARE(revoke.value("path").toString(), QStringLiteral("/oauth/revoke"));
        const QString issued = formOf(revoke, "token");
        QVERIFY2(issued.startsWith(QLatin1String("standin-token-")),
                 "the revoke carries the token the stand-in issued");
        QVERIFY2(formOf(revoke, "client_id") == QLatin1String(kKopoKopoClient),
                 "the revoke is made as the same client");

        // The stand-in forgot the token when it was revoked: giving it back again is refused.
        const service::ProviderCheckSettings settings = trusting();
        service::HttpsProviderLink link(QUrl(m_standIn.baseUrl()), settings);
        service::ProviderRequest again;
        again.method = "POST";
        again.path = QStringLiteral("/oauth/revoke");
        again.body = "client_id=" + QByteArray(kKopoKopoClient) + "&token=" + issued.toLatin1();
        const service::ProviderReply reply = link.send(again);
        QCOMPARE(reply.failure, service::ProviderReply::Failure::None);
        QCOMPARE(reply.status, 403);
    }

    void kopoKopoRejectsAWrongSecret() {
        const qsizetype before = m_standIn.requests().size();
        EXPECT_OUTCOME(run(m_kopoKopo, kKopoKopoClient, "kk-secret-wrong"), Result::Rejected,
                       "KopoKopo rejected the keys");
        // No token was issued, so none is revoked.
        const QList<QJsonObject> seen = requestsSince(before);
        QVERIFY2(seen.size() == 1, qPrintable(pathsOf(seen)));
        QCOMPARE(seen.at(0).value("path").toString(), QStringLiteral("/oauth/token"));
    }

    void kopoKopoRejectsAnUnknownClient() {
        EXPECT_OUTCOME(run(m_kopoKopo, "kk-client-unknown", kKopoKopoSecret), Result::Rejected,
                       "KopoKopo rejected the keys");
    }

    void kopoKopoTokenThatCannotBeRevokedStillMeansValid() {
        const qsizetype before = m_standIn.requests().size();
        EXPECT_OUTCOME(run(m_kopoKopo, kKopoKopoClient, "kk-secret-valid-norevoke"), Result::Valid,
                       "could not be revoked");
        const QList<QJsonObject> seen = requestsSince(before);
        QVERIFY2(seen.size() == 2, qPrintable(pathsOf(seen)));
        QCOMPARE(seen.at(1).value("path").toString(), QStringLiteral("/oauth/revoke"));
    }

    // ---- IntaSend ------------------------------------------------------------------------

    void intaSendAccepts() {
        const qsizetype before = m_standIn.requests().size();
        EXPECT_OUTCOME(run(m_intaSend, kIntaSendPublic, kIntaSendSecret), Result::Valid,
                       "IntaSend accepted the keys.");
        const QList<QJsonObject> seen = requestsSince(before);
        QVERIFY2(seen.size() == 1, qPrintable(pathsOf(seen)));
        const QJsonObject& wallets = seen.at(0);
        QCOMPARE(wallets.value("method").toString(), QStringLiteral("GET"));
        QCOMPARE(wallets.value("path").toString(), QStringLiteral("/api/v1/wallets/"));
        QVERIFY2(headerOf(wallets, "Authorization") ==
                     QStringLiteral("Bearer ") + QLatin1String(kIntaSendSecret),
                 "the private key is sent as the bearer token");
        QVERIFY2(headerOf(wallets, "INTASEND_PUBLIC_API_KEY") == QLatin1String(kIntaSendPublic),
                 "the api_key is sent as INTASEND_PUBLIC_API_KEY");
    }

    void intaSendRejectsAWrongSecret() {
        EXPECT_OUTCOME(run(m_intaSend, kIntaSendPublic, "ISSecretKey_test_wrong"), Result::Rejected,
                       "IntaSend rejected the keys");
    }

    void intaSendForbiddenMeansValidButNotForWallets() {
        EXPECT_OUTCOME(run(m_intaSend, kIntaSendPublic, "ISSecretKey_test_forbidden"),
                       Result::Valid, "may not read wallets");
    }

    // ---- Answers that are no verdict -----------------------------------------------------

    void aSlowProviderIsUnreachableInTime_data() {
        QTest::addColumn<bool>("kopoKopo");
        QTest::newRow("KopoKopo") << true;
        QTest::newRow("IntaSend") << false;
    }
    void aSlowProviderIsUnreachableInTime() {
        QFETCH(bool, kopoKopo);
        // The stand-in waits 30 s; the check gives up long before.
        service::ProviderCheckSettings settings = trusting();
        settings.timeoutMs = 1500;
        const auto outcome =
            kopoKopo ? run(m_kopoKopo, kKopoKopoClient, "kk-secret-slow", settings)
                     : run(m_intaSend, kIntaSendPublic, "ISSecretKey_test_slow", settings);
        EXPECT_OUTCOME(outcome, Result::Unreachable, "did not answer in time");
    }

    void aMalformedAnswerIsNotUnderstood_data() {
        QTest::addColumn<bool>("kopoKopo");
        QTest::newRow("KopoKopo") << true;
        QTest::newRow("IntaSend") << false;
    }
    void aMalformedAnswerIsNotUnderstood() {
        QFETCH(bool, kopoKopo);
        // 200 with an HTML maintenance page: no verdict either way.
        const auto outcome = kopoKopo
                                 ? run(m_kopoKopo, kKopoKopoClient, "kk-secret-malformed")
                                 : run(m_intaSend, kIntaSendPublic, "ISSecretKey_test_malformed");
        EXPECT_OUTCOME(outcome, Result::Unreachable, "could not be understood");
    }

    void aRedirectIsNotFollowed_data() {
        QTest::addColumn<bool>("kopoKopo");
        QTest::newRow("KopoKopo") << true;
        QTest::newRow("IntaSend") << false;
    }
    void aRedirectIsNotFollowed() {
        QFETCH(bool, kopoKopo);
        const qsizetype before = m_standIn.requests().size();
        const auto outcome = kopoKopo
                                 ? run(m_kopoKopo, kKopoKopoClient, "kk-secret-redirect")
                                 : run(m_intaSend, kIntaSendPublic, "ISSecretKey_test_redirect");
        EXPECT_OUTCOME(outcome, Result::Unreachable, "redirect");
        EXPECT_OUTCOME(outcome, Result::Unreachable, "not followed");
        // Exactly the one request; and the link hands the 302 itself back (following it would
        // have ended in a failed lookup of elsewhere.invalid instead).
        const QList<QJsonObject> seen = requestsSince(before);
        QVERIFY2(seen.size() == 1, qPrintable(pathsOf(seen)));

        const service::ProviderCheckSettings settings = trusting();
        service::HttpsProviderLink link(QUrl(m_standIn.baseUrl()), settings);
        service::ProviderRequest request;
        request.path = QStringLiteral("/api/v1/wallets/");
        request.headers = {{"Authorization", "Bearer ISSecretKey_test_redirect"}};
        const service::ProviderReply reply = link.send(request);
        QCOMPARE(reply.failure, service::ProviderReply::Failure::None);
        QCOMPARE(reply.status, 302);
        QCOMPARE(reply.location, QByteArray("https://elsewhere.invalid/login"));
    }

    void aHugeAnswerIsCutOff_data() {
        QTest::addColumn<bool>("kopoKopo");
        QTest::newRow("KopoKopo") << true;
        QTest::newRow("IntaSend") << false;
    }
    void aHugeAnswerIsCutOff() {
        QFETCH(bool, kopoKopo);
        const auto outcome = kopoKopo ? run(m_kopoKopo, kKopoKopoClient, "kk-secret-huge")
                                      : run(m_intaSend, kIntaSendPublic, "ISSecretKey_test_huge");
        EXPECT_OUTCOME(outcome, Result::Unreachable, "cut off");
    }

    void theLinkKeepsNoMoreThanItsLimitOfAHugeAnswer_data() {
        QTest::addColumn<qsizetype>("limit");
        QTest::newRow("the default 64 KiB") << service::ProviderCheckSettings().maxReplyBytes;
        QTest::newRow("1000 bytes") << qsizetype(1000);
    }
    void theLinkKeepsNoMoreThanItsLimitOfAHugeAnswer() {
        QFETCH(qsizetype, limit);
        // 8 MiB come; at most the limit is kept.
        service::ProviderCheckSettings settings = trusting();
        settings.maxReplyBytes = limit;
        service::HttpsProviderLink link(QUrl(m_standIn.baseUrl()), settings);
        service::ProviderRequest request;
        request.path = QStringLiteral("/api/v1/wallets/");
        request.headers = {{"Authorization", "Bearer ISSecretKey_test_huge"}};
        const service::ProviderReply reply = link.send(request);
        QCOMPARE(reply.failure, service::ProviderReply::Failure::TooLarge);
        QVERIFY2(reply.body.size() <= limit,
                 qPrintable(QStringLiteral("%1 bytes kept").arg(reply.body.size())));
    }

    void aClosedPortIsUnreachable() {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const auto outcome = run(m_intaSend, kIntaSendPublic, kIntaSendSecret, trusting(),
                                 QStringLiteral("https://127.0.0.1:%1").arg(port));
        EXPECT_OUTCOME(outcome, Result::Unreachable, "could not be reached");
    }

    void anUntrustedCertificateIsUnreachable_data() {
        QTest::addColumn<bool>("kopoKopo");
        QTest::newRow("KopoKopo") << true;
        QTest::newRow("IntaSend") << false;
    }
    void anUntrustedCertificateIsUnreachable() {
        QFETCH(bool, kopoKopo);
        // The same stand-in, but its self-signed certificate not trusted: the handshake fails,
        // so nothing (no key) is sent.
        const qsizetype before = m_standIn.requests().size();
        const service::ProviderCheckSettings untrusting;
        const auto outcome = kopoKopo
                                 ? run(m_kopoKopo, kKopoKopoClient, kKopoKopoSecret, untrusting)
                                 : run(m_intaSend, kIntaSendPublic, kIntaSendSecret, untrusting);
        EXPECT_OUTCOME(outcome, Result::Unreachable, "could not be reached");
        const QList<QJsonObject> seen = requestsSince(before);
        QVERIFY2(seen.isEmpty(), qPrintable(pathsOf(seen)));
    }

    void aPlainHttpAddressIsRefused() {
        // The stand-in's own port, as http://: refused before anything is sent.
        const qsizetype before = m_standIn.requests().size();
        QString base = m_standIn.baseUrl();
        base.replace(QLatin1String("https://"), QLatin1String("http://"));
        const auto outcome = run(m_kopoKopo, kKopoKopoClient, kKopoKopoSecret, trusting(), base);
        EXPECT_OUTCOME(outcome, Result::Unreachable, "https://");
        const QList<QJsonObject> seen = requestsSince(before);
        QVERIFY2(seen.isEmpty(), qPrintable(pathsOf(seen)));
    }

    // ---- Threads -------------------------------------------------------------------------

    void theLinkWorksOnAPlainStdThread() {
        // The server's pool threads are std::threads, not QThreads: the link must make its own
        // event loop there — for an answer, and for its time limit.
        ProviderChecker::Outcome kopoKopo;
        ProviderChecker::Outcome intaSend;
        ProviderChecker::Outcome slow;
        service::ProviderCheckSettings quick = trusting();
        quick.timeoutMs = 1500;
        std::thread pool([&] {
            kopoKopo = run(m_kopoKopo, kKopoKopoClient, kKopoKopoSecret);
            intaSend = run(m_intaSend, kIntaSendPublic, kIntaSendSecret);
            slow = run(m_intaSend, kIntaSendPublic, "ISSecretKey_test_slow", quick);
        });
        pool.join();
        EXPECT_OUTCOME(kopoKopo, Result::Valid, "KopoKopo accepted the keys.");
        EXPECT_OUTCOME(intaSend, Result::Valid, "IntaSend accepted the keys.");
        EXPECT_OUTCOME(slow, Result::Unreachable, "did not answer in time");
    }

    void twoStdThreadsCheckAtOnce() {
        ProviderChecker::Outcome first;
        ProviderChecker::Outcome second;
        std::thread one([&] { first = run(m_kopoKopo, kKopoKopoClient, kKopoKopoSecret); });
        std::thread two([&] { second = run(m_intaSend, kIntaSendPublic, kIntaSendSecret); });
        one.join();
        two.join();
        EXPECT_OUTCOME(first, Result::Valid, "KopoKopo accepted the keys.");
        EXPECT_OUTCOME(second, Result::Valid, "IntaSend accepted the keys.");
    }

    // ---- What the keys' text says --------------------------------------------------------

    void intaSendKeysSayTheirEnvironment_data() {
        QTest::addColumn<QString>("apiKey");
        QTest::addColumn<QString>("privateKey");
        QTest::addColumn<QString>("environment");
        const QString sandbox = service::Environment::sandbox();
        const QString live = service::Environment::live();
        QTest::newRow("both test") << "ISPubKey_test_a1"
                                   << "ISSecretKey_test_b2" << sandbox;
        QTest::newRow("both live") << "ISPubKey_live_a1"
                                   << "ISSecretKey_live_b2" << live;
        QTest::newRow("only the publishable") << "ISPubKey_live_a1"
                                              << "sk-other" << live;
        QTest::newRow("only the secret") << "pk-other"
                                         << "ISSecretKey_test_b2" << sandbox;
        QTest::newRow("they disagree") << "ISPubKey_live_a1"
                                       << "ISSecretKey_test_b2" << QString();
        QTest::newRow("they disagree, other way") << "ISPubKey_test_a1"
                                                  << "ISSecretKey_live_b2" << QString();
        QTest::newRow("neither says") << "pk_test_1"
                                      << "sk_live_2" << QString();
        QTest::newRow("in each other's fields") << "ISSecretKey_live_b2"
                                                << "ISPubKey_live_a1" << QString();
        QTest::newRow("no separator after test") << "ISPubKey_testa1"
                                                 << "" << QString();
        QTest::newRow("empty") << ""
                               << "" << QString();
    }
    void intaSendKeysSayTheirEnvironment() {
        QFETCH(QString, apiKey);
        QFETCH(QString, privateKey);
        QFETCH(QString, environment);
        QCOMPARE(service::IntaSendChecker::environmentOfKeys(apiKey, privateKey), environment);
    }

    void aProviderSaysWhenTheKeysContradictTheEnvironment_data() {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("apiKey");
        QTest::addColumn<QString>("privateKey");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("contradicted");
        const QString sandbox = service::Environment::sandbox();
        const QString live = service::Environment::live();
        QTest::newRow("IntaSend live keys marked sandbox")
            << "instasend"
            << "ISPubKey_live_a1"
            << "ISSecretKey_live_b2" << sandbox << live;
        QTest::newRow("IntaSend test keys marked live") << "instasend"
                                                        << "ISPubKey_test_a1"
                                                        << "ISSecretKey_test_b2" << live << sandbox;
        QTest::newRow("IntaSend live keys marked live")
            << "instasend"
            << "ISPubKey_live_a1"
            << "ISSecretKey_live_b2" << live << QString();
        QTest::newRow("IntaSend keys that disagree")
            << "instasend"
            << "ISPubKey_live_a1"
            << "ISSecretKey_test_b2" << sandbox << QString();
        QTest::newRow("IntaSend keys with spaces around")
            << "instasend"
            << "  ISPubKey_live_a1\n"
            << " ISSecretKey_live_b2 " << sandbox << live;
        QTest::newRow("IntaSend keys that say nothing") << "instasend"
                                                        << "pk_live_1"
                                                        << "sk_live_2" << sandbox << QString();
        QTest::newRow("KopoKopo never says") << "kopokopo"
                                             << "ISPubKey_live_a1"
                                             << "ISSecretKey_live_b2" << sandbox << QString();
    }
    void aProviderSaysWhenTheKeysContradictTheEnvironment() {
        QFETCH(QString, provider);
        QFETCH(QString, apiKey);
        QFETCH(QString, privateKey);
        QFETCH(QString, environment);
        QFETCH(QString, contradicted);
        const service::Provider* entry = service::Provider::find(provider);
        QVERIFY(entry);
        QCOMPARE(entry->contradictedEnvironment(apiKey, privateKey, environment), contradicted);
    }

    void theRegistryChecksBothProvidersAtTheirOwnHosts() {
        // Both providers of today can be checked; a checkable provider's defaults are https
        // addresses (a server's configuration may point elsewhere; the link refuses anything
        // but https anyway).
        QVERIFY(service::Provider::find("kopokopo")->checker);
        QVERIFY(service::Provider::find("instasend")->checker);
        for (const service::Provider& provider : service::Provider::all()) {
            if (!provider.checker)
                continue;
            for (const QString& environment : service::Environment::all()) {
                const QUrl url(provider.urlFor(environment));
                QVERIFY2(url.scheme() == QLatin1String("https") && !url.host().isEmpty(),
                         qPrintable(provider.id + u' ' + environment));
            }
        }
        QCOMPARE(service::Provider::find("kopokopo")->urlFor(service::Environment::sandbox()),
                 QStringLiteral("https://sandbox.kopokopo.com"));
        QCOMPARE(service::Provider::find("kopokopo")->urlFor(service::Environment::live()),
                 QStringLiteral("https://app.kopokopo.com"));
        QCOMPARE(service::Provider::find("instasend")->urlFor(service::Environment::sandbox()),
                 QStringLiteral("https://sandbox.intasend.com"));
        QCOMPARE(service::Provider::find("instasend")->urlFor(service::Environment::live()),
                 QStringLiteral("https://payment.intasend.com"));
    }
};

QTEST_GUILESS_MAIN(TestProviderCheckers)
#include "tst_providercheckers.moc"
