#pragma once

#include "core/foundation/clock.h"

#include <QMutex>
#include <QMutexLocker>

namespace paycred {

// ManualClock: time that moves only when told to (tests, and replaying a scenario).
class ManualClock final : public Clock {
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc())
        : m_now(start) {}

    QDateTime now() const override {
        QMutexLocker lock(&m_mutex);
        return m_now;
    }
    void set(const QDateTime& at) {
        QMutexLocker lock(&m_mutex);
        m_now = at.toUTC();
    }
    void advance(qint64 msecs) {
        QMutexLocker lock(&m_mutex);
        m_now = m_now.addMSecs(msecs);
    }

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace paycred
