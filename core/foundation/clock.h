#pragma once

#include <QDateTime>

namespace paycred {

// Clock: where the core reads the time, so tests can move it instead of sleeping.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC
    qint64 nowSecs() const { return now().toSecsSinceEpoch(); }
};

} // namespace paycred
