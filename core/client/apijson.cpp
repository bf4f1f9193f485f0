#include "core/client/apijson.h"

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

QByteArray body(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace paycred::client::apijson
