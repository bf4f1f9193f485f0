#include "tests/ui/servertap.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace paycred::uitest {

namespace {

const QByteArray NotFoundPage = "<h1>Not Found</h1><p>The requested resource was not found on this "
                                "server.</p>";

} // namespace

// One connection of the app, and the connection to the server that carries its requests.
struct ServerTap::Link {
    QTcpSocket* app = nullptr;
    QTcpSocket* server = nullptr;
    QByteArray pending; // what the app sent that is not a whole request yet
};

ServerTap::ServerTap(quint16 serverPort, QObject* parent)
    : QObject(parent)
    , m_serverPort(serverPort) {
    connect(&m_listener, &QTcpServer::newConnection, this, &ServerTap::accept);
}

ServerTap::~ServerTap() = default;

bool ServerTap::listen() {
    return m_listener.listen(QHostAddress::LocalHost, 0);
}

QString ServerTap::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(m_listener.serverPort());
}

QList<ServerTap::Request> ServerTap::requestsTo(const QByteArray& prefix) const {
    QList<Request> found;
    for (const Request& request : m_requests)
        if (request.target.startsWith(prefix))
            found.append(request);
    return found;
}

void ServerTap::accept() {
    while (QTcpSocket* app = m_listener.nextPendingConnection()) {
        auto link = std::make_shared<Link>();
        link->app = app;
        link->server = new QTcpSocket(app); // goes with the app's connection
        link->server->connectToHost(QHostAddress::LocalHost, m_serverPort);
        connect(link->server, &QTcpSocket::readyRead, app,
                [link] { link->app->write(link->server->readAll()); });
        connect(link->server, &QTcpSocket::disconnected, app,
                [link] { link->app->disconnectFromHost(); });
        connect(app, &QTcpSocket::readyRead, this, [this, link] {
            link->pending += link->app->readAll();
            forward(*link);
        });
        connect(app, &QTcpSocket::disconnected, app, &QObject::deleteLater);
    }
}

void ServerTap::forward(Link& link) {
    // Whole requests only: the head, then Content-Length bytes of body (the app never chunks).
    for (;;) {
        const qsizetype headEnd = link.pending.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = link.pending.left(headEnd).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        Request request{first.value(0), first.value(1), {}};
        for (qsizetype at = 1; at < lines.size(); ++at) {
            const qsizetype colon = lines.at(at).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(at).left(colon).trimmed().toLower(),
                                       lines.at(at).mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        const qsizetype size = headEnd + 4 + length;
        if (link.pending.size() < size)
            return;
        const QByteArray bytes = link.pending.left(size);
        link.pending.remove(0, size);
        m_requests.append(request);
        const bool refused =
            std::any_of(m_refused.cbegin(), m_refused.cend(), [&](const QByteArray& prefix) {
                return request.target.startsWith(prefix);
            });
        if (!refused) {
            link.server->write(bytes);
            continue;
        }
        link.app->write("HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n"
                        "Content-Length: " +
                        QByteArray::number(NotFoundPage.size()) + "\r\n\r\n" + NotFoundPage);
    }
}

} // namespace paycred::uitest
