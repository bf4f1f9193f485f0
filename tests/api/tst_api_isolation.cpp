// API.md §2 — a credential is found only if it belongs to the caller; concurrent creates.

#include "tests/api/apitestcase.h"

#include "core/storage/auditrepository.h"

#include <QTest>
#include <QThread>

#include <latch>
#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {

const QString kAlicePassword = QStringLiteral("alice's long password");
const QString kBobPassword = QStringLiteral("bob's long password!");
const QJsonObject kNotFoundError{{"error", kNotFound}};
const QByteArray kBobKey = "sk_bob_attempt_1234567890";

struct Endpoint {
    const char* method;
    const char* action;
    QByteArray body;
    const char* auditAction; // the action a denied attempt is recorded as; null: none
};

QList<Endpoint> endpoints() {
    return {
        {"GET", "", {}, nullptr},
        {"PUT", "",
         R"({"api_key":"pk_bob_attempt_1234567890","environment":"live","is_active":false})",
         "credential_updated"},
        {"PATCH", "", R"({"api_key":"pk_bob_attempt_1234567890","environment":"live"})",
         "credential_updated"},
        {"DELETE", "", {}, "credential_deleted"},
        {"POST", "update-private-key", R"({"private_key":")" + kBobKey + R"("})",
         "private_key_updated"},
        {"GET", "get-private-key", {}, "private_key_revealed"},
        {"POST", "verify", R"({"private_key":"sk_test_kopokopo_0987654321fedcba"})",
         "credential_verified"},
        {"POST", "toggle-status", {}, "status_toggled"},
    };
}

} // namespace

class TestApiIsolation : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_aliceId = 0;
    qint64 m_bobId = 0;
    QByteArray m_alice;
    QByteArray m_bob;
    qint64 m_credential = 0;

    test::TestBackend& backend() { return *m_backend; }

    api::ApiResponse asBob(const Endpoint& e, qint64 id) {
        return backend().callRaw(e.method, credentialPath(id, e.action), e.body, "application/json",
                                 "Bearer " + m_bob);
    }
    QStringList credentialRows() { return tableRows(backend().database(), "payment_credentials"); }

    void checkAliceStillHasHerKey() {
        const auto revealed =
            backend().call("GET", credentialPath(m_credential, "get-private-key"), {}, m_alice);
        EXPECT_STATUS(revealed, 200);
        QVERIFY2(revealed.object().value("private_key").toString() == QLatin1String(kPrivateKey),
                 "alice's private key changed");
        QVERIFY2(revealed.object().value("api_key").toString() == QLatin1String(kApiKey),
                 "alice's api key changed");
        const auto own = backend().call("GET", credentialPath(m_credential), {}, m_alice);
        EXPECT_STATUS(own, 200);
        CHECK_CREDENTIAL(own.object(), m_credential, "kopokopo", "sandbox", true);
    }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_aliceId = m_backend->createUser("alice", kAlicePassword);
        m_bobId = m_backend->createUser("bob", kBobPassword);
        m_alice = m_backend->login("alice", kAlicePassword);
        m_bob = m_backend->login("bob", kBobPassword);
        QVERIFY(!m_alice.isEmpty() && !m_bob.isEmpty());
        m_credential = createCredential(*m_backend, m_alice);
        QVERIFY(m_credential > 0);
    }
    void cleanup() { m_backend.reset(); }

    void otherUsersCredentialIsNotFound_data() {
        QTest::addColumn<int>("index");
        const auto all = endpoints();
        for (int i = 0; i < all.size(); ++i)
            QTest::addRow("%s %s", all.at(i).method, all.at(i).action) << i;
    }
    void otherUsersCredentialIsNotFound() {
        QFETCH(int, index);
        const Endpoint e = endpoints().at(index);
        const Snapshot before = snapshot(backend().database(), {"audit_events"});
        const auto response = asBob(e, m_credential);
        EXPECT_JSON(response, 404, kNotFoundError);
        QVERIFY(!response.body.contains(kPrivateKey));
        QVERIFY(!response.body.contains(kApiKey));
        EXPECT_UNCHANGED(before, snapshot(backend().database(), {"audit_events"}));

        // Indistinguishable from an id that never existed.
        const auto never = asBob(e, m_credential + 1000);
        EXPECT_JSON(never, 404, kNotFoundError);
        QCOMPARE(never.body, response.body);
        checkAliceStillHasHerKey();
    }

    void aliceRowUnchangedAfterEveryAttempt() {
        const QStringList before = credentialRows();
        QCOMPARE(before.size(), 1);
        for (const Endpoint& e : endpoints())
            EXPECT_JSON(asBob(e, m_credential), 404, kNotFoundError);
        QCOMPARE(credentialRows(), before);
        checkAliceStillHasHerKey();
    }

    void providerLookupAndListArePerUser() {
        EXPECT_JSON(backend().call("GET", "/payments/credentials/provider/kopokopo/", {}, m_bob),
                    404, QJsonObject{{"error", "No credentials found for kopokopo"}});
        EXPECT_JSON(backend().call("GET", "/payments/credentials/", {}, m_bob), 200, QJsonArray{});

        // Bob may have his own kopokopo credential; each sees only their own.
        const auto created = backend().call("POST", "/payments/credentials/",
                                            {{"provider", "kopokopo"},
                                             {"api_key", "pk_bob_own_key_1234567"},
                                             {"private_key", QString::fromLatin1(kBobKey)},
                                             {"environment", "live"}},
                                            m_bob);
        EXPECT_STATUS(created, 201);
        const qint64 bobCredential = created.object().value("id").toInteger();
        QVERIFY(bobCredential != m_credential);

        const QJsonArray bobs =
            backend().call("GET", "/payments/credentials/", {}, m_bob).document().array();
        QCOMPARE(bobs.size(), 1);
        CHECK_CREDENTIAL(bobs.at(0).toObject(), bobCredential, "kopokopo", "live", true);
        const QJsonArray alices =
            backend().call("GET", "/payments/credentials/", {}, m_alice).document().array();
        QCOMPARE(alices.size(), 1);
        CHECK_CREDENTIAL(alices.at(0).toObject(), m_credential, "kopokopo", "sandbox", true);

        CHECK_CREDENTIAL(
            backend().call("GET", "/payments/credentials/provider/kopokopo/", {}, m_bob).object(),
            bobCredential, "kopokopo", "live", true);
        CHECK_CREDENTIAL(
            backend().call("GET", "/payments/credentials/provider/kopokopo/", {}, m_alice).object(),
            m_credential, "kopokopo", "sandbox", true);

        // Alice's key does not verify against Bob's credential, nor his against hers.
        EXPECT_JSON(backend().call("POST", credentialPath(bobCredential, "verify"),
                                   {{"private_key", QString::fromLatin1(kPrivateKey)}}, m_bob),
                    200,
                    QJsonObject({{"credentials_id", bobCredential},
                                 {"provider", "kopokopo"},
                                 {"provider_display", "KopoKopo"},
                                 {"is_valid", false},
                                 {"message", "Invalid private key"}}));
        EXPECT_JSON(backend().call("POST", credentialPath(m_credential, "verify"),
                                   {{"private_key", QString::fromLatin1(kBobKey)}}, m_alice),
                    200,
                    QJsonObject({{"credentials_id", m_credential},
                                 {"provider", "kopokopo"},
                                 {"provider_display", "KopoKopo"},
                                 {"is_valid", false},
                                 {"message", "Invalid private key"}}));
        // Alice cannot reach Bob's either.
        EXPECT_JSON(backend().call("GET", credentialPath(bobCredential), {}, m_alice), 404,
                    kNotFoundError);
    }

    void deniedAttemptsAreAudited_data() {
        QTest::addColumn<int>("index");
        const auto all = endpoints();
        for (int i = 0; i < all.size(); ++i) {
            if (all.at(i).auditAction)
                QTest::addRow("%s %s", all.at(i).method, all.at(i).action) << i;
        }
    }
    void deniedAttemptsAreAudited() {
        QFETCH(int, index);
        const Endpoint e = endpoints().at(index);
        storage::AuditRepository audit(backend().database());
        const qint64 before = audit.count();
        EXPECT_JSON(asBob(e, m_credential), 404, kNotFoundError);
        const QList<storage::AuditRecord> fresh = audit.latest(int(audit.count() - before));
        int denied = 0;
        for (const auto& event : fresh) {
            if (event.action == QLatin1String(e.auditAction) && event.outcome == "denied" &&
                event.actorId.value_or(0) == m_bobId)
                ++denied;
            QVERIFY2(!event.detail.contains(QString::fromLatin1(kBobKey)) &&
                         !event.detail.contains(QLatin1String(kPrivateKey)),
                     "a denied event holds a key");
        }
        QVERIFY2(denied == 1, qPrintable(QStringLiteral("%1 events '%2' with outcome denied by bob "
                                                        "(of %3 new events)")
                                             .arg(denied)
                                             .arg(QLatin1String(e.auditAction))
                                             .arg(fresh.size())));
    }

    void concurrentCreatesOneWins() {
        const QByteArray body = compact({{"provider", "instasend"},
                                         {"api_key", "pk_test_instasend_1234567890"},
                                         {"private_key", "sk_test_instasend_0987654321"}});
        const api::ApiRequest request = makeRequest("POST", "/payments/credentials/", body,
                                                    "application/json", "Bearer " + m_alice);
        const QJsonObject duplicate{
            {"non_field_errors",
             QJsonArray{"You already have credentials for instasend. Update existing credentials "
                        "instead."}}};

        for (int round = 0; round < 20; ++round) {
            api::ApiResponse results[2];
            std::latch start(2);
            auto work = [&](int slot) {
                start.arrive_and_wait();
                results[slot] = backend().handle(request);
            };
            std::unique_ptr<QThread> first(QThread::create(work, 0));
            std::unique_ptr<QThread> second(QThread::create(work, 1));
            first->start();
            second->start();
            QVERIFY(first->wait(60 * 1000));
            QVERIFY(second->wait(60 * 1000));

            const int created = results[0].status == 201 ? 0 : 1;
            const int refused = 1 - created;
            QVERIFY2(results[created].status == 201,
                     qPrintable(QStringLiteral("round %1: %2 / %3")
                                    .arg(round)
                                    .arg(describe(results[0]), describe(results[1]))));
            EXPECT_JSON(results[refused], 400, duplicate);
            const qint64 id = results[created].object().value("id").toInteger();
            CHECK_CREDENTIAL(results[created].object(), id, "instasend", "sandbox", true);

            const QJsonArray list =
                backend().call("GET", "/payments/credentials/", {}, m_alice).document().array();
            QCOMPARE(list.size(), 2);
            EXPECT_STATUS(backend().call("DELETE", credentialPath(id), {}, m_alice), 200);
        }
        checkAliceStillHasHerKey();
    }
};

QTEST_GUILESS_MAIN(TestApiIsolation)
#include "tst_api_isolation.moc"
