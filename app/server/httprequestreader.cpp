#include "app/server/httprequestreader.h"

#include "core/api/router.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <openssl/crypto.h>

#include <iterator>
#include <string_view>

namespace paycred::server {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;

QByteArray toBytes(std::string_view text) {
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

bool isParseError(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_method).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message &&
           ec != http::error::need_more && ec != http::error::need_buffer;
}

} // namespace

void HttpRequestReader::limit(Parser& parser, std::size_t headerLimit) {
    parser.header_limit(static_cast<std::uint32_t>(headerLimit));
    parser.body_limit(static_cast<std::uint64_t>(api::Router::MaxBodyBytes));
}

unsigned HttpRequestReader::failureStatus(const beast::error_code& ec) {
    if (ec == http::error::header_limit)
        return 431;
    if (ec == http::error::body_limit)
        return 413;
    if (isParseError(ec))
        return 400;
    return 0;
}

unsigned HttpRequestReader::declaredLengthStatus(const Parser& parser) {
    const auto length = parser.content_length();
    if (length && *length > static_cast<std::uint64_t>(api::Router::MaxBodyBytes))
        return 413;
    return 0;
}

api::ApiRequest HttpRequestReader::toApiRequest(Message& message) {
    api::ApiRequest request;
    request.method = toBytes(message.method_string());
    request.target = toBytes(message.target());
    request.headers.reserve(std::distance(message.begin(), message.end()));
    for (const auto& field : message)
        request.headers.append({toBytes(field.name_string()), toBytes(field.value())});
    request.body = toBytes(message.body());
    std::string& body = message.body();
    if (!body.empty())
        OPENSSL_cleanse(body.data(), body.size());
    body.clear();
    return request;
}

HttpRequestReader::Outcome HttpRequestReader::read(QByteArrayView bytes, std::size_t headerLimit) {
    Outcome outcome;
    if (bytes.isEmpty())
        return outcome; // a connection closed before its first byte: no request, no answer
    Parser parser;
    limit(parser, headerLimit);
    // As http::async_read_header then http::async_read feed the parser: put() until the header
    // is done, then (unless the declared length is refused) until the message is.
    std::size_t used = 0;
    const auto feed = [&](auto done) -> bool {
        while (!done()) {
            beast::error_code ec;
            const std::size_t n =
                parser.put(boost::asio::const_buffer(bytes.data() + used,
                                                     static_cast<std::size_t>(bytes.size()) - used),
                           ec);
            used += n;
            // Beast may also return nothing and no error once the input is used up.
            const bool wantsMore = ec == http::error::need_more || (!ec && n == 0);
            if (wantsMore && (n == 0 || used == std::size_t(bytes.size()))) {
                // Nothing more arrives: what a closed connection tells the parser.
                ec = {};
                parser.put_eof(ec);
                if (!ec && done())
                    return true;
                outcome.status = ec ? failureStatus(ec) : 0;
                return false;
            }
            if (ec && ec != http::error::need_more) {
                outcome.status = failureStatus(ec);
                return false;
            }
        }
        return true;
    };
    // Beast calls a parser that got no byte at all done at the end of the input: no request.
    if (!feed([&] { return parser.is_header_done(); }) || !parser.got_some())
        return outcome;
    if ((outcome.status = declaredLengthStatus(parser)) != 0)
        return outcome;
    if (!feed([&] { return parser.is_done(); }))
        return outcome;
    outcome.complete = true;
    outcome.request = toApiRequest(parser.get());
    return outcome;
}

} // namespace paycred::server
