#include "core/api/authhandler.h"

#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/crypto/secret.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
ApiResponse noStore(ApiResponse response) {
    response.setHeader("Cache-Control", "no-store");
    return response;
}

// The refresh token of a refresh or logout body ("refresh_token", or SimpleJWT's "refresh"),
// or the answer to give instead.
struct RefreshInput {
    std::optional<ApiResponse> refusal;
    QByteArray token;
};

RefreshInput readRefreshToken(const RequestContext& context) {
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return {body.error(), {}};
    std::optional<QString> token;
    if (body.isObject()) {
        token = FieldReader::string(body.object(), QStringLiteral("refresh_token"));
        if (!token)
            token = FieldReader::string(body.object(), QStringLiteral("refresh"));
    }
    if (!token || token->isEmpty())
        return {
            ErrorResponse::field(QStringLiteral("refresh_token"), service::FieldErrors::required()),
            {}};
    return {std::nullopt, token->toUtf8()};
}
// The answer to a login: tokens (200), throttled (429) or refused (401).
ApiResponse loginAnswer(const service::AuthService::Login& result, int accessLifetimeSecs) {
    using Status = service::AuthService::Login::Status;
    if (result.status == Status::Throttled)
        return ErrorResponse::throttled(result.retryAfterSecs);
    if (result.status != Status::Ok)
        return ErrorResponse::error(401, QStringLiteral("Invalid username or password"));
    const QJsonObject user{{QStringLiteral("id"), result.user.id},
                           {QStringLiteral("username"), result.user.username},
                           {QStringLiteral("is_superuser"), result.user.isSuperuser}};
    return noStore(ApiResponse::json(
        200,
        QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(result.accessToken)},
                    {QStringLiteral("refresh_token"), QString::fromLatin1(result.refreshToken)},
                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                    {QStringLiteral("expires_in"), accessLifetimeSecs},
                    {QStringLiteral("user"), user}}));
}
} // namespace

ApiResponse AuthHandler::login(const RequestContext& context) {
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return body.error();
    const auto username = FieldReader::string(body.object(), QStringLiteral("username"));
    auto password = FieldReader::string(body.object(), QStringLiteral("password"));
    if (!username || !password || username->isEmpty() || password->isEmpty())
        return ErrorResponse::error(400, QStringLiteral("Username and password are required"));

    const auto result =
        context.services.auth().login(*username, *password, context.request.remoteAddress,
                                      QString::fromUtf8(context.request.header("User-Agent")));
    crypto::wipe(*password);
    return loginAnswer(result, context.services.auth().accessLifetimeSecs());
}

ApiResponse AuthHandler::refresh(const RequestContext& context) {
    const RefreshInput input = readRefreshToken(context);
    if (input.refusal)
        return *input.refusal;
    const auto access = context.services.auth().refresh(input.token);
    if (!access)
        return ErrorResponse::refreshRejected();
    return noStore(ApiResponse::json(
        200,
        QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(*access)},
                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                    {QStringLiteral("expires_in"), context.services.auth().accessLifetimeSecs()}}));
}

ApiResponse AuthHandler::logout(const RequestContext& context) {
    const RefreshInput input = readRefreshToken(context);
    if (input.refusal)
        return *input.refusal;
    if (!context.services.auth().logout(context.actor, input.token))
        return ErrorResponse::refreshRejected();
    return ApiResponse::json(
        200, QJsonObject{{QStringLiteral("message"), QStringLiteral("Logged out")}});
}

ApiResponse AuthHandler::logoutAll(const RequestContext& context) {
    const int ended = context.services.auth().endAllSessions(context.actor);
    if (ended < 0)
        return ErrorResponse::storageFailed();
    return ApiResponse::json(
        200, QJsonObject{{QStringLiteral("message"), QStringLiteral("Logged out everywhere")},
                         {QStringLiteral("ended"), ended}});
}

} // namespace paycred::api
