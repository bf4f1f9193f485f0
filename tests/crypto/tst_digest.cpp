#include "core/crypto/digest.h"

#include <QTest>

using paycred::crypto::Digest;

class TestDigest : public QObject {
    Q_OBJECT

private slots:
    void sha256_data();
    void sha256();
    void hmacSha256_data();
    void hmacSha256();
    void hkdfSha256_data();
    void hkdfSha256();
    void hkdfWithoutSaltIsAnEmptySalt();
    void hkdfRefusesBadLengths();
    void constantTimeEquals();
    void randomBytes();
};

void TestDigest::sha256_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("hex");
    // FIPS 180-2 examples.
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray(
                                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("empty")
        << QByteArray()
        << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("448 bits")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("million a")
        << QByteArray(1'000'000, 'a')
        << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void TestDigest::sha256() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, hex);
    QCOMPARE(Digest::sha256Hex(input), hex);
    QCOMPARE(Digest::sha256(input), QByteArray::fromHex(hex));
    QCOMPARE(Digest::sha256(input).size(), 32);
}

void TestDigest::hmacSha256_data() {
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("hex");
    // RFC 4231 test cases 1, 2, 6 (key longer than a block) and an empty key.
    QTest::newRow("RFC 4231 case 1")
        << QByteArray(20, '\x0b') << QByteArray("Hi There")
        << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("RFC 4231 case 2")
        << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("RFC 4231 case 6")
        << QByteArray(131, '\xaa')
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("empty key and data")
        << QByteArray() << QByteArray()
        << QByteArray("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

void TestDigest::hmacSha256() {
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, hex);
    QCOMPARE(Digest::hmacSha256(key, data).toHex(), hex);
}

namespace {
QByteArray range(int from, int to) // bytes from..to inclusive
{
    QByteArray out;
    for (int i = from; i <= to; ++i)
        out.append(char(i));
    return out;
}
} // namespace

void TestDigest::hkdfSha256_data() {
    QTest::addColumn<QByteArray>("ikm");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<QByteArray>("info");
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("okm");
    // RFC 5869 appendix A, test cases 1 to 3.
    QTest::newRow("RFC 5869 case 1")
        << QByteArray(22, '\x0b') << range(0x00, 0x0c) << range(0xf0, 0xf9) << 42
        << QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b8"
                      "87185865");
    QTest::newRow("RFC 5869 case 2")
        << range(0x00, 0x4f) << range(0x60, 0xaf) << range(0xb0, 0xff) << 82
        << QByteArray("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                      "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                      "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    QTest::newRow("RFC 5869 case 3") << QByteArray(22, '\x0b') << QByteArray() << QByteArray() << 42
                                     << QByteArray("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879"
                                                   "ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

void TestDigest::hkdfSha256() {
    QFETCH(QByteArray, ikm);
    QFETCH(QByteArray, salt);
    QFETCH(QByteArray, info);
    QFETCH(int, length);
    QFETCH(QByteArray, okm);
    QCOMPARE(Digest::hkdfSha256(ikm, salt, info, length).toHex(), okm);
    // A prefix of the output is the output for a shorter length.
    QCOMPARE(Digest::hkdfSha256(ikm, salt, info, 16).toHex(), okm.left(32));
}

void TestDigest::hkdfWithoutSaltIsAnEmptySalt() {
    // RFC 5869 case 3 through the salt-less overload.
    QCOMPARE(Digest::hkdfSha256(QByteArray(22, '\x0b'), QByteArrayView(), 42).toHex(),
             QByteArray("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395fa"
                        "a4b61a96c8"));
    // Different purposes give unrelated keys.
    const QByteArray master(32, 'm');
    QVERIFY(Digest::hkdfSha256(master, "paycred verification", 32) !=
            Digest::hkdfSha256(master, "paycred other", 32));
    QCOMPARE(Digest::hkdfSha256(master, "paycred verification", 32).size(), 32);
    // An empty input key is still a key.
    QCOMPARE(Digest::hkdfSha256(QByteArrayView(), "x", 32).size(), 32);
}

void TestDigest::hkdfRefusesBadLengths() {
    QVERIFY(Digest::hkdfSha256("k", "i", 0).isEmpty());
    QVERIFY(Digest::hkdfSha256("k", "i", -1).isEmpty());
    QVERIFY(Digest::hkdfSha256("k", "i", 255 * 32 + 1).isEmpty());
    QCOMPARE(Digest::hkdfSha256("k", "i", 255 * 32).size(), 255 * 32);
}

void TestDigest::constantTimeEquals() {
    QVERIFY(Digest::constantTimeEquals("same bytes", "same bytes"));
    QVERIFY(Digest::constantTimeEquals(QByteArrayView(), QByteArrayView()));
    QVERIFY(Digest::constantTimeEquals(QByteArray(), QByteArray("")));
    QVERIFY(!Digest::constantTimeEquals("same bytes", "same bytez"));
    QVERIFY(!Digest::constantTimeEquals("Same bytes", "same bytes"));
    QVERIFY(!Digest::constantTimeEquals("abc", "abcd"));
    QVERIFY(!Digest::constantTimeEquals("abcd", "abc"));
    QVERIFY(!Digest::constantTimeEquals("", "a"));
    QVERIFY(!Digest::constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
}

void TestDigest::randomBytes() {
    const QByteArray a = Digest::randomBytes(32);
    const QByteArray b = Digest::randomBytes(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b);
    QVERIFY(a != QByteArray(32, '\0'));
    QCOMPARE(Digest::randomBytes(1).size(), 1);
    QVERIFY(Digest::randomBytes(0).isEmpty());
    QVERIFY(Digest::randomBytes(-5).isEmpty());
}

QTEST_APPLESS_MAIN(TestDigest)
#include "tst_digest.moc"
