#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace paycred::service {

// FieldErrors: validation messages per field ("non_field_errors" for the whole input), in the
// shape DRF answers them.
class FieldErrors {
public:
    static QString nonField() { return QStringLiteral("non_field_errors"); }

    // DRF's messages, for every field that is read the way DRF reads it.
    static QString required() { return QStringLiteral("This field is required."); }
    static QString notNull() { return QStringLiteral("This field may not be null."); }
    static QString blank() { return QStringLiteral("This field may not be blank."); }
    static QString notAString() { return QStringLiteral("Not a valid string."); }
    static QString nullCharacter() { return QStringLiteral("Null characters are not allowed."); }
    static QString tooLong(int maxLength) {
        return QStringLiteral("Ensure this field has no more than %1 characters.").arg(maxLength);
    }
    static QString notAChoice(const QString& value) {
        return QStringLiteral("\"%1\" is not a valid choice.").arg(value.left(300));
    }
    static QString notABoolean() { return QStringLiteral("Must be a valid boolean."); }

    void add(const QString& field, const QString& message) { m_errors[field].append(message); }
    bool isEmpty() const { return m_errors.isEmpty(); }
    bool contains(const QString& field) const { return m_errors.contains(field); }
    const QMap<QString, QStringList>& all() const { return m_errors; }

    static FieldErrors single(const QString& field, const QString& message) {
        FieldErrors errors;
        errors.add(field, message);
        return errors;
    }

private:
    QMap<QString, QStringList> m_errors;
};

} // namespace paycred::service
