#pragma once

#include <QString>
#include <QStringList>

namespace paycred::service {

// Environment: where a provider's keys work — its sandbox or the live system.
struct Environment {
    static QString sandbox() { return QStringLiteral("sandbox"); }
    static QString live() { return QStringLiteral("live"); }
    static QStringList all() { return {sandbox(), live()}; }
    static bool isValid(const QString& name) { return all().contains(name); }
};

} // namespace paycred::service
