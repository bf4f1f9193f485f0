#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

namespace paycred::uitest {

// ServerTap: a loopback HTTP forwarder between the app and a real paycred-server, for what a GUI
// test must see or change on the wire. It records every request (its line and headers) and can
// answer the paths under a prefix itself with the plain 404 page of a server that does not have
// them (the seed's Django server has no /admin/: a TEST DOUBLE for those routes only). Every other
// request reaches the real server byte for byte, and its answer comes back byte for byte.
class ServerTap : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray target;                    // "/admin/credentials/?ordering=-owner"
        QMap<QByteArray, QByteArray> headers; // names in lower case
    };

    explicit ServerTap(quint16 serverPort, QObject* parent = nullptr);
    ~ServerTap() override;

    bool listen();
    QString baseUrl() const; // "http://127.0.0.1:PORT"

    // Paths starting with `prefix` are answered here with 404, never forwarded.
    void refuse(const QByteArray& prefix) { m_refused.append(prefix); }
    QList<Request> requests() const { return m_requests; }
    // The requests whose target starts with `prefix`.
    QList<Request> requestsTo(const QByteArray& prefix) const;
    void clearLog() { m_requests.clear(); }

private:
    struct Link;
    void accept();
    void forward(Link& link);

    quint16 m_serverPort;
    QTcpServer m_listener;
    QList<QByteArray> m_refused;
    QList<Request> m_requests;
};

} // namespace paycred::uitest
