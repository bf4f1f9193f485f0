#include "core/api/requestbody.h"

#include "core/api/errorresponse.h"
#include "core/api/fieldreader.h"
#include "core/foundation/unicodetext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>
#include <QUrl>

#include <algorithm>

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

// Qt's parser takes a lone surrogate escape ("\ud800") as it is, and every later conversion
// to UTF-8 would replace it: what was sent could never be stored. True when every string in
// `value`, keys included, is Unicode.
bool isWellFormed(const QJsonValue& value) {
    if (value.isString())
        return UnicodeText::isWellFormed(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::all_of(array.begin(), array.end(),
                           [](const QJsonValue& item) { return isWellFormed(item); });
    }
    if (!value.isObject())
        return true;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!UnicodeText::isWellFormed(it.key()) || !isWellFormed(it.value()))
            return false;
    }
    return true;
}

// A form field's text. Strictly: nothing when its bytes are not UTF-8 (a key stored with
// U+FFFD in their place is not the key that was sent); otherwise U+FFFD replaces them.
std::optional<QString> formText(QByteArray bytes, bool strict) {
    bytes.replace('+', ' ');
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(QByteArray::fromPercentEncoding(bytes));
    if (strict && decoder.hasError())
        return std::nullopt;
    return text;
}

std::optional<QJsonObject> decodeForm(const QByteArray& encoded, bool strict) {
    QJsonObject fields;
    for (const QByteArray& pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const auto key = formText(equals < 0 ? pair : pair.left(equals), strict);
        const auto value =
            equals < 0 ? std::optional<QString>(QString()) : formText(pair.mid(equals + 1), strict);
        if (!key || !value)
            return std::nullopt;
        fields.insert(*key, *value);
    }
    return fields;
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
    if (!isWellFormed(value)) {
        result.m_error = ErrorResponse::jsonParseError(
            QStringLiteral("Lone surrogate escape in a string: text must be valid Unicode"));
        return result;
    }
    if (!value.isObject()) {
        result.m_isObject = false;
        result.m_typeName = FieldReader::pythonType(value);
        return result;
    }
    result.m_object = value.toObject();
    return result;
}

QJsonObject RequestBody::queryFields(const QByteArray& encoded) {
    return decodeForm(encoded, false).value_or(QJsonObject());
}

RequestBody RequestBody::parseForm(const QByteArray& body) {
    RequestBody result;
    auto fields = decodeForm(body, true);
    if (!fields) {
        result.m_error = ErrorResponse::detail(
            400, QStringLiteral("Form parse error - the body is not valid UTF-8."));
        return result;
    }
    result.m_object = std::move(*fields);
    return result;
}

} // namespace paycred::api
