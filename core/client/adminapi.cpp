#include "core/client/adminapi.h"

#include "core/client/capabilities.h"

namespace paycred::client {

Session::Request AdminApi::request(const QByteArray& method, const QByteArray& target) {
    return Session::Request(method, target).extension(&Capabilities::admin);
}

} // namespace paycred::client
