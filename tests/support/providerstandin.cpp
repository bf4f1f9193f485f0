#include "tests/support/providerstandin.h"

#include <QFile>
#include <QJsonDocument>

namespace paycred::test {

ProviderStandIn::~ProviderStandIn() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ProviderStandIn::start() {
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    const QString cert = certificateFile();
    const QString key = m_dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), cert});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        m_error = QStringLiteral("openssl req failed: %1")
                      .arg(QString::fromUtf8(openssl.readAllStandardError()));
        return false;
    }
    const auto certificates = QSslCertificate::fromPath(cert);
    if (certificates.isEmpty()) {
        m_error = QStringLiteral("no certificate in %1").arg(cert);
        return false;
    }
    m_certificate = certificates.first();

    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(QStringLiteral(PAYCRED_SYSTEM_PYTHON),
                    {QStringLiteral(PAYCRED_SOURCE_DIR "/tests/support/providerstandin.py"), cert,
                     key, m_dir.filePath(QStringLiteral("requests.jsonl"))});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("python3 did not start: %1").arg(m_process.errorString());
        return false;
    }
    while (!m_process.canReadLine()) {
        if (!m_process.waitForReadyRead(20000)) {
            m_error = QStringLiteral("the stand-in printed no port");
            return false;
        }
    }
    bool ok = false;
    m_port = static_cast<quint16>(m_process.readLine().trimmed().toUInt(&ok));
    if (!ok || m_port == 0) {
        m_error = QStringLiteral("the stand-in printed no port");
        return false;
    }
    return true;
}

QString ProviderStandIn::baseUrl() const {
    return QStringLiteral("https://127.0.0.1:%1").arg(m_port);
}

QString ProviderStandIn::certificateFile() const {
    return m_dir.filePath(QStringLiteral("cert.pem"));
}

QList<QJsonObject> ProviderStandIn::requests() const {
    QFile log(m_dir.filePath(QStringLiteral("requests.jsonl")));
    QList<QJsonObject> requests;
    if (!log.open(QIODevice::ReadOnly))
        return requests;
    while (!log.atEnd()) {
        const QByteArray line = log.readLine().trimmed();
        if (!line.isEmpty())
            requests.append(QJsonDocument::fromJson(line).object());
    }
    return requests;
}

} // namespace paycred::test
