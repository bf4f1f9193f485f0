#pragma once

#include <QString>

namespace paycred::ui {

// PasswordGenerator: a password a superuser hands to someone (a new user, a reset) — drawn from
// OpenSSL's random source (crypto::Digest::randomBytes), without the characters people misread
// (0/O, 1/l/I), long enough for any of the server's rules and never all digits.
class PasswordGenerator {
public:
    static constexpr int Length = 20; // ~115 bits from a 55-character alphabet

    static QString generate();
};

} // namespace paycred::ui
