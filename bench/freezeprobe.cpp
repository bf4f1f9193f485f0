#include "bench/freezeprobe.h"

#include <algorithm>

#include <time.h>

namespace paycred::bench {

FreezeProbe::FreezeProbe(int tickMs, double slowGapMs)
    : m_slowGapMs(slowGapMs) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tickMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { stamp(); });
}

namespace {
qint64 threadCpuNs() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}
} // namespace

void FreezeProbe::stamp() {
    m_stamps.push_back(m_clock.nsecsElapsed());
    m_cpuStamps.push_back(threadCpuNs());
}

void FreezeProbe::start() {
    m_stamps.clear();
    m_cpuStamps.clear();
    m_clock.start();
    stamp();
    m_timer.start();
}

FreezeProbe::Figures FreezeProbe::figures() const {
    Figures figures;
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpuNow = threadCpuNs();
    figures.wallMs = double(now) / 1e6;
    figures.ticks = double(m_stamps.size() - 1);
    for (std::size_t i = 0; i < m_stamps.size(); ++i) {
        const bool last = i + 1 == m_stamps.size();
        const double gapMs = double((last ? now : m_stamps[i + 1]) - m_stamps[i]) / 1e6;
        const double cpuMs = double((last ? cpuNow : m_cpuStamps[i + 1]) - m_cpuStamps[i]) / 1e6;
        if (gapMs > figures.longestGapMs) {
            figures.longestGapMs = gapMs;
            figures.longestGapCpuMs = cpuMs;
        }
        figures.longestBusyMs = std::max(figures.longestBusyMs, cpuMs);
        if (gapMs > m_slowGapMs)
            ++figures.slowGaps;
    }
    return figures;
}

FreezeProbe::Figures FreezeProbe::stop() {
    Figures result = figures();
    m_timer.stop();
    return result;
}

} // namespace paycred::bench
