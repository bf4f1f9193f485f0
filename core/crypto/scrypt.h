#pragma once

#include "core/crypto/secret.h"

#include <QByteArrayView>

#include <cstdint>

namespace paycred::crypto {

// Scrypt: the memory-hard password KDF (RFC 7914) from OpenSSL, for the vault's key slots.
class Scrypt {
public:
    struct Parameters {
        std::uint64_t n = 1u << 17; // cost (power of two > 1)
        std::uint32_t r = 8;
        std::uint32_t p = 1;
        // n a power of two > 1 (and below 2^(16 r), RFC 7914), r, p >= 1, and
        // memoryBytes() <= MaxMemoryBytes.
        bool isValid() const;
        // 128 * n * r * p; saturates at the largest std::uint64_t instead of wrapping.
        std::uint64_t memoryBytes() const;
    };
    static constexpr std::uint64_t MaxMemoryBytes = 512ull * 1024 * 1024;
    // The bounds of tune()'s search.
    static constexpr std::uint64_t TuneMinN = 1u << 14;
    static constexpr std::uint64_t TuneMaxN = 1u << 20;

    // Derives `length` bytes; an empty Secret when the parameters are invalid, `length` is not
    // positive, or OpenSSL fails.
    static Secret derive(QByteArrayView password, QByteArrayView salt, const Parameters& parameters,
                         int length = 32);
    // Measures how long one derive() takes with `parameters` here (ms), for tuning; -1 when the
    // parameters are invalid or the derivation fails.
    static double measureMs(const Parameters& parameters);
    // Picks the largest n (r=8, p=1) whose derive takes at most `targetMs` here, between 2^14
    // and 2^20; never parameters that fail isValid() (so at most 2^19 with MaxMemoryBytes), and
    // 2^14 when even that takes longer.
    static Parameters tune(double targetMs);
};

} // namespace paycred::crypto
