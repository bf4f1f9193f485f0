// AesGcm against the GCM spec's AES-256 vectors (McGrew & Viega, test cases 13-16) and Python's
// cryptography AESGCM (Debian's python3-cryptography), both ways.

#include "core/crypto/aesgcm.h"
#include "core/crypto/digest.h"
#include "tests/crypto/systempython.h"

#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <optional>

using paycred::crypto::AesGcm;
using paycred::crypto::Digest;
using paycred::crypto::Secret;
using paycred::test::runSystemPython;

namespace {

QString b64(const QByteArray& bytes) {
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray newKey() {
    return Digest::randomBytes(AesGcm::KeyBytes);
}

QByteArray binaryData(int size) {
    QByteArray data;
    for (int i = 0; i < size; ++i)
        data.append(char((i * 37 + 11) & 0xff));
    return data;
}

// The plaintext when `sealed` opens, "<nullopt>" when it does not: keeps QCOMPARE readable.
QByteArray opened(QByteArrayView key, QByteArrayView sealed, QByteArrayView aad = {}) {
    const std::optional<Secret> plain = AesGcm::open(key, sealed, aad);
    return plain ? plain->reveal() : QByteArray("<nullopt>");
}

// Opens {"key","nonce","ct_tag","aad"} (standard base64; "aad" may be null) with
// AESGCM(key).decrypt and prints the plaintext as base64.
QString pythonOpen() {
    return QStringLiteral(R"(
import sys, json, base64
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
d = json.load(sys.stdin)
aad = None if d["aad"] is None else base64.b64decode(d["aad"])
plain = AESGCM(base64.b64decode(d["key"])).decrypt(base64.b64decode(d["nonce"]),
                                                   base64.b64decode(d["ct_tag"]), aad)
sys.stdout.write(base64.b64encode(plain).decode())
)");
}

// Seals {"plaintext"} under {"key"} with a fresh os.urandom(12) nonce and {"aad"}; prints
// base64(nonce || ct || tag).
QString pythonSeal() {
    return QStringLiteral(R"(
import sys, json, base64, os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
d = json.load(sys.stdin)
aad = None if d["aad"] is None else base64.b64decode(d["aad"])
nonce = os.urandom(12)
ct_tag = AESGCM(base64.b64decode(d["key"])).encrypt(nonce, base64.b64decode(d["plaintext"]), aad)
sys.stdout.write(base64.b64encode(nonce + ct_tag).decode())
)");
}

QJsonValue aadValue(const QByteArray& aad) {
    return aad.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(b64(aad));
}

} // namespace

class TestAesGcm : public QObject {
    Q_OBJECT

private slots:
    void gcmSpecVectors_data();
    void gcmSpecVectors();
    void roundTrip_data();
    void roundTrip();
    void sealedLayout();
    void twoSealsDiffer();
    void wrongKeyFails();
    void everyFlippedBitFails();
    void wrongAssociatedDataFails();
    void truncatedOrExtendedInputFails();
    void badKeyOrNonceSizesAreRefused();
    void pythonOpensOurs_data();
    void pythonOpensOurs();
    void pythonRejectsATamperedSeal();
    void weOpenPythons_data();
    void weOpenPythons();
};

void TestAesGcm::gcmSpecVectors_data() {
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("tag");

    const QByteArray zeroKey(32, '\0');
    const QByteArray zeroNonce(12, '\0');
    QTest::newRow("test case 13") << zeroKey << zeroNonce << QByteArray() << QByteArray()
                                  << QByteArray()
                                  << QByteArray::fromHex("530f8afbc74536b9a963b4f1c4cb738b");
    QTest::newRow("test case 14") << zeroKey << zeroNonce << QByteArray(16, '\0') << QByteArray()
                                  << QByteArray::fromHex("cea7403d4d606b6e074ec5d3baf39d18")
                                  << QByteArray::fromHex("d0d1c8a799996bf0265b98b5d48ab919");

    const QByteArray key =
        QByteArray::fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const QByteArray nonce = QByteArray::fromHex("cafebabefacedbaddecaf888");
    const QByteArray plaintext =
        QByteArray::fromHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
    const QByteArray ciphertext =
        QByteArray::fromHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                            "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad");
    QTest::newRow("test case 15") << key << nonce << plaintext << QByteArray() << ciphertext
                                  << QByteArray::fromHex("b094dac5d93471bdec1a502270e3cc6c");
    QTest::newRow("test case 16") << key << nonce << plaintext.left(60)
                                  << QByteArray::fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
                                  << ciphertext.left(60)
                                  << QByteArray::fromHex("76fc6ece0f4e1768cddf8853bb2d551b");
}

void TestAesGcm::gcmSpecVectors() {
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, nonce);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, tag);
    QCOMPARE(key.size(), AesGcm::KeyBytes);
    QCOMPARE(nonce.size(), AesGcm::NonceBytes);
    QCOMPARE(tag.size(), AesGcm::TagBytes);

    const QByteArray expected = nonce + ciphertext + tag;
    QCOMPARE(AesGcm::sealWithNonce(key, nonce, plaintext, aad).toHex(), expected.toHex());
    QCOMPARE(opened(key, expected, aad), plaintext);
}

void TestAesGcm::roundTrip_data() {
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");

    QTest::newRow("empty, no aad") << QByteArray() << QByteArray();
    QTest::newRow("empty, aad") << QByteArray() << QByteArray("slot 1");
    QTest::newRow("text, no aad") << QByteArray("vault master key") << QByteArray();
    QTest::newRow("text, aad") << QByteArray("vault master key") << QByteArray("paycred-vault v1");
    QTest::newRow("one block") << QByteArray(16, 'k') << QByteArray(1, '\0');
    QTest::newRow("binary 1 MiB, aad") << binaryData(1 << 20) << binaryData(1000);
}

void TestAesGcm::roundTrip() {
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    const QByteArray key = newKey();
    const QByteArray sealed = AesGcm::seal(key, plaintext, aad);
    QCOMPARE(sealed.size(), AesGcm::NonceBytes + plaintext.size() + AesGcm::TagBytes);

    const std::optional<Secret> plain = AesGcm::open(key, sealed, aad);
    QVERIFY(plain.has_value());
    QCOMPARE(plain->size(), std::size_t(plaintext.size()));
    QCOMPARE(plain->reveal(), plaintext);
}

void TestAesGcm::sealedLayout() {
    // nonce || ciphertext || tag: re-sealing with the stored nonce gives the same bytes.
    const QByteArray key = newKey();
    const QByteArray sealed = AesGcm::seal(key, "layout", "aad");
    QCOMPARE(sealed.size(), 12 + 6 + 16);
    const QByteArray nonce = sealed.left(AesGcm::NonceBytes);
    QCOMPARE(AesGcm::sealWithNonce(key, nonce, "layout", "aad").toHex(), sealed.toHex());
    QVERIFY(!sealed.contains("layout")); // the plaintext is not in the clear
}

void TestAesGcm::twoSealsDiffer() {
    const QByteArray key = newKey();
    QSet<QByteArray> seals;
    QSet<QByteArray> nonces;
    for (int i = 0; i < 50; ++i) {
        const QByteArray sealed = AesGcm::seal(key, "same plaintext");
        QCOMPARE(opened(key, sealed), QByteArray("same plaintext"));
        seals.insert(sealed);
        nonces.insert(sealed.left(AesGcm::NonceBytes));
    }
    QCOMPARE(seals.size(), 50);
    QCOMPARE(nonces.size(), 50);
}

void TestAesGcm::wrongKeyFails() {
    const QByteArray key = newKey();
    const QByteArray sealed = AesGcm::seal(key, "secret", "aad");
    QCOMPARE(opened(key, sealed, "aad"), QByteArray("secret"));
    QCOMPARE(opened(newKey(), sealed, "aad"), QByteArray("<nullopt>"));
    QByteArray almost = key;
    almost[31] = char(almost.at(31) ^ 0x01);
    QCOMPARE(opened(almost, sealed, "aad"), QByteArray("<nullopt>"));
}

void TestAesGcm::everyFlippedBitFails() {
    // Each bit of the nonce, the ciphertext and the tag is covered by the tag.
    const QByteArray key = newKey();
    const QByteArray sealed = AesGcm::seal(key, "twenty-byte payload!", "aad");
    QCOMPARE(sealed.size(), 12 + 20 + 16);
    QCOMPARE(opened(key, sealed, "aad"), QByteArray("twenty-byte payload!"));
    int refused = 0;
    for (qsizetype i = 0; i < sealed.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            QByteArray changed = sealed;
            changed[i] = char(changed.at(i) ^ (1 << bit));
            if (AesGcm::open(key, changed, "aad").has_value())
                QFAIL(qPrintable(QStringLiteral("byte %1 bit %2 went unnoticed").arg(i).arg(bit)));
            ++refused;
        }
    }
    QCOMPARE(refused, int(sealed.size()) * 8);
}

void TestAesGcm::wrongAssociatedDataFails() {
    const QByteArray key = newKey();
    const QByteArray withAad = AesGcm::seal(key, "payload", "slot:alice");
    QCOMPARE(opened(key, withAad, "slot:alice"), QByteArray("payload"));
    QCOMPARE(opened(key, withAad, "slot:bob"), QByteArray("<nullopt>"));
    QCOMPARE(opened(key, withAad, "slot:alice "), QByteArray("<nullopt>"));
    QCOMPARE(opened(key, withAad), QByteArray("<nullopt>"));

    const QByteArray withoutAad = AesGcm::seal(key, "payload");
    QCOMPARE(opened(key, withoutAad), QByteArray("payload"));
    QCOMPARE(opened(key, withoutAad, QByteArray("")), QByteArray("payload")); // empty = none
    QCOMPARE(opened(key, withoutAad, "x"), QByteArray("<nullopt>"));
}

void TestAesGcm::truncatedOrExtendedInputFails() {
    const QByteArray key = newKey();
    const QByteArray sealed = AesGcm::seal(key, "short");
    QCOMPARE(opened(key, sealed), QByteArray("short"));
    for (qsizetype length = 0; length < sealed.size(); ++length)
        QVERIFY2(!AesGcm::open(key, sealed.left(length)).has_value(),
                 qPrintable(QString::number(length)));
    QVERIFY(!AesGcm::open(key, sealed.mid(1)).has_value());
    QVERIFY(!AesGcm::open(key, sealed + '\0').has_value());
    QVERIFY(!AesGcm::open(key, QByteArray()).has_value());
    QVERIFY(!AesGcm::open(key, QByteArrayView()).has_value());
    // The shortest sealed message (empty plaintext) still opens.
    const QByteArray empty = AesGcm::seal(key, QByteArray());
    QCOMPARE(empty.size(), AesGcm::NonceBytes + AesGcm::TagBytes);
    QCOMPARE(opened(key, empty), QByteArray());
}

void TestAesGcm::badKeyOrNonceSizesAreRefused() {
    const QByteArray key = newKey();
    const QByteArray sealed = AesGcm::seal(key, "x");
    for (const int size : {0, 16, 24, 31, 33, 64}) {
        const QByteArray badKey = Digest::randomBytes(size);
        QVERIFY2(AesGcm::seal(badKey, "x").isEmpty(), qPrintable(QString::number(size)));
        QVERIFY2(!AesGcm::open(badKey, sealed).has_value(), qPrintable(QString::number(size)));
        // A key that is a prefix or an extension of the real one is no better.
        QVERIFY(!AesGcm::open((key + key).left(size), sealed).has_value());
    }
    for (const int size : {0, 8, 11, 13, 16}) {
        QVERIFY2(AesGcm::sealWithNonce(key, QByteArray(size, 'n'), "x").isEmpty(),
                 qPrintable(QString::number(size)));
    }
    QVERIFY(!AesGcm::sealWithNonce(key, QByteArray(12, 'n'), "x").isEmpty());
}

void TestAesGcm::pythonOpensOurs_data() {
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");

    QTest::newRow("empty, no aad") << QByteArray() << QByteArray();
    QTest::newRow("text, no aad") << QByteArray("sk_live_51H8xYz") << QByteArray();
    QTest::newRow("text, aad") << QStringLiteral("ufunguo wa siri ✓").toUtf8()
                               << QByteArray("paycred-vault slot 3");
    QTest::newRow("binary, binary aad") << binaryData(1000) << binaryData(33);
}

void TestAesGcm::pythonOpensOurs() {
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    const QByteArray key = newKey();
    const QByteArray sealed = AesGcm::seal(key, plaintext, aad);
    QVERIFY(!sealed.isEmpty());

    const auto run = runSystemPython(pythonOpen(), {{"key", b64(key)},
                                                    {"nonce", b64(sealed.left(AesGcm::NonceBytes))},
                                                    {"ct_tag", b64(sealed.mid(AesGcm::NonceBytes))},
                                                    {"aad", aadValue(aad)}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    QCOMPARE(QByteArray::fromBase64(run.out), plaintext);
}

void TestAesGcm::pythonRejectsATamperedSeal() {
    // The interop check must be able to fail: Python refuses a changed byte or a wrong AAD.
    const QByteArray key = newKey();
    QByteArray sealed = AesGcm::seal(key, "abc", "aad");
    const auto wrongAad =
        runSystemPython(pythonOpen(), {{"key", b64(key)},
                                       {"nonce", b64(sealed.left(AesGcm::NonceBytes))},
                                       {"ct_tag", b64(sealed.mid(AesGcm::NonceBytes))},
                                       {"aad", b64("aaD")}});
    QVERIFY(wrongAad.finished);
    QVERIFY(wrongAad.exitCode != 0);
    QVERIFY(wrongAad.err.contains("InvalidTag"));

    sealed[AesGcm::NonceBytes] = char(sealed.at(AesGcm::NonceBytes) ^ 0x01);
    const auto changed =
        runSystemPython(pythonOpen(), {{"key", b64(key)},
                                       {"nonce", b64(sealed.left(AesGcm::NonceBytes))},
                                       {"ct_tag", b64(sealed.mid(AesGcm::NonceBytes))},
                                       {"aad", b64("aad")}});
    QVERIFY(changed.finished);
    QVERIFY(changed.exitCode != 0);
    QVERIFY(changed.err.contains("InvalidTag"));
}

void TestAesGcm::weOpenPythons_data() {
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");

    QTest::newRow("empty, no aad") << QByteArray() << QByteArray();
    QTest::newRow("text, no aad") << QByteArray("pk_test_public") << QByteArray();
    QTest::newRow("text, aad") << QByteArray("master key bytes") << QByteArray("slot:alice");
    QTest::newRow("binary, aad") << binaryData(4097) << binaryData(7);
}

void TestAesGcm::weOpenPythons() {
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    const QByteArray key = newKey();
    const auto run = runSystemPython(
        pythonSeal(), {{"key", b64(key)}, {"plaintext", b64(plaintext)}, {"aad", aadValue(aad)}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    const QByteArray sealed = QByteArray::fromBase64(run.out);
    QCOMPARE(sealed.size(), AesGcm::NonceBytes + plaintext.size() + AesGcm::TagBytes);

    QCOMPARE(opened(key, sealed, aad), plaintext);
    QCOMPARE(opened(newKey(), sealed, aad), QByteArray("<nullopt>"));
    QCOMPARE(opened(key, sealed, aad + "!"), QByteArray("<nullopt>"));
}

QTEST_GUILESS_MAIN(TestAesGcm)
#include "tst_aesgcm.moc"
