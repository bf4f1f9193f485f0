#include "core/vault/logging.h"

Q_LOGGING_CATEGORY(lcVault, "paycred.vault")
