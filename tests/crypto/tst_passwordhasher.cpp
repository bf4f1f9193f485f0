#include "core/crypto/passwordhasher.h"
#include "tests/crypto/systempython.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using paycred::crypto::PasswordHasher;
using paycred::test::runSystemPython;

namespace {

constexpr int Cheap = 1000;

// Django 3.2 (Debian's python3-django), configured without a project.
QString djangoPrelude() {
    return QStringLiteral(R"(
import sys, json
from django.conf import settings
settings.configure()
from django.contrib.auth.hashers import PBKDF2PasswordHasher
d = json.load(sys.stdin)
)");
}

} // namespace

class TestPasswordHasher : public QObject {
    Q_OBJECT

private slots:
    void djangoVectors_data();
    void djangoVectors();
    void hashIsDjangoFormat();
    void hashWithGivenSaltMatchesTheVector();
    void hashRefusesBadSaltOrCount();
    void djangoHashVerifiesHere();
    void ourHashVerifiesInDjango();
    void needsRehash();
    void malformedEncodings_data();
    void malformedEncodings();
    void iterationsRunCountsTheWork();
    void verifyNeverCostsLessThanTheCurrentCount_data();
    void verifyNeverCostsLessThanTheCurrentCount();
    void verifyNothingCostsOneVerification();
};

void TestPasswordHasher::djangoVectors_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("encoded");
    QFile file(QStringLiteral(PAYCRED_TESTDATA_DIR "/django/pbkdf2_sha256.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray vectors = QJsonDocument::fromJson(file.readAll()).array();
    QCOMPARE(vectors.size(), 4);
    for (const QJsonValue value : vectors) {
        const QJsonObject vector = value.toObject();
        const QString encoded = vector.value("encoded").toString();
        QTest::newRow(qPrintable(encoded.section(u'$', 1, 1) + " iterations"))
            << vector.value("password").toString() << encoded;
    }
}

void TestPasswordHasher::djangoVectors() {
    QFETCH(QString, password);
    QFETCH(QString, encoded);
    const PasswordHasher hasher(Cheap);
    const auto verdict = hasher.verify(password, encoded);
    QVERIFY(verdict.valid);
    QCOMPARE(verdict.needsRehash, encoded.section(u'$', 1, 1).toInt() != Cheap);
    QVERIFY(!hasher.verify(password + QStringLiteral("x"), encoded).valid);
}

void TestPasswordHasher::hashIsDjangoFormat() {
    const PasswordHasher hasher(Cheap);
    const QString encoded = hasher.hash(QStringLiteral("correct horse"));
    static const QRegularExpression format(
        QStringLiteral("^pbkdf2_sha256\\$1000\\$[a-zA-Z0-9]{22}\\$[A-Za-z0-9+/]{43}=$"));
    QVERIFY2(format.match(encoded).hasMatch(), qPrintable(encoded));
    QVERIFY(hasher.verify(QStringLiteral("correct horse"), encoded).valid);
    QVERIFY(!hasher.verify(QStringLiteral("correct horsE"), encoded).valid);
    // A fresh salt each time.
    QVERIFY(hasher.hash(QStringLiteral("correct horse")) != encoded);
}

void TestPasswordHasher::hashWithGivenSaltMatchesTheVector() {
    const PasswordHasher hasher(Cheap);
    QCOMPARE(hasher.hash(QString(), QStringLiteral("emptysalt0123456789abc"), 1000),
             QStringLiteral("pbkdf2_sha256$1000$emptysalt0123456789abc$"
                            "9dXWz3uZkHR7bLFoKpNXazs/rvWFlw88r+17zoqwEFo="));
}

void TestPasswordHasher::hashRefusesBadSaltOrCount() {
    const PasswordHasher hasher(Cheap);
    QVERIFY(hasher.hash(QStringLiteral("pw"), QString(), 1000).isEmpty());
    QVERIFY(hasher.hash(QStringLiteral("pw"), QStringLiteral("a$b"), 1000).isEmpty());
    QVERIFY(hasher.hash(QStringLiteral("pw"), QStringLiteral("salt"), 0).isEmpty());
    QVERIFY(hasher.hash(QStringLiteral("pw"), QStringLiteral("salt"), -1).isEmpty());
    QCOMPARE(hasher.iterationsRun(), 0u);
}

void TestPasswordHasher::djangoHashVerifiesHere() {
    const QString password = QStringLiteral("pässwörd ✓ Ωmega");
    const auto run = runSystemPython(
        djangoPrelude() + QStringLiteral("print(PBKDF2PasswordHasher().encode(d['password'], "
                                         "d['salt'], d['iterations']))"),
        {{"password", password}, {"salt", "djangoSalt0123456789xyz"}, {"iterations", 1200}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    const QString encoded = QString::fromUtf8(run.out.trimmed());
    QVERIFY(encoded.startsWith(QStringLiteral("pbkdf2_sha256$1200$djangoSalt0123456789xyz$")));

    const PasswordHasher hasher(Cheap);
    const auto verdict = hasher.verify(password, encoded);
    QVERIFY(verdict.valid);
    QVERIFY(verdict.needsRehash);
    QVERIFY(!hasher.verify(QStringLiteral("pässwörd ✓ Omega"), encoded).valid);
    // Same inputs, same encoding.
    QCOMPARE(hasher.hash(password, QStringLiteral("djangoSalt0123456789xyz"), 1200), encoded);
}

void TestPasswordHasher::ourHashVerifiesInDjango() {
    const QString password = QStringLiteral("ünïcode & spaces ");
    const PasswordHasher hasher(Cheap);
    const QString encoded = hasher.hash(password);
    const QString script =
        djangoPrelude() + QStringLiteral("h = PBKDF2PasswordHasher()\n"
                                         "print(h.verify(d['password'], d['encoded']), "
                                         "h.verify(d['password'] + 'x', d['encoded']))");
    const auto run = runSystemPython(script, {{"password", password}, {"encoded", encoded}});
    QVERIFY2(run.ok(), run.diagnostic().constData());
    QCOMPARE(run.out.trimmed(), QByteArray("True False"));
}

void TestPasswordHasher::needsRehash() {
    const PasswordHasher old(Cheap);
    const PasswordHasher current(2 * Cheap);
    const QString encoded = old.hash(QStringLiteral("pw"));
    QCOMPARE(old.verify(QStringLiteral("pw"), encoded).needsRehash, false);
    const auto verdict = current.verify(QStringLiteral("pw"), encoded);
    QVERIFY(verdict.valid);
    QVERIFY(verdict.needsRehash);
    // A higher count than current also asks for the current one (Django's must_update).
    QVERIFY(old.verify(QStringLiteral("pw"), current.hash(QStringLiteral("pw"))).needsRehash);
    // A wrong password never asks for a rehash.
    QCOMPARE(current.verify(QStringLiteral("nope"), encoded).needsRehash, false);
    QCOMPARE(PasswordHasher().iterations(), 1'000'000);
}

void TestPasswordHasher::malformedEncodings_data() {
    const QString hash = QStringLiteral("9dXWz3uZkHR7bLFoKpNXazs/rvWFlw88r+17zoqwEFo=");
    const QString salt = QStringLiteral("emptysalt0123456789abc");
    QTest::addColumn<QString>("encoded");
    QTest::newRow("the valid one") << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$' + hash;
    QTest::newRow("empty") << QString();
    QTest::newRow("just dollars") << QStringLiteral("$$$");
    QTest::newRow("wrong algorithm") << QStringLiteral("pbkdf2_sha1$1000$") + salt + u'$' + hash;
    QTest::newRow("algorithm case") << QStringLiteral("PBKDF2_SHA256$1000$") + salt + u'$' + hash;
    QTest::newRow("argon2") << QStringLiteral(
        "argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA");
    QTest::newRow("bcrypt") << QStringLiteral("bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuv");
    QTest::newRow("unusable password")
        << QStringLiteral("!abcdefghijklmnopqrstuvwxyz0123456789ABCD");
    QTest::newRow("non-numeric iterations")
        << QStringLiteral("pbkdf2_sha256$many$") + salt + u'$' + hash;
    QTest::newRow("zero iterations") << QStringLiteral("pbkdf2_sha256$0$") + salt + u'$' + hash;
    QTest::newRow("negative iterations")
        << QStringLiteral("pbkdf2_sha256$-1000$") + salt + u'$' + hash;
    QTest::newRow("signed iterations")
        << QStringLiteral("pbkdf2_sha256$+1000$") + salt + u'$' + hash;
    QTest::newRow("leading zero") << QStringLiteral("pbkdf2_sha256$01000$") + salt + u'$' + hash;
    QTest::newRow("spaced iterations")
        << QStringLiteral("pbkdf2_sha256$ 1000$") + salt + u'$' + hash;
    QTest::newRow("huge iterations")
        << QStringLiteral("pbkdf2_sha256$99999999999$") + salt + u'$' + hash;
    QTest::newRow("no hash") << QStringLiteral("pbkdf2_sha256$1000$") + salt;
    QTest::newRow("empty hash") << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$';
    QTest::newRow("empty salt") << QStringLiteral("pbkdf2_sha256$1000$$") + hash;
    QTest::newRow("missing iterations") << QStringLiteral("pbkdf2_sha256$") + salt + u'$' + hash;
    QTest::newRow("extra part") << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$' + hash +
                                       u'$';
    QTest::newRow("bad base64") << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$' +
                                       hash.chopped(2) + u'!' + u'=';
    QTest::newRow("url-safe base64") << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$' +
                                            QString(hash).replace(u'/', u'_').replace(u'+', u'-');
    QTest::newRow("unpadded base64")
        << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$' + hash.chopped(1);
    QTest::newRow("short hash") << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$' +
                                       hash.left(40);
    QTest::newRow("non-ascii hash") << QStringLiteral("pbkdf2_sha256$1000$") + salt + u'$' +
                                           hash.chopped(2) + QStringLiteral("é=");
}

void TestPasswordHasher::malformedEncodings() {
    QFETCH(QString, encoded);
    // The same password as the vector: only the "valid one" row may verify.
    const PasswordHasher hasher(Cheap);
    const auto verdict = hasher.verify(QString(), encoded);
    QCOMPARE(verdict.valid, QByteArray(QTest::currentDataTag()) == "the valid one");
    QVERIFY(verdict.valid || !verdict.needsRehash);
}

void TestPasswordHasher::iterationsRunCountsTheWork() {
    const PasswordHasher hasher(Cheap);
    QCOMPARE(hasher.iterationsRun(), 0u);
    const QString encoded = hasher.hash(QStringLiteral("pw"));
    QCOMPARE(hasher.iterationsRun(), 1000u);
    QVERIFY(hasher.verify(QStringLiteral("pw"), encoded).valid);
    QCOMPARE(hasher.iterationsRun(), 2000u);
    QVERIFY(!hasher.verify(QStringLiteral("wrong"), encoded).valid);
    QCOMPARE(hasher.iterationsRun(), 3000u);
    // A stored hash is verified at its own count, when that is higher...
    hasher.verify(QStringLiteral("pw"), PasswordHasher(1500).hash(QStringLiteral("pw")));
    QCOMPARE(hasher.iterationsRun(), 4500u);
}

// However a user's password is kept, checking it costs at least the current count: an
// imported hash with fewer iterations, or one that cannot be checked at all (Django's unusable
// "!…"), must not answer sooner than an unknown user does.
void TestPasswordHasher::verifyNeverCostsLessThanTheCurrentCount_data() {
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<bool>("valid");
    const PasswordHasher cheaper(Cheap / 4);
    QTest::newRow("fewer iterations, right password") << cheaper.hash(QStringLiteral("pw")) << true;
    QTest::newRow("fewer iterations, wrong password")
        << cheaper.hash(QStringLiteral("other")) << false;
    QTest::newRow("unusable password")
        << QStringLiteral("!abcdefghijklmnopqrstuvwxyz0123456789ABCD") << false;
    QTest::newRow("another algorithm")
        << QStringLiteral("bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuv") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestPasswordHasher::verifyNeverCostsLessThanTheCurrentCount() {
    QFETCH(QString, encoded);
    QFETCH(bool, valid);
    const PasswordHasher hasher(Cheap);
    QCOMPARE(hasher.verify(QStringLiteral("pw"), encoded).valid, valid);
    QCOMPARE(hasher.iterationsRun(), std::uint64_t(Cheap));
}

void TestPasswordHasher::verifyNothingCostsOneVerification() {
    for (const int iterations : {1, 1000, 2500}) {
        const PasswordHasher hasher(iterations);
        hasher.verifyNothing(QStringLiteral("whatever"));
        QCOMPARE(hasher.iterationsRun(), std::uint64_t(iterations));
        // A real failed verification at the current count costs exactly the same.
        const QString encoded = hasher.hash(QStringLiteral("other"));
        const std::uint64_t before = hasher.iterationsRun();
        QVERIFY(!hasher.verify(QStringLiteral("pw"), encoded).valid);
        QCOMPARE(hasher.iterationsRun() - before, std::uint64_t(iterations));
    }
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
