// API.md §2 check: POST /payments/credentials/{id}/check/ and GET …/{id}/checks/ through the
// Router, with the real checkers and HttpsProviderLink. The providers are test::ProviderStandIn
// (tests/support/providerstandin.py): a small HTTPS server on loopback with a self-signed
// certificate the backend is told to trust, standing in for KopoKopo and IntaSend because these
// machines have no internet. It follows the providers' published examples —
// https://api-docs.kopokopo.com/authorization ("Request Access Token", "Revoke Access Token")
// and IntaSend's "Wallets API" ("List available wallets": a JSON array) — and answers after the
// secret a test chose ("valid", "slow", …; see the script). Every key here is made up; none is
// printed, even when a case fails.

#include "core/service/providerchecksettings.h"
#include "core/storage/auditrepository.h"
#include "tests/api/apitestcase.h"
#include "tests/support/providerstandin.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QTest>

#include <iterator>
#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {
const QString kPassword = QStringLiteral("a long enough password");
const QJsonObject kNotFoundError{{"error", kNotFound}};
const QJsonObject kNotProvided{{"detail", "Authentication credentials were not provided."}};

// Keys the stand-in accepts (KopoKopo wants this client id; both want "valid" in the secret).
const QString kKopoKopoClient = QStringLiteral("kk-client-valid");
const QString kKopoKopoSecret = QStringLiteral("kk-secret-valid-4d7c1e");
const QString kIntaSendPublic = QStringLiteral("ISPubKey_test_9a3f60");
const QString kIntaSendSecret = QStringLiteral("ISSecretKey_test_valid_2b8e41");
// Keys it rejects (no "valid" in them).
const QString kKopoKopoWrong = QStringLiteral("kk-secret-wrong-5e2a90");
const QString kIntaSendWrong = QStringLiteral("ISSecretKey_test_wrong_7c04d2");

QStringList checkKeys() {
    return sorted({"credentials_id", "provider", "provider_display", "environment", "result",
                   "message", "checked_at"});
}

// Every line any logging category writes while it is installed; a line holding one of the
// watched texts is kept from the test's output (it fails the test instead).
class LogCapture {
public:
    explicit LogCapture(QStringList watched) {
        const QMutexLocker lock(&s_mutex);
        s_lines.clear();
        s_watched = std::move(watched);
        s_previous = qInstallMessageHandler(&LogCapture::handler);
    }
    ~LogCapture() {
        qInstallMessageHandler(s_previous);
        const QMutexLocker lock(&s_mutex);
        s_watched.clear();
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    QStringList lines() const {
        const QMutexLocker lock(&s_mutex);
        return s_lines;
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
        const QString category = QString::fromLatin1(context.category ? context.category : "");
        bool watched = false;
        {
            const QMutexLocker lock(&s_mutex);
            s_lines.append(category + QStringLiteral(": ") + message);
            for (const QString& text : std::as_const(s_watched))
                watched = watched || message.contains(text);
        }
        // Qt's own debug lines are many; ours, and every warning, still reach the test's log.
        const bool shown = type != QtDebugMsg || category.startsWith(QLatin1String("paycred"));
        if (!watched && shown && s_previous)
            s_previous(type, context, message);
    }
    static inline QtMessageHandler s_previous = nullptr;
    static inline QMutex s_mutex;
    static inline QStringList s_lines;
    static inline QStringList s_watched;
};

// The first of `texts` that `haystack` holds, or empty.
QString leaked(const QString& haystack, const QStringList& texts) {
    for (const QString& text : texts) {
        if (haystack.contains(text))
            return text;
    }
    return {};
}
} // namespace

// `where` holds none of `texts`; on failure it names where, never the text.
#define EXPECT_NO_KEY_IN(haystack, texts, where)                                                   \
    do {                                                                                           \
        const QString l_ = leaked(haystack, texts);                                                \
        QVERIFY2(                                                                                  \
            l_.isEmpty(),                                                                          \
            qPrintable(                                                                            \
                QStringLiteral("a key (%1 characters) appears in %2").arg(l_.size()).arg(where))); \
    } while (false)

class TestApiCheck : public QObject {
    Q_OBJECT

    test::ProviderStandIn m_standIn;
    std::unique_ptr<test::TestBackend> m_backend;
    QByteArray m_alice;
    QByteArray m_bob;
    QByteArray m_root;

    test::TestBackend& backend() { return *m_backend; }
    const storage::Database& db() { return backend().database(); }

    // Both providers, both environments, at the stand-in, whose certificate is trusted.
    service::ProviderCheckSettings standInSettings() const {
        service::ProviderCheckSettings settings;
        for (const char* provider : {"kopokopo", "instasend"}) {
            for (const char* environment : {"sandbox", "live"})
                settings.baseUrls.insert(service::ProviderCheckSettings::urlKey(
                                             QLatin1String(provider), QLatin1String(environment)),
                                         m_standIn.baseUrl());
        }
        settings.extraCaCertificates = {m_standIn.certificate()};
        return settings;
    }

    // A fresh backend with these settings, and alice, bob and root (a superuser) logged in.
    void startBackend(const service::ProviderCheckSettings& settings) {
        m_backend.reset();
        m_backend = std::make_unique<test::TestBackend>(settings);
        m_backend->createUser("alice", kPassword);
        m_backend->createUser("bob", kPassword);
        m_backend->createUser("root", kPassword, true);
        m_alice = m_backend->login("alice", kPassword);
        m_bob = m_backend->login("bob", kPassword);
        m_root = m_backend->login("root", kPassword);
        QVERIFY(!m_alice.isEmpty() && !m_bob.isEmpty() && !m_root.isEmpty());
    }

    qint64 create(const QByteArray& token, const QString& provider, const QString& apiKey,
                  const QString& privateKey, const QString& environment = "sandbox") {
        return createCredential(backend(), token, provider, apiKey, privateKey, environment);
    }
    api::ApiResponse check(qint64 id, const QByteArray& token) {
        return backend().call("POST", credentialPath(id, "check"), {}, token);
    }
    api::ApiResponse history(qint64 id, const QByteArray& token) {
        return backend().call("GET", credentialPath(id, "checks"), {}, token);
    }

    // The credential_checked events, oldest first.
    QList<storage::AuditRecord> checkEvents() {
        QList<storage::AuditRecord> events;
        for (const auto& event : storage::AuditRepository(db()).after(0, 10000).value_or(
                 QList<storage::AuditRecord>())) {
            if (event.action == QLatin1String("credential_checked"))
                events.append(event);
        }
        return events;
    }

    qint64 storedChecks(qint64 credentialId) {
        QSqlQuery query(db().connection());
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM credential_checks WHERE "
                                     "credential_id = :id"));
        query.bindValue(QStringLiteral(":id"), credentialId);
        if (!query.exec() || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    // Empty when `object` is exactly a check answer of API.md with these values.
    QString checkProblem(const QJsonObject& object, qint64 id, const QString& provider,
                         const QString& environment, const QString& result) {
        const QString text = jsonText(object);
        if (sortedKeys(object) != checkKeys())
            return QStringLiteral("check keys are [%1], expected [%2]")
                .arg(sortedKeys(object).join(u','), checkKeys().join(u','));
        if (!object.value("credentials_id").isDouble() ||
            object.value("credentials_id").toInteger() != id)
            return QStringLiteral("credentials_id is not %1: %2").arg(id).arg(text);
        if (object.value("provider").toString() != provider)
            return QStringLiteral("provider is not %1: %2").arg(provider, text);
        if (object.value("provider_display").toString() != displayName(provider))
            return QStringLiteral("provider_display is not %1: %2")
                .arg(displayName(provider), text);
        if (object.value("environment").toString() != environment)
            return QStringLiteral("environment is not %1: %2").arg(environment, text);
        if (object.value("result").toString() != result)
            return QStringLiteral("result is not %1: %2").arg(result, text);
        if (!object.value("message").isString() || object.value("message").toString().isEmpty())
            return QStringLiteral("no message: %1").arg(text);
        if (parseUtc(object.value("checked_at")) != backend().clock().now())
            return QStringLiteral("checked_at is not now (%1): %2")
                .arg(backend().clock().now().toString(Qt::ISODateWithMs), text);
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_standIn.start(),
                 qPrintable(QStringLiteral("the provider stand-in did not start: %1")
                                .arg(m_standIn.errorString())));
    }
    void init() { startBackend(standInSettings()); }
    void cleanup() { m_backend.reset(); }

    // ---- 401 and 404, in that order -------------------------------------------------------

    void withoutATokenIs401BeforeAnything() {
        const qint64 id = create(m_alice, "kopokopo", kKopoKopoClient, kKopoKopoSecret);
        QVERIFY(id > 0);
        const qsizetype asked = m_standIn.requests().size();
        for (const QByteArray& path :
             {credentialPath(id, "check"), credentialPath(id + 100, "check"),
              QByteArray("/payments/credentials/abc/check/")})
            EXPECT_JSON(backend().call("POST", path), 401, kNotProvided);
        for (const QByteArray& path :
             {credentialPath(id, "checks"), credentialPath(id + 100, "checks"),
              QByteArray("/payments/credentials/abc/checks/")})
            EXPECT_JSON(backend().call("GET", path), 401, kNotProvided);
        QCOMPARE(m_standIn.requests().size(), asked);
        QCOMPARE(storedChecks(id), qint64(0));
    }

    void anotherUsersOrNoCredentialIs404() {
        const qint64 bobs = create(m_bob, "kopokopo", kKopoKopoClient, kKopoKopoSecret);
        QVERIFY(bobs > 0);
        const qsizetype asked = m_standIn.requests().size();
        const Snapshot before = snapshot(db(), {"audit_events"});
        const QList<QByteArray> ids = {QByteArray::number(bobs), QByteArray::number(bobs + 100),
                                       QByteArray("abc"),        QByteArray("0"),
                                       QByteArray("-1"),         QByteArray("1.5")};
        for (const QByteArray& id : ids)
            EXPECT_JSON(
                backend().call("GET", "/payments/credentials/" + id + "/checks/", {}, m_alice), 404,
                kNotFoundError);
        // Reading checks is no check: like GET of the credential, it is not audited.
        QCOMPARE(checkEvents().size(), 0);
        for (const QByteArray& id : ids)
            EXPECT_JSON(
                backend().call("POST", "/payments/credentials/" + id + "/check/", {}, m_alice), 404,
                kNotFoundError);
        // Bob's keys never went to the provider for alice, and nothing was kept.
        QCOMPARE(m_standIn.requests().size(), asked);
        EXPECT_UNCHANGED(before, snapshot(db(), {"audit_events"}));
        // The attempt to check bob's credential is audited as denied.
        const auto events = checkEvents();
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first().outcome, QStringLiteral("denied"));
        QCOMPARE(events.first().credentialId, std::optional<qint64>(bobs));
        QCOMPARE(events.first().actorUsername, QStringLiteral("alice"));
    }

    // ---- the answer ---------------------------------------------------------------------

    void aValidCheckAnswersTheApiFields_data() {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("apiKey");
        QTest::addColumn<QString>("privateKey");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("message");
        QTest::newRow("KopoKopo valid")
            << "kopokopo" << kKopoKopoClient << kKopoKopoSecret << "sandbox"
            << "valid"
            << "KopoKopo accepted the keys.";
        QTest::newRow("KopoKopo rejected")
            << "kopokopo" << kKopoKopoClient << kKopoKopoWrong << "live"
            << "rejected"
            << "KopoKopo rejected the keys";
        QTest::newRow("IntaSend valid")
            << "instasend" << kIntaSendPublic << kIntaSendSecret << "sandbox"
            << "valid"
            << "IntaSend accepted the keys.";
        QTest::newRow("IntaSend rejected")
            << "instasend" << kIntaSendPublic << kIntaSendWrong << "sandbox"
            << "rejected"
            << "IntaSend rejected the keys";
        QTest::newRow("IntaSend forbidden")
            << "instasend" << kIntaSendPublic << "ISSecretKey_test_forbidden_1"
            << "sandbox"
            << "valid"
            << "may not read wallets";
        QTest::newRow("unreachable: a malformed answer")
            << "kopokopo" << kKopoKopoClient << "kk-secret-malformed"
            << "sandbox"
            << "unreachable"
            << "could not be understood";
    }
    void aValidCheckAnswersTheApiFields() {
        QFETCH(QString, provider);
        QFETCH(QString, apiKey);
        QFETCH(QString, privateKey);
        QFETCH(QString, environment);
        QFETCH(QString, result);
        QFETCH(QString, message);
        const qint64 id = create(m_alice, provider, apiKey, privateKey, environment);
        QVERIFY(id > 0);
        backend().clock().advance(1234); // a checked_at with milliseconds
        const auto response = check(id, m_alice);
        EXPECT_STATUS(response, 200);
        const QJsonObject answer = response.object();
        const QString problem = checkProblem(answer, id, provider, environment, result);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(answer.value("message").toString().contains(message),
                 qPrintable(answer.value("message").toString()));

        // The same is kept, and given by GET checks/.
        const auto kept = history(id, m_alice);
        EXPECT_STATUS(kept, 200);
        QCOMPARE(kept.document().array(), QJsonArray{answer});
    }

    void historyIsNewestFirstAndKeepsTheLastTen() {
        const qint64 id = create(m_alice, "instasend", kIntaSendPublic, kIntaSendWrong);
        QVERIFY(id > 0);
        EXPECT_JSON(history(id, m_alice), 200, QJsonArray{});
        QList<QJsonObject> answers;
        for (int i = 0; i < 12; ++i) {
            backend().clock().advance(1000);
            const auto response = check(id, m_alice);
            EXPECT_STATUS(response, 200);
            answers.prepend(response.object());
        }
        const auto kept = history(id, m_alice);
        EXPECT_STATUS(kept, 200);
        const QJsonArray list = kept.document().array();
        QCOMPARE(list.size(), 10);
        for (int i = 0; i < list.size(); ++i)
            QCOMPARE(list.at(i).toObject(), answers.at(i)); // newest first; the oldest two went
        QVERIFY(parseUtc(list.first().toObject().value("checked_at")) >
                parseUtc(list.last().toObject().value("checked_at")));
        QCOMPARE(storedChecks(id), qint64(10));
    }

    void aCheckNeverChangesTheCredential() {
        const qint64 valid = create(m_alice, "kopokopo", kKopoKopoClient, kKopoKopoSecret);
        const qint64 rejected = create(m_alice, "instasend", kIntaSendPublic, kIntaSendWrong);
        QVERIFY(valid > 0 && rejected > 0);
        const auto beforeValid = backend().call("GET", credentialPath(valid), {}, m_alice);
        const auto beforeRejected = backend().call("GET", credentialPath(rejected), {}, m_alice);
        EXPECT_STATUS(beforeValid, 200);
        EXPECT_STATUS(beforeRejected, 200);
        const QStringList rows = tableRows(db(), QStringLiteral("payment_credentials"));
        const Snapshot before = snapshot(db(), {"audit_events", "credential_checks"});

        backend().clock().advance(60'000);
        QCOMPARE(check(valid, m_alice).object().value("result").toString(),
                 QStringLiteral("valid"));
        QCOMPARE(check(rejected, m_alice).object().value("result").toString(),
                 QStringLiteral("rejected"));

        for (const auto& [id, earlier] :
             {std::pair{valid, &beforeValid}, std::pair{rejected, &beforeRejected}}) {
            const auto after = backend().call("GET", credentialPath(id), {}, m_alice);
            EXPECT_STATUS(after, 200);
            QCOMPARE(after.header("ETag"), earlier->header("ETag"));
            QCOMPARE(after.object().value("updated_at"), earlier->object().value("updated_at"));
            QCOMPARE(after.object(), earlier->object());
        }
        // Its row, ciphertexts and version included, is as it was; so is every other table but
        // the audit and the checks themselves.
        QCOMPARE(tableRows(db(), QStringLiteral("payment_credentials")), rows);
        EXPECT_UNCHANGED(before, snapshot(db(), {"audit_events", "credential_checks"}));
    }

    // ---- audit --------------------------------------------------------------------------

    void aCheckIsAuditedWithItsResult() {
        const qint64 valid = create(m_alice, "kopokopo", kKopoKopoClient, kKopoKopoSecret, "live");
        const qint64 rejected = create(m_alice, "instasend", kIntaSendPublic, kIntaSendWrong);
        const qint64 unreachable =
            create(m_bob, "kopokopo", kKopoKopoClient, "kk-secret-redirect-1");
        QVERIFY(valid > 0 && rejected > 0 && unreachable > 0);
        EXPECT_STATUS(check(valid, m_alice), 200);
        EXPECT_STATUS(check(rejected, m_alice), 200);
        EXPECT_STATUS(check(unreachable, m_bob), 200);
        EXPECT_STATUS(history(valid, m_alice), 200); // reading the history is no check

        const auto events = checkEvents();
        QCOMPARE(events.size(), 3);
        const struct {
            qint64 id;
            const char* user;
            const char* provider;
            const char* environment;
            const char* outcome;
            const char* detail;
        } expected[] = {{valid, "alice", "kopokopo", "live", "ok", "valid"},
                        {rejected, "alice", "instasend", "sandbox", "failed", "rejected"},
                        {unreachable, "bob", "kopokopo", "sandbox", "failed", "unreachable"}};
        for (int i = 0; i < 3; ++i) {
            const storage::AuditRecord& event = events.at(i);
            QCOMPARE(event.credentialId, std::optional<qint64>(expected[i].id));
            QCOMPARE(event.actorUsername, QString::fromLatin1(expected[i].user));
            QCOMPARE(event.provider, QString::fromLatin1(expected[i].provider));
            QCOMPARE(event.environment, QString::fromLatin1(expected[i].environment));
            QCOMPARE(event.outcome, QString::fromLatin1(expected[i].outcome));
            QCOMPARE(event.detail, QString::fromLatin1(expected[i].detail));
        }
        // The chain stays intact.
        const auto verified = backend().call("GET", "/admin/audit/verify/", {}, m_root);
        EXPECT_STATUS(verified, 200);
        QCOMPARE(verified.object().value("intact"), QJsonValue(true));
    }

    // ---- switched off, and environments -----------------------------------------------------

    void switchedOffIsNotCheckableAndSaysWhy() {
        service::ProviderCheckSettings off = standInSettings();
        off.enabled = false;
        off.disabledReason = QStringLiteral("this deployment allows no outbound connections");
        startBackend(off);
        const qint64 id = create(m_alice, "kopokopo", kKopoKopoClient, kKopoKopoSecret);
        QVERIFY(id > 0);
        const qsizetype asked = m_standIn.requests().size();
        const auto response = check(id, m_alice);
        EXPECT_STATUS(response, 200);
        const QString problem =
            checkProblem(response.object(), id, "kopokopo", "sandbox", "not_checkable");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString message = response.object().value("message").toString();
        QVERIFY2(message.contains(QLatin1String("switched off")), qPrintable(message));
        QVERIFY2(message.contains(off.disabledReason), qPrintable(message));
        QCOMPARE(m_standIn.requests().size(), asked); // nothing was asked
        const auto events = checkEvents();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().outcome, QStringLiteral("failed"));
        QCOMPARE(events.first().detail, QStringLiteral("not_checkable"));
    }

    void keysThatSayAnotherEnvironmentAreNamedInTheMessage() {
        // IntaSend's keys say they are live; the credential is stored as sandbox.
        const qint64 id = create(m_alice, "instasend", "ISPubKey_live_6e1b3c",
                                 "ISSecretKey_live_valid_0f9d2a", "sandbox");
        QVERIFY(id > 0);
        const auto response = check(id, m_alice);
        EXPECT_STATUS(response, 200);
        const QString problem =
            checkProblem(response.object(), id, "instasend", "sandbox", "valid");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString message = response.object().value("message").toString();
        QVERIFY2(message.contains(QLatin1String("live keys")) &&
                     message.contains(QLatin1String("marked sandbox")),
                 qPrintable(message));

        // Keys that agree with their environment get no such sentence.
        const qint64 agreeing = create(m_bob, "instasend", kIntaSendPublic, kIntaSendSecret);
        const QString plain = check(agreeing, m_bob).object().value("message").toString();
        QCOMPARE(plain, QStringLiteral("IntaSend accepted the keys."));
    }

    // ---- deleting -----------------------------------------------------------------------

    void deletingTheCredentialDeletesItsChecks() {
        const qint64 id = create(m_alice, "instasend", kIntaSendPublic, kIntaSendWrong);
        const qint64 kept = create(m_bob, "instasend", kIntaSendPublic, kIntaSendWrong);
        QVERIFY(id > 0 && kept > 0);
        for (int i = 0; i < 3; ++i)
            EXPECT_STATUS(check(id, m_alice), 200);
        EXPECT_STATUS(check(kept, m_bob), 200);
        QCOMPARE(storedChecks(id), qint64(3));

        EXPECT_STATUS(backend().call("DELETE", credentialPath(id), {}, m_alice), 200);
        QCOMPARE(storedChecks(id), qint64(0));
        QCOMPARE(storedChecks(kept), qint64(1));
        EXPECT_JSON(history(id, m_alice), 404, kNotFoundError);
        EXPECT_JSON(check(id, m_alice), 404, kNotFoundError);
    }

    // ---- the schema ---------------------------------------------------------------------

    void theSchemaDescribesBothPaths() {
        const auto response = backend().call("GET", "/api/schema/");
        EXPECT_STATUS(response, 200);
        const QJsonObject document = response.object();
        const QJsonObject paths = document.value("paths").toObject();
        const QJsonObject checkPath = paths.value("/payments/credentials/{id}/check/").toObject();
        const QJsonObject historyPath =
            paths.value("/payments/credentials/{id}/checks/").toObject();
        QCOMPARE(checkPath.keys(), QStringList{"post"});
        QCOMPARE(historyPath.keys(), QStringList{"get"});
        const QJsonObject checkResponses =
            checkPath.value("post").toObject().value("responses").toObject();
        for (const char* status : {"200", "401", "404", "503"})
            QVERIFY2(checkResponses.contains(QLatin1String(status)), status);
        const QJsonObject historyResponses =
            historyPath.value("get").toObject().value("responses").toObject();
        for (const char* status : {"200", "401", "404"})
            QVERIFY2(historyResponses.contains(QLatin1String(status)), status);

        const QJsonObject schema = document.value("components")
                                       .toObject()
                                       .value("schemas")
                                       .toObject()
                                       .value("CredentialCheck")
                                       .toObject();
        const QJsonObject properties = schema.value("properties").toObject();
        QCOMPARE(sorted(properties.keys()), checkKeys());
        QCOMPARE(properties.value("result").toObject().value("enum").toArray(),
                 (QJsonArray{"valid", "rejected", "unreachable", "not_checkable"}));
    }

    // ---- nothing of the key appears ---------------------------------------------------------

    void nothingOfTheKeyAppearsAnywhere() {
        // Checks that end every way there is, each credential of its own user; every log line
        // of every category is captured meanwhile (debug ones too).
        service::ProviderCheckSettings settings = standInSettings();
        settings.timeoutMs = 3000; // for "slow"
        startBackend(settings);
        const struct {
            const char* provider;
            const char* apiKey;
            const char* privateKey;
            const char* environment;
        } cases[] = {
            {"kopokopo", "kk-client-valid", "kk-secret-valid-leak-a1", "sandbox"},
            {"kopokopo", "kk-client-leak-b2", "kk-secret-wrong-leak-b2", "live"},
            {"kopokopo", "kk-client-valid", "kk-secret-valid-norevoke-leak-c3", "sandbox"},
            {"kopokopo", "kk-client-leak-d4", "kk-secret-malformed-leak-d4", "sandbox"},
            {"kopokopo", "kk-client-leak-e5", "kk-secret-redirect-leak-e5", "sandbox"},
            {"kopokopo", "kk-client-leak-f6", "kk-secret-huge-leak-f6", "sandbox"},
            {"kopokopo", "kk-client-leak-g7", "kk-secret-slow-leak-g7", "sandbox"},
            {"instasend", "ISPubKey_test_leak_h8", "ISSecretKey_test_valid_leak_h8", "sandbox"},
            {"instasend", "ISPubKey_test_leak_i9", "ISSecretKey_test_wrong_leak_i9", "sandbox"},
            {"instasend", "ISPubKey_test_leak_j0", "ISSecretKey_test_forbidden_leak_j0", "sandbox"},
            {"instasend", "ISPubKey_live_leak_k1", "ISSecretKey_live_valid_leak_k1", "sandbox"},
            {"instasend", "ISPubKey_test_leak_l2", "ISSecretKey_test_malformed_leak_l2", "live"},
            {"instasend", "ISPubKey_test_leak_m3", "ISSecretKey_test_redirect_leak_m3", "sandbox"},
            {"instasend", "ISPubKey_test_leak_n4", "ISSecretKey_test_huge_leak_n4", "sandbox"},
        };
        // The keys, and the tokens the stand-in issues (a token is as secret as the keys).
        QStringList secrets{QStringLiteral("standin-token-")};
        for (const auto& each : cases)
            secrets << QLatin1String(each.apiKey) << QLatin1String(each.privateKey);

        QStringList answers;
        QSet<QString> results;
        {
            QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
            const LogCapture capture(secrets);
            int n = 0;
            for (const auto& each : cases) {
                const QString user = QStringLiteral("leak%1").arg(++n);
                backend().createUser(user, kPassword);
                const QByteArray token = backend().login(user, kPassword);
                QVERIFY(!token.isEmpty());
                const qint64 id =
                    create(token, QLatin1String(each.provider), QLatin1String(each.apiKey),
                           QLatin1String(each.privateKey), QLatin1String(each.environment));
                QVERIFY2(id > 0, each.provider);
                const auto response = check(id, token);
                EXPECT_STATUS(response, 200);
                results.insert(response.object().value("result").toString());
                answers << QString::fromUtf8(response.body)
                        << QString::fromUtf8(history(id, token).body);
            }
            QLoggingCategory::setFilterRules(QString());
            const QStringList lines = capture.lines();
            QVERIFY2(!lines.isEmpty(), "the checks were logged");
            for (const QString& line : lines)
                EXPECT_NO_KEY_IN(line, secrets, "a log line");
        }
        QCOMPARE(results, (QSet<QString>{"valid", "rejected", "unreachable"}));
        for (const QString& answer : answers)
            EXPECT_NO_KEY_IN(answer, secrets, "a check answer");
        for (const QString& row : tableRows(db(), QStringLiteral("credential_checks")))
            EXPECT_NO_KEY_IN(row, secrets, "a credential_checks row");
        for (const QString& row : tableRows(db(), QStringLiteral("audit_events")))
            EXPECT_NO_KEY_IN(row, secrets, "an audit_events row");
        const auto audit = backend().call("GET", "/admin/audit/", {}, m_root);
        EXPECT_STATUS(audit, 200);
        EXPECT_NO_KEY_IN(QString::fromUtf8(audit.body), secrets, "GET /admin/audit/");
        QCOMPARE(checkEvents().size(), int(std::size(cases)));
    }
};

QTEST_GUILESS_MAIN(TestApiCheck)
#include "tst_api_check.moc"
