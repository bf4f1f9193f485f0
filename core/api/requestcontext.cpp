#include "core/api/requestcontext.h"

namespace paycred::api {

std::optional<qint64> RequestContext::id() const {
    if (parameters.isEmpty())
        return std::nullopt;
    const QString& text = parameters.first();
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

} // namespace paycred::api
