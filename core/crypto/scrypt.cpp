#include "core/crypto/scrypt.h"

#include "core/crypto/logging.h"
#include "core/crypto/opensslptr.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <QByteArray>
#include <QElapsedTimer>

#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>

namespace paycred::crypto {

namespace {

constexpr std::uint64_t BlockBytes = 128; // one scrypt block per unit of r
constexpr std::uint64_t Max = std::numeric_limits<std::uint64_t>::max();

// a * b, or Max when that does not fit.
std::uint64_t saturatingMultiply(std::uint64_t a, std::uint64_t b) {
    if (a != 0 && b > Max / a)
        return Max;
    return a * b;
}

// OpenSSL treats a null pointer as "parameter not given"; an empty view must still count
// (RFC 7914's first vector has an empty password and salt).
const unsigned char* bytesOf(QByteArrayView view) {
    static const unsigned char empty = 0;
    return view.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(view.data());
}

OSSL_PARAM octetParam(const char* name, QByteArrayView view) {
    return OSSL_PARAM_construct_octet_string(name, const_cast<unsigned char*>(bytesOf(view)),
                                             static_cast<std::size_t>(view.size()));
}

// Wipes a buffer that held key material on every way out of the scope.
class WipeOnExit {
public:
    explicit WipeOnExit(QByteArray& bytes)
        : m_bytes(bytes) {}
    WipeOnExit(const WipeOnExit&) = delete;
    WipeOnExit& operator=(const WipeOnExit&) = delete;
    ~WipeOnExit() { wipe(m_bytes); }

private:
    QByteArray& m_bytes;
};

} // namespace

bool Scrypt::Parameters::isValid() const {
    if (n <= 1 || (n & (n - 1)) != 0 || r < 1 || p < 1)
        return false;
    // RFC 7914: N < 2^(128 * r / 8); OpenSSL refuses the rest too.
    if (std::uint64_t(r) < 4 && n >= (std::uint64_t(1) << (16 * r)))
        return false;
    return memoryBytes() <= MaxMemoryBytes;
}

std::uint64_t Scrypt::Parameters::memoryBytes() const {
    return saturatingMultiply(saturatingMultiply(saturatingMultiply(BlockBytes, n), r), p);
}

Secret Scrypt::derive(QByteArrayView password, QByteArrayView salt, const Parameters& parameters,
                      int length) {
    if (length <= 0 || !parameters.isValid())
        return {};

    const KdfPtr kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_SCRYPT, nullptr));
    const KdfCtxPtr ctx(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
    if (!ctx) {
        qCWarning(lcCrypto, "scrypt is not available in OpenSSL");
        return {};
    }

    std::uint64_t n = parameters.n;
    std::uint32_t r = parameters.r;
    std::uint32_t p = parameters.p;
    // The memory limit is always passed, never OpenSSL's default (32 MiB for EVP_PBE_scrypt,
    // 1 GiB for this KDF). OpenSSL asks for 128 r (N + 2 + p) bytes: memoryBytes() (>= 128 N r)
    // plus 128 r (p + 2) covers it, and isValid() keeps the sum far from overflowing.
    std::uint64_t maxMemory = parameters.memoryBytes() + BlockBytes * r * (std::uint64_t(p) + 2);
    const OSSL_PARAM params[] = {
        octetParam(OSSL_KDF_PARAM_PASSWORD, password),
        octetParam(OSSL_KDF_PARAM_SALT, salt),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMemory),
        OSSL_PARAM_construct_end(),
    };

    QByteArray out(length, Qt::Uninitialized);
    const WipeOnExit wipeOut(out);
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()),
                       static_cast<std::size_t>(out.size()), params) != 1) {
        qCWarning(lcCrypto, "scrypt failed in OpenSSL");
        ERR_clear_error();
        return {};
    }
    return Secret(out);
}

double Scrypt::measureMs(const Parameters& parameters) {
    if (!parameters.isValid())
        return -1;
    // A fixed password and salt: the cost does not depend on their contents.
    static const char password[] = "paycred scrypt timing";
    static const char salt[] = "0123456789abcdef";
    QElapsedTimer timer;
    timer.start();
    const Secret key = derive(password, salt, parameters);
    const qint64 elapsedNs = timer.nsecsElapsed();
    if (key.isEmpty())
        return -1;
    return double(elapsedNs) / 1e6;
}

Scrypt::Parameters Scrypt::tune(double targetMs) {
    Parameters best;
    best.n = TuneMinN;
    best.r = 8;
    best.p = 1;
    if (std::isnan(targetMs) || targetMs <= 0) // +inf searches the whole range
        return best;

    // Warm up once (provider loading, first allocation) so it does not count against 2^14.
    measureMs(best);
    double bestMs = measureMs(best);
    if (bestMs < 0 || bestMs > targetMs)
        return best;

    for (Parameters next = best; next.n < TuneMaxN;) {
        next.n *= 2;
        if (!next.isValid())
            break;
        // The cost is linear in n: no need to spend many seconds on a candidate that would
        // clearly be over the target.
        if (2 * bestMs > 1.5 * targetMs)
            break;
        const double ms = measureMs(next);
        if (ms < 0 || ms > targetMs)
            break;
        best = next;
        bestMs = ms;
    }
    return best;
}

} // namespace paycred::crypto
