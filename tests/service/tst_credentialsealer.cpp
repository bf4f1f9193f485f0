// CredentialSealer and CredentialFields: the one way keys become what is stored — the rules
// (trimmed, 10 to 255 code points), Fernet under the ring's primary key, the keyed digest — and
// back; and UnicodeText, which counts what the rules count.

#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/foundation/manualclock.h"
#include "core/foundation/unicodetext.h"
#include "core/service/credentialfields.h"
#include "core/service/credentialsealer.h"
#include "core/storage/records.h"

#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

using namespace paycred;
using service::CredentialFields;
using service::CredentialSealer;
using Problem = CredentialSealer::Sealing::Problem;

namespace {
const QString kApiKey = QStringLiteral("pk_test_kopokopo_1234567890");
const QString kPrivateKey = QStringLiteral("sk_test_kopokopo_0987654321");

QString repeated(const QString& unit, int count) {
    QString out;
    for (int i = 0; i < count; ++i)
        out += unit;
    return out;
}
} // namespace

class TestCredentialSealer : public QObject {
    Q_OBJECT

    ManualClock m_clock{QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC)};
    CredentialSealer m_sealer{m_clock};
    crypto::KeyRing m_ring{{crypto::FernetKey::generate()}};

    QString opened(const crypto::KeyRing& ring, const QByteArray& token) {
        auto plain = ring.decrypt(token, m_clock.nowSecs());
        return plain.ok() ? QString::fromUtf8(plain.plaintext.view()) : QStringLiteral("<none>");
    }
    storage::CredentialRecord rowOf(const CredentialSealer::Sealing& sealing) {
        storage::CredentialRecord row;
        sealing.applyTo(row);
        return row;
    }

private slots:
    void codePointsCountCharactersAsPeopleDo_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("expected");
        QTest::newRow("empty") << QString() << qsizetype(0);
        QTest::newRow("ascii") << QStringLiteral("abc") << qsizetype(3);
        QTest::newRow("swahili") << QStringLiteral("ufunguo") << qsizetype(7);
        QTest::newRow("accents") << QStringLiteral("clé") << qsizetype(3);
        QTest::newRow("emoji pairs") << QStringLiteral("🔑🔑") << qsizetype(2);
        QTest::newRow("lone high") << QString(QChar(0xD800)) << qsizetype(1);
        QTest::newRow("lone low") << QString(QChar(0xDC00)) << qsizetype(1);
        QTest::newRow("reversed pair") << (QString(QChar(0xDC00)) + QChar(0xD800)) << qsizetype(2);
    }
    void codePointsCountCharactersAsPeopleDo() {
        QFETCH(QString, text);
        QFETCH(qsizetype, expected);
        QCOMPARE(UnicodeText::codePoints(text), expected);
        QCOMPARE(UnicodeText::codePoints(text), text.toUcs4().size()); // Qt's own count
    }
    void wellFormedMeansEverySurrogateIsPaired_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("wellFormed");
        const QChar high(0xD83D);
        const QChar low(0xDD11);
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("ascii") << QStringLiteral("sk_test_1234567890") << true;
        QTest::newRow("emoji pairs") << QStringLiteral("🔑🔑") << true;
        QTest::newRow("pair then text") << (QString(high) + low + u'x') << true;
        QTest::newRow("lone high") << QString(high) << false;
        QTest::newRow("lone high then text") << (QString(high) + u'x') << false;
        QTest::newRow("lone low") << QString(low) << false;
        QTest::newRow("reversed pair") << (QString(low) + high) << false;
        QTest::newRow("two highs then a low") << (QString(high) + high + low) << false;
        QTest::newRow("pair then a lone low") << (QString(high) + low + low) << false;
    }
    void wellFormedMeansEverySurrogateIsPaired() {
        QFETCH(QString, text);
        QFETCH(bool, wellFormed);
        QCOMPARE(UnicodeText::isWellFormed(text), wellFormed);
        // The same verdict as a strict round trip through UTF-8.
        QStringDecoder strict(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
        const QByteArray utf8 = encoder.encode(text);
        QCOMPARE(!encoder.hasError() && strict.decode(utf8) == text, wellFormed);
    }

    void theKeyRuleCountsCodePoints_data() {
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem");
        const QString tooShortPrivate =
            QStringLiteral("Private key must be at least 10 characters long");
        const QString tooShortApi = QStringLiteral("API key must be at least 10 characters long");
        const QString tooLongPrivate =
            QStringLiteral("Private key must be at most 255 characters long");
        const int priv = int(CredentialFields::Key::Private);
        const int api = int(CredentialFields::Key::Api);
        QTest::newRow("9") << priv << repeated("a", 9) << tooShortPrivate;
        QTest::newRow("10") << priv << repeated("a", 10) << QString();
        QTest::newRow("api 9") << api << repeated("a", 9) << tooShortApi;
        QTest::newRow("255") << priv << repeated("a", 255) << QString();
        QTest::newRow("256") << priv << repeated("a", 256) << tooLongPrivate;
        // 10 emoji are 20 UTF-16 units but 10 characters; 255 of them are within the limit.
        QTest::newRow("10 emoji") << priv << repeated("🔑", 10) << QString();
        QTest::newRow("9 emoji") << priv << repeated("🔑", 9) << tooShortPrivate;
        QTest::newRow("255 emoji") << priv << repeated("🔑", 255) << QString();
        QTest::newRow("256 emoji") << priv << repeated("🔑", 256) << tooLongPrivate;
    }
    void theKeyRuleCountsCodePoints() {
        QFETCH(int, key);
        QFETCH(QString, text);
        QFETCH(QString, problem);
        QCOMPARE(CredentialFields::keyProblem(CredentialFields::Key(key), text), problem);
    }

    void choicesComeFromTheRegistry() {
        QCOMPARE(CredentialFields::providers(), (QStringList{"kopokopo", "instasend"}));
        QCOMPARE(CredentialFields::environments(), (QStringList{"sandbox", "live"}));
        QCOMPARE(CredentialFields::choiceProblem("kopokopo", CredentialFields::providers()),
                 QString());
        QCOMPARE(CredentialFields::choiceProblem("paypal", CredentialFields::providers()),
                 QStringLiteral("\"paypal\" is not a valid choice."));
    }

    void sealingEncryptsUnderThePrimaryWithTheDigest() {
        const crypto::KeyRing older({crypto::FernetKey::generate()});
        const crypto::KeyRing ring({m_ring.primary(), older.primary()});
        const auto sealing = m_sealer.seal(ring, QStringLiteral("  ") + kApiKey + "\n",
                                           QStringLiteral("\t") + kPrivateKey + " ");
        QVERIFY(sealing.ok());
        const storage::CredentialRecord row = rowOf(sealing);
        QCOMPARE(ring.keyIndexFor(row.encryptedApiKey), qsizetype(0));
        QCOMPARE(ring.keyIndexFor(row.encryptedPrivateKey), qsizetype(0));
        QVERIFY(CredentialSealer::isUnderPrimary(ring, row));
        // Stored trimmed, so the key verifies exactly as it was given.
        QCOMPARE(opened(ring, row.encryptedApiKey), kApiKey);
        QCOMPARE(opened(ring, row.encryptedPrivateKey), kPrivateKey);
        QVERIFY(CredentialSealer::matches(ring, kPrivateKey, row));
        QVERIFY(!CredentialSealer::matches(ring, kPrivateKey + "x", row));
        QVERIFY(!row.privateKeyDigest.contains(kPrivateKey.toUtf8()));

        const auto opens = m_sealer.open(ring, row);
        QVERIFY(opens.ok);
        QCOMPARE(QString::fromUtf8(opens.privateKey.view()), kPrivateKey);
        QCOMPARE(QString::fromUtf8(opens.apiKey.view()), kApiKey);
    }

    void oneKeyAloneSealsOnlyThatKey() {
        const auto api = m_sealer.sealApiKey(m_ring, kApiKey);
        QVERIFY(api.ok());
        QVERIFY(api.encryptedApiKey && !api.encryptedPrivateKey && !api.privateKeyDigest);
        const auto key = m_sealer.sealPrivateKey(m_ring, kPrivateKey);
        QVERIFY(key.ok());
        QVERIFY(!key.encryptedApiKey && key.encryptedPrivateKey && key.privateKeyDigest);
    }

    void aBrokenRuleSealsNothing() {
        const auto shortApi = m_sealer.seal(m_ring, QStringLiteral("short"), QStringLiteral("x"));
        QCOMPARE(shortApi.problem, Problem::BrokenRule);
        // The api key's rule comes first, as create reports it.
        QCOMPARE(shortApi.reason, QStringLiteral("API key must be at least 10 characters long"));
        QVERIFY(!shortApi.encryptedApiKey && !shortApi.encryptedPrivateKey);
        const auto spaces = m_sealer.sealPrivateKey(m_ring, QStringLiteral("          x  "));
        QCOMPARE(spaces.reason, QStringLiteral("Private key must be at least 10 characters long"));
    }

    void resealingMovesKeysToAnotherRing() {
        const auto sealed = m_sealer.seal(m_ring, kApiKey, kPrivateKey);
        const storage::CredentialRecord row = rowOf(sealed);
        const crypto::KeyRing target({crypto::FernetKey::generate()});
        const auto moved = m_sealer.reseal(m_ring, target, row);
        QVERIFY(moved.ok());
        const storage::CredentialRecord out = rowOf(moved);
        QCOMPARE(opened(target, out.encryptedPrivateKey), kPrivateKey);
        QCOMPARE(opened(target, out.encryptedApiKey), kApiKey);
        QVERIFY(CredentialSealer::matches(target, kPrivateKey, out));
        QVERIFY(!CredentialSealer::matches(m_ring, kPrivateKey, out));

        // Keys no key of the ring opens cannot be resealed.
        const auto unreadable = m_sealer.reseal(target, target, row);
        QCOMPARE(unreadable.problem, Problem::Unreadable);
    }
};

QTEST_GUILESS_MAIN(TestCredentialSealer)
#include "tst_credentialsealer.moc"
