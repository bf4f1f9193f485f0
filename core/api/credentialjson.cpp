#include "core/api/credentialjson.h"

#include "core/service/environment.h"
#include "core/service/provider.h"

namespace paycred::api {

QString CredentialJson::timestamp(const QDateTime& at) {
    const QDateTime utc = at.toUTC();
    return utc.toString(utc.time().msec() == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

QByteArray CredentialJson::entityTag(const service::Credential& credential) {
    return '"' + QByteArray::number(credential.version) + '"';
}

QJsonObject CredentialJson::toJson(const service::Credential& credential) {
    const bool live = credential.environment == service::Environment::live();
    return {
        {QStringLiteral("id"), credential.id},
        {QStringLiteral("provider"), credential.provider},
        {QStringLiteral("provider_display"), service::Provider::displayNameOf(credential.provider)},
        {QStringLiteral("environment"), credential.environment},
        {QStringLiteral("is_active"), credential.isActive},
        {QStringLiteral("created_at"), timestamp(credential.createdAt)},
        {QStringLiteral("updated_at"), timestamp(credential.updatedAt)},
        {QStringLiteral("is_live"), live},
        {QStringLiteral("is_sandbox"), !live},
    };
}

QJsonArray CredentialJson::toJson(const QList<service::Credential>& credentials) {
    QJsonArray array;
    for (const auto& credential : credentials)
        array.append(toJson(credential));
    return array;
}

} // namespace paycred::api
