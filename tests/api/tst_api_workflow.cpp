// The seed document's complete workflow, in-process, checking every answer.

#include "tests/api/apitestcase.h"

#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

class TestApiWorkflow : public QObject {
    Q_OBJECT

private slots:
    void seedWorkflow() {
        test::TestBackend backend;
        const QString password = QStringLiteral("your_password_123");
        const qint64 userId = backend.createUser("your_username", password);
        const QDateTime start = backend.clock().now();

        // Login (the seed's Python example posts a form).
        auto response =
            backend.callRaw("POST", "/users/login/",
                            formEncode({{"username", "your_username"}, {"password", password}}),
                            "application/x-www-form-urlencoded");
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.object().value("token_type").toString(), QStringLiteral("Bearer"));
        QCOMPARE(response.object().value("user").toObject().value("id").toInteger(), userId);
        const QByteArray token = response.object().value("access_token").toString().toUtf8();
        QVERIFY(!token.isEmpty());

        // Create KopoKopo credentials (curl example).
        response = backend.call("POST", "/payments/credentials/",
                                {{"provider", "kopokopo"},
                                 {"api_key", "pk_test_kopokopo_1234567890abcdef"},
                                 {"private_key", "sk_test_kopokopo_0987654321fedcba"},
                                 {"environment", "sandbox"}},
                                token);
        EXPECT_STATUS(response, 201);
        const qint64 id = response.object().value("id").toInteger();
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "sandbox", true);
        QCOMPARE(parseUtc(response.object().value("created_at")), start);
        const QJsonObject created = response.object();

        // Create InstaSend credentials (JavaScript example).
        response = backend.call("POST", "/payments/credentials/",
                                {{"provider", "instasend"},
                                 {"api_key", "pk_test_instasend_1234567890abcdef"},
                                 {"private_key", "sk_test_instasend_0987654321fedcba"},
                                 {"environment", "sandbox"}},
                                token);
        EXPECT_STATUS(response, 201);
        const qint64 instasend = response.object().value("id").toInteger();
        CHECK_CREDENTIAL(response.object(), instasend, "instasend", "sandbox", true);

        // List.
        response = backend.call("GET", "/payments/credentials/", {}, token);
        EXPECT_STATUS(response, 200);
        const QJsonArray list = response.document().array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(jsonText(list.at(0).toObject()), jsonText(created));
        CHECK_CREDENTIAL(list.at(1).toObject(), instasend, "instasend", "sandbox", true);

        // By provider.
        response = backend.call("GET", "/payments/credentials/provider/kopokopo/", {}, token);
        EXPECT_JSON(response, 200, created);
        QCOMPARE(response.object().value("provider_display").toString(),
                 QStringLiteral("KopoKopo"));

        // Five minutes later the access token has expired: log in again, as a client would.
        backend.clock().advance(5 * 60 * 1000);
        const QByteArray token2 = backend.login("your_username", password);
        QVERIFY(!token2.isEmpty());

        // Update the private key (the seed's sample answer shows updated_at 5 minutes later).
        const QString newKey = QStringLiteral("sk_test_kopokopo_new_private_key_12345");
        response = backend.call("POST", credentialPath(id, "update-private-key"),
                                {{"private_key", newKey}}, token2);
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.object().value("message").toString(),
                 QStringLiteral("Private key updated successfully"));
        const QJsonObject afterKeyUpdate = response.object().value("credentials").toObject();
        CHECK_CREDENTIAL(afterKeyUpdate, id, "kopokopo", "sandbox", true);
        QCOMPARE(afterKeyUpdate.value("created_at").toString(),
                 created.value("created_at").toString());
        QCOMPARE(parseUtc(afterKeyUpdate.value("updated_at")), start.addSecs(300));

        backend.clock().advance(1000);
        EXPECT_STATUS(backend.call("GET", "/payments/credentials/", {}, token), 401);

        // Verify: the old key no longer, the new one yes.
        const QJsonObject verifyBase{
            {"credentials_id", id}, {"provider", "kopokopo"}, {"provider_display", "KopoKopo"}};
        QJsonObject invalid = verifyBase;
        invalid.insert("is_valid", false);
        invalid.insert("message", "Invalid private key");
        QJsonObject valid = verifyBase;
        valid.insert("is_valid", true);
        valid.insert("message", "Credentials verified successfully");
        EXPECT_JSON(backend.call("POST", credentialPath(id, "verify"),
                                 {{"private_key", "sk_test_kopokopo_0987654321fedcba"}}, token2),
                    200, invalid);
        EXPECT_JSON(
            backend.call("POST", credentialPath(id, "verify"), {{"private_key", newKey}}, token2),
            200, valid);

        // Get the private key.
        response = backend.call("GET", credentialPath(id, "get-private-key"), {}, token2);
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
        QJsonObject revealed = response.object();
        QVERIFY2(revealed.value("private_key").toString() == newKey, "wrong private key");
        QVERIFY2(revealed.value("api_key").toString() ==
                     QLatin1String("pk_test_kopokopo_1234567890abcdef"),
                 "wrong api key");
        revealed.remove("private_key");
        revealed.remove("api_key");
        QJsonObject expectedRevealed = verifyBase;
        expectedRevealed.insert("message", "Private key retrieved successfully");
        QCOMPARE(jsonText(revealed), jsonText(expectedRevealed));

        // Toggle twice.
        backend.clock().advance(4 * 60 * 1000);
        response = backend.call("POST", credentialPath(id, "toggle-status"), {}, token2);
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.object().value("message").toString(),
                 QStringLiteral("Payment credentials for KopoKopo have been deactivated"));
        CHECK_CREDENTIAL(response.object().value("credentials").toObject(), id, "kopokopo",
                         "sandbox", false);
        response = backend.call("POST", credentialPath(id, "toggle-status"), {}, token2);
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.object().value("message").toString(),
                 QStringLiteral("Payment credentials for KopoKopo have been activated"));
        CHECK_CREDENTIAL(response.object().value("credentials").toObject(), id, "kopokopo",
                         "sandbox", true);

        // PUT api_key + environment live (the seed's update example).
        response = backend.call(
            "PUT", credentialPath(id),
            {{"api_key", "pk_test_kopokopo_new_key_12345"}, {"environment", "live"}}, token2);
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "live", true);
        QCOMPARE(response.object().value("environment").toString(), QStringLiteral("live"));
        QVERIFY2(backend.call("GET", credentialPath(id, "get-private-key"), {}, token2)
                         .object()
                         .value("api_key")
                         .toString() == QLatin1String("pk_test_kopokopo_new_key_12345"),
                 "the api key was not updated");
        EXPECT_JSON(
            backend.call("POST", credentialPath(id, "verify"), {{"private_key", newKey}}, token2),
            200, valid);

        // Delete, then it is gone.
        EXPECT_JSON(
            backend.call("DELETE", credentialPath(id), {}, token2), 200,
            QJsonObject{
                {"message", "Payment credentials for KopoKopo have been successfully deleted"}});
        const QJsonObject notFound{{"error", kNotFound}};
        EXPECT_JSON(backend.call("GET", credentialPath(id), {}, token2), 404, notFound);
        EXPECT_JSON(backend.call("GET", credentialPath(id, "get-private-key"), {}, token2), 404,
                    notFound);
        EXPECT_JSON(backend.call("GET", "/payments/credentials/provider/kopokopo/", {}, token2),
                    404, QJsonObject{{"error", "No credentials found for kopokopo"}});
        response = backend.call("GET", "/payments/credentials/", {}, token2);
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.document().array().size(), 1);
        CHECK_CREDENTIAL(response.document().array().at(0).toObject(), instasend, "instasend",
                         "sandbox", true);
    }
};

QTEST_GUILESS_MAIN(TestApiWorkflow)
#include "tst_api_workflow.moc"
