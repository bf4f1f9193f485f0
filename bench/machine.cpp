#include "bench/machine.h"

#include <QFile>
#include <QStringList>

namespace paycred::bench {

namespace {
// procfs files have no size: read them whole, not line by line up to atEnd().
QStringList linesOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
}
} // namespace

QString Machine::cpuModel() {
    for (const QString& line : linesOf(QStringLiteral("/proc/cpuinfo")))
        if (line.startsWith(QLatin1String("model name")))
            return line.section(QLatin1Char(':'), 1).trimmed();
    return QStringLiteral("unknown CPU");
}

QString Machine::loadAverage() {
    const QStringList lines = linesOf(QStringLiteral("/proc/loadavg"));
    return lines.isEmpty() ? QStringLiteral("?") : lines.first().section(QLatin1Char(' '), 0, 2);
}

qint64 Machine::residentKiB() {
    for (const QString& line : linesOf(QStringLiteral("/proc/self/status")))
        if (line.startsWith(QLatin1String("VmRSS:")))
            return line.section(QLatin1Char(':'), 1)
                .trimmed()
                .section(QLatin1Char(' '), 0, 0)
                .toLongLong();
    return -1;
}

} // namespace paycred::bench
