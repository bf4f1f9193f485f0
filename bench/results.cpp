#include "bench/results.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>

namespace paycred::bench {

double Results::median(std::vector<double> values) {
    if (values.empty())
        qFatal("bench: a median of no runs");
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void Results::write(const QString& fileName, const QStringList& lines) {
    const QString text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    QFile file(QStringLiteral(PAYCRED_BENCH_RESULTS "/") + fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        qFatal("bench: cannot write the results file %s", qPrintable(file.fileName()));
    QTextStream(&file) << text;
    QTextStream(stdout) << text << "wrote " << file.fileName() << "\n";
}

} // namespace paycred::bench
