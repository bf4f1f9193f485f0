// Scrypt against RFC 7914's test vectors and Python's hashlib.scrypt (Debian's /usr/bin/python3).

#include "core/crypto/scrypt.h"
#include "tests/crypto/systempython.h"

#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <cstdint>
#include <limits>

using paycred::crypto::Scrypt;
using paycred::test::runSystemPython;

namespace {

Scrypt::Parameters parameters(std::uint64_t n, std::uint32_t r, std::uint32_t p) {
    Scrypt::Parameters result;
    result.n = n;
    result.r = r;
    result.p = p;
    return result;
}

QString b64(const QByteArray& bytes) {
    return QString::fromLatin1(bytes.toBase64());
}

// Derives {"password","salt"} (standard base64) with {"n","r","p","dklen"}; prints base64.
QString pythonScrypt() {
    return QStringLiteral(R"(
import sys, json, base64, hashlib
d = json.load(sys.stdin)
key = hashlib.scrypt(base64.b64decode(d["password"]), salt=base64.b64decode(d["salt"]),
                     n=d["n"], r=d["r"], p=d["p"], maxmem=d["maxmem"], dklen=d["dklen"])
sys.stdout.write(base64.b64encode(key).decode())
)");
}

QByteArray pythonDerive(const QByteArray& password, const QByteArray& salt,
                        const Scrypt::Parameters& params, int length) {
    const auto run = runSystemPython(pythonScrypt(),
                                     {{"password", b64(password)},
                                      {"salt", b64(salt)},
                                      {"n", qint64(params.n)},
                                      {"r", qint64(params.r)},
                                      {"p", qint64(params.p)},
                                      // Python's hashlib also refuses over 32 MiB by default.
                                      {"maxmem", qint64(params.memoryBytes() + 16 * 1024 * 1024)},
                                      {"dklen", length}});
    if (!run.ok()) {
        qWarning("%s", run.diagnostic().constData());
        return {};
    }
    return QByteArray::fromBase64(run.out);
}

} // namespace

class TestScrypt : public QObject {
    Q_OBJECT

private slots:
    void rfc7914Vectors_data();
    void rfc7914Vectors();
    void rfc7914LargestVectorIsOverOurMemoryLimit();
    void invalidParameters_data();
    void invalidParameters();
    void invalidLengthGivesNothing();
    void validBoundaries();
    void defaultsNeedMoreThanOpenSslsDefaultMemory();
    void shorterKeyIsAPrefix();
    void everyInputChangesTheKey();
    void pythonDerivesTheSameKey_data();
    void pythonDerivesTheSameKey();
    void measureMs();
    void tuneStaysInBounds();
};

void TestScrypt::rfc7914Vectors_data() {
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::addColumn<QByteArray>("expected");

    // RFC 7914 §12. The fourth vector (N = 2^20, r = 8: 1 GiB) is over MaxMemoryBytes; see
    // rfc7914LargestVectorIsOverOurMemoryLimit.
    QTest::newRow("empty, N=16")
        << QByteArray("") << QByteArray("") << quint64(16) << quint32(1) << quint32(1)
        << QByteArray::fromHex("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede2"
                               "1442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c"
                               "38d18906");
    QTest::newRow("password/NaCl, N=1024 r=8 p=16")
        << QByteArray("password") << QByteArray("NaCl") << quint64(1024) << quint32(8)
        << quint32(16)
        << QByteArray::fromHex(
               "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf"
               "30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
    QTest::newRow("pleaseletmein/SodiumChloride, N=16384 r=8 p=1")
        << QByteArray("pleaseletmein") << QByteArray("SodiumChloride") << quint64(16384)
        << quint32(8) << quint32(1)
        << QByteArray::fromHex(
               "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d543"
               "2955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
}

void TestScrypt::rfc7914Vectors() {
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    QFETCH(QByteArray, expected);
    QCOMPARE(expected.size(), 64);

    const auto params = parameters(n, r, p);
    QVERIFY(params.isValid());
    const auto key = Scrypt::derive(password, salt, params, 64);
    QCOMPARE(key.size(), std::size_t(64));
    QCOMPARE(key.reveal().toHex(), expected.toHex());
}

void TestScrypt::rfc7914LargestVectorIsOverOurMemoryLimit() {
    // ("pleaseletmein", "SodiumChloride", 2^20, 8, 1) needs 1 GiB: refused, not derived.
    const auto params = parameters(1u << 20, 8, 1);
    QCOMPARE(params.memoryBytes(), std::uint64_t(1) << 30);
    QVERIFY(params.memoryBytes() > Scrypt::MaxMemoryBytes);
    QVERIFY(!params.isValid());
    QVERIFY(Scrypt::derive("pleaseletmein", "SodiumChloride", params, 64).isEmpty());
}

void TestScrypt::invalidParameters_data() {
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");

    QTest::newRow("n=0") << quint64(0) << quint32(8) << quint32(1);
    QTest::newRow("n=1") << quint64(1) << quint32(8) << quint32(1);
    QTest::newRow("n=3") << quint64(3) << quint32(8) << quint32(1);
    QTest::newRow("n=1000") << quint64(1000) << quint32(8) << quint32(1);
    QTest::newRow("n=2^14+2^13") << quint64((1u << 14) + (1u << 13)) << quint32(8) << quint32(1);
    QTest::newRow("r=0") << quint64(1024) << quint32(0) << quint32(1);
    QTest::newRow("p=0") << quint64(1024) << quint32(8) << quint32(0);
    QTest::newRow("memory 1 GiB (n=2^20)") << quint64(1u << 20) << quint32(8) << quint32(1);
    QTest::newRow("memory 1 GiB (p=2)") << quint64(1u << 19) << quint32(8) << quint32(2);
    QTest::newRow("memory 512 MiB + 128 MiB") << quint64(1u << 17) << quint32(8) << quint32(5);
    QTest::newRow("memory overflows 64 bits") << (quint64(1) << 63) << quint32(8) << quint32(1);
    QTest::newRow("r and p huge") << quint64(2) << std::numeric_limits<quint32>::max()
                                  << std::numeric_limits<quint32>::max();
    QTest::newRow("n >= 2^(16r) (RFC 7914)") << quint64(1u << 16) << quint32(1) << quint32(1);
}

void TestScrypt::invalidParameters() {
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    const auto params = parameters(n, r, p);
    QVERIFY(!params.isValid());
    QVERIFY(Scrypt::derive("password", "salt", params).isEmpty());
    QCOMPARE(Scrypt::measureMs(params), -1.0);
}

void TestScrypt::invalidLengthGivesNothing() {
    const auto params = parameters(16, 1, 1);
    QVERIFY(Scrypt::derive("password", "salt", params, 0).isEmpty());
    QVERIFY(Scrypt::derive("password", "salt", params, -1).isEmpty());
    QCOMPARE(Scrypt::derive("password", "salt", params, 1).size(), std::size_t(1));
}

void TestScrypt::validBoundaries() {
    // Exactly MaxMemoryBytes is allowed.
    const auto largest = parameters(1u << 19, 8, 1);
    QCOMPARE(largest.memoryBytes(), Scrypt::MaxMemoryBytes);
    QVERIFY(largest.isValid());
    QVERIFY(parameters(2, 1, 1).isValid());
    QVERIFY(parameters(1u << 15, 1, 1).isValid()); // the largest N for r = 1
    QVERIFY(parameters(1u << 14, 8, 1).isValid());
    QCOMPARE(parameters(1u << 14, 8, 1).memoryBytes(), std::uint64_t(16) << 20);
    QCOMPARE(parameters(1024, 8, 16).memoryBytes(), std::uint64_t(16) << 20);
    QCOMPARE(parameters(2, std::numeric_limits<quint32>::max(), std::numeric_limits<quint32>::max())
                 .memoryBytes(),
             std::numeric_limits<std::uint64_t>::max());
}

void TestScrypt::defaultsNeedMoreThanOpenSslsDefaultMemory() {
    // N = 2^17, r = 8: 128 MiB, over the 32 MiB OpenSSL allows unless told; the limit is passed.
    const Scrypt::Parameters defaults;
    QCOMPARE(defaults.n, std::uint64_t(1) << 17);
    QCOMPARE(defaults.r, 8u);
    QCOMPARE(defaults.p, 1u);
    QVERIFY(defaults.isValid());
    QCOMPARE(defaults.memoryBytes(), std::uint64_t(128) << 20);

    const auto key = Scrypt::derive("correct horse battery staple", "vault slot salt", defaults);
    QCOMPARE(key.size(), std::size_t(32));
    const QByteArray python =
        pythonDerive("correct horse battery staple", "vault slot salt", defaults, 32);
    QCOMPARE(python.size(), 32);
    QCOMPARE(key.reveal().toHex(), python.toHex());
}

void TestScrypt::shorterKeyIsAPrefix() {
    // The last step is PBKDF2-HMAC-SHA256, so a shorter key is a prefix of a longer one.
    const auto params = parameters(1024, 8, 1);
    const auto key16 = Scrypt::derive("pw", "salt", params, 16);
    const auto key64 = Scrypt::derive("pw", "salt", params, 64);
    QCOMPARE(key16.size(), std::size_t(16));
    QCOMPARE(key64.size(), std::size_t(64));
    QCOMPARE(key16.reveal(), key64.reveal().left(16));
}

void TestScrypt::everyInputChangesTheKey() {
    const auto params = parameters(1024, 8, 1);
    const QByteArray base = Scrypt::derive("pw", "salt", params).reveal();
    QCOMPARE(base.size(), 32);
    QCOMPARE(Scrypt::derive("pw", "salt", params).reveal(), base); // deterministic
    QVERIFY(Scrypt::derive("pW", "salt", params).reveal() != base);
    QVERIFY(Scrypt::derive("pw", "salT", params).reveal() != base);
    QVERIFY(Scrypt::derive("pw", "salt", parameters(2048, 8, 1)).reveal() != base);
    QVERIFY(Scrypt::derive("pw", "salt", parameters(1024, 4, 1)).reveal() != base);
    QVERIFY(Scrypt::derive("pw", "salt", parameters(1024, 8, 2)).reveal() != base);
}

void TestScrypt::pythonDerivesTheSameKey_data() {
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::addColumn<int>("length");

    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary.append(char(i));
    QTest::newRow("n=2^14 r=8 p=1") << QByteArray("hunter2") << QByteArray("0123456789abcdef")
                                    << quint64(1u << 14) << quint32(8) << quint32(1) << 32;
    QTest::newRow("utf-8 password, random-looking salt")
        << QStringLiteral("nenosiri ya siri ✓").toUtf8() << QByteArray::fromHex("9f1c2a7700ff10ee")
        << quint64(1u << 14) << quint32(8) << quint32(1) << 32;
    QTest::newRow("binary password, 64 bytes, p=2")
        << binary << QByteArray(32, '\0') << quint64(1u << 14) << quint32(8) << quint32(2) << 64;
    QTest::newRow("n=2^16 (over 32 MiB)") << QByteArray("pw") << QByteArray("salt")
                                          << quint64(1u << 16) << quint32(8) << quint32(1) << 32;
}

void TestScrypt::pythonDerivesTheSameKey() {
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    QFETCH(int, length);

    const auto params = parameters(n, r, p);
    const auto key = Scrypt::derive(password, salt, params, length);
    QCOMPARE(key.size(), std::size_t(length));
    const QByteArray python = pythonDerive(password, salt, params, length);
    QCOMPARE(python.size(), length);
    QCOMPARE(key.reveal().toHex(), python.toHex());
}

void TestScrypt::measureMs() {
    const double ms = Scrypt::measureMs(parameters(1u << 14, 8, 1));
    QVERIFY(std::isfinite(ms));
    QVERIFY(ms > 0);
    QCOMPARE(Scrypt::measureMs(parameters(3, 8, 1)), -1.0);
}

void TestScrypt::tuneStaysInBounds() {
    const auto inBounds = [](const Scrypt::Parameters& tuned) {
        return tuned.isValid() && tuned.r == 8 && tuned.p == 1 && tuned.n >= Scrypt::TuneMinN &&
               tuned.n <= Scrypt::TuneMaxN;
    };
    // Nothing is fast enough for these: the floor.
    for (const double target : {0.0, -5.0, std::nan("")}) {
        const auto tuned = Scrypt::tune(target);
        QVERIFY(inBounds(tuned));
        QCOMPARE(tuned.n, Scrypt::TuneMinN);
    }
    for (const double target : {1.0, 100.0, 500.0})
        QVERIFY2(inBounds(Scrypt::tune(target)), qPrintable(QString::number(target)));
    // No time limit at all: the largest n that still passes isValid(), 2^19 for r = 8.
    const auto unlimited = Scrypt::tune(std::numeric_limits<double>::infinity());
    QVERIFY(inBounds(unlimited));
    QCOMPARE(unlimited.n, std::uint64_t(1) << 19);
}

QTEST_GUILESS_MAIN(TestScrypt)
#include "tst_scrypt.moc"
