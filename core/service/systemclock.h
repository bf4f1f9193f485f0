#pragma once

#include "core/service/clock.h"

namespace paycred::service {

// SystemClock: the real time.
class SystemClock final : public Clock {
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace paycred::service
