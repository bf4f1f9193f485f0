#include "core/api/apiresponse.h"

namespace paycred::api {

ApiResponse ApiResponse::json(int status, const QJsonObject& object) {
    ApiResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

ApiResponse ApiResponse::json(int status, const QJsonArray& array) {
    ApiResponse response;
    response.status = status;
    response.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return response;
}

QByteArray ApiResponse::header(QByteArrayView name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void ApiResponse::setHeader(const QByteArray& name, const QByteArray& value) {
    for (auto& entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            entry.second = value;
            return;
        }
    }
    headers.append({name, value});
}

} // namespace paycred::api
