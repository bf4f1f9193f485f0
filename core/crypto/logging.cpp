#include "core/crypto/logging.h"

namespace paycred::crypto {

Q_LOGGING_CATEGORY(lcCrypto, "paycred.crypto")

} // namespace paycred::crypto
