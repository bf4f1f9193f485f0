#include "core/client/logging.h"

Q_LOGGING_CATEGORY(lcClient, "paycred.client")
