#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <vector>

namespace paycred::crypto {

// Secret: bytes that must not outlive their use; wiped with OPENSSL_cleanse when destroyed
// or overwritten, never printable (no QDebug/stream operator, no implicit conversion).
class Secret {
public:
    Secret() = default;
    explicit Secret(QByteArrayView bytes);
    static Secret fromUtf8(const QString& text);
    Secret(const Secret& other);
    Secret& operator=(const Secret& other);
    Secret(Secret&& other) noexcept;
    Secret& operator=(Secret&& other) noexcept;
    ~Secret();

    bool isEmpty() const { return m_bytes.empty(); }
    std::size_t size() const { return m_bytes.size(); }
    QByteArrayView view() const;
    const unsigned char* data() const { return m_bytes.data(); }
    // Exposes the bytes as a QByteArray copy: the caller owns wiping it (see wipe()).
    QByteArray reveal() const;
    void clear();

    friend bool operator==(const Secret&, const Secret&) = delete;

private:
    std::vector<unsigned char> m_bytes;
};

// Overwrites a QByteArray's own storage (after detaching) and empties it.
void wipe(QByteArray& bytes);
// Overwrites a QString's own storage and empties it.
void wipe(QString& text);

} // namespace paycred::crypto
