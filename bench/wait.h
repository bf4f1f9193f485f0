#pragma once

#include <functional>

namespace paycred::bench {

// Wait: runs the event loop until a condition holds (checked every millisecond), so a bench
// measures a window's asynchronous work the way the user waits for it.
class Wait {
public:
    // False when `done` did not hold within `timeoutMs`.
    static bool until(const std::function<bool()>& done, int timeoutMs);
};

} // namespace paycred::bench
