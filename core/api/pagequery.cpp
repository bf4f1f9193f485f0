#include "core/api/pagequery.h"

#include "core/api/errorresponse.h"
#include "core/api/requestbody.h"
#include "core/api/requestcontext.h"

#include <QJsonDocument>

namespace paycred::api {

namespace {
const QString PageSize = QStringLiteral("page_size");
const QString Ordering = QStringLiteral("ordering");
const QString CursorName = QStringLiteral("cursor");

QString invalidCursor() {
    return QStringLiteral("Invalid cursor.");
}

QString orderingText(const service::PageRequest& request) {
    return (request.descending ? QStringLiteral("-") : QString()) + request.ordering;
}

std::optional<service::Cursor> decodeCursor(const QString& text, const QString& ordering) {
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                             QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(decoded.decoded, &error);
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(QStringLiteral("i"));
    const QJsonValue value = object.value(QStringLiteral("v"));
    if (error.error != QJsonParseError::NoError || !document.isObject() ||
        object.value(QStringLiteral("o")).toString() != ordering || !id.isDouble() ||
        !(value.isString() || value.isDouble()))
        return std::nullopt;
    return service::Cursor{value.toVariant(), id.toInteger()};
}

// The query as the client wrote it, without its cursor, then the new cursor.
QByteArray nextQuery(const QByteArray& target, const QString& cursor) {
    const qsizetype start = target.indexOf('?');
    QList<QByteArray> kept;
    if (start >= 0) {
        for (const QByteArray& pair : target.mid(start + 1).split('&')) {
            if (!pair.isEmpty() && !RequestBody::queryFields(pair).contains(CursorName))
                kept.append(pair);
        }
    }
    kept.append("cursor=" + cursor.toLatin1());
    return kept.join('&');
}
} // namespace

service::PageRequest PageQuery::read(const QJsonObject& query, const QStringList& orderings,
                                     service::FieldErrors& errors) {
    service::PageRequest request;
    const QString size = query.value(PageSize).toString();
    if (!size.isEmpty()) {
        bool ok = false;
        const int number = size.toInt(&ok);
        if (!ok)
            errors.add(PageSize, QStringLiteral("A valid integer is required."));
        else if (number > service::PageRequest::MaxSize)
            errors.add(PageSize, QStringLiteral("Ensure this value is less than or equal to %1.")
                                     .arg(service::PageRequest::MaxSize));
        else if (number < 1)
            errors.add(PageSize,
                       QStringLiteral("Ensure this value is greater than or equal to 1."));
        else
            request.size = number;
    }
    const QString ordering = query.value(Ordering).toString();
    if (!ordering.isEmpty()) {
        request.descending = ordering.startsWith(u'-');
        request.ordering = request.descending ? ordering.mid(1) : ordering;
        if (!orderings.contains(request.ordering)) {
            errors.add(Ordering, service::FieldErrors::notAChoice(ordering));
            request.ordering.clear();
        }
    }
    const QString cursor = query.value(CursorName).toString();
    if (!cursor.isEmpty()) {
        request.after = decodeCursor(cursor, orderingText(request));
        if (!request.after)
            errors.add(CursorName, invalidCursor());
    }
    return request;
}

QString PageQuery::encodeCursor(const service::PageRequest& request, const service::Cursor& at) {
    const QJsonObject object{{QStringLiteral("o"), orderingText(request)},
                             {QStringLiteral("v"), QJsonValue::fromVariant(at.value)},
                             {QStringLiteral("i"), at.id}};
    return QString::fromLatin1(
        QJsonDocument(object)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

ApiResponse PageQuery::answer(const RequestContext& context, const service::PageRequest& request,
                              const std::optional<qint64>& count,
                              const std::optional<service::Cursor>& next,
                              const QJsonArray& results) {
    QJsonValue nextUrl = QJsonValue::Null;
    if (next) {
        nextUrl = QString::fromUtf8(
            context.path + '?' + nextQuery(context.request.target, encodeCursor(request, *next)));
    }
    return ApiResponse::json(
        200, QJsonObject{{QStringLiteral("count"), count ? QJsonValue(*count) : QJsonValue::Null},
                         {QStringLiteral("next"), nextUrl},
                         {QStringLiteral("results"), results}});
}

ApiResponse PageQuery::failure(bool badCursor) {
    if (badCursor)
        return ErrorResponse::field(CursorName, invalidCursor());
    return ErrorResponse::storageFailed();
}

} // namespace paycred::api
