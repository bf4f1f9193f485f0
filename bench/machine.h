#pragma once

#include <QString>

namespace paycred::bench {

// Machine: what a results file says about where it was measured — the CPU, the load — and how
// much memory this process holds.
class Machine {
public:
    static QString cpuModel();
    // The 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
    static QString loadAverage();
    // This process's resident set (VmRSS), in KiB; -1 when it cannot be read.
    static qint64 residentKiB();
};

} // namespace paycred::bench
