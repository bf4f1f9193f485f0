#pragma once

#include "core/client/transport.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <optional>
#include <unordered_map>

class QNetworkAccessManager;
class QNetworkReply;

namespace paycred::client {

// HttpTransport: reaches a PayCred (or the seed's Django) server over HTTP(S) with a
// QNetworkAccessManager, and turns what goes wrong on the way into a sentence for the user.
//
// - Every HTTP answer, 4xx and 5xx included, is a successful TransportResult carrying the status,
//   the headers as received and the body. Redirects are not followed: a 3xx comes back as it is,
//   so a request (and its Authorization header) never goes anywhere but the configured server.
// - No cookies are sent or stored and nothing is cached: the API is stateless and bearer-only.
// - Failures: Network (refused, unknown host, reset, not HTTP), Timeout (no answer within
//   timeoutMs(), per attempt), Tls (the certificate is not trusted, or no longer the pinned one).
//   A GET, PUT, DELETE, HEAD or OPTIONS is sent once more, automatically, after a Network or
//   Timeout failure (not after a wrong scheme); a POST or PATCH never is (it might have been
//   carried out already). QNetworkAccessManager's own silent re-send on a connection closed
//   before the answer is disabled (every request carries a body it cannot rewind, so an empty
//   one goes out as "Content-Length: 0"), so the request reaches the server at most twice for
//   an idempotent method and at most once otherwise. HTTP/1.1 only (no HTTP/2).
// - Plain http:// to a host that is not loopback (see isPlainBeyondLoopback) is refused, every
//   request answered Network at once without a byte sent, until allowPlainHttp() records that
//   the user confirmed it: passwords, tokens and private keys would cross the network unencrypted.
// - Certificates: without a pin, the system's trust store (caCertificates()). With a pin
//   (trustedCertificateSha256(), typically the team server's self-signed certificate), only the
//   certificate whose SHA-256 matches is accepted: the pin restricts, so a certificate that a CA
//   of the system store signed (an intercepting corporate proxy's) is refused too.
// - Destroying the transport aborts what is in flight: those callbacks run from the destructor
//   with Failure::Cancelled (or with their result, if it had arrived but was not yet delivered).
//   Such a callback must not use the transport; a send() from it is answered Cancelled at once.
// - Logs (paycred.client) name the method, the path and the outcome, never a header value, a
//   query string or a body.
class HttpTransport : public Transport {
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 30 * 1000;

    // `baseUrl`: http:// or https://, with an optional path prefix ("https://host/api"); a
    // request's target ("/users/login/") is appended to it.
    explicit HttpTransport(const QUrl& baseUrl, QObject* parent = nullptr);
    ~HttpTransport() override;

    void send(const api::ApiRequest& request, Callback done) override;
    // The base URL, without any password it was given with.
    QString endpoint() const override;

    QUrl baseUrl() const { return m_baseUrl; }

    // How long one attempt may go without any data moving (QNetworkRequest::setTransferTimeout).
    // Applies to requests sent afterwards.
    void setTimeoutMs(int milliseconds);
    int timeoutMs() const { return m_timeoutMs; }

    // The SHA-256 of the one certificate to accept, and the only one (hex; case, colons and
    // spaces are ignored; empty: none, the system store decides). When a pin is set and the
    // server shows another certificate, trusted by a CA or not, the failure says that the
    // certificate has *changed*.
    void setTrustedCertificateSha256(const QByteArray& hex);
    QByteArray trustedCertificateSha256() const { return m_pin; }

    // The CAs whose certificates are trusted when no pin is set: the system's store by default.
    // Tests put a CA of their own here, the way a system store (or a corporate one) would.
    void setCaCertificates(const QList<QSslCertificate>& certificates);
    QList<QSslCertificate> caCertificates() const;

    // Whether `url` is plain http:// to a host other than this machine (localhost, 127.0.0.0/8,
    // ::1): what needs the user's explicit confirmation before anything is sent.
    static bool isPlainBeyondLoopback(const QUrl& url);
    // The user confirmed plain HTTP to this transport's server: requests go out unencrypted.
    void allowPlainHttp() { m_plainHttpAllowed = true; }
    bool isPlainHttpAllowed() const { return m_plainHttpAllowed; }

    // The number of requests sent and not yet answered.
    int pendingCount() const { return static_cast<int>(m_pending.size()); }

    // "aa:bb:…" or "AABB…" → "aabb…": the form certificateSha256 and the pin take.
    static QByteArray normalizedFingerprint(const QByteArray& hex);

private:
    struct Pending {
        api::ApiRequest request; // kept for the one retry
        Callback done;
        QNetworkReply* reply = nullptr;
        int attempt = 0;
        QElapsedTimer elapsed;
        // The untrusted certificate of this attempt, when the TLS handshake was refused.
        QSslCertificate refusedCertificate;
        QList<QSslError> refusedErrors;
        // Set once the answer is in, until it is delivered (queued, so that a callback may
        // destroy the transport).
        bool ready = false;
        TransportResult result;
    };

    void startAttempt(quint64 id);
    void onSslErrors(quint64 id, QNetworkReply* reply, const QList<QSslError>& errors);
    void onEncrypted(quint64 id, QNetworkReply* reply);
    void onFinished(quint64 id, QNetworkReply* reply);
    void deliver(quint64 id);
    TransportResult resultOf(const Pending& pending, QNetworkReply* reply) const;
    TransportResult failure(TransportResult::Failure kind, const QString& message) const;
    TransportResult tlsFailure(const Pending& pending) const;
    QString serverName() const;
    QUrl urlFor(const QByteArray& target) const;

    QNetworkAccessManager* m_manager = nullptr;
    QUrl m_baseUrl;
    int m_timeoutMs = DefaultTimeoutMs;
    QByteArray m_pin;
    std::optional<QList<QSslCertificate>> m_caCertificates; // none: the system's, loaded on demand
    quint64 m_nextId = 1;
    bool m_closing = false;
    bool m_plainHttpAllowed = false;
    std::unordered_map<quint64, Pending> m_pending;
};

} // namespace paycred::client
