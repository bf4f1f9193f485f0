#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QSslServer>
#include <QString>

class QSslSocket;

// DemoProvider: the two calls the app's checks make to the demo's providers, answered on loopback
// over HTTPS, so the screenshots show what the app says of keys a provider accepts and of keys it
// refuses — with the real checkers, the real HTTPS link and the real window. The tool calls out to
// nothing (no internet here, and pictures must not depend on a provider) and carries no test code:
// its certificate is made by Debian's openssl for this run only and trusted by the demo vault
// alone. It answers as the providers document (the shapes tests/support/providerstandin.py cites):
// KopoKopo issues a token for any client (POST /oauth/token) and takes it back (POST
// /oauth/revoke); IntaSend refuses every key (GET /api/v1/wallets/: 401 "Invalid token.").
class DemoProvider {
public:
    DemoProvider() = default;
    DemoProvider(const DemoProvider&) = delete;
    DemoProvider& operator=(const DemoProvider&) = delete;

    // Makes the certificate in `folder` and listens; false, with the reason in errorString().
    bool start(const QString& folder);
    QString errorString() const { return m_error; }
    QString baseUrl() const; // "https://127.0.0.1:PORT"
    QSslCertificate certificate() const { return m_certificate; }

private:
    bool makeCertificate(const QString& folder, QByteArray& key);
    void serve(QSslSocket* socket);
    // The whole HTTP answer to `request` (its line and headers, then its body), or empty while
    // the request is not all in.
    static QByteArray answerTo(const QByteArray& request);

    QSslServer m_server;
    QSslCertificate m_certificate;
    QString m_error;
};
