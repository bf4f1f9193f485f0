#include "core/crypto/jwt.h"

#include "core/crypto/base64url.h"
#include "core/crypto/digest.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <utility>

namespace paycred::crypto {

namespace {

constexpr qsizetype SignatureSize = 32; // HMAC-SHA256

// Parses `bytes` as a JSON object; empty when it is anything else.
std::optional<QJsonObject> parseObject(const QByteArray& bytes) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

Jwt::Jwt(Secret signingKey)
    : m_key(std::move(signingKey)) {}

QByteArray Jwt::sign(const QJsonObject& claims) const {
    static const QByteArray header = base64url::encode(
        QJsonDocument(QJsonObject{{QStringLiteral("alg"), QStringLiteral("HS256")},
                                  {QStringLiteral("typ"), QStringLiteral("JWT")}})
            .toJson(QJsonDocument::Compact),
        false);
    const QByteArray payload =
        base64url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact), false);
    QByteArray token = header + '.' + payload;
    token += '.' + base64url::encode(Digest::hmacSha256(m_key.view(), token), false);
    return token;
}

Jwt::Decoded Jwt::verify(QByteArrayView token, std::int64_t nowSecs) const {
    Decoded result; // Malformed until proven otherwise
    if (token.count('.') != 2)
        return result;
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = token.indexOf('.', firstDot + 1);
    const QByteArrayView signingInput = token.first(secondDot);
    const auto header = base64url::decode(token.first(firstDot), base64url::Padding::Forbidden);
    const auto payload = base64url::decode(token.sliced(firstDot + 1, secondDot - firstDot - 1),
                                           base64url::Padding::Forbidden);
    const auto signature =
        base64url::decode(token.sliced(secondDot + 1), base64url::Padding::Forbidden);
    if (!header || !payload || !signature)
        return result;

    const auto headerObject = parseObject(*header);
    if (!headerObject)
        return result;
    // The algorithm is pinned: the header may only confirm it, never choose it.
    const QJsonValue alg = headerObject->value(QLatin1String("alg"));
    if (!alg.isString() || alg.toString() != QLatin1String("HS256")) {
        result.error = Error::BadAlgorithm;
        return result;
    }
    // RFC 7515 §4.1.11: extensions this code does not know about must not be ignored.
    if (headerObject->contains(QLatin1String("crit")))
        return result;

    // Both sides must be a whole HMAC: a failed HMAC is empty, and so is an empty signature.
    const QByteArray expected = Digest::hmacSha256(m_key.view(), signingInput);
    if (expected.size() != SignatureSize || signature->size() != SignatureSize ||
        !Digest::constantTimeEquals(expected, *signature)) {
        result.error = Error::BadSignature;
        return result;
    }

    // Only an authenticated payload is parsed.
    auto claims = parseObject(*payload);
    if (!claims)
        return result;
    const QJsonValue exp = claims->value(QLatin1String("exp"));
    if (!exp.isDouble() || !std::isfinite(exp.toDouble()))
        return result;
    // PyJWT 2.6's rule: int(exp) <= now is expired (a token is dead at its `exp` second).
    if (std::trunc(exp.toDouble()) <= double(nowSecs)) {
        result.error = Error::Expired;
        return result;
    }
    result.error = Error::None;
    result.claims = std::move(*claims);
    return result;
}

QJsonObject Jwt::claims(const QString& tokenType, qint64 userId, std::int64_t issuedAtSecs,
                        std::int64_t lifetimeSecs) {
    return QJsonObject{
        {QStringLiteral("token_type"), tokenType},
        {QStringLiteral("exp"), qint64(issuedAtSecs + lifetimeSecs)},
        {QStringLiteral("iat"), qint64(issuedAtSecs)},
        {QStringLiteral("jti"), QString::fromLatin1(Digest::randomBytes(16).toHex())},
        {QStringLiteral("user_id"), userId},
    };
}

qint64 Jwt::userId(const QJsonObject& claims) {
    const QJsonValue value = claims.value(QLatin1String("user_id"));
    if (value.isDouble()) {
        // Integral values only: 7.0 is 7, 7.5 is not an id.
        const qint64 id = value.toInteger(0);
        return id > 0 ? id : 0;
    }
    if (value.isString()) {
        const QString text = value.toString();
        if (text.isEmpty() || text.size() > 18 ||
            !std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
            return 0;
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        return ok && id > 0 ? id : 0;
    }
    return 0;
}

} // namespace paycred::crypto
