#pragma once

#include "core/crypto/secret.h"

#include <QByteArray>
#include <QJsonObject>

#include <cstdint>

namespace paycred::crypto {

// Jwt: HS256 JSON Web Tokens with SimpleJWT's claims. The algorithm is pinned: the header's
// `alg` must be exactly HS256 (`none` and every other value are refused).
class Jwt {
public:
    explicit Jwt(Secret signingKey);

    enum class Error { None, Malformed, BadSignature, BadAlgorithm, Expired };

    struct Decoded {
        Error error = Error::Malformed;
        QJsonObject claims;
        bool ok() const { return error == Error::None; }
    };

    // Signs `claims` as given (header {"alg":"HS256","typ":"JWT"}).
    QByteArray sign(const QJsonObject& claims) const;
    // Checks structure, alg, signature, then `exp` against `nowSecs` (missing exp = Malformed).
    Decoded verify(QByteArrayView token, std::int64_t nowSecs) const;

    // SimpleJWT-shaped claims: token_type, exp, iat, jti (32 hex chars), user_id.
    static QJsonObject claims(const QString& tokenType, qint64 userId, std::int64_t issuedAtSecs,
                              std::int64_t lifetimeSecs);
    // user_id as a number or a numeric string (SimpleJWT changed it); 0 when absent or invalid.
    static qint64 userId(const QJsonObject& claims);

private:
    Secret m_key;
};

} // namespace paycred::crypto
