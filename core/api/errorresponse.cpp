#include "core/api/errorresponse.h"

#include <QJsonArray>

namespace paycred::api {

namespace {
ApiResponse withAuthenticate(ApiResponse response) {
    response.setHeader("WWW-Authenticate", R"(Bearer realm="api")");
    return response;
}
} // namespace

ApiResponse ErrorResponse::error(int status, const QString& message) {
    return ApiResponse::json(status, QJsonObject{{QStringLiteral("error"), message}});
}

ApiResponse ErrorResponse::detail(int status, const QString& message) {
    return ApiResponse::json(status, QJsonObject{{QStringLiteral("detail"), message}});
}

ApiResponse ErrorResponse::fields(const service::FieldErrors& errors) {
    QJsonObject body;
    for (auto it = errors.all().cbegin(); it != errors.all().cend(); ++it)
        body.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return ApiResponse::json(400, body);
}

ApiResponse ErrorResponse::field(const QString& field, const QString& message) {
    return fields(service::FieldErrors::single(field, message));
}

ApiResponse ErrorResponse::notFound() {
    return detail(404, QStringLiteral("Not found."));
}

ApiResponse ErrorResponse::credentialNotFound() {
    return error(404, QStringLiteral("Payment credentials not found or access denied"));
}

ApiResponse ErrorResponse::methodNotAllowed(const QByteArray& method, const QStringList& allowed) {
    auto response = detail(
        405,
        QStringLiteral("Method \"%1\" not allowed.").arg(QString::fromLatin1(method.left(32))));
    response.setHeader("Allow", allowed.join(QStringLiteral(", ")).toLatin1());
    return response;
}

ApiResponse ErrorResponse::unauthorized(service::AuthService::Failure failure) {
    using Failure = service::AuthService::Failure;
    auto tokenInvalid = [](const QString& message) {
        const QJsonObject reason{{QStringLiteral("token_class"), QStringLiteral("AccessToken")},
                                 {QStringLiteral("token_type"), QStringLiteral("access")},
                                 {QStringLiteral("message"), message}};
        return ApiResponse::json(
            401, QJsonObject{{QStringLiteral("detail"),
                              QStringLiteral("Given token not valid for any token type")},
                             {QStringLiteral("code"), QStringLiteral("token_not_valid")},
                             {QStringLiteral("messages"), QJsonArray{reason}}});
    };
    auto coded = [](const QString& message, const QString& code) {
        return ApiResponse::json(
            401, QJsonObject{{QStringLiteral("detail"), message}, {QStringLiteral("code"), code}});
    };
    switch (failure) {
    case Failure::BadHeader:
        return withAuthenticate(
            coded(QStringLiteral("Authorization header must contain two space-delimited values"),
                  QStringLiteral("bad_authorization_header")));
    case Failure::InvalidToken:
        return withAuthenticate(tokenInvalid(QStringLiteral("Token is invalid or expired")));
    case Failure::WrongType:
        return withAuthenticate(tokenInvalid(QStringLiteral("Token has wrong type")));
    case Failure::UserNotFound:
        return withAuthenticate(
            coded(QStringLiteral("User not found"), QStringLiteral("user_not_found")));
    case Failure::UserInactive:
        return withAuthenticate(
            coded(QStringLiteral("User is inactive"), QStringLiteral("user_inactive")));
    case Failure::None:
    case Failure::NotProvided:
        break;
    }
    return withAuthenticate(
        detail(401, QStringLiteral("Authentication credentials were not provided.")));
}

ApiResponse ErrorResponse::refreshRejected() {
    return withAuthenticate(ApiResponse::json(
        401, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Token is invalid or expired")},
                         {QStringLiteral("code"), QStringLiteral("token_not_valid")}}));
}

ApiResponse ErrorResponse::permissionDenied() {
    return detail(403, QStringLiteral("You do not have permission to perform this action."));
}

ApiResponse ErrorResponse::passwordRequired() {
    return ApiResponse::json(
        403, QJsonObject{{QStringLiteral("error"),
                          QStringLiteral("Confirm your password to reveal a live key.")},
                         {QStringLiteral("code"), QStringLiteral("password_required")}});
}

ApiResponse ErrorResponse::bodyTooLarge() {
    return detail(413, QStringLiteral("Request body too large."));
}

ApiResponse ErrorResponse::unsupportedMediaType(const QByteArray& contentType) {
    return detail(415, QStringLiteral("Unsupported media type \"%1\" in request.")
                           .arg(QString::fromUtf8(contentType.left(200))));
}

ApiResponse ErrorResponse::jsonParseError(const QString& reason) {
    return detail(400, QStringLiteral("JSON parse error - %1").arg(reason));
}

ApiResponse ErrorResponse::throttled(qint64 retryAfterSecs) {
    auto response =
        error(429, QStringLiteral("Too many failed login attempts. Try again in %1 seconds.")
                       .arg(retryAfterSecs));
    response.setHeader("Retry-After", QByteArray::number(retryAfterSecs));
    return response;
}

namespace {
ApiResponse unavailable(int retryAfterSecs) {
    auto response = ErrorResponse::detail(503, QStringLiteral("Service temporarily unavailable."));
    response.setHeader("Retry-After", QByteArray::number(retryAfterSecs));
    return response;
}
} // namespace

ApiResponse ErrorResponse::storageFailed() {
    return unavailable(StorageRetryAfterSecs);
}

ApiResponse ErrorResponse::busy() {
    return unavailable(BusyRetryAfterSecs);
}

} // namespace paycred::api
