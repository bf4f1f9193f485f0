#include "core/service/logging.h"

Q_LOGGING_CATEGORY(lcService, "paycred.service")
