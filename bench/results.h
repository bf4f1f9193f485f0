#pragma once

#include <QStringList>

#include <vector>

namespace paycred::bench {

// Results: what every bench does with its figures — the median of its runs, and the results
// file in bench/results/ (echoed to standard output).
class Results {
public:
    static double median(std::vector<double> values);
    // Writes `lines` to bench/results/`fileName`; a bench that cannot write its results fails.
    static void write(const QString& fileName, const QStringList& lines);
};

} // namespace paycred::bench
