#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace paycred::api {

// ApiResponse: status, headers and a JSON body; the same bytes over HTTP and in-process.
struct ApiResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Type, always JSON
    QByteArray body;                              // compact UTF-8 JSON

    static ApiResponse json(int status, const QJsonObject& object);
    static ApiResponse json(int status, const QJsonArray& array);

    QByteArray header(QByteArrayView name) const;
    void setHeader(const QByteArray& name, const QByteArray& value);
    QJsonDocument document() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return document().object(); }
};

} // namespace paycred::api
