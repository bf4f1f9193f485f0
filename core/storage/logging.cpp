#include "core/storage/logging.h"

namespace paycred::storage {

Q_LOGGING_CATEGORY(lcStorage, "paycred.storage")

} // namespace paycred::storage
