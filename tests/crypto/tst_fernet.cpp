#include "core/crypto/digest.h"
#include "core/crypto/fernet.h"
#include "core/crypto/fernetkey.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using paycred::crypto::Digest;
using paycred::crypto::Fernet;
using paycred::crypto::FernetKey;

Q_DECLARE_METATYPE(Fernet::Error)

namespace {

QJsonArray loadVectors(const char* name) {
    QFile file(QStringLiteral(PAYCRED_TESTDATA_DIR "/fernet/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).array();
}

// RFC 3339 with an offset, as the spec's vectors write it; -1 when it does not parse.
qint64 unixTime(const QJsonValue& value) {
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.isValid() ? time.toSecsSinceEpoch() : -1;
}

FernetKey keyFrom(const QJsonValue& value) {
    const auto key = FernetKey::fromBase64(value.toString().toLatin1());
    return key ? *key : FernetKey::generate(); // a wrong key makes the comparisons fail
}

QByteArray decodeToken(const QByteArray& token) {
    return QByteArray::fromBase64(token, QByteArray::Base64UrlEncoding);
}

QByteArray encodeToken(const QByteArray& bytes) {
    return bytes.toBase64(QByteArray::Base64UrlEncoding);
}

QByteArray specKey() {
    return "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
}
QByteArray specToken() {
    return "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVU"
           "PgJobwOz7JcbmrR64jVmpU4IwqDA==";
}
constexpr qint64 SpecTime = 499162800; // 1985-10-26T01:20:00-07:00

} // namespace

class TestFernet : public QObject {
    Q_OBJECT

private slots:
    void vectorFilesArePresent();
    void generate_data();
    void generate();
    void verify_data();
    void verify();
    void invalid_data();
    void invalid();

    void roundTrip_data();
    void roundTrip();
    void eachEncryptionUsesAFreshIv();
    void everyTamperedByteIsRejected();
    void anotherKeyCannotDecrypt();
    void ttlAndClockSkewBoundaries();
    void onlyCanonicalUrlSafeSpellingsDecode_data();
    void onlyCanonicalUrlSafeSpellingsDecode();
    void isSignedByChecksOnlyTheMac();
    void encryptRefusesBadInput();

    void keyFromBase64();
    void keyRejectsBadText_data();
    void keyRejectsBadText();
    void generatedKeysDiffer();
};

void TestFernet::vectorFilesArePresent() {
    QCOMPARE(loadVectors("generate.json").size(), 1);
    QCOMPARE(loadVectors("verify.json").size(), 1);
    QCOMPARE(loadVectors("invalid.json").size(), 8);
    QCOMPARE(unixTime(QStringLiteral("1985-10-26T01:20:00-07:00")), SpecTime);
}

void TestFernet::generate_data() {
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = loadVectors("generate.json");
    for (qsizetype i = 0; i < vectors.size(); ++i)
        QTest::addRow("generate %lld", static_cast<long long>(i)) << vectors.at(i).toObject();
}

void TestFernet::generate() {
    QFETCH(QJsonObject, vector);
    QByteArray iv;
    for (const QJsonValue byte : vector.value("iv").toArray())
        iv.append(char(byte.toInt()));
    QCOMPARE(iv.size(), 16);
    const qint64 now = unixTime(vector.value("now"));
    QVERIFY(now > 0);
    const FernetKey key = keyFrom(vector.value("secret"));

    const QByteArray token =
        Fernet::encryptWithIv(key, vector.value("src").toString().toUtf8(), now, iv);
    QCOMPARE(token, vector.value("token").toString().toLatin1());
}

void TestFernet::verify_data() {
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray vectors = loadVectors("verify.json");
    for (qsizetype i = 0; i < vectors.size(); ++i)
        QTest::addRow("verify %lld", static_cast<long long>(i)) << vectors.at(i).toObject();
}

void TestFernet::verify() {
    QFETCH(QJsonObject, vector);
    const QByteArray token = vector.value("token").toString().toLatin1();
    const FernetKey key = keyFrom(vector.value("secret"));
    const qint64 now = unixTime(vector.value("now"));
    QVERIFY(now > 0);

    const auto decrypted = Fernet::decrypt(key, token, now, vector.value("ttl_sec").toInteger());
    QVERIFY(decrypted.ok());
    QCOMPARE(decrypted.plaintext.reveal(), vector.value("src").toString().toUtf8());
    QCOMPARE(decrypted.timestamp, SpecTime);
    QVERIFY(Fernet::isSignedBy(key, token));
}

void TestFernet::invalid_data() {
    QTest::addColumn<QJsonObject>("vector");
    QTest::addColumn<Fernet::Error>("expected");
    for (const QJsonValue value : loadVectors("invalid.json")) {
        const QJsonObject vector = value.toObject();
        const QString desc = vector.value("desc").toString();
        // The two whose MAC is right fail for their time; all others are plain invalid.
        const Fernet::Error expected = desc == QLatin1String("expired TTL") ? Fernet::Error::Expired
                                       : desc.startsWith(QLatin1String("far-future"))
                                           ? Fernet::Error::FromFuture
                                           : Fernet::Error::InvalidToken;
        QTest::newRow(qPrintable(desc)) << vector << expected;
    }
}

void TestFernet::invalid() {
    QFETCH(QJsonObject, vector);
    QFETCH(Fernet::Error, expected);
    const FernetKey key = keyFrom(vector.value("secret"));
    const qint64 now = unixTime(vector.value("now"));
    QVERIFY(now > 0);

    const auto decrypted = Fernet::decrypt(key, vector.value("token").toString().toLatin1(), now,
                                           vector.value("ttl_sec").toInteger());
    QVERIFY(!decrypted.ok());
    QCOMPARE(decrypted.error, expected);
    QVERIFY(decrypted.plaintext.isEmpty());
}

void TestFernet::roundTrip_data() {
    QTest::addColumn<QByteArray>("plaintext");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("1 byte") << QByteArray("x");
    QTest::newRow("15 bytes") << QByteArray(15, 'a');
    QTest::newRow("16 bytes") << QByteArray(16, 'b');
    QTest::newRow("17 bytes") << QByteArray(17, 'c');
    QTest::newRow("1000 bytes") << QByteArray(1000, 'd');
    QByteArray everyByte;
    for (int i = 0; i < 256; ++i)
        everyByte.append(char(i));
    QTest::newRow("every byte value") << everyByte;
    QTest::newRow("utf-8") << QStringLiteral("sk_live_ñø✓").toUtf8();
}

void TestFernet::roundTrip() {
    QFETCH(QByteArray, plaintext);
    const FernetKey key = FernetKey::generate();
    const qint64 now = 1'700'000'000;

    const QByteArray token = Fernet::encrypt(key, plaintext, now);
    QVERIFY(token.startsWith("gAAAAA"));
    QCOMPARE(token.size() % 4, 0);
    const qsizetype blocks = plaintext.size() / 16 + 1;
    QCOMPARE(decodeToken(token).size(), 1 + 8 + 16 + blocks * 16 + 32);

    const auto decrypted = Fernet::decrypt(key, token, now + 5, 60);
    QVERIFY(decrypted.ok());
    QCOMPARE(decrypted.error, Fernet::Error::None);
    QCOMPARE(decrypted.plaintext.reveal(), plaintext);
    QCOMPARE(decrypted.timestamp, now);
}

void TestFernet::eachEncryptionUsesAFreshIv() {
    const FernetKey key = FernetKey::generate();
    const QByteArray first = Fernet::encrypt(key, "same", 1000);
    const QByteArray second = Fernet::encrypt(key, "same", 1000);
    QVERIFY(!first.isEmpty());
    QVERIFY(first != second);
    QVERIFY(decodeToken(first).mid(9, 16) != decodeToken(second).mid(9, 16));
}

void TestFernet::everyTamperedByteIsRejected() {
    const FernetKey key = FernetKey::generate();
    const QByteArray token = Fernet::encrypt(key, "a credential worth protecting", 5000);
    const QByteArray bytes = decodeToken(token);
    QVERIFY(Fernet::decrypt(key, token, 5000).ok());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        QByteArray tampered = bytes;
        tampered[i] = char(tampered.at(i) ^ 0x01);
        const QByteArray tamperedToken = encodeToken(tampered);
        const auto decrypted = Fernet::decrypt(key, tamperedToken, 5000);
        QVERIFY2(decrypted.error == Fernet::Error::InvalidToken,
                 qPrintable(QStringLiteral("byte %1 was not covered").arg(i)));
        QVERIFY(!Fernet::isSignedBy(key, tamperedToken));
    }
    // Cut short or lengthened tokens are no better.
    QVERIFY(!Fernet::decrypt(key, encodeToken(bytes.chopped(1)), 5000).ok());
    QVERIFY(!Fernet::decrypt(key, encodeToken(bytes.chopped(32)), 5000).ok());
    QVERIFY(!Fernet::decrypt(key, encodeToken(bytes + QByteArray(16, '\0')), 5000).ok());
}

void TestFernet::anotherKeyCannotDecrypt() {
    const FernetKey key = FernetKey::generate();
    const FernetKey other = FernetKey::generate();
    const QByteArray token = Fernet::encrypt(key, "secret", 100);
    const auto decrypted = Fernet::decrypt(other, token, 100);
    QCOMPARE(decrypted.error, Fernet::Error::InvalidToken);
    QVERIFY(decrypted.plaintext.isEmpty());
}

void TestFernet::ttlAndClockSkewBoundaries() {
    const FernetKey key = FernetKey::generate();
    const qint64 made = 1'000'000;
    const QByteArray token = Fernet::encrypt(key, "payload", made);

    // Expired when timestamp + ttl < now (Python's rule): the last second still decrypts.
    QVERIFY(Fernet::decrypt(key, token, made + 100, 100).ok());
    QCOMPARE(Fernet::decrypt(key, token, made + 101, 100).error, Fernet::Error::Expired);
    // From the future when now + 60 < timestamp.
    QVERIFY(Fernet::decrypt(key, token, made - 60, 100).ok());
    QCOMPARE(Fernet::decrypt(key, token, made - 61, 100).error, Fernet::Error::FromFuture);
    // Without a TTL, like Python's Fernet.decrypt(token): neither check applies.
    QVERIFY(Fernet::decrypt(key, token, made - 3600).ok());
    QVERIFY(Fernet::decrypt(key, token, made + qint64(10) * 365 * 86400).ok());
    // A wrong key never reports a time verdict.
    QCOMPARE(Fernet::decrypt(FernetKey::generate(), token, made + 101, 100).error,
             Fernet::Error::InvalidToken);
}

void TestFernet::onlyCanonicalUrlSafeSpellingsDecode_data() {
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("accepted");
    QVERIFY(specToken().contains('_') && specToken().endsWith("A=="));
    QTest::newRow("as written") << specToken() << true;
    QTest::newRow("without padding") << specToken().chopped(2) << true;
    QTest::newRow("one '=' of two") << specToken().chopped(1) << false;
    QTest::newRow("standard alphabet")
        << QByteArray(specToken()).replace('_', '/').replace('-', '+') << false;
    QTest::newRow("leftover bits set") << specToken().chopped(3) + "B==" << false;
    QTest::newRow("trailing newline") << specToken() + "\n" << false;
    QTest::newRow("leading space") << " " + specToken() << false;
    QTest::newRow("extra character") << specToken().chopped(2) + "A" << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestFernet::onlyCanonicalUrlSafeSpellingsDecode() {
    QFETCH(QByteArray, token);
    QFETCH(bool, accepted);
    const FernetKey key = *FernetKey::fromBase64(specKey());
    const auto decrypted = Fernet::decrypt(key, token, SpecTime, 60);
    QCOMPARE(decrypted.ok(), accepted);
    if (accepted)
        QCOMPARE(decrypted.plaintext.reveal(), QByteArray("hello"));
    QCOMPARE(Fernet::isSignedBy(key, token), accepted);
}

void TestFernet::isSignedByChecksOnlyTheMac() {
    const FernetKey key = FernetKey::generate();
    const qint64 made = 2'000'000;
    const QByteArray token = Fernet::encrypt(key, "x", made);
    QVERIFY(Fernet::isSignedBy(key, token));
    QVERIFY(!Fernet::isSignedBy(FernetKey::generate(), token));
    QVERIFY(!Fernet::isSignedBy(key, "not a token"));
    // Signed, even when expired or from the future: time is decrypt()'s business.
    QCOMPARE(Fernet::decrypt(key, token, made + 1000, 10).error, Fernet::Error::Expired);
    QVERIFY(Fernet::isSignedBy(key, token));
    // The spec's "padding error" vector has a good MAC and a bad ciphertext: signed, but
    // does not decrypt.
    const FernetKey theSpecKey = *FernetKey::fromBase64(specKey());
    const QByteArray badPadding =
        "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3"
        "RtXatOYREu2FWke6CnJNYIbkuKNqOhw==";
    QVERIFY(Fernet::isSignedBy(theSpecKey, badPadding));
    QCOMPARE(Fernet::decrypt(theSpecKey, badPadding, SpecTime).error, Fernet::Error::InvalidToken);
}

void TestFernet::encryptRefusesBadInput() {
    const FernetKey key = FernetKey::generate();
    QVERIFY(Fernet::encryptWithIv(key, "x", 1, QByteArray(15, '\0')).isEmpty());
    QVERIFY(Fernet::encryptWithIv(key, "x", 1, QByteArray(17, '\0')).isEmpty());
    QVERIFY(!Fernet::encryptWithIv(key, "x", 1, QByteArray(16, '\0')).isEmpty());
    QVERIFY(Fernet::encrypt(key, "x", -1).isEmpty()); // the format has no time before 1970
}

void TestFernet::keyFromBase64() {
    const auto key = FernetKey::fromBase64(specKey());
    QVERIFY(key.has_value());
    QCOMPARE(key->toBase64(), specKey());
    const QByteArray raw = QByteArray::fromBase64(specKey(), QByteArray::Base64UrlEncoding);
    QCOMPARE(raw.size(), 32);
    QCOMPARE(key->signingKey().toByteArray(), raw.left(16));
    QCOMPARE(key->encryptionKey().toByteArray(), raw.mid(16));
    QCOMPARE(key->fingerprint(), QString::fromLatin1(Digest::sha256Hex(raw).left(8)));
    QCOMPARE(key->fingerprint().size(), 8);
    // The unpadded spelling is the same key.
    const auto unpadded = FernetKey::fromBase64(QByteArray(specKey()).chopped(1));
    QVERIFY(unpadded.has_value());
    QCOMPARE(unpadded->fingerprint(), key->fingerprint());
}

void TestFernet::keyRejectsBadText_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("31 bytes") << QByteArray(31, 'k').toBase64(QByteArray::Base64UrlEncoding);
    QTest::newRow("33 bytes") << QByteArray(33, 'k').toBase64(QByteArray::Base64UrlEncoding);
    QTest::newRow("standard alphabet") << QByteArray(specKey()).replace('_', '/').replace('-', '+');
    QTest::newRow("not base64") << QByteArray("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%=");
    QTest::newRow("trailing newline") << specKey() + "\n";
    QTest::newRow("hex") << QByteArray(32, 'k').toHex();
}

void TestFernet::keyRejectsBadText() {
    QFETCH(QByteArray, text);
    QVERIFY(!FernetKey::fromBase64(text).has_value());
}

void TestFernet::generatedKeysDiffer() {
    const FernetKey a = FernetKey::generate();
    const FernetKey b = FernetKey::generate();
    QCOMPARE(a.toBase64().size(), 44);
    QVERIFY(a.toBase64() != b.toBase64());
    QVERIFY(FernetKey::fromBase64(a.toBase64()).has_value());
    QCOMPARE(FernetKey::fromBase64(a.toBase64())->fingerprint(), a.fingerprint());
}

QTEST_GUILESS_MAIN(TestFernet)
#include "tst_fernet.moc"
