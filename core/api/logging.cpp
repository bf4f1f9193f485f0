#include "core/api/logging.h"

Q_LOGGING_CATEGORY(lcApi, "paycred.api")
