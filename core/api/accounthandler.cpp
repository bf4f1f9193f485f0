#include "core/api/accounthandler.h"

#include "core/api/credentialjson.h"
#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"
#include "core/crypto/secret.h"
#include "core/service/services.h"

namespace paycred::api {

namespace {
// Reads the named password fields; fills `errors` for each one missing or not a string.
QList<QString> passwordFields(const RequestBody& body, const QStringList& names,
                              service::FieldErrors& errors) {
    QList<QString> values;
    for (const QString& name : names) {
        const auto value =
            body.isObject() ? FieldReader::string(body.object(), name) : std::nullopt;
        if (!value || value->isEmpty()) {
            const bool present = body.isObject() && body.object().contains(name);
            errors.add(name, present && !value ? service::FieldErrors::notAString()
                             : present         ? service::FieldErrors::blank()
                                               : service::FieldErrors::required());
        }
        values.append(value.value_or(QString()));
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
    return ApiResponse::json(
        200, QJsonObject{
                 {QStringLiteral("id"), user->id},
                 {QStringLiteral("username"), user->username},
                 {QStringLiteral("is_superuser"), user->isSuperuser},
                 {QStringLiteral("is_active"), user->isActive},
                 {QStringLiteral("date_joined"), CredentialJson::timestamp(user->dateJoined)},
                 {QStringLiteral("last_login"),
                  user->lastLogin ? QJsonValue(CredentialJson::timestamp(*user->lastLogin))
                                  : QJsonValue(QJsonValue::Null)},
             });
}

ApiResponse AccountHandler::changePassword(const RequestContext& context) {
    const RequestBody body = RequestBody::parse(context.request);
    if (!body.ok())
        return body.error();
    service::FieldErrors errors;
    QList<QString> passwords = passwordFields(
        body, {QStringLiteral("old_password"), QStringLiteral("new_password")}, errors);
    if (errors.isEmpty())
        errors = context.services.auth().changePassword(context.actor, passwords[0], passwords[1]);
    wipeAll(passwords);
    if (!errors.isEmpty())
        return ErrorResponse::fields(errors);
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
