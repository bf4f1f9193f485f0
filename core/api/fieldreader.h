#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace paycred::api {

// FieldReader: reads one field of a request object the way DRF's CharField, ChoiceField and
// BooleanField do, and says what was wrong in DRF's words.
class FieldReader {
public:
    struct Text {
        bool present = false;
        QString value; // trimmed
        QString error; // DRF's message when the value is unusable
        bool ok() const { return present && error.isEmpty(); }
    };

    // A string field (a number is taken as its decimal text). Blank is an error unless allowed.
    static Text text(const QJsonObject& object, const QString& key, int maxLength,
                     bool allowBlank = false);
    // A choice among `choices`.
    static Text choice(const QJsonObject& object, const QString& key, const QStringList& choices);

    struct Boolean {
        bool present = false;
        bool value = false;
        QString error;
    };
    static Boolean boolean(const QJsonObject& object, const QString& key);

    // A password: a non-empty string, never trimmed ("This field is required.", "Not a valid
    // string." or "This field may not be blank." otherwise).
    static Text password(const QJsonObject& object, const QString& key);

    struct Id {
        bool present = false;
        qint64 value = 0;
        QString error;
    };
    // A primary key as DRF's PrimaryKeyRelatedField reads it: an integer (or its decimal
    // text), "Incorrect type. Expected pk value, received str." for anything else. Whether that
    // row exists is the caller's to check (invalidPrimaryKey()).
    static Id primaryKey(const QJsonObject& object, const QString& key);
    static QString invalidPrimaryKey(qint64 id);

    // "list", "str", "int", ... as Python names the type of a JSON value.
    static QString pythonType(const QJsonValue& value);

    // A plain string (login, passwords): empty when absent or not a string; never trimmed.
    static std::optional<QString> string(const QJsonObject& object, const QString& key);
};

} // namespace paycred::api
