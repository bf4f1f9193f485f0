#include "tests/server/httpreply.h"

#include <QEventLoop>
#include <QNetworkRequest>
#include <QTimer>

namespace paycred::test {

QByteArray HttpReply::header(QByteArrayView name) const {
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QNetworkReply* send(QNetworkAccessManager& manager, const QUrl& url, const QByteArray& method,
                    const QByteArray& body, const QByteArray& token,
                    const QByteArray& contentType) {
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    return manager.sendCustomRequest(request, method, body);
}

HttpReply collect(QNetworkReply* reply) {
    HttpReply result;
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

bool waitFor(QNetworkReply* reply, int timeoutMs) {
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return reply->isFinished();
}

HttpReply call(const ServerProcess& server, const QByteArray& method, const QString& path,
               const QJsonObject& body, const QByteArray& token) {
    QNetworkAccessManager manager;
    const QByteArray payload =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply* reply = send(manager, server.url(path), method, payload, token);
    if (!waitFor(reply))
        return {};
    return collect(reply);
}

QByteArray login(const ServerProcess& server, const QString& username, const QString& password) {
    const HttpReply reply = call(server, "POST", QStringLiteral("/users/login/"),
                                 {{"username", username}, {"password", password}});
    return reply.object().value("access_token").toString().toUtf8();
}

} // namespace paycred::test
