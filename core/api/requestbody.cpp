#include "core/api/requestbody.h"

#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace paycred::api {

namespace {
QByteArray mediaType(const QByteArray& contentType) {
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

// Qt's parser lets a raw control character through inside a string; JSON (RFC 8259 §7) and
// Python's parser, hence DRF, refuse it. Returns the offset of the first one, or -1.
qsizetype rawControlCharacter(const QByteArray& body) {
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const auto c = static_cast<unsigned char>(body.at(i));
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (escaped)
            escaped = false;
        else if (c == '\\')
            escaped = true;
        else if (c == '"')
            inString = false;
        else if (c < 0x20)
            return i;
    }
    return -1;
}

QString formText(QByteArray bytes) {
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}
} // namespace

RequestBody RequestBody::parse(const ApiRequest& request) {
    if (request.body.trimmed().isEmpty())
        return {};
    const QByteArray contentType = request.header("Content-Type");
    const QByteArray type = mediaType(contentType);
    if (type == "application/json" || (type.startsWith("application/") && type.endsWith("+json")))
        return parseJson(request.body);
    if (type == "application/x-www-form-urlencoded")
        return parseForm(request.body);
    RequestBody refused;
    refused.m_error = ErrorResponse::unsupportedMediaType(type);
    return refused;
}

RequestBody RequestBody::parseObject(const ApiRequest& request) {
    RequestBody body = parse(request);
    if (body.ok() && !body.isObject()) {
        body.m_error =
            ErrorResponse::field(service::FieldErrors::nonField(),
                                 QStringLiteral("Invalid data. Expected a dictionary, but got %1.")
                                     .arg(body.typeName()));
    }
    return body;
}

RequestBody RequestBody::parseJson(const QByteArray& body) {
    RequestBody result;
    if (const qsizetype offset = rawControlCharacter(body); offset >= 0) {
        result.m_error = ErrorResponse::jsonParseError(
            QStringLiteral("Invalid control character at: char %1").arg(offset));
        return result;
    }
    // Qt's parser takes a top-level scalar only inside an array: wrap, then unwrap.
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("[") + body + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1) {
        const QString reason = error.error != QJsonParseError::NoError
                                   ? error.errorString()
                                   : QStringLiteral("expected one JSON value");
        result.m_error = ErrorResponse::jsonParseError(reason);
        return result;
    }
    const QJsonValue value = document.array().first();
    if (!value.isObject()) {
        result.m_isObject = false;
        result.m_typeName = FieldReader::pythonType(value);
        return result;
    }
    result.m_object = value.toObject();
    return result;
}

QJsonObject RequestBody::formFields(const QByteArray& encoded) {
    QJsonObject fields;
    for (const QByteArray& pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QString key = formText(equals < 0 ? pair : pair.left(equals));
        const QString value = equals < 0 ? QString() : formText(pair.mid(equals + 1));
        fields.insert(key, value);
    }
    return fields;
}

RequestBody RequestBody::parseForm(const QByteArray& body) {
    RequestBody result;
    result.m_object = formFields(body);
    return result;
}

} // namespace paycred::api
