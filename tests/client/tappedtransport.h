#pragma once

// TappedTransport: sits between the client and a transport (the real EmbeddedTransport, or the
// RouterTransport double) and passes every request on; the answers are the inner transport's.
// For the tests it keeps a log of what went by (method, path, whether it was authorized and
// the If-Match it carried: never a token, a password, a key or a body), can bend a request on
// its way (a wrong method or content type) so that the real router answers that, and can hold
// the answers for one path back until release(), to act while a call waits for them.

#include "core/client/transport.h"

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QString>

#include <functional>
#include <utility>

namespace paycred::test {

class TappedTransport : public client::Transport {
    Q_OBJECT
public:
    // A change made to a request before the inner transport gets it.
    using Rewrite = std::function<void(api::ApiRequest&)>;

    struct Sent {
        QByteArray method;
        QByteArray path; // without the query
        bool authorized = false;
        QByteArray ifMatch; // an entity tag: not a secret
    };

    explicit TappedTransport(client::Transport& inner, QObject* parent = nullptr)
        : Transport(parent)
        , m_inner(inner) {}

    void send(const api::ApiRequest& request, Callback done) override {
        const qsizetype query = request.target.indexOf('?');
        m_log.append({request.method, query < 0 ? request.target : request.target.left(query),
                      request.hasHeader("Authorization"), request.header("If-Match")});
        api::ApiRequest bent = request;
        if (m_rewrite)
            m_rewrite(bent);
        ++m_inFlight;
        const bool held = !m_heldPath.isEmpty() && m_log.last().path == m_heldPath;
        QPointer<TappedTransport> self(this);
        m_inner.send(bent,
                     [self, held, done = std::move(done)](const client::TransportResult& result) {
                         if (self && held) {
                             self->m_held.append({done, result});
                             return;
                         }
                         if (self)
                             --self->m_inFlight;
                         done(result);
                     });
    }
    QString endpoint() const override { return m_inner.endpoint(); }

    void setRewrite(Rewrite rewrite) { m_rewrite = std::move(rewrite); }

    // Answers to requests for `path` sent from now on wait until release().
    void hold(const QByteArray& path) { m_heldPath = path; }
    int heldCount() const { return static_cast<int>(m_held.size()); }
    // Delivers the answers held, in order, and holds no more.
    void release() {
        m_heldPath.clear();
        const auto held = std::exchange(m_held, {});
        for (const Held& answer : held) {
            --m_inFlight;
            answer.done(answer.result);
        }
    }

    const QList<Sent>& log() const { return m_log; }
    void clearLog() { m_log.clear(); }
    int count(const QByteArray& method, const QByteArray& path) const {
        int n = 0;
        for (const Sent& sent : m_log)
            n += sent.method == method && sent.path == path ? 1 : 0;
        return n;
    }
    // Requests passed on whose answer has not come back yet.
    int inFlight() const { return m_inFlight; }

private:
    struct Held {
        Callback done;
        client::TransportResult result;
    };

    client::Transport& m_inner;
    Rewrite m_rewrite;
    QList<Sent> m_log;
    int m_inFlight = 0;
    QByteArray m_heldPath;
    QList<Held> m_held;
};

} // namespace paycred::test
