#include "core/crypto/secret.h"

#include <openssl/crypto.h>

#include <type_traits>
#include <utility>

namespace paycred::crypto {

static_assert(!std::is_convertible_v<Secret, QByteArray>);
static_assert(!std::is_convertible_v<Secret, QByteArrayView>);
static_assert(!std::is_convertible_v<Secret, QString>);

// Invariant: m_bytes.capacity() == m_bytes.size(), so every byte ever stored is inside
// [data(), data() + size()) and is cleansed before the storage is released.

Secret::Secret(QByteArrayView bytes)
    : m_bytes(reinterpret_cast<const unsigned char*>(bytes.data()),
              reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size()) {}

Secret Secret::fromUtf8(const QString& text) {
    QByteArray utf8 = text.toUtf8();
    Secret secret{QByteArrayView(utf8)};
    wipe(utf8);
    return secret;
}

Secret::Secret(const Secret& other)
    : m_bytes(other.m_bytes) {}

Secret& Secret::operator=(const Secret& other) {
    if (this != &other) {
        clear();
        m_bytes = other.m_bytes; // into an empty vector without capacity: exact allocation
    }
    return *this;
}

Secret::Secret(Secret&& other) noexcept
    : m_bytes(std::move(other.m_bytes)) {
    other.m_bytes.clear(); // a moved-from vector is empty already; this states it
}

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        clear();
        m_bytes.swap(other.m_bytes); // `other` receives our empty, storage-less vector
    }
    return *this;
}

Secret::~Secret() {
    clear();
}

QByteArrayView Secret::view() const {
    return QByteArrayView(m_bytes.data(), static_cast<qsizetype>(m_bytes.size()));
}

QByteArray Secret::reveal() const {
    return QByteArray(reinterpret_cast<const char*>(m_bytes.data()),
                      static_cast<qsizetype>(m_bytes.size()));
}

void Secret::clear() {
    if (!m_bytes.empty())
        OPENSSL_cleanse(m_bytes.data(), m_bytes.size());
    m_bytes.clear();
    m_bytes.shrink_to_fit();
}

void wipe(QByteArray& bytes) {
    if (bytes.isEmpty()) {
        bytes.clear();
        return;
    }
    // A shared or raw-data array is copied first: storage owned by someone else is left alone
    // (its owner wipes it), and the private copy is what gets overwritten.
    bytes.detach();
    OPENSSL_cleanse(bytes.data(), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

void wipe(QString& text) {
    if (text.isEmpty()) {
        text.clear();
        return;
    }
    text.detach();
    OPENSSL_cleanse(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace paycred::crypto
