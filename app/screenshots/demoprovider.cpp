#include "app/screenshots/demoprovider.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

#include <memory>

namespace {

QByteArray http(int status, const QByteArray& reason, const QJsonObject& body) {
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
           "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(json.size()) + "\r\nConnection: close\r\n\r\n" + json;
}

// KopoKopo's token answer (api-docs.kopokopo.com, "Request Access Token").
QByteArray kopoKopoToken() {
    return http(200, "OK",
                {{QStringLiteral("access_token"), QStringLiteral("demo-access-token")},
                 {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                 {QStringLiteral("expires_in"), 3600},
                 {QStringLiteral("created_at"), 1705314600}});
}

// IntaSend's answer to a key it does not know (Django REST Framework's).
QByteArray intaSendRefusal() {
    return http(401, "Unauthorized",
                {{QStringLiteral("detail"), QStringLiteral("Invalid token.")}});
}

} // namespace

bool DemoProvider::makeCertificate(const QString& folder, QByteArray& key) {
    const QString certFile = QDir(folder).filePath(QStringLiteral("demo-provider-cert.pem"));
    const QString keyFile = QDir(folder).filePath(QStringLiteral("demo-provider-key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"),
                   keyFile, QStringLiteral("-out"), certFile});
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit ||
        openssl.exitCode() != 0) {
        m_error = QStringLiteral("openssl req failed: %1")
                      .arg(openssl.error() == QProcess::FailedToStart
                               ? openssl.errorString()
                               : QString::fromUtf8(openssl.readAllStandardError()).trimmed());
        return false;
    }
    const auto certificates = QSslCertificate::fromPath(certFile);
    QFile keyPem(keyFile);
    if (certificates.isEmpty() || !keyPem.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("openssl wrote no certificate or key");
        return false;
    }
    m_certificate = certificates.first();
    key = keyPem.readAll();
    return true;
}

bool DemoProvider::start(const QString& folder) {
    QByteArray keyPem;
    if (!makeCertificate(folder, keyPem))
        return false;
    const QSslKey key(keyPem, QSsl::Ec);
    if (key.isNull()) {
        m_error = QStringLiteral("the key openssl wrote could not be read");
        return false;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(m_certificate);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server.setSslConfiguration(tls);
    QObject::connect(&m_server, &QSslServer::pendingConnectionAvailable, &m_server, [this] {
        while (auto* socket = qobject_cast<QSslSocket*>(m_server.nextPendingConnection()))
            serve(socket);
    });
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        m_error = m_server.errorString();
        return false;
    }
    return true;
}

QString DemoProvider::baseUrl() const {
    return QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort());
}

void DemoProvider::serve(QSslSocket* socket) {
    QObject::connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    auto received = std::make_shared<QByteArray>();
    QObject::connect(socket, &QSslSocket::readyRead, socket, [socket, received] {
        received->append(socket->readAll());
        const QByteArray answer = answerTo(*received);
        if (answer.isEmpty())
            return;
        socket->write(answer);
        socket->disconnectFromHost();
    });
}

QByteArray DemoProvider::answerTo(const QByteArray& request) {
    const qsizetype headerEnd = request.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return {};
    const QByteArray head = request.left(headerEnd).toLower();
    qsizetype length = 0;
    if (const qsizetype at = head.indexOf("\r\ncontent-length:"); at >= 0) {
        const qsizetype end = head.indexOf("\r\n", at + 2);
        length = head.mid(at + 17, end < 0 ? -1 : end - at - 17).trimmed().toLongLong();
    }
    if (request.size() < headerEnd + 4 + length)
        return {};
    const QByteArray line = request.left(request.indexOf("\r\n"));
    if (line.startsWith("POST /oauth/token "))
        return kopoKopoToken();
    if (line.startsWith("POST /oauth/revoke "))
        return http(200, "OK", {});
    if (line.startsWith("GET /api/v1/wallets/ "))
        return intaSendRefusal();
    return http(404, "Not Found", {{QStringLiteral("detail"), QStringLiteral("Not found.")}});
}
