#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QTemporaryDir>

namespace paycred::test {

// ProviderStandIn: KopoKopo's and IntaSend's HTTPS endpoints as the checkers call them, served on
// loopback by tests/support/providerstandin.py (Debian's python3, standard library only) with a
// self-signed certificate made for it by Debian's openssl. It stands in for the providers
// because these machines have no internet; its answers follow the providers' published examples
// (cited in the script) and depend on the secret a test chose ("...valid...", "...slow...", see
// the script). Both providers are at baseUrl(), on their own paths.
class ProviderStandIn {
public:
    ProviderStandIn() = default;
    ~ProviderStandIn();
    ProviderStandIn(const ProviderStandIn&) = delete;
    ProviderStandIn& operator=(const ProviderStandIn&) = delete;

    // Makes the certificate and starts the server; false, with the reason in errorString().
    bool start();
    QString errorString() const { return m_error; }

    QString baseUrl() const; // "https://127.0.0.1:PORT"
    QSslCertificate certificate() const { return m_certificate; }
    QString certificateFile() const; // PEM, for a server's CA setting
    // The requests it received so far, oldest first: {"method", "path", "headers", "form"}.
    QList<QJsonObject> requests() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QSslCertificate m_certificate;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace paycred::test
