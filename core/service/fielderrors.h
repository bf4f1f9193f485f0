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
