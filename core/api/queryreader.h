#pragma once

#include "core/service/fielderrors.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::api {

// QueryReader: the filters of a list, read from its URL's query the way django-filter reads
// them — an absent or empty parameter filters nothing — collecting DRF-shaped field errors.
class QueryReader {
public:
    explicit QueryReader(const QJsonObject& query)
        : m_query(query) {}

    std::optional<QString> choice(const QString& name, const QStringList& choices);
    std::optional<bool> boolean(const QString& name);
    // A positive integer that fits in 64 bits (an id).
    std::optional<qint64> id(const QString& name);
    // Text as given, at most `maxLength` code points.
    QString text(const QString& name, int maxLength);
    // ISO 8601; a time without an offset is UTC.
    std::optional<QDateTime> time(const QString& name);

    const service::FieldErrors& errors() const { return m_errors; }

private:
    // The parameter's value, or nothing when it is absent or empty.
    std::optional<QString> value(const QString& name) const;

    QJsonObject m_query;
    service::FieldErrors m_errors;
};

} // namespace paycred::api
