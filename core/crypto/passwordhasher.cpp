#include "core/crypto/passwordhasher.h"

#include "core/crypto/digest.h"
#include "core/crypto/logging.h"
#include "core/crypto/secret.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <QList>
#include <QStringView>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace paycred::crypto {

namespace {

constexpr QStringView Algorithm = u"pbkdf2_sha256";
constexpr int HashSize = 32;
constexpr int SaltLength = 22; // Django's: 22 × log2(62) ≈ 131 bits
constexpr char SaltAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr int SaltAlphabetSize = int(sizeof(SaltAlphabet)) - 1;
// Random bytes at or above this are thrown away, so every character is equally likely.
constexpr int SaltRejectFrom = 256 - 256 % SaltAlphabetSize;

static_assert(SaltAlphabetSize == 62 && SaltRejectFrom == 248);

QString randomSalt() {
    QString salt;
    salt.reserve(SaltLength);
    while (salt.size() < SaltLength) {
        std::array<unsigned char, 32> pool{};
        if (RAND_bytes(pool.data(), int(pool.size())) != 1) {
            qCCritical(lcCrypto, "RAND_bytes failed: the system has no usable randomness");
            std::abort();
        }
        for (const unsigned char byte : pool) {
            if (byte < SaltRejectFrom && salt.size() < SaltLength)
                salt.append(QLatin1Char(SaltAlphabet[byte % SaltAlphabetSize]));
        }
    }
    return salt;
}

// Django writes the count with str(int): digits only, no sign, no leading zero.
int parseIterations(QStringView text) {
    if (text.isEmpty() || text.size() > 10 || text.front() == u'0')
        return 0;
    if (!std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return 0;
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? value : 0;
}

// The 32 bytes behind Django's standard, padded base64 (only that exact spelling).
std::optional<QByteArray> parseHash(QStringView text) {
    if (!std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 128; }))
        return std::nullopt;
    const QByteArray ascii = text.toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(ascii, QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok ||
        decoded.decoded.size() != HashSize || decoded.decoded.toBase64() != ascii)
        return std::nullopt;
    return decoded.decoded;
}

} // namespace

PasswordHasher::PasswordHasher(int iterations)
    : m_iterations(std::max(iterations, 1)) {}

QString PasswordHasher::hash(const QString& password) const {
    return hash(password, randomSalt(), m_iterations);
}

QString PasswordHasher::hash(const QString& password, const QString& salt, int iterations) const {
    // Django refuses an empty salt or one containing the separator; so does this.
    if (salt.isEmpty() || salt.contains(u'$') || iterations < 1)
        return {};
    const QByteArray derived = derive(password, salt, iterations);
    if (derived.size() != HashSize)
        return {};
    return QStringLiteral("%1$%2$%3$%4")
        .arg(Algorithm, QString::number(iterations), salt, QString::fromLatin1(derived.toBase64()));
}

namespace {
// The parts of an encoding verify() can check, or nothing.
struct Encoding {
    int iterations = 0;
    QString salt;
    QByteArray expected;
};

std::optional<Encoding> parseEncoding(const QString& encoded) {
    const QList<QStringView> parts = QStringView(encoded).split(u'$');
    if (parts.size() != 4 || parts.at(0) != Algorithm || parts.at(2).isEmpty())
        return std::nullopt;
    const int iterations = parseIterations(parts.at(1));
    auto expected = parseHash(parts.at(3));
    if (iterations < 1 || !expected)
        return std::nullopt;
    return Encoding{iterations, parts.at(2).toString(), std::move(*expected)};
}
} // namespace

bool PasswordHasher::isVerifiable(const QString& encoded) {
    return parseEncoding(encoded).has_value();
}

PasswordHasher::Verdict PasswordHasher::verify(const QString& password,
                                               const QString& encoded) const {
    Verdict verdict;
    const auto encoding = parseEncoding(encoded);
    // A hash that cannot be checked (Django's unusable "!…") or one made with fewer iterations
    // (an imported one) must not answer sooner than an unknown user: the time would tell.
    if (!encoding) {
        verifyNothing(password);
        return verdict;
    }
    const int iterations = encoding->iterations;
    const auto& expected = encoding->expected;

    QByteArray derived = derive(password, encoding->salt, iterations);
    verdict.valid = derived.size() == HashSize && Digest::constantTimeEquals(derived, expected);
    verdict.needsRehash = verdict.valid && iterations != m_iterations;
    wipe(derived);
    if (iterations < m_iterations)
        spend(password, m_iterations - iterations);
    return verdict;
}

void PasswordHasher::verifyNothing(const QString& password) const {
    spend(password, m_iterations);
}

void PasswordHasher::spend(const QString& password, int iterations) const {
    static const QString salt = QStringLiteral("paycredunknownuserxxxx");
    QByteArray derived = derive(password, salt, iterations);
    wipe(derived);
}

QByteArray PasswordHasher::derive(const QString& password, const QString& salt,
                                  int iterations) const {
    QByteArray secret = password.toUtf8();
    const QByteArray saltBytes = salt.toUtf8();
    QByteArray out(HashSize, Qt::Uninitialized);
    const int rc = PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()),
                                     reinterpret_cast<const unsigned char*>(saltBytes.constData()),
                                     int(saltBytes.size()), iterations, EVP_sha256(), HashSize,
                                     reinterpret_cast<unsigned char*>(out.data()));
    m_iterationsRun += std::uint64_t(iterations);
    wipe(secret);
    if (rc != 1) {
        qCWarning(lcCrypto, "PBKDF2-HMAC-SHA256 failed in OpenSSL");
        return {};
    }
    return out;
}

} // namespace paycred::crypto
