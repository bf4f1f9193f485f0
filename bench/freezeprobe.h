#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace paycred::bench {

// FreezeProbe: a precise timer on the GUI thread; the gaps between its ticks (and from start() to
// the first tick, and from the last one to stop()) show how long the event loop was kept from
// running — the longest gap is the worst freeze of the window. Each tick also reads the thread's
// CPU time: on a shared machine a gap can be the scheduler's (the thread was waiting for a core,
// not busy), and the CPU time spent inside the longest gap tells the two apart.
class FreezeProbe {
public:
    struct Figures {
        double wallMs = 0;
        double ticks = 0;
        double longestGapMs = 0;
        int slowGaps = 0;           // gaps longer than the probe's threshold
        double longestBusyMs = 0;   // the most CPU time the thread spent within one gap
        double longestGapCpuMs = 0; // the CPU time it spent within the longest gap
    };

    // Ticks every `tickMs`; a gap longer than `slowGapMs` counts as slow.
    explicit FreezeProbe(int tickMs, double slowGapMs = 16);

    int tickMs() const { return m_timer.interval(); }
    double slowGapMs() const { return m_slowGapMs; }
    void start();
    // The figures since start(); the probe goes on until stop().
    Figures figures() const;
    Figures stop();

private:
    void stamp();

    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<qint64> m_stamps;
    std::vector<qint64> m_cpuStamps; // the thread's CPU time at each stamp, in ns
    double m_slowGapMs;
};

} // namespace paycred::bench
