#pragma once

// RouterTransport: a TEST DOUBLE standing in for the network. It answers every request from a
// TestBackend's router (the server's core on a temporary SQLite file), asynchronously (a queued
// call: never from inside send(), always on the transport's thread, exactly once), like a real
// transport. The client suites run over it and over the real EmbeddedTransport; it stays for
// what no real transport does on demand: it can answer instead of the router (a server without
// a route, a proxy's HTML page, a network failure, a refusal the real core would not give).

#include "core/client/transport.h"
#include "tests/support/testbackend.h"

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
        const quint64 id = ++m_lastId;
        m_pending.insert(id, {request, std::move(done)});
        QMetaObject::invokeMethod(
            this, [this, id] { answer(id); }, Qt::QueuedConnection);
    }

    QString endpoint() const override { return QStringLiteral("test router (in-process)"); }

    void setIntercept(Intercept intercept) { m_intercept = std::move(intercept); }
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
    QMap<quint64, Pending> m_pending;
    quint64 m_lastId = 0;
};

} // namespace paycred::test
