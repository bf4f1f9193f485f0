// API.md §2 — payment credentials, and the conventions every endpoint follows.

#include "tests/api/apitestcase.h"

#include "core/crypto/fernet.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/storage/auditrepository.h"
#include "core/storage/credentialrepository.h"

#include <QFile>
#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {

const QString kPassword = QStringLiteral("alice's long password");
const QString kNewPrivateKey = QStringLiteral("sk_test_kopokopo_new_private_key_12345");
const QString kNewApiKey = QStringLiteral("pk_test_kopokopo_new_key_12345");

QJsonObject fieldError(const QString& field, const QString& message) {
    return {{field, QJsonArray{message}}};
}

QJsonObject nonFieldError(const QString& message) {
    return fieldError(QStringLiteral("non_field_errors"), message);
}

const QJsonObject kNotFoundError{{"error", kNotFound}};
const QJsonObject kNotProvided{{"detail", "Authentication credentials were not provided."}};

QString repeated(const QString& unit, int count) {
    QString out;
    for (int i = 0; i < count; ++i)
        out += unit;
    return out;
}

QByteArray bodyOfSize(qsizetype size) {
    // A valid JSON object padded with spaces to exactly `size` bytes.
    QByteArray body = compact({{"provider", "kopokopo"},
                               {"api_key", QString::fromLatin1(kApiKey)},
                               {"private_key", QString::fromLatin1(kPrivateKey)}});
    body.append(QByteArray(size - body.size(), ' '));
    return body;
}

} // namespace

class TestApiCredentials : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestBackend> m_backend;
    qint64 m_aliceId = 0;
    QByteArray m_token;

    test::TestBackend& backend() { return *m_backend; }

    api::ApiResponse call(const QByteArray& method, const QByteArray& path,
                          const QJsonObject& body = {}) {
        return backend().call(method, path, body, m_token);
    }
    api::ApiResponse raw(const QByteArray& method, const QByteArray& path, const QByteArray& body,
                         const QByteArray& contentType = "application/json") {
        return backend().callRaw(method, path, body, contentType, "Bearer " + m_token);
    }
    qint64 create(const QString& provider = QStringLiteral("kopokopo"),
                  const QString& environment = QStringLiteral("sandbox")) {
        return createCredential(backend(), m_token, provider, QString::fromLatin1(kApiKey),
                                QString::fromLatin1(kPrivateKey), environment);
    }
    api::ApiResponse verify(qint64 id, const QString& key) {
        return call("POST", credentialPath(id, "verify"), {{"private_key", key}});
    }
    QJsonObject verifyResult(qint64 id, bool valid, const QString& provider = "kopokopo") {
        return {{"credentials_id", id},
                {"provider", provider},
                {"provider_display", displayName(provider)},
                {"is_valid", valid},
                {"message", valid ? "Credentials verified successfully" : "Invalid private key"}};
    }
    // Moves the clock, and logs in again when the access token would have expired.
    void advance(qint64 secs) {
        backend().clock().advance(secs * 1000);
        m_token = backend().login("alice", kPassword);
        QVERIFY(!m_token.isEmpty());
    }
    Snapshot dbState() { return snapshot(backend().database(), {"audit_events"}); }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_aliceId = m_backend->createUser("alice", kPassword);
        m_token = m_backend->login("alice", kPassword);
        QVERIFY(!m_token.isEmpty());
    }
    void cleanup() { m_backend.reset(); }

    // ---- GET /payments/credentials/ -------------------------------------------------------

    void listIsOrderedById() {
        EXPECT_JSON(call("GET", "/payments/credentials/"), 200, QJsonArray{});
        const qint64 first = create("instasend");
        const qint64 second = create("kopokopo", "live");
        QVERIFY(first > 0 && second > first);

        const auto response = call("GET", "/payments/credentials/");
        EXPECT_STATUS(response, 200);
        QVERIFY(response.document().isArray());
        const QJsonArray list = response.document().array();
        QCOMPARE(list.size(), 2);
        CHECK_CREDENTIAL(list.at(0).toObject(), first, "instasend", "sandbox", true);
        CHECK_CREDENTIAL(list.at(1).toObject(), second, "kopokopo", "live", true);

        // Deleting the first and adding again keeps the order by id.
        EXPECT_STATUS(call("DELETE", credentialPath(first)), 200);
        const qint64 third = create("instasend");
        const QJsonArray after = call("GET", "/payments/credentials/").document().array();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.at(0).toObject().value("id").toInteger(), second);
        QCOMPARE(after.at(1).toObject().value("id").toInteger(), third);
    }

    // ---- POST /payments/credentials/ --------------------------------------------------------

    void createReturnsCredential() {
        const auto response = call("POST", "/payments/credentials/",
                                   {{"provider", "kopokopo"},
                                    {"api_key", kApiKey},
                                    {"private_key", kPrivateKey},
                                    {"environment", "sandbox"}});
        EXPECT_STATUS(response, 201);
        const QJsonObject body = response.object();
        const qint64 id = body.value("id").toInteger();
        QVERIFY(id > 0);
        CHECK_CREDENTIAL(body, id, "kopokopo", "sandbox", true);
        QCOMPARE(parseUtc(body.value("created_at")), backend().clock().now());
        QCOMPARE(parseUtc(body.value("updated_at")), backend().clock().now());
        QVERIFY(!response.body.contains(kApiKey));
        QVERIFY(!response.body.contains(kPrivateKey));
    }

    void createDefaultsToSandbox() {
        const auto response =
            call("POST", "/payments/credentials/",
                 {{"provider", "instasend"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}});
        EXPECT_STATUS(response, 201);
        CHECK_CREDENTIAL(response.object(), response.object().value("id").toInteger(), "instasend",
                         "sandbox", true);
    }

    void createLive() {
        const auto response = call("POST", "/payments/credentials/",
                                   {{"provider", "kopokopo"},
                                    {"api_key", kApiKey},
                                    {"private_key", kPrivateKey},
                                    {"environment", "live"}});
        EXPECT_STATUS(response, 201);
        CHECK_CREDENTIAL(response.object(), response.object().value("id").toInteger(), "kopokopo",
                         "live", true);
    }

    void createFieldErrors_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonObject>("expected");
        const QString required = QStringLiteral("This field is required.");
        const QString blank = QStringLiteral("This field may not be blank.");
        const QString notString = QStringLiteral("Not a valid string.");
        const QString notNull = QStringLiteral("This field may not be null.");
        const QString tooLong =
            QStringLiteral("Ensure this field has no more than 255 characters.");
        const QByteArray a256 = QByteArray(256, 'a');

        QTest::newRow("everything missing") << QByteArray("{}")
                                            << QJsonObject{{"provider", QJsonArray{required}},
                                                           {"api_key", QJsonArray{required}},
                                                           {"private_key", QJsonArray{required}}};
        QTest::newRow("provider missing")
            << QByteArray(R"({"api_key":"pk_test_1234567890","private_key":"sk_test_1234567890"})")
            << fieldError("provider", required);
        QTest::newRow("api_key missing")
            << QByteArray(R"({"provider":"kopokopo","private_key":"sk_test_1234567890"})")
            << fieldError("api_key", required);
        QTest::newRow("private_key missing")
            << QByteArray(R"({"provider":"kopokopo","api_key":"pk_test_1234567890"})")
            << fieldError("private_key", required);
        QTest::newRow("api_key blank")
            << QByteArray(
                   R"({"provider":"kopokopo","api_key":"","private_key":"sk_test_1234567890"})")
            << fieldError("api_key", blank);
        QTest::newRow("api_key whitespace only")
            << QByteArray(
                   R"({"provider":"kopokopo","api_key":"   ","private_key":"sk_test_1234567890"})")
            << fieldError("api_key", blank);
        QTest::newRow("private_key blank")
            << QByteArray(
                   R"({"provider":"kopokopo","api_key":"pk_test_1234567890","private_key":""})")
            << fieldError("private_key", blank);
        QTest::newRow("provider not a choice")
            << QByteArray(R"({"provider":"paypal","api_key":"pk_test_1234567890",)"
                          R"("private_key":"sk_test_1234567890"})")
            << fieldError("provider", "\"paypal\" is not a valid choice.");
        QTest::newRow("provider display name is not a choice")
            << QByteArray(R"({"provider":"KopoKopo","api_key":"pk_test_1234567890",)"
                          R"("private_key":"sk_test_1234567890"})")
            << fieldError("provider", "\"KopoKopo\" is not a valid choice.");
        QTest::newRow("environment not a choice")
            << QByteArray(R"({"provider":"kopokopo","api_key":"pk_test_1234567890",)"
                          R"("private_key":"sk_test_1234567890","environment":"production"})")
            << fieldError("environment", "\"production\" is not a valid choice.");
        QTest::newRow("api_key 256") << QByteArray(R"({"provider":"kopokopo","api_key":")" + a256 +
                                                   R"(","private_key":"sk_test_1234567890"})")
                                     << fieldError("api_key", tooLong);
        QTest::newRow("private_key 256")
            << QByteArray(R"({"provider":"kopokopo","api_key":"pk_test_1234567890",)"
                          R"("private_key":")" +
                          a256 + R"("})")
            << fieldError("private_key", tooLong);
        for (const char* value :
             {"true", "false", R"(["pk_test_1234567890"])", R"({"k":"pk_test_1234567890"})"}) {
            QTest::addRow("api_key %s", value)
                << QByteArray(R"({"provider":"kopokopo","api_key":)" + QByteArray(value) +
                              R"(,"private_key":"sk_test_1234567890"})")
                << fieldError("api_key", notString);
            QTest::addRow("private_key %s", value)
                << QByteArray(R"({"provider":"kopokopo","api_key":"pk_test_1234567890",)"
                              R"("private_key":)" +
                              QByteArray(value) + "}")
                << fieldError("private_key", notString);
        }
        QTest::newRow("api_key null")
            << QByteArray(
                   R"({"provider":"kopokopo","api_key":null,"private_key":"sk_test_1234567890"})")
            << fieldError("api_key", notNull);
        QTest::newRow("private_key null")
            << QByteArray(
                   R"({"provider":"kopokopo","api_key":"pk_test_1234567890","private_key":null})")
            << fieldError("private_key", notNull);
        QTest::newRow("provider null")
            << QByteArray(R"({"provider":null,"api_key":"pk_test_1234567890",)"
                          R"("private_key":"sk_test_1234567890"})")
            << fieldError("provider", notNull);
        QTest::newRow("environment null")
            << QByteArray(R"({"provider":"kopokopo","api_key":"pk_test_1234567890",)"
                          R"("private_key":"sk_test_1234567890","environment":null})")
            << fieldError("environment", notNull);
        QTest::newRow("several fields at once")
            << QByteArray(R"({"provider":"paypal","api_key":"","private_key":true})")
            << QJsonObject{{"provider", QJsonArray{"\"paypal\" is not a valid choice."}},
                           {"api_key", QJsonArray{blank}},
                           {"private_key", QJsonArray{notString}}};
    }
    void createFieldErrors() {
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        const Snapshot before = dbState();
        EXPECT_JSON(raw("POST", "/payments/credentials/", body), 400, expected);
        EXPECT_UNCHANGED(before, dbState());
    }

    void createAcceptsNumbersAsText() {
        const auto response =
            raw("POST", "/payments/credentials/",
                R"({"provider":"kopokopo","api_key":12345678901,"private_key":98765432109876})");
        EXPECT_STATUS(response, 201);
        const qint64 id = response.object().value("id").toInteger();
        const QJsonObject revealed = call("GET", credentialPath(id, "get-private-key")).object();
        QVERIFY2(revealed.value("private_key").toString() == QLatin1String("98765432109876"),
                 "the private key is not the number's decimal text");
        QVERIFY2(revealed.value("api_key").toString() == QLatin1String("12345678901"),
                 "the api key is not the number's decimal text");
        EXPECT_JSON(verify(id, "98765432109876"), 200, verifyResult(id, true));
    }

    void createMaxLength_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("padded");
        QTest::addColumn<bool>("accepted");
        for (const char* name : {"api_key", "private_key"}) {
            const QString field = QString::fromLatin1(name);
            const QString ascii = QStringLiteral("a");
            const QString emoji = QStringLiteral("🔑");
            const QString accented = QStringLiteral("é");
            QTest::addRow("%s 255 ascii", name) << field << ascii << 255 << false << true;
            QTest::addRow("%s 256 ascii", name) << field << ascii << 256 << false << false;
            QTest::addRow("%s 255 ascii padded", name) << field << ascii << 255 << true << true;
            QTest::addRow("%s 255 emoji", name) << field << emoji << 255 << false << true;
            QTest::addRow("%s 256 emoji", name) << field << emoji << 256 << false << false;
            QTest::addRow("%s 255 accented", name) << field << accented << 255 << false << true;
            QTest::addRow("%s 256 accented", name) << field << accented << 256 << false << false;
        }
    }
    void createMaxLength() {
        QFETCH(QString, field);
        QFETCH(QString, unit);
        QFETCH(int, count);
        QFETCH(bool, padded);
        QFETCH(bool, accepted);
        QString value = repeated(unit, count);
        if (padded)
            value = "   " + value + " \t ";
        QJsonObject body{
            {"provider", "kopokopo"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}};
        body.insert(field, value);

        const Snapshot before = dbState();
        const auto response = call("POST", "/payments/credentials/", body);
        if (!accepted) {
            EXPECT_JSON(response, 400,
                        fieldError(field, "Ensure this field has no more than 255 characters."));
            EXPECT_UNCHANGED(before, dbState());
            return;
        }
        EXPECT_STATUS(response, 201);
        const qint64 id = response.object().value("id").toInteger();
        const QJsonObject revealed = call("GET", credentialPath(id, "get-private-key")).object();
        QVERIFY2(revealed.value(field).toString() == value.trimmed(),
                 "the stored key is not what was sent (trimmed)");
    }

    void createDuplicateProvider() {
        QVERIFY(create("kopokopo") > 0);
        QVERIFY(create("instasend") > 0);
        const Snapshot before = dbState();
        for (const char* provider : {"kopokopo", "instasend"}) {
            for (const char* environment : {"sandbox", "live"}) {
                EXPECT_JSON(call("POST", "/payments/credentials/",
                                 {{"provider", provider},
                                  {"api_key", "pk_another_key_123456"},
                                  {"private_key", "sk_another_key_123456"},
                                  {"environment", environment}}),
                            400,
                            nonFieldError(QStringLiteral("You already have credentials for %1. "
                                                         "Update existing credentials instead.")
                                              .arg(provider)));
            }
        }
        EXPECT_UNCHANGED(before, dbState());
    }

    void createShortKeys_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        const struct {
            const char* field;
            const char* message;
        } fields[] = {{"api_key", "API key must be at least 10 characters long"},
                      {"private_key", "Private key must be at least 10 characters long"}};
        for (const auto& f : fields) {
            const QString field = QString::fromLatin1(f.field);
            const QString message = QString::fromLatin1(f.message);
            QTest::addRow("%s short", f.field) << field << QStringLiteral("short") << message;
            QTest::addRow("%s short padded", f.field)
                << field << QStringLiteral("   short   ") << message;
            QTest::addRow("%s 9 chars", f.field) << field << QStringLiteral("123456789") << message;
            QTest::addRow("%s 9 chars padded to 13", f.field)
                << field << QStringLiteral("  123456789  ") << message;
            QTest::addRow("%s 9 emoji (18 UTF-16 units)", f.field)
                << field << repeated(QStringLiteral("🔑"), 9) << message;
        }
    }
    void createShortKeys() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QJsonObject body{
            {"provider", "kopokopo"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}};
        body.insert(field, value);
        const Snapshot before = dbState();
        EXPECT_JSON(call("POST", "/payments/credentials/", body), 400, nonFieldError(message));
        EXPECT_UNCHANGED(before, dbState());
    }

    void createMinimumLengthKeys() {
        const auto response = call("POST", "/payments/credentials/",
                                   {{"provider", "kopokopo"},
                                    {"api_key", "1234567890"},
                                    {"private_key", repeated("🔑", 10)}});
        EXPECT_STATUS(response, 201);
        const qint64 id = response.object().value("id").toInteger();
        EXPECT_JSON(verify(id, repeated("🔑", 10)), 200, verifyResult(id, true));
    }

    void unicodeKeysRoundTrip() {
        const QString apiKey = QStringLiteral("ufunguo_wa_umma_🔓_ñ_数据_ß");
        const QString privateKey =
            QStringLiteral("siri_ya_malipo_🔑_ufunguo_wa_siri_ü_€_👩🏽‍💻");
        const auto created =
            call("POST", "/payments/credentials/",
                 {{"provider", "kopokopo"}, {"api_key", apiKey}, {"private_key", privateKey}});
        EXPECT_STATUS(created, 201);
        const qint64 id = created.object().value("id").toInteger();

        const auto revealed = call("GET", credentialPath(id, "get-private-key"));
        EXPECT_STATUS(revealed, 200);
        QVERIFY2(revealed.object().value("private_key").toString() == privateKey,
                 "the private key did not round-trip");
        QVERIFY2(revealed.object().value("api_key").toString() == apiKey,
                 "the api key did not round-trip");
        EXPECT_JSON(verify(id, privateKey), 200, verifyResult(id, true));
        EXPECT_JSON(
            verify(id, QStringLiteral("siri_ya_malipo_🔑_ufunguo_wa_siri_u_€_👩🏽‍💻")),
            200, verifyResult(id, false));
    }

    void keysAreTrimmed() {
        const auto created = call("POST", "/payments/credentials/",
                                  {{"provider", "kopokopo"},
                                   {"api_key", "  pk_live_trimmed_123456\t"},
                                   {"private_key", " \n sk_live_trimmed_123456  "}});
        EXPECT_STATUS(created, 201);
        const qint64 id = created.object().value("id").toInteger();

        EXPECT_JSON(verify(id, "sk_live_trimmed_123456"), 200, verifyResult(id, true));
        EXPECT_JSON(verify(id, "   sk_live_trimmed_123456\n"), 200, verifyResult(id, true));
        EXPECT_JSON(verify(id, "sk_live_trimmed_12345"), 200, verifyResult(id, false));
        const QJsonObject revealed = call("GET", credentialPath(id, "get-private-key")).object();
        QVERIFY2(revealed.value("private_key").toString() ==
                     QLatin1String("sk_live_trimmed_123456"),
                 "the private key was not stored trimmed");
        QVERIFY2(revealed.value("api_key").toString() == QLatin1String("pk_live_trimmed_123456"),
                 "the api key was not stored trimmed");

        // update-private-key trims too.
        EXPECT_STATUS(call("POST", credentialPath(id, "update-private-key"),
                           {{"private_key", "\t sk_live_second_654321 "}}),
                      200);
        EXPECT_JSON(verify(id, "sk_live_second_654321"), 200, verifyResult(id, true));
        QVERIFY2(call("GET", credentialPath(id, "get-private-key"))
                         .object()
                         .value("private_key")
                         .toString() == QLatin1String("sk_live_second_654321"),
                 "update-private-key did not store the key trimmed");
    }

    // ---- GET /payments/credentials/{id}/ ----------------------------------------------------

    void getCredential() {
        const qint64 id = create("instasend", "live");
        QVERIFY(id > 0);
        const auto response = call("GET", credentialPath(id));
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "instasend", "live", true);
        QCOMPARE(parseUtc(response.object().value("created_at")), backend().clock().now());
    }

    // ---- PUT / PATCH /payments/credentials/{id}/ ---------------------------------------------

    void updateFields_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("PUT") << QByteArray("PUT");
        QTest::newRow("PATCH") << QByteArray("PATCH");
    }
    void updateFields() {
        QFETCH(QByteArray, method);
        const qint64 id = create();
        QVERIFY(id > 0);
        const QDateTime createdAt = backend().clock().now();

        backend().clock().advance(60 * 1000);
        auto response = call(method, credentialPath(id), {{"api_key", kNewApiKey}});
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "sandbox", true);
        QCOMPARE(parseUtc(response.object().value("created_at")), createdAt);
        QCOMPARE(parseUtc(response.object().value("updated_at")), backend().clock().now());
        QVERIFY2(call("GET", credentialPath(id, "get-private-key"))
                         .object()
                         .value("api_key")
                         .toString() == kNewApiKey,
                 "the api key was not updated");

        backend().clock().advance(60 * 1000);
        response = call(method, credentialPath(id), {{"environment", "live"}});
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "live", true);
        QCOMPARE(parseUtc(response.object().value("updated_at")), backend().clock().now());

        backend().clock().advance(60 * 1000);
        response = call(method, credentialPath(id), {{"is_active", false}});
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "live", false);
        QCOMPARE(parseUtc(response.object().value("updated_at")), backend().clock().now());

        // provider, the private key and unknown fields are ignored.
        response = call(method, credentialPath(id),
                        {{"provider", "instasend"},
                         {"private_key", "sk_must_not_change_12345"},
                         {"unknown", 42},
                         {"is_active", true}});
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "live", true);
        EXPECT_JSON(verify(id, kPrivateKey), 200, verifyResult(id, true));
        EXPECT_JSON(call("GET", credentialPath(id)), 200, response.object());

        // Several at once, and the stored api key is trimmed.
        response = call(method, credentialPath(id),
                        {{"api_key", "  pk_both_at_once_123  "}, {"environment", "sandbox"}});
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "sandbox", true);
        QVERIFY2(call("GET", credentialPath(id, "get-private-key"))
                         .object()
                         .value("api_key")
                         .toString() == QLatin1String("pk_both_at_once_123"),
                 "the api key was not trimmed");
    }

    void updateWithFormBody() {
        const qint64 id = create();
        const auto response =
            backend().callRaw("PUT", credentialPath(id),
                              formEncode({{"is_active", "false"}, {"environment", "live"}}),
                              "application/x-www-form-urlencoded", "Bearer " + m_token);
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "live", false);
    }

    void updateErrors_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonObject>("expected");
        const QJsonObject shortKey = nonFieldError("API key must be at least 10 characters long");
        const QJsonObject notBoolean = fieldError("is_active", "Must be a valid boolean.");
        for (const char* method : {"PUT", "PATCH"}) {
            QTest::addRow("%s short api key", method)
                << QByteArray(method) << QByteArray(R"({"api_key":"short"})") << shortKey;
            QTest::addRow("%s short api key padded", method)
                << QByteArray(method) << QByteArray(R"({"api_key":"   short   "})") << shortKey;
            QTest::addRow("%s blank api key", method)
                << QByteArray(method) << QByteArray(R"({"api_key":""})")
                << fieldError("api_key", "This field may not be blank.");
            QTest::addRow("%s api key 256", method)
                << QByteArray(method)
                << QByteArray(R"({"api_key":")" + QByteArray(256, 'k') + R"("})")
                << fieldError("api_key", "Ensure this field has no more than 255 characters.");
            QTest::addRow("%s api key bool", method)
                << QByteArray(method) << QByteArray(R"({"api_key":true})")
                << fieldError("api_key", "Not a valid string.");
            QTest::addRow("%s api key object", method)
                << QByteArray(method) << QByteArray(R"({"api_key":{"a":"pk_test_1234567890"}})")
                << fieldError("api_key", "Not a valid string.");
            QTest::addRow("%s api key null", method)
                << QByteArray(method) << QByteArray(R"({"api_key":null})")
                << fieldError("api_key", "This field may not be null.");
            QTest::addRow("%s environment not a choice", method)
                << QByteArray(method) << QByteArray(R"({"environment":"production"})")
                << fieldError("environment", "\"production\" is not a valid choice.");
            QTest::addRow("%s is_active maybe", method)
                << QByteArray(method) << QByteArray(R"({"is_active":"maybe"})") << notBoolean;
            QTest::addRow("%s is_active array", method)
                << QByteArray(method) << QByteArray(R"({"is_active":[true]})") << notBoolean;
            QTest::addRow("%s is_active object", method)
                << QByteArray(method) << QByteArray(R"({"is_active":{}})") << notBoolean;
        }
    }
    void updateErrors() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        const qint64 id = create();
        QVERIFY(id > 0);
        backend().clock().advance(60 * 1000);
        const Snapshot before = dbState();
        EXPECT_JSON(raw(method, credentialPath(id), body), 400, expected);
        EXPECT_UNCHANGED(before, dbState());
    }

    // ---- DELETE /payments/credentials/{id}/ ---------------------------------------------------

    void deleteCredential() {
        const qint64 kopokopo = create("kopokopo");
        const qint64 instasend = create("instasend");
        EXPECT_JSON(
            call("DELETE", credentialPath(kopokopo)), 200,
            QJsonObject{
                {"message", "Payment credentials for KopoKopo have been successfully deleted"}});
        EXPECT_JSON(
            call("DELETE", credentialPath(instasend)), 200,
            QJsonObject{
                {"message", "Payment credentials for InstaSend have been successfully deleted"}});
        EXPECT_JSON(call("GET", credentialPath(kopokopo)), 404, kNotFoundError);
        EXPECT_JSON(call("DELETE", credentialPath(kopokopo)), 404, kNotFoundError);
        EXPECT_JSON(call("GET", "/payments/credentials/"), 200, QJsonArray{});
        QCOMPARE(storage::CredentialRepository(backend().database()).count(), 0);
        // The provider is free again.
        QVERIFY(create("kopokopo") > 0);
    }

    // ---- POST /payments/credentials/{id}/update-private-key/ -----------------------------------

    void updatePrivateKey() {
        const qint64 id = create();
        advance(5 * 60);
        const auto response = call("POST", credentialPath(id, "update-private-key"),
                                   {{"private_key", kNewPrivateKey}});
        EXPECT_STATUS(response, 200);
        const QJsonObject body = response.object();
        QCOMPARE(sortedKeys(body), sorted({"message", "credentials"}));
        QCOMPARE(body.value("message").toString(),
                 QStringLiteral("Private key updated successfully"));
        CHECK_CREDENTIAL(body.value("credentials").toObject(), id, "kopokopo", "sandbox", true);
        QCOMPARE(parseUtc(body.value("credentials").toObject().value("updated_at")),
                 backend().clock().now());
        QVERIFY(!response.body.contains(kNewPrivateKey.toUtf8()));

        EXPECT_JSON(verify(id, kPrivateKey), 200, verifyResult(id, false));
        EXPECT_JSON(verify(id, kNewPrivateKey), 200, verifyResult(id, true));
        QVERIFY2(call("GET", credentialPath(id, "get-private-key"))
                         .object()
                         .value("private_key")
                         .toString() == kNewPrivateKey,
                 "get-private-key does not return the new key");
    }

    void updatePrivateKeyErrors_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        const QString required = QStringLiteral("Private key is required");
        const QString tooShort = QStringLiteral("Private key must be at least 10 characters long");
        QTest::newRow("missing") << QByteArray("{}") << required;
        QTest::newRow("other field only")
            << QByteArray(R"({"key":"sk_test_1234567890"})") << required;
        QTest::newRow("empty") << QByteArray(R"({"private_key":""})") << required;
        QTest::newRow("null") << QByteArray(R"({"private_key":null})") << required;
        QTest::newRow("short") << QByteArray(R"({"private_key":"short"})") << tooShort;
        QTest::newRow("short padded") << QByteArray(R"({"private_key":"   short   "})") << tooShort;
        QTest::newRow("9 chars") << QByteArray(R"({"private_key":"123456789"})") << tooShort;
        QTest::newRow("9 emoji") << QByteArray(R"({"private_key":")" + repeated("🔑", 9).toUtf8() +
                                               R"("})")
                                 << tooShort;
    }
    void updatePrivateKeyErrors() {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const qint64 id = create();
        const Snapshot before = dbState();
        EXPECT_JSON(raw("POST", credentialPath(id, "update-private-key"), body), 400,
                    QJsonObject{{"error", message}});
        EXPECT_UNCHANGED(before, dbState());
        EXPECT_JSON(verify(id, kPrivateKey), 200, verifyResult(id, true));
    }

    // ---- GET /payments/credentials/{id}/get-private-key/ ------------------------------------

    void getPrivateKey() {
        const qint64 id = create("instasend");
        const auto response = call("GET", credentialPath(id, "get-private-key"));
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
        QJsonObject body = response.object();
        QCOMPARE(sortedKeys(body), sorted({"credentials_id", "provider", "provider_display",
                                           "private_key", "message", "api_key"}));
        QVERIFY2(body.value("private_key").toString() == QLatin1String(kPrivateKey),
                 "private_key is not the stored key");
        QVERIFY2(body.value("api_key").toString() == QLatin1String(kApiKey),
                 "api_key is not the stored key");
        body.remove("private_key");
        body.remove("api_key");
        QCOMPARE(jsonText(body),
                 jsonText(QJsonObject{{"credentials_id", id},
                                      {"provider", "instasend"},
                                      {"provider_display", "InstaSend"},
                                      {"message", "Private key retrieved successfully"}}));
    }

    // ---- POST /payments/credentials/{id}/verify/ ---------------------------------------------

    void verifyKey() {
        const qint64 id = create();
        EXPECT_JSON(verify(id, kPrivateKey), 200, verifyResult(id, true));
        EXPECT_JSON(verify(id, "sk_test_kopokopo_0987654321fedcbA"), 200, verifyResult(id, false));
        EXPECT_JSON(verify(id, "x"), 200, verifyResult(id, false));
        EXPECT_JSON(verify(id, kApiKey), 200, verifyResult(id, false));
    }

    void verifyRequiresKey_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("missing") << QByteArray("{}");
        QTest::newRow("empty") << QByteArray(R"({"private_key":""})");
        QTest::newRow("null") << QByteArray(R"({"private_key":null})");
        QTest::newRow("empty body") << QByteArray();
    }
    void verifyRequiresKey() {
        QFETCH(QByteArray, body);
        const qint64 id = create();
        EXPECT_JSON(raw("POST", credentialPath(id, "verify"), body), 400,
                    QJsonObject{{"error", "Private key is required for verification"}});
    }

    // ---- POST /payments/credentials/{id}/toggle-status/ --------------------------------------

    void toggleStatusTwice() {
        const qint64 id = create();
        advance(10 * 60);
        auto response = call("POST", credentialPath(id, "toggle-status"));
        EXPECT_STATUS(response, 200);
        QCOMPARE(sortedKeys(response.object()), sorted({"message", "credentials"}));
        QCOMPARE(response.object().value("message").toString(),
                 QStringLiteral("Payment credentials for KopoKopo have been deactivated"));
        CHECK_CREDENTIAL(response.object().value("credentials").toObject(), id, "kopokopo",
                         "sandbox", false);
        QCOMPARE(parseUtc(response.object().value("credentials").toObject().value("updated_at")),
                 backend().clock().now());
        CHECK_CREDENTIAL(call("GET", credentialPath(id)).object(), id, "kopokopo", "sandbox",
                         false);

        response = call("POST", credentialPath(id, "toggle-status"));
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.object().value("message").toString(),
                 QStringLiteral("Payment credentials for KopoKopo have been activated"));
        CHECK_CREDENTIAL(response.object().value("credentials").toObject(), id, "kopokopo",
                         "sandbox", true);
    }

    void inactiveCredentialStillAnswers() {
        const qint64 id = create();
        EXPECT_STATUS(call("POST", credentialPath(id, "toggle-status")), 200);
        const auto revealed = call("GET", credentialPath(id, "get-private-key"));
        EXPECT_STATUS(revealed, 200);
        QVERIFY2(revealed.object().value("private_key").toString() == QLatin1String(kPrivateKey),
                 "an inactive credential does not reveal its key");
        EXPECT_JSON(verify(id, kPrivateKey), 200, verifyResult(id, true));
        const auto listed = call("GET", "/payments/credentials/");
        QCOMPARE(listed.document().array().size(), 1);
    }

    // ---- GET /payments/credentials/provider/{provider}/ ---------------------------------------

    void providerLookup() {
        EXPECT_JSON(call("GET", "/payments/credentials/provider/kopokopo/"), 404,
                    QJsonObject{{"error", "No credentials found for kopokopo"}});
        const qint64 id = create("kopokopo", "live");
        const auto response = call("GET", "/payments/credentials/provider/kopokopo/");
        EXPECT_STATUS(response, 200);
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "live", true);
        EXPECT_JSON(call("GET", "/payments/credentials/provider/instasend/"), 404,
                    QJsonObject{{"error", "No credentials found for instasend"}});
        EXPECT_JSON(call("GET", "/payments/credentials/provider/paypal/"), 404,
                    QJsonObject{{"error", "No credentials found for paypal"}});
        EXPECT_JSON(backend().call("GET", "/payments/credentials/provider/kopokopo/"), 401,
                    kNotProvided);
    }

    // ---- ids ----------------------------------------------------------------------------------

    void invalidIdsAreNotFound_data() {
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<QByteArray>("body");
        const struct {
            const char* method;
            const char* action;
            const char* body;
        } endpoints[] = {
            {"GET", "", ""},
            {"PUT", "", R"({"environment":"live"})"},
            {"PATCH", "", R"({"environment":"live"})"},
            {"DELETE", "", ""},
            {"GET", "get-private-key", ""},
            {"POST", "update-private-key", R"({"private_key":"sk_test_1234567890_new"})"},
            {"POST", "verify", R"({"private_key":"sk_test_kopokopo_0987654321fedcba"})"},
            {"POST", "toggle-status", ""},
        };
        for (const char* id : {"0", "-1", "abc", "99999999999999999999", "1.5", "2",
                               "9223372036854775807", "9223372036854775808", "1e0", "0x1"}) {
            for (const auto& e : endpoints) {
                QTest::addRow("%s %s %s", id, e.method, e.action)
                    << QByteArray(id) << QByteArray(e.method) << QByteArray(e.action)
                    << QByteArray(e.body);
            }
        }
    }
    void invalidIdsAreNotFound() {
        QFETCH(QByteArray, id);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, action);
        QFETCH(QByteArray, body);
        QCOMPARE(create(), qint64(1)); // id 1 exists: "1.5", "1e0", "0x1" must not reach it
        QByteArray path = "/payments/credentials/" + id + "/";
        if (!action.isEmpty())
            path += action + "/";
        const Snapshot before = dbState();
        EXPECT_JSON(raw(method, path, body), 404, kNotFoundError);
        EXPECT_UNCHANGED(before, dbState());
    }

    // ---- order of checks ----------------------------------------------------------------------

    void checksRunInOrder() {
        const qint64 id = create();
        const QByteArray missing = credentialPath(id + 1000);
        const Snapshot before = dbState();

        // Unauthenticated + missing id + bad body → 401.
        EXPECT_JSON(backend().callRaw("PUT", missing, "{not json", "application/json"), 401,
                    kNotProvided);
        EXPECT_JSON(backend().callRaw("PUT", missing, "hello", "text/plain"), 401, kNotProvided);
        EXPECT_JSON(backend().callRaw("POST", credentialPath(id + 1000, "verify"), "{}",
                                      "application/json"),
                    401, kNotProvided);
        EXPECT_JSON(backend().callRaw("PUT", missing, "{not json", "application/json",
                                      "Bearer not.a.token"),
                    401,
                    QJsonObject({{"detail", "Given token not valid for any token type"},
                                 {"code", "token_not_valid"},
                                 {"messages", QJsonArray{QJsonObject{
                                                  {"token_class", "AccessToken"},
                                                  {"token_type", "access"},
                                                  {"message", "Token is invalid or expired"}}}}}));
        // Authenticated + missing id + bad body → 404.
        EXPECT_JSON(raw("PUT", missing, "{not json"), 404, kNotFoundError);
        EXPECT_JSON(raw("PUT", missing, "hello", "text/plain"), 404, kNotFoundError);
        EXPECT_JSON(raw("PUT", missing, R"({"api_key":true})"), 404, kNotFoundError);
        EXPECT_JSON(raw("POST", credentialPath(id + 1000, "verify"), "{}"), 404, kNotFoundError);
        EXPECT_JSON(raw("POST", credentialPath(id + 1000, "update-private-key"), "{}"), 404,
                    kNotFoundError);
        // Authenticated + existing id + bad body → 400.
        const auto parseError = raw("PUT", credentialPath(id), "{not json");
        EXPECT_STATUS(parseError, 400);
        QVERIFY(parseError.object().value("detail").toString().startsWith("JSON parse error - "));
        EXPECT_UNCHANGED(before, dbState());
    }

    // ---- conventions ----------------------------------------------------------------------------

    void bodyTooLarge_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("authenticated");
        QTest::newRow("create, no token")
            << QByteArray("POST") << QByteArray("/payments/credentials/") << false;
        QTest::newRow("create, token")
            << QByteArray("POST") << QByteArray("/payments/credentials/") << true;
        QTest::newRow("login") << QByteArray("POST") << QByteArray("/users/login/") << false;
        QTest::newRow("put missing id, no token")
            << QByteArray("PUT") << QByteArray("/payments/credentials/999/") << false;
        QTest::newRow("verify, token")
            << QByteArray("POST") << QByteArray("/payments/credentials/1/verify/") << true;
        QTest::newRow("update-private-key, no token")
            << QByteArray("POST") << QByteArray("/payments/credentials/1/update-private-key/")
            << false;
    }
    void bodyTooLarge() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(bool, authenticated);
        QCOMPARE(create(), qint64(1));
        const Snapshot before = snapshot(backend().database());
        const auto response =
            backend().callRaw(method, path, bodyOfSize(64 * 1024 + 1), "application/json",
                              authenticated ? "Bearer " + m_token : QByteArray());
        EXPECT_JSON(response, 413, QJsonObject{{"detail", "Request body too large."}});
        EXPECT_UNCHANGED(before, snapshot(backend().database()));
    }

    void bodyOfExactlyTheLimitIsAccepted() {
        QVERIFY(api::Router::MaxBodyBytes == 64 * 1024);
        const auto response = raw("POST", "/payments/credentials/", bodyOfSize(64 * 1024));
        EXPECT_STATUS(response, 201);
    }

    void unknownPath_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("root") << QByteArray("GET") << QByteArray("/");
        QTest::newRow("nope") << QByteArray("GET") << QByteArray("/nope/");
        QTest::newRow("payments") << QByteArray("GET") << QByteArray("/payments/");
        QTest::newRow("users") << QByteArray("GET") << QByteArray("/users/");
        QTest::newRow("unknown action")
            << QByteArray("POST") << QByteArray("/payments/credentials/1/unknown/");
        QTest::newRow("provider extra")
            << QByteArray("GET") << QByteArray("/payments/credentials/provider/kopokopo/extra/");
        QTest::newRow("action extra")
            << QByteArray("POST") << QByteArray("/payments/credentials/1/verify/extra/");
        QTest::newRow("deeper") << QByteArray("DELETE") << QByteArray("/payments/credentials/1/2/");
        QTest::newRow("case") << QByteArray("GET") << QByteArray("/Payments/Credentials/");
    }
    void unknownPath() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QCOMPARE(create(), qint64(1));
        const QJsonObject notFound{{"detail", "Not found."}};
        EXPECT_JSON(raw(method, path, method == "GET" ? QByteArray() : QByteArray("{}")), 404,
                    notFound);
        EXPECT_JSON(backend().callRaw(method, path, {}, {}), 404, notFound);
    }

    void wrongMethod_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("DELETE list")
            << QByteArray("DELETE") << QByteArray("/payments/credentials/");
        QTest::newRow("PUT list") << QByteArray("PUT") << QByteArray("/payments/credentials/");
        QTest::newRow("PATCH list") << QByteArray("PATCH") << QByteArray("/payments/credentials/");
        QTest::newRow("POST item") << QByteArray("POST") << QByteArray("/payments/credentials/1/");
        QTest::newRow("POST get-private-key")
            << QByteArray("POST") << QByteArray("/payments/credentials/1/get-private-key/");
        QTest::newRow("GET verify")
            << QByteArray("GET") << QByteArray("/payments/credentials/1/verify/");
        QTest::newRow("GET toggle-status")
            << QByteArray("GET") << QByteArray("/payments/credentials/1/toggle-status/");
        QTest::newRow("GET update-private-key")
            << QByteArray("GET") << QByteArray("/payments/credentials/1/update-private-key/");
        QTest::newRow("DELETE provider")
            << QByteArray("DELETE") << QByteArray("/payments/credentials/provider/kopokopo/");
        QTest::newRow("POST me") << QByteArray("POST") << QByteArray("/users/me/");
        QTest::newRow("GET logout") << QByteArray("GET") << QByteArray("/users/logout/");
        QTest::newRow("GET refresh") << QByteArray("GET") << QByteArray("/users/token/refresh/");
        QTest::newRow("GET change-password")
            << QByteArray("GET") << QByteArray("/users/change-password/");
        QTest::newRow("DELETE login") << QByteArray("DELETE") << QByteArray("/users/login/");
        QTest::newRow("FOO list") << QByteArray("FOO") << QByteArray("/payments/credentials/");
    }
    void wrongMethod() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QCOMPARE(create(), qint64(1));
        const Snapshot before = dbState();
        EXPECT_JSON(raw(method, path, {}), 405,
                    QJsonObject{{"detail", QStringLiteral("Method \"%1\" not allowed.")
                                               .arg(QString::fromLatin1(method))}});
        EXPECT_UNCHANGED(before, dbState());
    }

    void pathsWithoutTrailingSlash() {
        auto response = backend().callRaw("POST", "/users/login",
                                          compact({{"username", "alice"}, {"password", kPassword}}),
                                          "application/json");
        EXPECT_STATUS(response, 200);
        response =
            call("POST", "/payments/credentials",
                 {{"provider", "kopokopo"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}});
        EXPECT_STATUS(response, 201);
        const qint64 id = response.object().value("id").toInteger();
        const QByteArray item = "/payments/credentials/" + QByteArray::number(id);

        QCOMPARE(call("GET", "/payments/credentials").document().array().size(), 1);
        CHECK_CREDENTIAL(call("GET", item).object(), id, "kopokopo", "sandbox", true);
        CHECK_CREDENTIAL(call("PUT", item, {{"environment", "live"}}).object(), id, "kopokopo",
                         "live", true);
        CHECK_CREDENTIAL(call("GET", "/payments/credentials/provider/kopokopo").object(), id,
                         "kopokopo", "live", true);
        EXPECT_JSON(call("POST", item + "/verify", {{"private_key", kPrivateKey}}), 200,
                    verifyResult(id, true));
        EXPECT_STATUS(call("GET", item + "/get-private-key"), 200);
        EXPECT_STATUS(call("POST", item + "/update-private-key", {{"private_key", kNewPrivateKey}}),
                      200);
        EXPECT_STATUS(call("POST", item + "/toggle-status"), 200);
        EXPECT_STATUS(call("GET", "/users/me"), 200);
        EXPECT_JSON(
            call("DELETE", item), 200,
            QJsonObject{
                {"message", "Payment credentials for KopoKopo have been successfully deleted"}});
    }

    void formBodies() {
        // Login as Python's requests posts it (the seed's own example).
        auto response = backend().callRaw(
            "POST", "/users/login/", formEncode({{"username", "alice"}, {"password", kPassword}}),
            "application/x-www-form-urlencoded");
        EXPECT_STATUS(response, 200);
        QCOMPARE(response.object().value("token_type").toString(), QStringLiteral("Bearer"));

        const QString oddPassword = QStringLiteral("p&ss=w+rd 100% ü");
        backend().createUser("dora", oddPassword);
        response = backend().callRaw("POST", "/users/login/",
                                     formEncode({{"username", "dora"}, {"password", oddPassword}}),
                                     "application/x-www-form-urlencoded");
        EXPECT_STATUS(response, 200);

        // Create as a form, with characters the encoding must carry.
        const QString privateKey = QStringLiteral("sk+live&key=1 2 3%ü");
        response = backend().callRaw("POST", "/payments/credentials/",
                                     formEncode({{"provider", "kopokopo"},
                                                 {"api_key", QString::fromLatin1(kApiKey)},
                                                 {"private_key", privateKey},
                                                 {"environment", "live"}}),
                                     "application/x-www-form-urlencoded", "Bearer " + m_token);
        EXPECT_STATUS(response, 201);
        const qint64 id = response.object().value("id").toInteger();
        CHECK_CREDENTIAL(response.object(), id, "kopokopo", "live", true);
        EXPECT_JSON(verify(id, privateKey), 200, verifyResult(id, true));

        // A form with a field error answers like JSON does.
        EXPECT_JSON(backend().callRaw("POST", "/payments/credentials/",
                                      formEncode({{"provider", "paypal"},
                                                  {"api_key", QString::fromLatin1(kApiKey)},
                                                  {"private_key", privateKey}}),
                                      "application/x-www-form-urlencoded", "Bearer " + m_token),
                    400, fieldError("provider", "\"paypal\" is not a valid choice."));
    }

    void jsonWithCharsetIsAccepted() {
        const auto response = raw(
            "POST", "/payments/credentials/",
            compact({{"provider", "kopokopo"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}}),
            "application/json; charset=utf-8");
        EXPECT_STATUS(response, 201);
    }

    void unsupportedMediaType_data() {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("text/plain") << QByteArray("text/plain");
        QTest::newRow("application/xml") << QByteArray("application/xml");
        QTest::newRow("multipart") << QByteArray("application/octet-stream");
    }
    void unsupportedMediaType() {
        QFETCH(QByteArray, contentType);
        const QByteArray body =
            compact({{"provider", "kopokopo"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}});
        const QJsonObject expected{
            {"detail", QStringLiteral("Unsupported media type \"%1\" in request.")
                           .arg(QString::fromLatin1(contentType))}};
        const Snapshot before = dbState();
        EXPECT_JSON(raw("POST", "/payments/credentials/", body, contentType), 415, expected);
        EXPECT_JSON(backend().callRaw("POST", "/users/login/",
                                      compact({{"username", "alice"}, {"password", kPassword}}),
                                      contentType),
                    415, expected);
        // Authentication first.
        EXPECT_JSON(backend().callRaw("POST", "/payments/credentials/", body, contentType), 401,
                    kNotProvided);
        EXPECT_UNCHANGED(before, dbState());
    }

    void invalidJson_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("unterminated") << QByteArray("{bad");
        QTest::newRow("missing value") << QByteArray(R"({"provider": })");
        QTest::newRow("single quotes") << QByteArray("{'provider':'kopokopo'}");
        QTest::newRow("trailing comma") << QByteArray(R"({"provider":"kopokopo",})");
        QTest::newRow("two documents") << QByteArray(R"({"a":1}{"b":2})");
        QTest::newRow("bare word") << QByteArray("kopokopo");
    }
    void invalidJson() {
        QFETCH(QByteArray, body);
        const Snapshot before = dbState();
        const auto response = raw("POST", "/payments/credentials/", body);
        EXPECT_STATUS(response, 400);
        QCOMPARE(sortedKeys(response.object()), QStringList{"detail"});
        const QString detail = response.object().value("detail").toString();
        QVERIFY2(detail.startsWith("JSON parse error - ") && detail.size() > 19,
                 qPrintable(detail));
        EXPECT_UNCHANGED(before, dbState());
    }

    // ---- storage, crypto and failures --------------------------------------------------------

    void undecryptableCiphertext_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("another key's token") << QStringLiteral("foreign");
        QTest::newRow("garbage") << QStringLiteral("garbage");
        QTest::newRow("truncated token") << QStringLiteral("truncated");
    }
    void undecryptableCiphertext() {
        QFETCH(QString, kind);
        const qint64 id = create();
        storage::CredentialRepository repository(backend().database());
        auto record = repository.findForUser(id, m_aliceId);
        QVERIFY(record.has_value());
        storage::CredentialChange broken;
        if (kind == "foreign")
            broken.encryptedPrivateKey = crypto::Fernet::encrypt(
                crypto::FernetKey::generate(), kPrivateKey, backend().clock().nowSecs());
        else if (kind == "garbage")
            broken.encryptedPrivateKey = "not-a-fernet-token";
        else
            broken.encryptedPrivateKey = record->encryptedPrivateKey.left(40);
        broken.updatedAt = backend().clock().now();
        QVERIFY(repository.change(id, m_aliceId, broken).ok());

        const auto response = call("GET", credentialPath(id, "get-private-key"));
        EXPECT_JSON(response, 500,
                    QJsonObject{{"error", "Failed to decrypt private key: Invalid token"}});
        QVERIFY(!response.body.contains(kPrivateKey));

        // The router keeps answering, and verify (digest only) still tells right from wrong.
        EXPECT_STATUS(call("GET", "/payments/credentials/"), 200);
        EXPECT_STATUS(call("GET", credentialPath(id)), 200);
        EXPECT_JSON(verify(id, kPrivateKey), 200, verifyResult(id, true));
        EXPECT_JSON(verify(id, kNewPrivateKey), 200, verifyResult(id, false));
        EXPECT_JSON(call("GET", credentialPath(id, "get-private-key")), 500,
                    QJsonObject{{"error", "Failed to decrypt private key: Invalid token"}});
    }

    void verifyNeverDecrypts() {
        // Swap the ciphertext for a valid one of another key, keep the digest: verify follows
        // the digest, get-private-key follows the ciphertext.
        const qint64 id = create();
        storage::CredentialRepository repository(backend().database());
        auto record = repository.findForUser(id, m_aliceId);
        QVERIFY(record.has_value());
        storage::CredentialChange swapped;
        swapped.encryptedPrivateKey = backend().services().settings().keyRing.encrypt(
            kNewPrivateKey.toUtf8(), backend().clock().nowSecs());
        swapped.updatedAt = backend().clock().now();
        QVERIFY(repository.change(id, m_aliceId, swapped).ok());

        EXPECT_JSON(verify(id, kPrivateKey), 200, verifyResult(id, true));
        EXPECT_JSON(verify(id, kNewPrivateKey), 200, verifyResult(id, false));
        QVERIFY2(call("GET", credentialPath(id, "get-private-key"))
                         .object()
                         .value("private_key")
                         .toString() == kNewPrivateKey,
                 "get-private-key does not decrypt the stored ciphertext");
    }

    void storedRowHasNoCleartext() {
        const qint64 id = create();
        // Every column of the row, as stored.
        QSqlQuery query(backend().database().connection());
        QVERIFY(query.exec(QStringLiteral("SELECT * FROM payment_credentials")));
        int rows = 0;
        while (query.next()) {
            ++rows;
            for (int i = 0; i < query.record().count(); ++i) {
                const QByteArray value = query.value(i).toByteArray();
                QVERIFY2(
                    !value.contains(kPrivateKey),
                    qPrintable("the private key is in clear in " + query.record().fieldName(i)));
                QVERIFY2(!value.contains(kApiKey),
                         qPrintable("the api key is in clear in " + query.record().fieldName(i)));
                QVERIFY2(!value.contains(crypto::Digest::sha256Hex(kPrivateKey)),
                         "the plain SHA-256 of the private key is stored");
            }
        }
        QCOMPARE(rows, 1);

        const auto record =
            storage::CredentialRepository(backend().database()).findForUser(id, m_aliceId);
        QVERIFY(record.has_value());
        const QByteArray digest = record->privateKeyDigest.toLower();
        QVERIFY(!digest.isEmpty());
        QVERIFY(digest != crypto::Digest::sha256Hex(kPrivateKey).toLower());
        QVERIFY(record->privateKeyDigest != crypto::Digest::sha256(kPrivateKey));
        // Fernet under the configured key ring, both keys.
        const auto& ring = backend().services().settings().keyRing;
        const auto privateKey =
            ring.decrypt(record->encryptedPrivateKey, backend().clock().nowSecs());
        QVERIFY(privateKey.ok());
        QVERIFY2(privateKey.plaintext.view() == QByteArrayView(kPrivateKey),
                 "the stored private key does not decrypt to the key");
        const auto apiKey = ring.decrypt(record->encryptedApiKey, backend().clock().nowSecs());
        QVERIFY(apiKey.ok());
        QVERIFY2(apiKey.plaintext.view() == QByteArrayView(kApiKey),
                 "the stored api key does not decrypt to the key");

        // Nor anywhere in the database files.
        for (const QString& suffix : {QString(), QStringLiteral("-wal")}) {
            QFile file(backend().databasePath() + suffix);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(kPrivateKey), "the private key is in the database file");
            QVERIFY2(!bytes.contains(kApiKey), "the api key is in the database file");
        }
    }

    void auditEvents() {
        storage::AuditRepository audit(backend().database());
        qint64 seen = audit.count();
        qint64 id = 0;
        // Exactly one new event with this action since the last check, with these values.
        auto expectEvent = [&](const QString& action, const QString& outcome) -> QString {
            const qint64 now = audit.count();
            const QList<storage::AuditRecord> fresh = audit.latest(int(now - seen));
            seen = now;
            QList<storage::AuditRecord> matching;
            for (const auto& event : fresh) {
                if (event.action == action)
                    matching << event;
            }
            if (matching.size() != 1)
                return QStringLiteral("%1 events with action %2 (of %3 new)")
                    .arg(matching.size())
                    .arg(action)
                    .arg(fresh.size());
            const auto& event = matching.first();
            if (event.outcome != outcome)
                return QStringLiteral("%1: outcome %2, expected %3")
                    .arg(action, event.outcome, outcome);
            if (event.actorId.value_or(0) != m_aliceId)
                return QStringLiteral("%1: wrong actor").arg(action);
            if (event.credentialId.value_or(0) != id)
                return QStringLiteral("%1: credential_id %2, expected %3")
                    .arg(action)
                    .arg(event.credentialId.value_or(0))
                    .arg(id);
            if (event.provider != QLatin1String("kopokopo"))
                return QStringLiteral("%1: provider '%2'").arg(action, event.provider);
            if (event.remoteAddr != QLatin1String("127.0.0.1"))
                return QStringLiteral("%1: remote_addr '%2'").arg(action, event.remoteAddr);
            return {};
        };
#define EXPECT_EVENT(action, outcome)                                                              \
    do {                                                                                           \
        const QString p_ = expectEvent(action, outcome);                                           \
        QVERIFY2(p_.isEmpty(), qPrintable(p_));                                                    \
    } while (false)

        id = create();
        QVERIFY(id > 0);
        EXPECT_EVENT("credential_created", "ok");
        EXPECT_STATUS(call("PUT", credentialPath(id), {{"api_key", kNewApiKey}}), 200);
        EXPECT_EVENT("credential_updated", "ok");
        EXPECT_STATUS(call("POST", credentialPath(id, "update-private-key"),
                           {{"private_key", kNewPrivateKey}}),
                      200);
        EXPECT_EVENT("private_key_updated", "ok");
        EXPECT_STATUS(call("GET", credentialPath(id, "get-private-key")), 200);
        EXPECT_EVENT("private_key_revealed", "ok");
        EXPECT_JSON(verify(id, kNewPrivateKey), 200, verifyResult(id, true));
        EXPECT_EVENT("credential_verified", "ok");
        EXPECT_JSON(verify(id, "sk_wrong_guess_for_audit_999"), 200, verifyResult(id, false));
        EXPECT_EVENT("credential_verified", "failed");
        EXPECT_STATUS(call("POST", credentialPath(id, "toggle-status")), 200);
        EXPECT_EVENT("status_toggled", "ok");
        EXPECT_STATUS(call("DELETE", credentialPath(id)), 200);
        EXPECT_EVENT("credential_deleted", "ok");
#undef EXPECT_EVENT

        // No event holds a secret, in any column.
        QSqlQuery query(backend().database().connection());
        QVERIFY(query.exec(QStringLiteral("SELECT * FROM audit_events")));
        while (query.next()) {
            for (int i = 0; i < query.record().count(); ++i) {
                const QByteArray value = query.value(i).toByteArray();
                for (const QByteArray& secret :
                     {QByteArray(kPrivateKey), QByteArray(kApiKey), kNewPrivateKey.toUtf8(),
                      kNewApiKey.toUtf8(), QByteArray("sk_wrong_guess_for_audit_999"),
                      kPassword.toUtf8()})
                    QVERIFY2(!value.contains(secret),
                             qPrintable("an audit event holds a secret in " +
                                        query.record().fieldName(i)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestApiCredentials)
#include "tst_api_credentials.moc"
