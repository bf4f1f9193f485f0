#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace paycred::crypto::base64url {

// Internal to core/crypto: strict url-safe base64 (RFC 4648 §5).

enum class Padding { Required, Forbidden, Optional };

QByteArray encode(QByteArrayView bytes, bool padded);

// Decodes `text` only when it is the canonical url-safe base64 of its bytes: characters of the
// url-safe alphabet only (no '+', '/', whitespace), no stray trailing bits, padding as asked.
// The result may be key material: the caller wipes it.
std::optional<QByteArray> decode(QByteArrayView text, Padding padding);

} // namespace paycred::crypto::base64url
