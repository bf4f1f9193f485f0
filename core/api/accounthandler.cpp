#include "core/api/accounthandler.h"

#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/api/userjson.h"
#include "core/crypto/secret.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
// Reads the named password fields; fills `errors` for each one missing or not a string.
QList<QString> passwordFields(const RequestBody& body, const QStringList& names,
                              service::FieldErrors& errors) {
    QList<QString> values;
    for (const QString& name : names) {
        auto field = FieldReader::password(body.isObject() ? body.object() : QJsonObject(), name);
        if (!field.error.isEmpty())
            errors.add(name, field.error);
        values.append(std::move(field.value));
    }
    return values;
}

void wipeAll(QList<QString>& values) {
    for (QString& value : values)
        crypto::wipe(value);
}
} // namespace

ApiResponse AccountHandler::me(const RequestContext& context) {
    const auto user = context.services.users().find(context.actor.userId);
    if (!user)
        return ErrorResponse::unauthorized(service::AuthService::Failure::UserNotFound);
    return ApiResponse::json(200, UserJson::toJson(*user));
}

ApiResponse AccountHandler::changePassword(const RequestContext& context) {
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return body.error();
    service::FieldErrors errors;
    QList<QString> passwords = passwordFields(
        body, {QStringLiteral("old_password"), QStringLiteral("new_password")}, errors);
    if (!errors.isEmpty()) {
        wipeAll(passwords);
        return ErrorResponse::fields(errors);
    }
    const auto change =
        context.services.auth().changePassword(context.actor, passwords[0], passwords[1]);
    wipeAll(passwords);
    if (change.retryAfterSecs)
        return ErrorResponse::throttled(*change.retryAfterSecs);
    if (!change.errors.isEmpty())
        return ErrorResponse::fields(change.errors);
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("message"),
                                               QStringLiteral("Password changed successfully")}});
}

ApiResponse AccountHandler::verifyPassword(const RequestContext& context) {
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return body.error();
    service::FieldErrors errors;
    QList<QString> password = passwordFields(body, {QStringLiteral("password")}, errors);
    if (!errors.isEmpty())
        return ErrorResponse::fields(errors);
    const auto check = context.services.auth().verifyPassword(context.actor, password[0]);
    wipeAll(password);
    if (check.retryAfterSecs)
        return ErrorResponse::throttled(*check.retryAfterSecs);
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("is_valid"), check.valid}});
}

} // namespace paycred::api
