#include "core/api/userjson.h"

#include "core/api/credentialjson.h"

namespace paycred::api {

namespace {
QJsonValue optionalTime(const std::optional<QDateTime>& at) {
    return at ? QJsonValue(CredentialJson::timestamp(*at)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject UserJson::toJson(const service::User& user) {
    return {
        {QStringLiteral("id"), user.id},
        {QStringLiteral("username"), user.username},
        {QStringLiteral("is_superuser"), user.isSuperuser},
        {QStringLiteral("is_active"), user.isActive},
        {QStringLiteral("date_joined"), CredentialJson::timestamp(user.dateJoined)},
        {QStringLiteral("last_login"), optionalTime(user.lastLogin)},
    };
}

QJsonObject UserJson::toJson(const service::UserDirectory::Listed& listed) {
    QJsonObject object = toJson(listed.user);
    object.insert(QStringLiteral("credentials_count"), listed.credentialsCount);
    object.insert(QStringLiteral("locked_until"), optionalTime(listed.lockedUntil));
    return object;
}

} // namespace paycred::api
