// The HTTP adapter's request parsing: the input as the bytes arriving on a connection, read by
// HttpRequestReader exactly as HttpServer reads them (16 KiB header limit, the router's body
// limit).
#include "app/server/httprequestreader.h"

#include "fuzz/fuzztarget.h"

#include "core/api/router.h"

#include <cstdlib>

namespace paycred::fuzz {

void fuzzHttpRequest(QByteArrayView input) {
    const auto outcome = server::HttpRequestReader::read(input, 16 * 1024);
    // The adapter only ever answers 400, 413 or 431 itself; a complete request has no status.
    if (outcome.status != 0 && outcome.status != 400 && outcome.status != 413 &&
        outcome.status != 431)
        std::abort();
    if (outcome.complete && (outcome.status != 0 || outcome.request.method.isEmpty() ||
                             outcome.request.body.size() > api::Router::MaxBodyBytes))
        std::abort();
}

} // namespace paycred::fuzz
