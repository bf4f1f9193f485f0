#pragma once

#include "tests/server/serverprocess.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

namespace paycred::test {

// HttpReply: one answer of a real paycred-server over HTTP, read whole — status, headers and
// body — with the calls that make it synchronous for a test (QNetworkAccessManager).
struct HttpReply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

// Sends a request (a bearer token when `token` is set); the reply is the caller's to collect.
QNetworkReply* send(QNetworkAccessManager& manager, const QUrl& url, const QByteArray& method,
                    const QByteArray& body, const QByteArray& token,
                    const QByteArray& contentType = "application/json");
// Reads a finished reply and schedules its deletion.
HttpReply collect(QNetworkReply* reply);
// True when the reply finished within the time.
bool waitFor(QNetworkReply* reply, int timeoutMs = 30000);
// One request to `server`, with a JSON body when `body` is not empty; waits for its answer.
HttpReply call(const ServerProcess& server, const QByteArray& method, const QString& path,
               const QJsonObject& body = {}, const QByteArray& token = {});
// The access token of a login (empty when it failed).
QByteArray login(const ServerProcess& server, const QString& username, const QString& password);

} // namespace paycred::test

// Every answer is JSON from paycred, not sniffable.
#define CHECK_REPLY(reply, expectedStatus)                                                         \
    do {                                                                                           \
        QCOMPARE((reply).status, expectedStatus);                                                  \
        QCOMPARE((reply).header("Content-Type"), QByteArray("application/json"));                  \
        QCOMPARE((reply).header("X-Content-Type-Options"), QByteArray("nosniff"));                 \
        QCOMPARE((reply).header("Server"), QByteArray("paycred"));                                 \
        QVERIFY2(!QJsonDocument::fromJson((reply).body).isNull(), (reply).body.constData());       \
    } while (false)
