#include "core/crypto/base64url.h"

#include "core/crypto/digest.h"
#include "core/crypto/secret.h"

namespace paycred::crypto::base64url {

QByteArray encode(QByteArrayView bytes, bool padded) {
    const auto options = padded ? QByteArray::Base64UrlEncoding
                                : QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    return QByteArray::fromRawData(bytes.data(), bytes.size()).toBase64(options);
}

std::optional<QByteArray> decode(QByteArrayView text, Padding padding) {
    if (text.size() % 4 == 1) // no base64 text has this length; Qt would drop the last char
        return std::nullopt;
    auto result = QByteArray::fromBase64Encoding(QByteArray::fromRawData(text.data(), text.size()),
                                                 QByteArray::Base64UrlEncoding |
                                                     QByteArray::AbortOnBase64DecodingErrors);
    if (result.decodingStatus != QByteArray::Base64DecodingStatus::Ok) {
        wipe(result.decoded);
        return std::nullopt;
    }
    // Qt accepts missing padding and ignores leftover bits: re-encoding and comparing rejects
    // every second spelling of the same bytes.
    bool canonical = false;
    if (padding != Padding::Forbidden) {
        QByteArray again = encode(result.decoded, true);
        canonical = Digest::constantTimeEquals(again, text);
        wipe(again);
    }
    if (!canonical && padding != Padding::Required) {
        QByteArray again = encode(result.decoded, false);
        canonical = Digest::constantTimeEquals(again, text);
        wipe(again);
    }
    if (!canonical) {
        wipe(result.decoded);
        return std::nullopt;
    }
    return std::move(result.decoded);
}

} // namespace paycred::crypto::base64url
