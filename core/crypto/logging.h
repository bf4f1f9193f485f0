#pragma once

#include <QLoggingCategory>

namespace paycred::crypto {

// Category for core/crypto. Only failures of OpenSSL itself are logged, never key material,
// plaintexts, tokens or passwords.
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)

} // namespace paycred::crypto
