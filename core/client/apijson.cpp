#include "core/client/apijson.h"

#include "core/api/credentialjson.h"
#include "core/service/provider.h"

#include <QJsonDocument>

#include <cmath>

namespace paycred::client::apijson {

std::optional<qint64> positiveId(const QJsonValue& value) {
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 1 || number != std::floor(number))
        return std::nullopt;
    return value.toInteger();
}

QDateTime timestamp(const QJsonValue& value) {
    QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        return {};
    if (at.timeSpec() == Qt::LocalTime)
        at.setTimeSpec(Qt::UTC);
    return at.toUTC();
}

QString timestampText(const QDateTime& at) {
    return api::CredentialJson::timestamp(at);
}

std::optional<qint64> count(const QJsonValue& value) {
    if (!value.isDouble() || value.toDouble() < 0)
        return std::nullopt;
    return value.toInteger();
}

QByteArray body(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Credential> credential(const QJsonValue& value) {
    const QJsonObject object = value.toObject();
    const auto id = positiveId(object.value(QStringLiteral("id")));
    const QString provider = object.value(QStringLiteral("provider")).toString();
    if (!value.isObject() || !id || provider.isEmpty())
        return std::nullopt;
    Credential credential;
    credential.id = *id;
    credential.provider = provider;
    credential.providerDisplay = object.value(QStringLiteral("provider_display"))
                                     .toString(service::Provider::displayNameOf(provider));
    credential.environment = object.value(QStringLiteral("environment")).toString();
    credential.isActive = object.value(QStringLiteral("is_active")).toBool();
    credential.createdAt = timestamp(object.value(QStringLiteral("created_at")));
    credential.updatedAt = timestamp(object.value(QStringLiteral("updated_at")));
    const QJsonValue live = object.value(QStringLiteral("is_live"));
    credential.isLive =
        live.isBool() ? live.toBool() : credential.environment == QLatin1String("live");
    return credential;
}

std::optional<Credential> oneCredential(const api::ApiResponse& response) {
    const QJsonObject object = response.object();
    const QJsonValue nested = object.value(QStringLiteral("credentials"));
    std::optional<Credential> found = credential(nested.isObject() ? nested : object);
    if (found)
        found->entityTag = response.header("ETag");
    return found;
}

} // namespace paycred::client::apijson
