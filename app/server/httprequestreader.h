#pragma once

// Beast inside: include only from the Beast translation units (httpserver.cpp, this class's own
// and the fuzz target's), never from a header other code sees.
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/api/apirequest.h"

#include <QByteArrayView>

#include <cstddef>
#include <optional>

namespace paycred::server {

// HttpRequestReader: how the HTTP adapter reads one request — the parser's limits, the answer
// it gives itself when a read fails (400/413/431) and the ApiRequest a complete message becomes —
// as functions of bytes, so that the fuzz target reads exactly what HttpServer reads.
class HttpRequestReader {
public:
    using Message = boost::beast::http::request<boost::beast::http::string_body>;
    using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

    // A fresh parser with the adapter's header limit and the router's body limit.
    static void limit(Parser& parser, std::size_t headerLimit);
    // The status of the answer for a failed header or body read: 431, 413 or 400; 0 when the
    // failure is not the request's (closed, timed out, cancelled): then the connection closes.
    static unsigned failureStatus(const boost::beast::error_code& ec);
    // 413 when the header's Content-Length is above the router's body limit; 0 otherwise.
    static unsigned declaredLengthStatus(const Parser& parser);
    // The message as the router sees it (remoteAddress is the caller's); the message's body is
    // wiped, since passwords and keys travel there.
    static api::ApiRequest toApiRequest(Message& message);

    struct Outcome {
        unsigned status = 0;   // the adapter's own answer (400/413/431), 0 when there is none
        bool complete = false; // a whole request was read: `request` is it
        api::ApiRequest request;
    };
    // The whole reading of one request from `bytes` (what arrives on a connection), as
    // HttpServer does it over a socket; incomplete input ends without a status.
    static Outcome read(QByteArrayView bytes, std::size_t headerLimit);
};

} // namespace paycred::server
