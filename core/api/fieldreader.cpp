#include "core/api/fieldreader.h"

#include "core/foundation/unicodetext.h"
#include "core/service/credentialfields.h"
#include "core/service/fielderrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace paycred::api {

namespace {
std::optional<QString> asText(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == double(value.toInteger()))
            return QString::number(value.toInteger());
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    return std::nullopt;
}

// How Python would print the value inside DRF's "... is not a valid choice." message.
QString pythonText(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    if (auto text = asText(value))
        return *text;
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}
// The field's value when it is there and not null; otherwise sets DRF's error for that.
std::optional<QJsonValue> presentValue(const QJsonObject& object, const QString& key,
                                       FieldReader::Text& field) {
    if (!object.contains(key)) {
        field.error = service::FieldErrors::required();
        return std::nullopt;
    }
    field.present = true;
    const QJsonValue value = object.value(key);
    if (value.isNull()) {
        field.error = service::FieldErrors::notNull();
        return std::nullopt;
    }
    return value;
}
// An optional field's value when it is there and not null; `present` says whether it is there,
// `error` gets DRF's message for a null.
std::optional<QJsonValue> optionalValue(const QJsonObject& object, const QString& key,
                                        bool& present, QString& error) {
    present = object.contains(key);
    if (!present)
        return std::nullopt;
    const QJsonValue value = object.value(key);
    if (value.isNull()) {
        error = service::FieldErrors::notNull();
        return std::nullopt;
    }
    return value;
}
} // namespace

FieldReader::Text FieldReader::text(const QJsonObject& object, const QString& key, int maxLength,
                                    bool allowBlank) {
    Text field;
    const auto present = presentValue(object, key, field);
    if (!present)
        return field;
    const QJsonValue& value = *present;
    const auto text = asText(value);
    if (!text) {
        field.error = service::FieldErrors::notAString();
        return field;
    }
    field.value = text->trimmed();
    if (field.value.isEmpty() && !allowBlank)
        field.error = service::FieldErrors::blank();
    else if (field.value.contains(QChar(0)))
        field.error = service::FieldErrors::nullCharacter();
    else if (UnicodeText::codePoints(field.value) > maxLength)
        field.error = service::FieldErrors::tooLong(maxLength);
    return field;
}

FieldReader::Text FieldReader::choice(const QJsonObject& object, const QString& key,
                                      const QStringList& choices) {
    Text field;
    const auto present = presentValue(object, key, field);
    if (!present)
        return field;
    const QJsonValue& value = *present;
    const QString text = pythonText(value);
    field.error = value.isString() ? service::CredentialFields::choiceProblem(text, choices)
                                   : service::FieldErrors::notAChoice(text);
    if (!field.error.isEmpty())
        return field;
    field.value = text;
    return field;
}

FieldReader::Boolean FieldReader::boolean(const QJsonObject& object, const QString& key) {
    Boolean field;
    const auto present = optionalValue(object, key, field.present, field.error);
    if (!present)
        return field;
    const QJsonValue& value = *present;
    if (value.isBool()) {
        field.value = value.toBool();
        return field;
    }
    // DRF's BooleanField: these words in any case, and the numbers 1 and 0.
    static const QStringList truthy = {"t", "y", "yes", "true", "on", "1"};
    static const QStringList falsy = {"f", "n", "no", "false", "off", "0"};
    const auto text = asText(value);
    if (text && truthy.contains(text->toLower())) {
        field.value = true;
        return field;
    }
    if (text && falsy.contains(text->toLower())) {
        field.value = false;
        return field;
    }
    field.error = service::FieldErrors::notABoolean();
    return field;
}

FieldReader::Text FieldReader::password(const QJsonObject& object, const QString& key) {
    Text field;
    field.present = object.contains(key);
    const auto value = string(object, key);
    if (value && !value->isEmpty())
        field.value = *value;
    else if (!field.present)
        field.error = service::FieldErrors::required();
    else
        field.error = value ? service::FieldErrors::blank() : service::FieldErrors::notAString();
    return field;
}

FieldReader::Id FieldReader::primaryKey(const QJsonObject& object, const QString& key) {
    Id field;
    const auto present = optionalValue(object, key, field.present, field.error);
    if (!present)
        return field;
    const QJsonValue& value = *present;
    const QString text = value.isString() ? value.toString().trimmed()
                         : value.isDouble() && value.toDouble() == double(value.toInteger())
                             ? QString::number(value.toInteger())
                             : QString();
    bool ok = false;
    field.value = text.toLongLong(&ok);
    if (!ok)
        field.error = QStringLiteral("Incorrect type. Expected pk value, received %1.")
                          .arg(pythonType(value));
    return field;
}

QString FieldReader::invalidPrimaryKey(qint64 id) {
    return QStringLiteral("Invalid pk \"%1\" - object does not exist.").arg(id);
}

QString FieldReader::pythonType(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Array:
        return QStringLiteral("list");
    case QJsonValue::Object:
        return QStringLiteral("dict");
    case QJsonValue::String:
        return QStringLiteral("str");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return value.toDouble() == double(value.toInteger()) ? QStringLiteral("int")
                                                             : QStringLiteral("float");
    default:
        return QStringLiteral("NoneType");
    }
}

std::optional<QString> FieldReader::string(const QJsonObject& object, const QString& key) {
    const QJsonValue value = object.value(key);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

} // namespace paycred::api
