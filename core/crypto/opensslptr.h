#pragma once

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>

namespace paycred::crypto {

// OpenSslPtr: a unique_ptr that frees an OpenSSL object with its own free function, so every
// EVP context is released on every path (private to core/crypto).
template <auto Free> struct OpenSslFree {
    template <typename T> void operator()(T* object) const noexcept { Free(object); }
};
template <typename T, auto Free> using OpenSslPtr = std::unique_ptr<T, OpenSslFree<Free>>;

using CipherCtxPtr = OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using MacPtr = OpenSslPtr<EVP_MAC, EVP_MAC_free>;
using MacCtxPtr = OpenSslPtr<EVP_MAC_CTX, EVP_MAC_CTX_free>;
using KdfPtr = OpenSslPtr<EVP_KDF, EVP_KDF_free>;
using KdfCtxPtr = OpenSslPtr<EVP_KDF_CTX, EVP_KDF_CTX_free>;

} // namespace paycred::crypto
