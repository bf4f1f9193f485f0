#include "core/client/apierror.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>

namespace paycred::client {

namespace {

QString transportMessage(const TransportResult& result) {
    if (!result.message.isEmpty())
        return result.message;
    switch (result.failure) {
    case TransportResult::Failure::Timeout:
        return QStringLiteral("The server did not answer in time. Try again in a moment.");
    case TransportResult::Failure::Tls:
        return QStringLiteral("The server's certificate is not trusted. Check it before you "
                              "connect again.");
    case TransportResult::Failure::Cancelled:
        return QStringLiteral("The request was cancelled because the connection was closed.");
    case TransportResult::Failure::Network:
    case TransportResult::Failure::None:
        break;
    }
    return QStringLiteral("The server could not be reached. Check the address and your "
                          "connection, then try again.");
}

// A sentence for an answer that carried no message of its own.
QString statusMessage(int status) {
    switch (ApiError::kindForStatus(status)) {
    case ApiError::Kind::Validation:
        return QStringLiteral("The server refused the request as invalid (HTTP %1).").arg(status);
    case ApiError::Kind::Unauthorized:
        return QStringLiteral("You are not logged in, or your session has ended. Log in again.");
    case ApiError::Kind::Forbidden:
        return QStringLiteral("You do not have permission to do this.");
    case ApiError::Kind::NotFound:
        return QStringLiteral("The server has no such resource (HTTP 404).");
    case ApiError::Kind::Changed:
        return QStringLiteral("Someone else changed this in the meantime. Reload it and try "
                              "again.");
    case ApiError::Kind::Throttled:
        return QStringLiteral("Too many attempts. Wait a moment, then try again.");
    case ApiError::Kind::Server:
        return QStringLiteral("The server could not handle the request (HTTP %1). Try again in a "
                              "moment, and tell your administrator if it keeps happening.")
            .arg(status);
    default:
        break;
    }
    return QStringLiteral("The server sent an answer PayCred does not understand (HTTP %1).")
        .arg(status);
}

// "api_key" → "API key": how a field is named in a sentence.
QString fieldLabel(const QString& field) {
    static const QMap<QString, QString> labels{
        {QStringLiteral("api_key"), QStringLiteral("API key")},
        {QStringLiteral("private_key"), QStringLiteral("Private key")},
        {QStringLiteral("is_active"), QStringLiteral("Active")},
        {QStringLiteral("old_password"), QStringLiteral("Current password")},
        {QStringLiteral("new_password"), QStringLiteral("New password")},
    };
    if (const auto it = labels.constFind(field); it != labels.cend())
        return it.value();
    QString label = field;
    label.replace(u'_', u' ');
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return label;
}

// The strings of a DRF error value: a list of messages, a single message, or (nested
// serializers) an object of them.
QStringList messagesOf(const QJsonValue& value) {
    QStringList messages;
    if (value.isString()) {
        messages.append(value.toString());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const auto& item : array)
            messages.append(messagesOf(item));
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            messages.append(messagesOf(it.value()));
    }
    return messages;
}

std::optional<qint64> retryAfterOf(const api::ApiResponse& response, const QString& message) {
    const QByteArray header = response.header("Retry-After").trimmed();
    if (!header.isEmpty()) {
        bool number = false;
        const qint64 secs = header.toLongLong(&number);
        if (number && secs >= 0)
            return secs;
        const QDateTime at = QDateTime::fromString(QString::fromLatin1(header), Qt::RFC2822Date);
        if (at.isValid())
            return std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(at));
    }
    if (response.status == 429) {
        // "Try again in N seconds." (ours) or "Expected available in N seconds." (DRF)
        static const QRegularExpression seconds(QStringLiteral("(\\d+)\\s*seconds?"));
        const auto match = seconds.match(message);
        if (match.hasMatch())
            return match.captured(1).toLongLong();
    }
    return std::nullopt;
}

} // namespace

QString ApiError::fieldError(const QString& field) const {
    const QStringList messages = fieldErrors.value(field);
    return messages.isEmpty() ? QString() : messages.first();
}

ApiError::Kind ApiError::kindForStatus(int status) {
    switch (status) {
    case 400:
    case 413:
        return Kind::Validation;
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
        return Kind::NotFound;
    case 412:
        return Kind::Changed;
    case 429:
        return Kind::Throttled;
    default:
        break;
    }
    if (status >= 200 && status < 300)
        return Kind::None;
    if (status >= 500 && status < 600)
        return Kind::Server;
    return Kind::Unexpected;
}

ApiError ApiError::make(Kind kind, const QString& message, int status) {
    ApiError error;
    error.kind = kind;
    error.status = status;
    error.message = message;
    return error;
}

ApiError ApiError::unexpectedBody(int status) {
    return make(Kind::Unexpected,
                QStringLiteral("The server's answer is not what PayCred expects (HTTP %1). Check "
                               "that the address points to a PayCred server.")
                    .arg(status),
                status);
}

ApiError ApiError::fromTransport(const TransportResult& result) {
    if (result.ok())
        return fromResponse(result.response);
    ApiError error;
    switch (result.failure) {
    case TransportResult::Failure::Timeout:
        error.kind = Kind::Timeout;
        break;
    case TransportResult::Failure::Tls:
        error.kind = Kind::Tls;
        error.certificateSubject = result.certificateSubject;
        error.certificateIssuer = result.certificateIssuer;
        error.certificateExpiry = result.certificateExpiry;
        error.certificateSha256 = result.certificateSha256;
        error.certificatePem = result.certificatePem;
        break;
    case TransportResult::Failure::Network:
    case TransportResult::Failure::Cancelled:
    case TransportResult::Failure::None:
        error.kind = Kind::Network;
        break;
    }
    error.message = transportMessage(result);
    return error;
}

ApiError ApiError::fromResponse(const api::ApiResponse& response) {
    ApiError error;
    error.status = response.status;
    error.kind = kindForStatus(response.status);
    if (error.kind == Kind::None) // a success is not an error; callers never ask, but be safe
        error.kind = Kind::Unexpected;

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject body = document.object();
        error.code = body.value(QStringLiteral("code")).toString();
        if (body.value(QStringLiteral("error")).isString()) {
            error.message = body.value(QStringLiteral("error")).toString();
        } else if (body.value(QStringLiteral("detail")).isString()) {
            error.message = body.value(QStringLiteral("detail")).toString();
        } else {
            for (auto it = body.begin(); it != body.end(); ++it) {
                if (it.key() == QLatin1String("code"))
                    continue;
                const QStringList messages = messagesOf(it.value());
                if (!messages.isEmpty())
                    error.fieldErrors.insert(it.key(), messages);
            }
            const QString nonField = QStringLiteral("non_field_errors");
            if (error.fieldErrors.contains(nonField)) {
                error.message = error.fieldErrors.value(nonField).first();
            } else if (!error.fieldErrors.isEmpty()) {
                const auto first = error.fieldErrors.cbegin();
                error.message =
                    QStringLiteral("%1: %2").arg(fieldLabel(first.key()), first.value().first());
            }
        }
    } else if (parseError.error == QJsonParseError::NoError && document.isArray()) {
        // DRF answers a ValidationError raised with a list as a bare list of messages.
        const QStringList messages = messagesOf(document.array());
        if (!messages.isEmpty())
            error.message = messages.first();
    }
    if (error.message.trimmed().isEmpty())
        error.message = statusMessage(response.status);
    error.retryAfterSecs = retryAfterOf(response, error.message);
    return error;
}

} // namespace paycred::client
