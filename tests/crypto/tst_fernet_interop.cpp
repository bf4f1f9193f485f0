// Fernet tokens cross to and from Python's cryptography.fernet (Debian's python3-cryptography).

#include "core/crypto/fernet.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "tests/crypto/systempython.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using paycred::crypto::Fernet;
using paycred::crypto::FernetKey;
using paycred::crypto::KeyRing;
using paycred::test::runSystemPython;

namespace {

QString b64(const QByteArray& bytes) {
    return QString::fromLatin1(bytes.toBase64());
}

// pythonDecrypt()'s exit code when cryptography refused the token with InvalidToken (any other
// failure is a traceback and exit code 1).
constexpr int kInvalidTokenExit = 3;

// Decrypts {"key","token"} (with {"ttl","now"} when given) and prints the plaintext as
// standard base64, or prints the token's timestamp when "what" is "timestamp". A token refused
// with InvalidToken: "InvalidToken" on stderr and exit code kInvalidTokenExit.
QString pythonDecrypt() {
    return QStringLiteral(R"(
import sys, json, base64
from cryptography.fernet import Fernet, MultiFernet, InvalidToken
d = json.load(sys.stdin)
f = MultiFernet([Fernet(k) for k in d["keys"]])
try:
    if d.get("what") == "timestamp":
        print(Fernet(d["keys"][0]).extract_timestamp(d["token"].encode()))
    elif "ttl" in d:
        sys.stdout.write(base64.b64encode(f.decrypt_at_time(d["token"].encode(), d["ttl"], d["now"])).decode())
    else:
        sys.stdout.write(base64.b64encode(f.decrypt(d["token"].encode())).decode())
except InvalidToken:
    sys.stderr.write("InvalidToken\n")
    sys.exit(%1)
)")
        .arg(kInvalidTokenExit);
}

// True when Python refused the token as cryptography.fernet.InvalidToken (not for another
// reason: a bad key, a script error, no Python).
bool refusedAsInvalidToken(const paycred::test::PythonRun& run) {
    return run.finished && run.exitCode == kInvalidTokenExit && run.err == "InvalidToken\n" &&
           run.out.isEmpty();
}

// Encrypts base64 {"plaintext"} under {"key"} at {"now"}; prints the token.
QString pythonEncrypt() {
    return QStringLiteral(R"(
import sys, json, base64
from cryptography.fernet import Fernet
d = json.load(sys.stdin)
f = Fernet(d["key"])
sys.stdout.write(f.encrypt_at_time(base64.b64decode(d["plaintext"]), d["now"]).decode())
)");
}

} // namespace

class TestFernetInterop : public QObject {
    Q_OBJECT

private slots:
    void pythonDecryptsOurTokens_data();
    void pythonDecryptsOurTokens();
    void pythonRejectsATamperedToken();
    void pythonReadsOurTimestamp();
    void weDecryptPythonTokens_data();
    void weDecryptPythonTokens();
    void pythonKeyWorksHere();
    void keyRingDecryptsAnOldPythonToken();
    void rotatedTokenDecryptsInPython();
};

void TestFernetInterop::pythonDecryptsOurTokens_data() {
    QTest::addColumn<QByteArray>("plaintext");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short") << QByteArray("sk_test_51H8xYz");
    QTest::newRow("one block") << QByteArray(16, 'q');
    QByteArray binary;
    for (int i = 0; i < 300; ++i)
        binary.append(char(i * 7));
    QTest::newRow("binary") << binary;
}

void TestFernetInterop::pythonDecryptsOurTokens() {
    QFETCH(QByteArray, plaintext);
    const FernetKey key = FernetKey::generate();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray token = Fernet::encrypt(key, plaintext, now);
    QVERIFY(!token.isEmpty());

    const auto run =
        runSystemPython(pythonDecrypt(), {{"keys", QJsonArray{QString::fromLatin1(key.toBase64())}},
                                          {"token", QString::fromLatin1(token)},
                                          {"ttl", 60},
                                          {"now", now + 30}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    QCOMPARE(QByteArray::fromBase64(run.out), plaintext);
}

void TestFernetInterop::pythonRejectsATamperedToken() {
    // The interop check must be able to fail: Python refuses a token with a changed byte.
    const FernetKey key = FernetKey::generate();
    QByteArray bytes =
        QByteArray::fromBase64(Fernet::encrypt(key, "abc", 1000), QByteArray::Base64UrlEncoding);
    bytes[30] = char(bytes.at(30) ^ 0x40);
    const auto run = runSystemPython(
        pythonDecrypt(),
        {{"keys", QJsonArray{QString::fromLatin1(key.toBase64())}},
         {"token", QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding))}});
    QVERIFY2(refusedAsInvalidToken(run), run.diagnostic().constData());
}

void TestFernetInterop::pythonReadsOurTimestamp() {
    const FernetKey key = FernetKey::generate();
    const QByteArray token = Fernet::encrypt(key, "t", 1'234'567'890);
    const auto run =
        runSystemPython(pythonDecrypt(), {{"keys", QJsonArray{QString::fromLatin1(key.toBase64())}},
                                          {"token", QString::fromLatin1(token)},
                                          {"what", "timestamp"}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    QCOMPARE(run.out.trimmed(), QByteArray("1234567890"));
}

void TestFernetInterop::weDecryptPythonTokens_data() {
    QTest::addColumn<QByteArray>("plaintext");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QStringLiteral("live private key ✓").toUtf8();
    QTest::newRow("two blocks") << QByteArray(31, '\x01');
}

void TestFernetInterop::weDecryptPythonTokens() {
    QFETCH(QByteArray, plaintext);
    const FernetKey key = FernetKey::generate();
    const qint64 now = 1'600'000'000;
    const auto run = runSystemPython(pythonEncrypt(), {{"key", QString::fromLatin1(key.toBase64())},
                                                       {"plaintext", b64(plaintext)},
                                                       {"now", now}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    const QByteArray token = run.out.trimmed();

    const auto decrypted = Fernet::decrypt(key, token, now + 10, 60);
    QVERIFY(decrypted.ok());
    QCOMPARE(decrypted.plaintext.reveal(), plaintext);
    QCOMPARE(decrypted.timestamp, now);
    QVERIFY(Fernet::isSignedBy(key, token));
    QVERIFY(!Fernet::isSignedBy(FernetKey::generate(), token));
}

void TestFernetInterop::pythonKeyWorksHere() {
    // A key written by Fernet.generate_key() is read here, and tokens agree both ways.
    const auto run = runSystemPython(QStringLiteral(
        "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"));
    QVERIFY2(run.ok(), run.diagnostic().constData());
    const auto key = FernetKey::fromBase64(run.out.trimmed());
    QVERIFY(key.has_value());
    QCOMPARE(key->toBase64(), run.out.trimmed());

    const auto encrypted = runSystemPython(
        pythonEncrypt(),
        {{"key", QString::fromLatin1(run.out.trimmed())}, {"plaintext", b64("hi")}, {"now", 77}});
    QVERIFY2(encrypted.ok(), encrypted.diagnostic().constData());
    QCOMPARE(Fernet::decrypt(*key, encrypted.out.trimmed(), 77).plaintext.reveal(),
             QByteArray("hi"));
}

void TestFernetInterop::keyRingDecryptsAnOldPythonToken() {
    const FernetKey oldKey = FernetKey::generate();
    const FernetKey newKey = FernetKey::generate();
    const auto run =
        runSystemPython(pythonEncrypt(), {{"key", QString::fromLatin1(oldKey.toBase64())},
                                          {"plaintext", b64("rotated secret")},
                                          {"now", 1'700'000'000}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    const QByteArray token = run.out.trimmed();

    const KeyRing ring({newKey, oldKey});
    QCOMPARE(ring.keyIndexFor(token), std::optional<qsizetype>(1));
    const auto decrypted = ring.decrypt(token, 1'700'000'100);
    QVERIFY(decrypted.ok());
    QCOMPARE(decrypted.plaintext.reveal(), QByteArray("rotated secret"));
    // The new key alone cannot.
    QVERIFY(!KeyRing({newKey}).decrypt(token, 1'700'000'100).ok());
}

void TestFernetInterop::rotatedTokenDecryptsInPython() {
    // Like MultiFernet.rotate: re-encrypted under the primary, original timestamp kept.
    const FernetKey oldKey = FernetKey::generate();
    const FernetKey newKey = FernetKey::generate();
    const qint64 made = 1'650'000'000;
    const QByteArray token = Fernet::encrypt(oldKey, "to rotate", made);
    const auto rotated = KeyRing({newKey, oldKey}).rotate(token, made + 5000);
    QVERIFY(rotated.has_value());

    const auto decrypted = runSystemPython(
        pythonDecrypt(), {{"keys", QJsonArray{QString::fromLatin1(newKey.toBase64())}},
                          {"token", QString::fromLatin1(*rotated)}});
    QVERIFY2(decrypted.ok(), decrypted.diagnostic().constData());
    QCOMPARE(QByteArray::fromBase64(decrypted.out), QByteArray("to rotate"));

    const auto stamp = runSystemPython(
        pythonDecrypt(), {{"keys", QJsonArray{QString::fromLatin1(newKey.toBase64())}},
                          {"token", QString::fromLatin1(*rotated)},
                          {"what", "timestamp"}});
    QVERIFY2(stamp.ok(), stamp.diagnostic().constData());
    QCOMPARE(stamp.out.trimmed().toLongLong(), made);

    // The old key alone no longer decrypts it in Python either.
    const auto refused = runSystemPython(
        pythonDecrypt(), {{"keys", QJsonArray{QString::fromLatin1(oldKey.toBase64())}},
                          {"token", QString::fromLatin1(*rotated)}});
    QVERIFY2(refusedAsInvalidToken(refused), refused.diagnostic().constData());
}

QTEST_GUILESS_MAIN(TestFernetInterop)
#include "tst_fernet_interop.moc"
