#include "core/api/requestcontext.h"

#include <algorithm>

namespace paycred::api {

namespace {
// A positive integer that fits in 64 bits, written in decimal digits only.
std::optional<qint64> positiveNumber(QStringView text) {
    const bool digitsOnly = !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return c >= u'0' && c <= u'9';
    });
    if (!digitsOnly)
        return std::nullopt;
    bool fits = false;
    const qint64 value = text.toLongLong(&fits);
    if (!fits || value <= 0)
        return std::nullopt;
    return value;
}

// The versions named by the strong entity tags of an If-Match list ("3", W/"3", "3", "4").
QList<qint64> taggedVersions(QByteArrayView header) {
    QList<qint64> versions;
    qsizetype i = 0;
    while (i < header.size()) {
        const char c = header[i];
        if (c == ' ' || c == '\t' || c == ',') {
            ++i;
            continue;
        }
        const bool weak = header.sliced(i).startsWith("W/");
        if (weak)
            i += 2;
        if (i >= header.size() || header[i] != '"')
            break; // not an entity tag: the rest matches nothing
        const qsizetype close = header.indexOf('"', i + 1);
        if (close < 0)
            break;
        const auto version =
            positiveNumber(QString::fromLatin1(header.sliced(i + 1, close - i - 1)));
        if (version && !weak)
            versions.append(*version);
        i = close + 1;
    }
    return versions;
}
} // namespace

std::optional<qint64> RequestContext::id() const {
    if (parameters.isEmpty())
        return std::nullopt;
    return positiveNumber(parameters.first());
}

service::Precondition RequestContext::precondition() const {
    const QByteArray header = request.header("If-Match").trimmed();
    if (header.isEmpty())
        return service::Precondition::none();
    if (header == "*")
        return service::Precondition::anyVersion();
    return service::Precondition::oneOf(taggedVersions(header));
}

} // namespace paycred::api
