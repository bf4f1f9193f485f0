#include "core/service/httpsproviderlink.h"

#include "core/service/logging.h"
#include "core/service/providerchecksettings.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>

#include <memory>

namespace paycred::service {

namespace {
constexpr int StopPollMs = 50;

QByteArray userAgent() {
    return QByteArrayLiteral("PayCred/" PAYCRED_VERSION " (credential check)");
}

QSslConfiguration tlsFor(const ProviderCheckSettings& settings) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    if (!settings.extraCaCertificates.isEmpty())
        tls.addCaCertificates(settings.extraCaCertificates);
    return tls;
}

// The network's reason for a reply that failed, in its own words (they name the host, never a
// header or the body).
QString reasonOf(QNetworkReply& reply) {
    return reply.errorString();
}
} // namespace

HttpsProviderLink::HttpsProviderLink(QUrl base, const ProviderCheckSettings& settings)
    : m_base(std::move(base))
    , m_settings(settings) {
    m_started.start();
}

ProviderReply HttpsProviderLink::send(const ProviderRequest& request) {
    ProviderReply answer;
    if (QThread::currentThread()->isInterruptionRequested()) {
        answer.failure = ProviderReply::Failure::Stopped;
        return answer;
    }
    const qint64 left = m_settings.timeoutMs - m_started.elapsed();
    if (left <= 0) {
        answer.failure = ProviderReply::Failure::TimedOut;
        return answer;
    }
    QUrl url = m_base;
    if (url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        answer.failure = ProviderReply::Failure::Unreachable;
        answer.reason = QStringLiteral("its address is not an https:// URL");
        return answer;
    }
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + request.path);

    // The loop first: it gives this thread (a pool's, perhaps not a QThread) its event
    // dispatcher before any network object is made.
    QEventLoop loop;
    QNetworkAccessManager network;
    network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    network.setCookieJar(nullptr);
    QNetworkRequest outgoing(url);
    outgoing.setSslConfiguration(tlsFor(m_settings));
    outgoing.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    outgoing.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                          QNetworkRequest::AlwaysNetwork);
    outgoing.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    outgoing.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    for (const auto& [name, value] : request.headers)
        outgoing.setRawHeader(name, value);
    if (!request.body.isEmpty())
        outgoing.setHeader(QNetworkRequest::ContentTypeHeader,
                           QByteArrayLiteral("application/x-www-form-urlencoded"));

    std::unique_ptr<QNetworkReply> reply(
        network.sendCustomRequest(outgoing, request.method, request.body));
    bool timedOut = false;
    bool tooLarge = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply.get(), [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&] {
        const qint64 room = m_settings.maxReplyBytes - answer.body.size();
        answer.body += reply->read(qMax<qint64>(room, 0));
        if (reply->bytesAvailable() > 0) {
            tooLarge = true;
            reply->abort();
        }
    });
    // A pool that closes (the app's, on quitting) asks its threads to stop: the check gives up
    // within a moment instead of holding the closing for the rest of its time limit.
    bool stopped = false;
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, reply.get(), [&] {
        if (!QThread::currentThread()->isInterruptionRequested())
            return;
        stopped = true;
        reply->abort();
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(static_cast<int>(left));
    stopWatch.start(StopPollMs);
    if (!reply->isFinished())
        loop.exec();
    deadline.stop();
    stopWatch.stop();

    if (stopped) {
        answer.failure = ProviderReply::Failure::Stopped;
        return answer;
    }
    if (tooLarge) {
        answer.failure = ProviderReply::Failure::TooLarge;
        return answer;
    }
    if (timedOut) {
        answer.failure = ProviderReply::Failure::TimedOut;
        return answer;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        answer.failure = ProviderReply::Failure::Unreachable;
        answer.reason = reasonOf(*reply);
        qCInfo(lcService, "A credential check could not reach %s: %s", qPrintable(m_base.host()),
               qPrintable(answer.reason));
        return answer;
    }
    answer.body += reply->read(qMax<qint64>(m_settings.maxReplyBytes - answer.body.size(), 0));
    if (reply->bytesAvailable() > 0) {
        answer.failure = ProviderReply::Failure::TooLarge;
        return answer;
    }
    answer.status = status.toInt();
    answer.location = reply->rawHeader("Location");
    return answer;
}

} // namespace paycred::service
