#include "core/service/providerchecker.h"

#include <array>
#include <utility>

namespace paycred::service {

namespace {
constexpr std::array<std::pair<ProviderChecker::Result, const char*>, 4> Names = {{
    {ProviderChecker::Result::Valid, "valid"},
    {ProviderChecker::Result::Rejected, "rejected"},
    {ProviderChecker::Result::Unreachable, "unreachable"},
    {ProviderChecker::Result::NotCheckable, "not_checkable"},
}};
} // namespace

QString ProviderChecker::nameOf(Result result) {
    for (const auto& [each, name] : Names) {
        if (each == result)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("unreachable");
}

ProviderChecker::Result ProviderChecker::resultNamed(const QString& name) {
    for (const auto& [each, text] : Names) {
        if (name == QLatin1String(text))
            return each;
    }
    return Result::Unreachable;
}

QStringList ProviderChecker::names() {
    QStringList all;
    for (const auto& [result, name] : Names)
        all.append(QString::fromLatin1(name));
    return all;
}

} // namespace paycred::service
