#include "core/crypto/digest.h"
#include "core/crypto/jwt.h"
#include "tests/crypto/systempython.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using paycred::crypto::Digest;
using paycred::crypto::Jwt;
using paycred::crypto::Secret;
using paycred::test::runSystemPython;

Q_DECLARE_METATYPE(Jwt::Error)

namespace {

QByteArray signingKey() {
    return "a signing key for tests, not a real one";
}

QByteArray b64url(const QByteArray& bytes) {
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A token whose signature is right for `key` whatever its header and payload say.
QByteArray forge(const QByteArray& headerJson, const QByteArray& payloadJson,
                 const QByteArray& key = signingKey()) {
    const QByteArray input = b64url(headerJson) + '.' + b64url(payloadJson);
    return input + '.' + b64url(Digest::hmacSha256(key, input));
}

QByteArray hs256Header() {
    return R"({"alg":"HS256","typ":"JWT"})";
}
QByteArray samplePayload() {
    return R"({"exp":2000,"iat":1000,"user_id":5})";
}

// One verifier for the whole suite.
const Jwt& testJwt() {
    static const Jwt jwt{Secret(signingKey())};
    return jwt;
}

} // namespace

class TestJwt : public QObject {
    Q_OBJECT

private slots:
    void signAndVerify();
    void tokenShape();
    void claimsAreSimpleJwtShaped();
    void tamperedTokensFailTheSignature();
    void aFailedHmacMatchesNothing();
    void onlyHs256IsAccepted_data();
    void onlyHs256IsAccepted();
    void malformed_data();
    void malformed();
    void expiry();
    void userId_data();
    void userId();
    void pyjwtDecodesOurTokens();
    void weVerifyPyjwtTokens_data();
    void weVerifyPyjwtTokens();
};

void TestJwt::signAndVerify() {
    const QJsonObject claims = Jwt::claims(QStringLiteral("access"), 42, 1000, 300);
    const QByteArray token = testJwt().sign(claims);
    const auto decoded = testJwt().verify(token, 1100);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.error, Jwt::Error::None);
    QCOMPARE(decoded.claims, claims);
    QCOMPARE(Jwt::userId(decoded.claims), 42);

    // Another key does not verify it.
    QCOMPARE(Jwt(Secret(QByteArrayView("another key"))).verify(token, 1100).error,
             Jwt::Error::BadSignature);
}

void TestJwt::tokenShape() {
    const QByteArray token = testJwt().sign({{"exp", 5}});
    const QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    QVERIFY(!token.contains('='));
    QCOMPARE(QByteArray::fromBase64(parts.at(0), QByteArray::Base64UrlEncoding), hs256Header());
    QCOMPARE(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding),
             QByteArray(R"({"exp":5})"));
    QCOMPARE(QByteArray::fromBase64(parts.at(2), QByteArray::Base64UrlEncoding),
             Digest::hmacSha256(signingKey(), parts.at(0) + '.' + parts.at(1)));
}

void TestJwt::claimsAreSimpleJwtShaped() {
    const QJsonObject claims = Jwt::claims(QStringLiteral("refresh"), 7, 1'700'000'000, 86400);
    QCOMPARE(claims.size(), 5);
    QCOMPARE(claims.value("token_type").toString(), QStringLiteral("refresh"));
    QCOMPARE(claims.value("iat").toInteger(), 1'700'000'000);
    QCOMPARE(claims.value("exp").toInteger(), 1'700'086'400);
    QVERIFY(claims.value("user_id").isDouble());
    QCOMPARE(claims.value("user_id").toInteger(), 7);
    static const QRegularExpression hex32(QStringLiteral("^[0-9a-f]{32}$"));
    QVERIFY(hex32.match(claims.value("jti").toString()).hasMatch());
    QVERIFY(Jwt::claims(QStringLiteral("refresh"), 7, 0, 1).value("jti") != claims.value("jti"));
}

void TestJwt::tamperedTokensFailTheSignature() {
    const QByteArray token = testJwt().sign(Jwt::claims(QStringLiteral("access"), 5, 1000, 300));
    QList<QByteArray> parts = token.split('.');

    // Another payload under the old signature.
    QJsonObject other = Jwt::claims(QStringLiteral("access"), 1, 1000, 300);
    const QByteArray swapped = parts.at(0) + '.' + b64url(json(other)) + '.' + parts.at(2);
    QCOMPARE(testJwt().verify(swapped, 1100).error, Jwt::Error::BadSignature);

    // A changed signature (first character, so the spelling stays canonical).
    QByteArray signature = parts.at(2);
    signature[0] = signature.at(0) == 'A' ? 'B' : 'A';
    QCOMPARE(testJwt().verify(parts.at(0) + '.' + parts.at(1) + '.' + signature, 1100).error,
             Jwt::Error::BadSignature);
    // No signature, or a truncated one.
    QCOMPARE(testJwt().verify(parts.at(0) + '.' + parts.at(1) + '.', 1100).error,
             Jwt::Error::BadSignature);
    QCOMPARE(
        testJwt().verify(parts.at(0) + '.' + parts.at(1) + '.' + parts.at(2).left(40), 1100).error,
        Jwt::Error::BadSignature);
    // Signed by another key.
    QCOMPARE(testJwt().verify(forge(hs256Header(), samplePayload(), "not the key"), 1100).error,
             Jwt::Error::BadSignature);
    // The untouched token still passes: the checks above are about the changes.
    QVERIFY(testJwt().verify(token, 1100).ok());
}

// Where OpenSSL has no HMAC to give, the HMAC is empty, as an empty signature is: the check
// must not take "both empty" for "equal". The test runs itself again under an OpenSSL
// configuration whose default properties match no provider (a real OpenSSL, configured so).
void TestJwt::aFailedHmacMatchesNothing() {
    const QByteArray unsignedToken = b64url(hs256Header()) + '.' + b64url(samplePayload()) + '.';
    if (qEnvironmentVariableIsSet("PAYCRED_TEST_NO_HMAC")) {
        QVERIFY(Digest::hmacSha256(signingKey(), "input").isEmpty()); // the premise
        QCOMPARE(testJwt().verify(unsignedToken, 1100).error, Jwt::Error::BadSignature);
        return;
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile config(dir.filePath(QStringLiteral("openssl.cnf")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("openssl_conf = openssl_init\n[openssl_init]\nalg_section = evp_properties\n"
                 "[evp_properties]\ndefault_properties = provider=none\n");
    config.close();
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OPENSSL_CONF"), config.fileName());
    environment.insert(QStringLiteral("PAYCRED_TEST_NO_HMAC"), QStringLiteral("1"));
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("aFailedHmacMatchesNothing")});
    QVERIFY(child.waitForFinished(60000));
    const QByteArray output = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             output.constData());
    QVERIFY2(output.contains("PASS   : TestJwt::aFailedHmacMatchesNothing()"), output.constData());
    // Here, with HMAC, the same unsigned token fails as well.
    QCOMPARE(testJwt().verify(unsignedToken, 1100).error, Jwt::Error::BadSignature);
}

void TestJwt::onlyHs256IsAccepted_data() {
    QTest::addColumn<QByteArray>("token");
    const QByteArray none =
        b64url(R"({"alg":"none","typ":"JWT"})") + '.' + b64url(samplePayload()) + '.';
    QTest::newRow("none, unsigned") << none;
    QTest::newRow("none, signed") << forge(R"({"alg":"none","typ":"JWT"})", samplePayload());
    QTest::newRow("None") << forge(R"({"alg":"None"})", samplePayload());
    QTest::newRow("HS512") << forge(R"({"alg":"HS512","typ":"JWT"})", samplePayload());
    QTest::newRow("HS384") << forge(R"({"alg":"HS384","typ":"JWT"})", samplePayload());
    QTest::newRow("RS256") << forge(R"({"alg":"RS256","typ":"JWT"})", samplePayload());
    QTest::newRow("ES256") << forge(R"({"alg":"ES256","typ":"JWT"})", samplePayload());
    QTest::newRow("hs256") << forge(R"({"alg":"hs256","typ":"JWT"})", samplePayload());
    QTest::newRow("HS256 with a space")
        << forge(R"({"alg":"HS256 ","typ":"JWT"})", samplePayload());
    QTest::newRow("missing alg") << forge(R"({"typ":"JWT"})", samplePayload());
    QTest::newRow("alg null") << forge(R"({"alg":null})", samplePayload());
    QTest::newRow("alg array") << forge(R"({"alg":["HS256"]})", samplePayload());
    QTest::newRow("empty header object") << forge("{}", samplePayload());
}

void TestJwt::onlyHs256IsAccepted() {
    QFETCH(QByteArray, token);
    const auto decoded = testJwt().verify(token, 1100);
    QCOMPARE(decoded.error, Jwt::Error::BadAlgorithm);
    QVERIFY(decoded.claims.isEmpty());
}

void TestJwt::malformed_data() {
    QTest::addColumn<QByteArray>("token");
    const QByteArray good = forge(hs256Header(), samplePayload());
    const QList<QByteArray> parts = good.split('.');
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one segment") << parts.at(0);
    QTest::newRow("two segments") << parts.at(0) + '.' + parts.at(1);
    QTest::newRow("four segments") << good + '.' + parts.at(2);
    QTest::newRow("only dots") << QByteArray("..");
    QTest::newRow("bad base64 header") << "!!" + good.mid(2);
    QTest::newRow("bad base64 payload")
        << parts.at(0) + ".*" + parts.at(1).mid(1) + '.' + parts.at(2);
    QTest::newRow("bad base64 signature") << parts.at(0) + '.' + parts.at(1) + ".%%%";
    QTest::newRow("padded signature") << good + "=";
    QTest::newRow("standard alphabet")
        << parts.at(0) + '.' + parts.at(1) + "+/" + parts.at(2).mid(2);
    QTest::newRow("whitespace") << " " + good;
    QTest::newRow("header not JSON") << forge("HS256", samplePayload());
    QTest::newRow("header a JSON array") << forge(R"(["HS256"])", samplePayload());
    QTest::newRow("header with crit")
        << forge(R"({"alg":"HS256","crit":["b64"],"b64":false})", samplePayload());
    QTest::newRow("payload not JSON") << forge(hs256Header(), "user_id=5");
    QTest::newRow("payload a JSON array") << forge(hs256Header(), "[1,2]");
    QTest::newRow("payload empty") << forge(hs256Header(), "");
    QTest::newRow("no exp") << forge(hs256Header(), R"({"user_id":5})");
    QTest::newRow("exp a string") << forge(hs256Header(), R"({"exp":"2000"})");
    QTest::newRow("exp null") << forge(hs256Header(), R"({"exp":null})");
    QTest::newRow("exp an object") << forge(hs256Header(), R"({"exp":{}})");
}

void TestJwt::malformed() {
    QFETCH(QByteArray, token);
    const auto decoded = testJwt().verify(token, 1100);
    QCOMPARE(decoded.error, Jwt::Error::Malformed);
    QVERIFY(decoded.claims.isEmpty());
}

void TestJwt::expiry() {
    // PyJWT 2.6's rule: expired once now >= exp.
    const QByteArray token = testJwt().sign({{"exp", 2000}});
    QVERIFY(testJwt().verify(token, 1999).ok());
    QCOMPARE(testJwt().verify(token, 2000).error, Jwt::Error::Expired);
    QCOMPARE(testJwt().verify(token, 2001).error, Jwt::Error::Expired);
    QVERIFY(testJwt().verify(token, 2001).claims.isEmpty());
    // A fractional exp counts by its whole seconds, like int(exp) in PyJWT.
    const QByteArray fractional = testJwt().sign({{"exp", 2000.5}});
    QVERIFY(testJwt().verify(fractional, 1999).ok());
    QCOMPARE(testJwt().verify(fractional, 2000).error, Jwt::Error::Expired);
    // The signature is checked before the time: a forged expired token is a bad signature.
    QCOMPARE(testJwt().verify(forge(hs256Header(), R"({"exp":1})", "x"), 2000).error,
             Jwt::Error::BadSignature);
}

void TestJwt::userId_data() {
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("number") << QJsonValue(42) << qint64(42);
    QTest::newRow("large number") << QJsonValue(qint64(9'007'199'254'740'993))
                                  << qint64(9'007'199'254'740'993);
    QTest::newRow("integral double") << QJsonValue(7.0) << qint64(7);
    QTest::newRow("string") << QJsonValue("42") << qint64(42);
    QTest::newRow("zero") << QJsonValue(0) << qint64(0);
    QTest::newRow("negative") << QJsonValue(-5) << qint64(0);
    QTest::newRow("fraction") << QJsonValue(4.5) << qint64(0);
    QTest::newRow("string zero") << QJsonValue("0") << qint64(0);
    QTest::newRow("string negative") << QJsonValue("-5") << qint64(0);
    QTest::newRow("string fraction") << QJsonValue("4.5") << qint64(0);
    QTest::newRow("string with space") << QJsonValue(" 42") << qint64(0);
    QTest::newRow("string with sign") << QJsonValue("+42") << qint64(0);
    QTest::newRow("string letters") << QJsonValue("abc") << qint64(0);
    QTest::newRow("empty string") << QJsonValue("") << qint64(0);
    QTest::newRow("string too long") << QJsonValue("99999999999999999999") << qint64(0);
    QTest::newRow("bool") << QJsonValue(true) << qint64(0);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << qint64(0);
    QTest::newRow("array") << QJsonValue(QJsonArray{1}) << qint64(0);
    QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << qint64(0);
}

void TestJwt::userId() {
    QFETCH(QJsonValue, value);
    QFETCH(qint64, expected);
    QJsonObject claims{{"exp", 1}};
    if (!value.isUndefined())
        claims.insert("user_id", value);
    QCOMPARE(Jwt::userId(claims), expected);
}

void TestJwt::pyjwtDecodesOurTokens() {
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims = Jwt::claims(QStringLiteral("access"), 12, now, 300);
    const QByteArray token = testJwt().sign(claims);
    const QString script = QStringLiteral(R"(
import sys, json, base64, jwt
d = json.load(sys.stdin)
claims = jwt.decode(d["token"], base64.b64decode(d["key"]), algorithms=["HS256"])
print(json.dumps(claims, sort_keys=True))
)");
    const auto run =
        runSystemPython(script, {{"token", QString::fromLatin1(token)},
                                 {"key", QString::fromLatin1(signingKey().toBase64())}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    QCOMPARE(QJsonDocument::fromJson(run.out).object(), claims);

    // And PyJWT refuses it under another key: the check above can fail.
    const auto refused = runSystemPython(
        script, {{"token", QString::fromLatin1(token)},
                 {"key", QString::fromLatin1(QByteArray("another key").toBase64())}});
    QVERIFY(refused.finished);
    QVERIFY(refused.exitCode != 0);
    QVERIFY(refused.err.contains("InvalidSignatureError"));
}

void TestJwt::weVerifyPyjwtTokens_data() {
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<Jwt::Error>("expected");
    QTest::addColumn<qint64>("userId");
    const QJsonObject numeric{{"token_type", "access"},
                              {"exp", 2'000'000'000},
                              {"iat", 1'999'999'000},
                              {"jti", "0123456789abcdef0123456789abcdef"},
                              {"user_id", 7}};
    QJsonObject textual = numeric;
    textual.insert("user_id", "7");
    QTest::newRow("user_id number")
        << numeric << "HS256" << signingKey() << Jwt::Error::None << qint64(7);
    QTest::newRow("user_id string")
        << textual << "HS256" << signingKey() << Jwt::Error::None << qint64(7);
    QTest::newRow("other key") << numeric << "HS256" << QByteArray("other")
                               << Jwt::Error::BadSignature << qint64(0);
    QTest::newRow("HS512") << numeric << "HS512" << signingKey() << Jwt::Error::BadAlgorithm
                           << qint64(0);
    QJsonObject expired = numeric;
    expired.insert("exp", 1'999'999'500);
    QTest::newRow("expired") << expired << "HS256" << signingKey() << Jwt::Error::Expired
                             << qint64(0);
}

void TestJwt::weVerifyPyjwtTokens() {
    QFETCH(QJsonObject, payload);
    QFETCH(QString, algorithm);
    QFETCH(QByteArray, key);
    QFETCH(Jwt::Error, expected);
    QFETCH(qint64, userId);
    const QString script = QStringLiteral(R"(
import sys, json, base64, jwt
d = json.load(sys.stdin)
print(jwt.encode(d["payload"], base64.b64decode(d["key"]), algorithm=d["algorithm"]))
)");
    const auto run = runSystemPython(script, {{"payload", payload},
                                              {"key", QString::fromLatin1(key.toBase64())},
                                              {"algorithm", algorithm}});
    QVERIFY2(run.ok(), run.diagnostic().constData());

    const auto decoded = testJwt().verify(run.out.trimmed(), 1'999'999'600);
    QCOMPARE(decoded.error, expected);
    if (expected == Jwt::Error::None)
        QCOMPARE(decoded.claims, payload);
    QCOMPARE(Jwt::userId(decoded.claims), userId);
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
