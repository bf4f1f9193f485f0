#pragma once

#include "core/foundation/clock.h"

namespace paycred {

// SystemClock: the real time.
class SystemClock final : public Clock {
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace paycred
