#include "core/client/adminapi.h"

namespace paycred::client {

Session::Request AdminApi::request(const QByteArray& method, const QByteArray& target) {
    return Session::Request(method, target).extension(&Capabilities::admin);
}

Session::Handler AdminApi::guarded(QObject* client, Session::Handler handler) {
    return [client = QPointer<QObject>(client),
            handler = std::move(handler)](const api::ApiResponse& response, const ApiError& error) {
        if (client && handler)
            handler(response, error);
    };
}

bool AdminApi::isPageOf(const QByteArray& target, const QByteArray& listPath) {
    return target.startsWith('/') && !target.startsWith("//") && !target.contains('\\') &&
           target.startsWith(listPath);
}

std::optional<qint64> AdminApi::count(const QJsonValue& value) {
    if (!value.isDouble() || value.toDouble() < 0)
        return std::nullopt;
    return value.toInteger();
}

} // namespace paycred::client
