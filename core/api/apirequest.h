#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace paycred::api {

// ApiRequest: one HTTP request as the router sees it, whichever transport carried it.
struct ApiRequest {
    QByteArray method; // "GET", "POST", ...
    QByteArray target; // path with query, as sent: "/payments/credentials/?x=1"
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent; looked up case-insensitively
    QByteArray body;
    QString remoteAddress; // client address, for throttling and audit

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

} // namespace paycred::api
