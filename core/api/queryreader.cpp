#include "core/api/queryreader.h"

#include "core/api/fieldreader.h"
#include "core/foundation/unicodetext.h"
#include "core/service/credentialfields.h"

namespace paycred::api {

std::optional<QString> QueryReader::value(const QString& name) const {
    const QString text = m_query.value(name).toString();
    if (text.isEmpty())
        return std::nullopt;
    return text;
}

std::optional<QString> QueryReader::choice(const QString& name, const QStringList& choices) {
    const auto text = value(name);
    if (!text)
        return std::nullopt;
    const QString problem = service::CredentialFields::choiceProblem(*text, choices);
    if (problem.isEmpty())
        return text;
    m_errors.add(name, problem);
    return std::nullopt;
}

std::optional<bool> QueryReader::boolean(const QString& name) {
    if (!value(name))
        return std::nullopt;
    const auto field = FieldReader::boolean(m_query, name);
    if (field.error.isEmpty())
        return field.value;
    m_errors.add(name, field.error);
    return std::nullopt;
}

std::optional<qint64> QueryReader::id(const QString& name) {
    const auto text = value(name);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const qint64 number = text->toLongLong(&ok);
    if (ok && number > 0 &&
        std::all_of(text->begin(), text->end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return number;
    m_errors.add(name, QStringLiteral("A valid integer is required."));
    return std::nullopt;
}

QString QueryReader::text(const QString& name, int maxLength) {
    const QString text = value(name).value_or(QString());
    if (UnicodeText::codePoints(text) <= maxLength)
        return text;
    m_errors.add(name, service::FieldErrors::tooLong(maxLength));
    return {};
}

std::optional<QDateTime> QueryReader::time(const QString& name) {
    const auto text = value(name);
    if (!text)
        return std::nullopt;
    QDateTime at = QDateTime::fromString(*text, Qt::ISODateWithMs);
    if (!at.isValid()) {
        m_errors.add(name, QStringLiteral("Enter a valid date/time."));
        return std::nullopt;
    }
    if (at.timeSpec() == Qt::LocalTime)
        at.setTimeSpec(Qt::UTC);
    return at.toUTC();
}

} // namespace paycred::api
