#include "core/client/httptransport.h"

#include "core/client/logging.h"
#include "core/foundation/loopbackhost.h"

#include <QDateTime>
#include <QIODevice>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QStringList>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace paycred::client {

namespace {

using Failure = TransportResult::Failure;

// Methods that may be sent twice without changing the outcome (RFC 9110 §9.2.2).
bool isIdempotent(const QByteArray& method) {
    static const QByteArray methods[] = {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"};
    const QByteArray upper = method.toUpper();
    return std::find(std::begin(methods), std::end(methods), upper) != std::end(methods);
}

// Headers the network stack writes itself: a value from the request would contradict it.
bool isTransportHeader(const QByteArray& name) {
    static const QByteArray names[] = {
        "host",       "content-length", "connection", "transfer-encoding",
        "keep-alive", "upgrade",        "te",         "trailer"};
    const QByteArray lower = name.toLower();
    return std::find(std::begin(names), std::end(names), lower) != std::end(names);
}

// The path of a target, without its query: what the log may show.
QByteArray pathOf(const QByteArray& target) {
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

// Errors with which QNetworkReply still carries a complete HTTP answer (its status maps to them).
bool carriesAnswer(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::NoError:
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::OperationNotImplementedError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}

// "CN=paycred-test, O=Example": the distinguished name, most specific part first.
QString distinguishedName(const QSslCertificate& certificate, bool subject) {
    static const std::pair<QSslCertificate::SubjectInfo, const char*> parts[] = {
        {QSslCertificate::CommonName, "CN"},
        {QSslCertificate::OrganizationalUnitName, "OU"},
        {QSslCertificate::Organization, "O"},
        {QSslCertificate::LocalityName, "L"},
        {QSslCertificate::StateOrProvinceName, "ST"},
        {QSslCertificate::CountryName, "C"},
        {QSslCertificate::EmailAddress, "emailAddress"},
    };
    QStringList out;
    for (const auto& [info, label] : parts) {
        const QStringList values =
            subject ? certificate.subjectInfo(info) : certificate.issuerInfo(info);
        for (const QString& value : values)
            out.append(QStringLiteral("%1=%2").arg(QLatin1String(label), value));
    }
    return out.join(QStringLiteral(", "));
}

QString reasons(const QList<QSslError>& errors) {
    QStringList texts;
    for (const QSslError& error : errors) {
        const QString text = error.errorString();
        if (!texts.contains(text))
            texts.append(text);
    }
    return texts.join(QStringLiteral("; "));
}

// The certificate the server showed: the leaf of the chain, else the one an error names.
QSslCertificate peerCertificate(QNetworkReply* reply, const QList<QSslError>& errors) {
    const QSslConfiguration configuration = reply->sslConfiguration();
    if (!configuration.peerCertificate().isNull())
        return configuration.peerCertificate();
    if (!configuration.peerCertificateChain().isEmpty())
        return configuration.peerCertificateChain().constFirst();
    for (const QSslError& error : errors) {
        if (!error.certificate().isNull())
            return error.certificate();
    }
    return QSslCertificate();
}

// The body of one attempt, readable once. QNetworkAccessManager re-sends a request on its own
// when a connection closes before the answer (whatever the method); it does so only if it can
// rewind the body, and this body refuses (reset() is false): such an attempt then ends with
// ContentReSendError instead, and whether to send again is decided here, by the method. Every
// attempt gets one, an empty body too. (An implementation detail of HttpTransport.)
class OneShotBody final : public QIODevice {
public:
    explicit OneShotBody(QByteArray data, QObject* parent = nullptr)
        : QIODevice(parent)
        , m_data(std::move(data)) {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_data.size(); }
    bool reset() override { return false; }

protected:
    qint64 readData(char* data, qint64 maxSize) override {
        const qint64 left = m_data.size() - pos();
        const qint64 count = std::min(maxSize, left);
        if (count <= 0)
            return 0;
        std::memcpy(data, m_data.constData() + pos(), static_cast<size_t>(count));
        return count;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
};

QByteArray sha256Hex(const QSslCertificate& certificate) {
    return certificate.digest(QCryptographicHash::Sha256).toHex();
}

} // namespace

HttpTransport::HttpTransport(const QUrl& baseUrl, QObject* parent)
    : Transport(parent)
    , m_manager(new QNetworkAccessManager(this))
    , m_baseUrl(baseUrl) {
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpTransport::~HttpTransport() {
    m_closing = true;
    auto pending = std::exchange(m_pending, {});
    std::vector<quint64> ids;
    ids.reserve(pending.size());
    for (auto& [id, entry] : pending) {
        ids.push_back(id);
        if (entry.reply) {
            // Disconnected first: abort() would otherwise report through onFinished.
            entry.reply->disconnect(this);
            entry.reply->abort();
            entry.reply->deleteLater();
            entry.reply = nullptr;
        }
    }
    std::sort(ids.begin(), ids.end());
    for (const quint64 id : ids) {
        Pending& entry = pending.at(id);
        if (!entry.ready) {
            entry.result = failure(Failure::Cancelled,
                                   tr("The request to %1 was cancelled because the connection "
                                      "was closed.")
                                       .arg(serverName()));
            qCDebug(lcClient).noquote() << entry.request.method << pathOf(entry.request.target)
                                        << "cancelled: the transport is closing";
        }
        if (entry.done)
            entry.done(entry.result);
    }
}

QString HttpTransport::endpoint() const {
    return m_baseUrl.toString(QUrl::RemovePassword);
}

void HttpTransport::setTimeoutMs(int milliseconds) {
    m_timeoutMs = std::max(1, milliseconds);
}

QByteArray HttpTransport::normalizedFingerprint(const QByteArray& hex) {
    QByteArray out;
    out.reserve(hex.size());
    for (const char c : hex) {
        if (c != ':' && c != ' ' && c != '\t' && c != '\n' && c != '\r')
            out.append(c);
    }
    return out.toLower();
}

void HttpTransport::setTrustedCertificateSha256(const QByteArray& hex) {
    const QByteArray pin = normalizedFingerprint(hex);
    if (pin == m_pin)
        return;
    m_pin = pin;
    // A connection kept open from before was accepted under the old pin.
    m_manager->clearConnectionCache();
}

QList<QSslCertificate> HttpTransport::caCertificates() const {
    return m_caCertificates.value_or(QSslConfiguration::systemCaCertificates());
}

void HttpTransport::setCaCertificates(const QList<QSslCertificate>& certificates) {
    m_caCertificates = certificates;
    m_manager->clearConnectionCache();
}

QString HttpTransport::serverName() const {
    const QString authority = m_baseUrl.adjusted(QUrl::RemoveUserInfo).authority();
    return authority.isEmpty() ? m_baseUrl.toString(QUrl::RemoveUserInfo) : authority;
}

QUrl HttpTransport::urlFor(const QByteArray& target) const {
    QByteArray url =
        m_baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash)
            .toEncoded();
    if (!target.startsWith('/'))
        url.append('/');
    url.append(target);
    return QUrl::fromEncoded(url);
}

bool HttpTransport::isPlainBeyondLoopback(const QUrl& url) {
    return url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 &&
           !LoopbackHost::matches(url.host());
}

void HttpTransport::send(const api::ApiRequest& request, Callback done) {
    if (m_closing) {
        // Only reachable from a callback run by the destructor.
        if (done)
            done(failure(Failure::Cancelled, tr("The request to %1 was cancelled because the "
                                                "connection was closed.")
                                                 .arg(serverName())));
        return;
    }
    const quint64 id = m_nextId++;
    Pending& entry = m_pending[id];
    entry.request = request;
    entry.done = std::move(done);
    entry.elapsed.start();
    if (!m_plainHttpAllowed && isPlainBeyondLoopback(m_baseUrl)) {
        qCWarning(lcClient).noquote() << request.method << pathOf(request.target)
                                      << "not sent: plain HTTP beyond loopback, not confirmed";
        entry.ready = true;
        entry.result = failure(
            Failure::Network,
            tr("PayCred did not connect to %1: over http:// your password and keys would travel "
               "unencrypted. Use the server's https:// address.")
                .arg(serverName()));
        QMetaObject::invokeMethod(
            this, [this, id] { deliver(id); }, Qt::QueuedConnection);
        return;
    }
    startAttempt(id);
}

void HttpTransport::startAttempt(quint64 id) {
    Pending& entry = m_pending.at(id);
    ++entry.attempt;
    entry.refusedCertificate = QSslCertificate();
    entry.refusedErrors.clear();

    QNetworkRequest request(urlFor(entry.request.target));
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    // A pin restricts: with one set no CA is trusted at all, so every certificate comes to
    // onSslErrors and only the pinned one is let through (a CA in the system store, such as an
    // intercepting corporate proxy's, must not vouch for another certificate).
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_pin.isEmpty())
        tls.setCaCertificates({});
    else if (m_caCertificates)
        tls.setCaCertificates(*m_caCertificates);
    request.setSslConfiguration(tls);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", QByteArrayLiteral("PayCred/" PAYCRED_VERSION));
    QList<QByteArray> given;
    for (const auto& [name, value] : entry.request.headers) {
        if (isTransportHeader(name))
            continue;
        const QByteArray lower = name.toLower();
        if (given.contains(lower)) {
            request.setRawHeader(name, request.rawHeader(name) + ", " + value);
        } else {
            given.append(lower);
            request.setRawHeader(name, value);
        }
    }

    // HTTP/1.1 only: the paycred-server speaks nothing else, and the no-silent-re-send rule below
    // is made for HTTP/1's connection handling.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    // Every method goes out as a custom verb with a body that cannot be rewound (see OneShotBody),
    // so that QNetworkAccessManager never sends it twice by itself: the one retry in onFinished()
    // is the only one. HEAD is the exception (only the HEAD operation knows that its answer has
    // no body); Qt may re-send it, which is harmless.
    const QByteArray method = entry.request.method.toUpper();
    QNetworkReply* reply = nullptr;
    if (method == "HEAD") {
        reply = m_manager->head(request);
    } else {
        auto* body = new OneShotBody(entry.request.body);
        reply = m_manager->sendCustomRequest(request, method, body);
        body->setParent(reply);
    }
    entry.reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, id, reply](const QList<QSslError>& errors) { onSslErrors(id, reply, errors); });
    connect(reply, &QNetworkReply::encrypted, this, [this, id, reply] { onEncrypted(id, reply); });
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] { onFinished(id, reply); });
}

void HttpTransport::onEncrypted(quint64 id, QNetworkReply* reply) {
    // The second line of the pin's defence: whatever accepted the handshake, nothing is sent to
    // a certificate other than the pinned one (no request byte has gone out yet).
    const auto it = m_pending.find(id);
    if (m_pin.isEmpty() || it == m_pending.end() || it->second.reply != reply)
        return;
    const QSslCertificate certificate = peerCertificate(reply, {});
    if (!certificate.isNull() && sha256Hex(certificate) == m_pin)
        return;
    qCWarning(lcClient) << "refused a certificate of" << serverName()
                        << "that is not the pinned one";
    it->second.refusedCertificate = certificate;
    it->second.refusedErrors = {QSslError(QSslError::CertificateUntrusted, certificate)};
    reply->abort();
}

void HttpTransport::onSslErrors(quint64 id, QNetworkReply* reply, const QList<QSslError>& errors) {
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second.reply != reply)
        return;
    const QSslCertificate certificate = peerCertificate(reply, errors);
    if (!m_pin.isEmpty() && !certificate.isNull() && sha256Hex(certificate) == m_pin) {
        // The pinned certificate: these errors, for this reply only.
        reply->ignoreSslErrors(errors);
        qCDebug(lcClient) << "accepted the pinned certificate of" << serverName();
        return;
    }
    it->second.refusedCertificate = certificate;
    it->second.refusedErrors = errors;
}

TransportResult HttpTransport::failure(TransportResult::Failure kind,
                                       const QString& message) const {
    TransportResult result;
    result.failure = kind;
    result.response.status = 0;
    result.message = message;
    return result;
}

TransportResult HttpTransport::tlsFailure(const Pending& pending) const {
    const QString why = reasons(pending.refusedErrors);
    TransportResult result = failure(
        Failure::Tls,
        m_pin.isEmpty()
            ? tr("The server's certificate is not trusted (%1). Check the address, or trust this "
                 "certificate after comparing its fingerprint with your administrator's.")
                  .arg(why)
            : tr("The server's certificate has changed since you trusted it (%1). Someone may be "
                 "intercepting the connection: do not continue, and ask your administrator "
                 "whether the certificate of %2 was replaced before you trust the new one.")
                  .arg(why, serverName()));
    const QSslCertificate& certificate = pending.refusedCertificate;
    result.certificateSubject = distinguishedName(certificate, true);
    result.certificateIssuer = distinguishedName(certificate, false);
    result.certificateExpiry = certificate.expiryDate().toUTC().toString(Qt::ISODate);
    result.certificateSha256 = sha256Hex(certificate);
    result.certificatePem = certificate.toPem();
    return result;
}

TransportResult HttpTransport::resultOf(const Pending& pending, QNetworkReply* reply) const {
    const QNetworkReply::NetworkError error = reply->error();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid() && carriesAnswer(error)) {
        TransportResult result;
        result.response.status = status.toInt();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            result.response.headers.append({name, value});
        result.response.body = reply->readAll();
        return result;
    }
    if (!pending.refusedCertificate.isNull())
        return tlsFailure(pending);

    const QString server = serverName();
    switch (error) {
    case QNetworkReply::OperationCanceledError: // what the transfer timeout does in Qt 6.4
    case QNetworkReply::TimeoutError:
        return failure(Failure::Timeout,
                       tr("%1 did not answer within %n second(s). Check your network connection "
                          "and try again; if it keeps happening, the server may be overloaded.",
                          nullptr, (m_timeoutMs + 999) / 1000)
                           .arg(server));
    case QNetworkReply::ConnectionRefusedError:
        return failure(Failure::Network,
                       tr("Could not connect to %1: the connection was refused. Check that the "
                          "PayCred server is running and that the address and port are right.")
                           .arg(server));
    case QNetworkReply::HostNotFoundError:
        return failure(Failure::Network,
                       tr("Could not find the server %1. Check the address for typos and your "
                          "network connection.")
                           .arg(m_baseUrl.host()));
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ContentReSendError: // closed before answering, see OneShotBody
        return failure(Failure::Network,
                       tr("%1 closed the connection before answering. Try again in a moment; if "
                          "it keeps happening, ask your administrator to check the server.")
                           .arg(server));
    case QNetworkReply::SslHandshakeFailedError:
        return failure(Failure::Network,
                       tr("Could not open a secure connection to %1 (%2). Check that the address "
                          "starts with https:// only if the server uses HTTPS.")
                           .arg(server, reply->errorString()));
    case QNetworkReply::ProtocolUnknownError:
        return failure(Failure::Network,
                       tr("The server address %1 is not an http:// or https:// address. Check "
                          "the address.")
                           .arg(endpoint()));
    case QNetworkReply::ProtocolFailure:
        return failure(Failure::Network,
                       tr("%1 did not answer in HTTP (%2). Check the address and port, and "
                          "whether the server expects https://.")
                           .arg(server, reply->errorString()));
    default:
        return failure(Failure::Network,
                       tr("Could not reach %1 (%2). Check your network connection and the "
                          "server address.")
                           .arg(server, reply->errorString()));
    }
}

void HttpTransport::onFinished(quint64 id, QNetworkReply* reply) {
    reply->deleteLater();
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second.reply != reply)
        return;
    Pending& entry = it->second;
    entry.reply = nullptr;
    TransportResult result = resultOf(entry, reply);

    const QByteArray path = pathOf(entry.request.target);
    // A wrong scheme will not be right the second time.
    const bool transient =
        (result.failure == Failure::Network || result.failure == Failure::Timeout) &&
        reply->error() != QNetworkReply::ProtocolUnknownError;
    if (transient && entry.attempt == 1 && isIdempotent(entry.request.method)) {
        qCInfo(lcClient).noquote() << entry.request.method << path << "failed (" << reply->error()
                                   << "); sending it once more";
        startAttempt(id);
        return;
    }
    if (result.ok()) {
        qCDebug(lcClient).noquote()
            << entry.request.method << path << "->" << result.response.status << "in"
            << entry.elapsed.elapsed() << "ms";
    } else {
        qCInfo(lcClient).noquote() << entry.request.method << path << "failed after"
                                   << entry.attempt << "attempt(s):" << reply->error();
    }
    entry.ready = true;
    entry.result = std::move(result);
    // Queued, so that the callback runs outside QNetworkReply's signal and may destroy us.
    QMetaObject::invokeMethod(
        this, [this, id] { deliver(id); }, Qt::QueuedConnection);
}

void HttpTransport::deliver(quint64 id) {
    auto node = m_pending.extract(id);
    if (node.empty())
        return;
    Pending& entry = node.mapped();
    if (entry.done)
        entry.done(entry.result); // may destroy this transport: nothing after it
}

} // namespace paycred::client
