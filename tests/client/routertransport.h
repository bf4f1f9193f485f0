#pragma once

// RouterTransport: a TEST DOUBLE standing in for the network, for the CredentialsClient suite.
// It answers every request from a TestBackend's router, asynchronously (a queued call: never
// from inside send(), always on the transport's thread, exactly once), like a real transport.
// The real transports (HttpTransport, EmbeddedTransport) are tested in their own suites.
//
// For the tests it also keeps a log of what was sent (method and path only: never a header or
// a body, which may carry a token, a password or a key), can change a request before the router
// sees it (a wrong method or content type) and can answer instead of the router (a server
// without a route, a proxy's HTML page, a network failure).

#include "core/client/transport.h"
#include "tests/support/testbackend.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMetaObject>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace paycred::test {

class RouterTransport : public client::Transport {
    Q_OBJECT
public:
    // An answer in place of the router's; std::nullopt lets the router answer.
    using Intercept = std::function<std::optional<client::TransportResult>(const api::ApiRequest&)>;
    // A change made to a request before the router sees it.
    using Rewrite = std::function<void(api::ApiRequest&)>;

    struct Sent {
        QByteArray method;
        QByteArray path; // without the query
        bool authorized = false;
    };

    explicit RouterTransport(TestBackend& backend, QObject* parent = nullptr)
        : Transport(parent)
        , m_backend(backend) {}

    // Requests not answered yet are answered Cancelled, as the contract of Transport says.
    ~RouterTransport() override {
        const auto pending = std::exchange(m_pending, {});
        for (const Pending& request : pending) {
            client::TransportResult cancelled;
            cancelled.failure = client::TransportResult::Failure::Cancelled;
            cancelled.message = QStringLiteral("The test transport was shut down.");
            request.done(cancelled);
        }
    }

    void send(const api::ApiRequest& request, Callback done) override {
        const qsizetype query = request.target.indexOf('?');
        const QByteArray path = query < 0 ? request.target : request.target.left(query);
        m_log.append({request.method, path, request.hasHeader("Authorization")});
        const quint64 id = ++m_lastId;
        m_pending.insert(id, {request, std::move(done)});
        QMetaObject::invokeMethod(
            this, [this, id] { answer(id); }, Qt::QueuedConnection);
    }

    QString endpoint() const override { return QStringLiteral("test router (in-process)"); }

    void setIntercept(Intercept intercept) { m_intercept = std::move(intercept); }
    void setRewrite(Rewrite rewrite) { m_rewrite = std::move(rewrite); }

    const QList<Sent>& log() const { return m_log; }
    void clearLog() { m_log.clear(); }
    int count(const QByteArray& method, const QByteArray& path) const {
        int n = 0;
        for (const Sent& sent : m_log)
            n += sent.method == method && sent.path == path ? 1 : 0;
        return n;
    }
    int pendingCount() const { return static_cast<int>(m_pending.size()); }

private:
    struct Pending {
        api::ApiRequest request;
        Callback done;
    };

    void answer(quint64 id) {
        auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        Pending pending = std::move(it.value());
        m_pending.erase(it);
        if (pending.request.remoteAddress.isEmpty())
            pending.request.remoteAddress = QStringLiteral("127.0.0.1");
        if (m_rewrite)
            m_rewrite(pending.request);
        std::optional<client::TransportResult> result;
        if (m_intercept)
            result = m_intercept(pending.request);
        if (!result) {
            result.emplace();
            result->response = m_backend.handle(pending.request);
        }
        pending.done(*result);
    }

    TestBackend& m_backend;
    Intercept m_intercept;
    Rewrite m_rewrite;
    QList<Sent> m_log;
    QMap<quint64, Pending> m_pending;
    quint64 m_lastId = 0;
};

} // namespace paycred::test
