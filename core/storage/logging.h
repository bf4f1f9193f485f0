#pragma once

#include <QLoggingCategory>

namespace paycred::storage {

// The storage layer's log category. Messages name the operation and the driver's error,
// never a bound value or a row's contents (they can hold ciphertexts and password hashes).
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace paycred::storage
