#pragma once

#include <stdexcept>

namespace paycred {

// StorageUnavailable: the database could not answer a read (unreachable, failing). Thrown by
// the storage layer so that a failure never reads as "no such row"; the router answers it with
// 503 (API.md), a command with its own exit code. Its message names no data.
class StorageUnavailable : public std::runtime_error {
public:
    StorageUnavailable()
        : std::runtime_error("the database could not answer") {}
};

} // namespace paycred
