#include "core/crypto/fernet.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"

#include <QTest>

using paycred::crypto::Fernet;
using paycred::crypto::FernetKey;
using paycred::crypto::KeyRing;

namespace {
constexpr qint64 Now = 1'700'000'000;
// The spec's key: its text has both '-' and '_'.
QByteArray specKey() {
    return "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
}
// Three keys for the whole suite.
const FernetKey& keyA() {
    static const FernetKey key = FernetKey::generate();
    return key;
}
const FernetKey& keyB() {
    static const FernetKey key = FernetKey::generate();
    return key;
}
const FernetKey& keyC() {
    static const FernetKey key = FernetKey::generate();
    return key;
}

} // namespace

class TestKeyRing : public QObject {
    Q_OBJECT

private slots:
    void primaryEncryptsEveryKeyDecrypts();
    void unknownKeyIsRefused();
    void keyIndexFor();
    void rotateMovesToThePrimaryAndKeepsTheTimestamp();
    void rotateRefusesWhatNoKeyOpens();
    void emptyRing();
    void fromBase64List();
    void fromBase64ListRefusesBadEntries_data();
    void fromBase64ListRefusesBadEntries();
};

void TestKeyRing::primaryEncryptsEveryKeyDecrypts() {
    const KeyRing ring({keyA(), keyB(), keyC()});
    QCOMPARE(ring.size(), 3);
    QCOMPARE(ring.primary().fingerprint(), keyA().fingerprint());
    QCOMPARE(ring.key(2).fingerprint(), keyC().fingerprint());

    const QByteArray token = ring.encrypt("by the primary", Now);
    QVERIFY(Fernet::isSignedBy(keyA(), token));
    QVERIFY(Fernet::decrypt(keyA(), token, Now).ok());

    for (const FernetKey* key : {&keyA(), &keyB(), &keyC()}) {
        const QByteArray older = Fernet::encrypt(*key, "from any key", Now - 86400);
        const auto decrypted = ring.decrypt(older, Now);
        QVERIFY(decrypted.ok());
        QCOMPARE(decrypted.plaintext.reveal(), QByteArray("from any key"));
        QCOMPARE(decrypted.timestamp, Now - 86400);
    }
}

void TestKeyRing::unknownKeyIsRefused() {
    const KeyRing ring({keyA(), keyB()});
    const auto decrypted = ring.decrypt(Fernet::encrypt(keyC(), "x", Now), Now);
    QVERIFY(!decrypted.ok());
    QCOMPARE(decrypted.error, Fernet::Error::InvalidToken);
    QVERIFY(decrypted.plaintext.isEmpty());
    QVERIFY(!ring.decrypt("garbage", Now).ok());
}

void TestKeyRing::keyIndexFor() {
    const KeyRing ring({keyA(), keyB(), keyC()});
    QCOMPARE(ring.keyIndexFor(Fernet::encrypt(keyA(), "x", Now)), std::optional<qsizetype>(0));
    QCOMPARE(ring.keyIndexFor(Fernet::encrypt(keyB(), "x", Now)), std::optional<qsizetype>(1));
    QCOMPARE(ring.keyIndexFor(Fernet::encrypt(keyC(), "x", Now)), std::optional<qsizetype>(2));
    QCOMPARE(KeyRing({keyA()}).keyIndexFor(Fernet::encrypt(keyC(), "x", Now)), std::nullopt);
    QCOMPARE(ring.keyIndexFor(""), std::nullopt);
}

void TestKeyRing::rotateMovesToThePrimaryAndKeepsTheTimestamp() {
    const KeyRing ring({keyA(), keyB()});
    const qint64 made = Now - 1000;
    const QByteArray old = Fernet::encrypt(keyB(), "credential", made);
    QCOMPARE(ring.keyIndexFor(old), std::optional<qsizetype>(1));

    const auto rotated = ring.rotate(old, Now);
    QVERIFY(rotated.has_value());
    QVERIFY(*rotated != old);
    QCOMPARE(ring.keyIndexFor(*rotated), std::optional<qsizetype>(0));
    const auto decrypted = Fernet::decrypt(keyA(), *rotated, Now);
    QVERIFY(decrypted.ok());
    QCOMPARE(decrypted.plaintext.reveal(), QByteArray("credential"));
    QCOMPARE(decrypted.timestamp, made);
    QVERIFY(!Fernet::isSignedBy(keyB(), *rotated));

    // Rotating a token already under the primary re-encrypts it (fresh IV) all the same.
    const auto again = ring.rotate(*rotated, Now);
    QVERIFY(again.has_value());
    QVERIFY(*again != *rotated);
    QCOMPARE(ring.keyIndexFor(*again), std::optional<qsizetype>(0));
}

void TestKeyRing::rotateRefusesWhatNoKeyOpens() {
    const KeyRing ring({keyA(), keyB()});
    QCOMPARE(ring.rotate(Fernet::encrypt(keyC(), "x", Now), Now), std::nullopt);
    QCOMPARE(ring.rotate("not a token", Now), std::nullopt);
}

void TestKeyRing::emptyRing() {
    const KeyRing ring;
    QVERIFY(ring.isEmpty());
    QCOMPARE(ring.size(), 0);
    QVERIFY(ring.encrypt("x", Now).isEmpty());
    const QByteArray token = Fernet::encrypt(keyA(), "x", Now);
    QVERIFY(!ring.decrypt(token, Now).ok());
    QCOMPARE(ring.keyIndexFor(token), std::nullopt);
    QCOMPARE(ring.rotate(token, Now), std::nullopt);
}

void TestKeyRing::fromBase64List() {
    const QByteArray a = keyA().toBase64();
    const QByteArray b = keyB().toBase64();

    const auto one = KeyRing::fromBase64List(a);
    QVERIFY(one.has_value());
    QCOMPARE(one->size(), 1);
    QCOMPARE(one->primary().fingerprint(), keyA().fingerprint());

    const auto two = KeyRing::fromBase64List(b + "," + a);
    QVERIFY(two.has_value());
    QCOMPARE(two->size(), 2);
    QCOMPARE(two->primary().fingerprint(), keyB().fingerprint());
    QCOMPARE(two->key(1).fingerprint(), keyA().fingerprint());
    QVERIFY(Fernet::isSignedBy(keyB(), two->encrypt("x", Now)));

    // Spaces around entries (as in "KEY1, KEY2") are not part of the keys.
    const auto spaced = KeyRing::fromBase64List(" " + a + " , " + b + "\n");
    QVERIFY(spaced.has_value());
    QCOMPARE(spaced->size(), 2);
    QCOMPARE(spaced->key(1).fingerprint(), keyB().fingerprint());

    QVERIFY(KeyRing::fromBase64List(specKey()).has_value());
}

void TestKeyRing::fromBase64ListRefusesBadEntries_data() {
    const QByteArray a = keyA().toBase64();
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only spaces") << QByteArray("   ");
    QTest::newRow("only a comma") << QByteArray(",");
    QTest::newRow("trailing comma") << a + ",";
    QTest::newRow("leading comma") << "," + a;
    QTest::newRow("empty middle entry") << a + ",," + a;
    QTest::newRow("one bad entry") << a + ",not-a-key";
    QTest::newRow("short key") << a + "," +
                                      QByteArray(16, 'k').toBase64(QByteArray::Base64UrlEncoding);
    QTest::newRow("standard alphabet") << QByteArray(specKey()).replace('_', '/').replace('-', '+');
    QTest::newRow("semicolon separated") << a + ";" + keyB().toBase64();
}

void TestKeyRing::fromBase64ListRefusesBadEntries() {
    QFETCH(QByteArray, text);
    QCOMPARE(KeyRing::fromBase64List(text).has_value(), false);
}

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_keyring.moc"
