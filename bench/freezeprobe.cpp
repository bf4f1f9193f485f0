#include "bench/freezeprobe.h"

#include <algorithm>

namespace paycred::bench {

FreezeProbe::FreezeProbe(int tickMs, double slowGapMs)
    : m_slowGapMs(slowGapMs) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tickMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer,
                     [this] { m_stamps.push_back(m_clock.nsecsElapsed()); });
}

void FreezeProbe::start() {
    m_stamps.clear();
    m_clock.start();
    m_stamps.push_back(0);
    m_timer.start();
}

FreezeProbe::Figures FreezeProbe::figures() const {
    Figures figures;
    const qint64 now = m_clock.nsecsElapsed();
    figures.wallMs = double(now) / 1e6;
    figures.ticks = double(m_stamps.size() - 1);
    for (std::size_t i = 0; i < m_stamps.size(); ++i) {
        const qint64 end = i + 1 < m_stamps.size() ? m_stamps[i + 1] : now;
        const double gapMs = double(end - m_stamps[i]) / 1e6;
        figures.longestGapMs = std::max(figures.longestGapMs, gapMs);
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
