#pragma once

#include "app/server/trustedproxies.h"

#include <QLoggingCategory>
#include <QString>

#include <chrono>
#include <cstddef>
#include <memory>

namespace paycred::api {
class Router;
}

namespace paycred::server {

class TlsContext;

// One line per request at debug level: method, path without its query, status, duration.
// Never headers or bodies: tokens, passwords and keys travel there.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
// One line per request when it reaches the router ("POST /users/login/ received"), at debug
// level and off unless asked for (QT_LOGGING_RULES=paycred.server.received.debug=true): what a
// test waits for to know a request is being handled.
Q_DECLARE_LOGGING_CATEGORY(lcServerReceived)

// HttpServer: the Boost.Beast adapter between HTTP/1.x and api::Router. It enforces what HTTP
// needs before the router sees anything — header limit (431), body limit (413, decided from
// Content-Length before the body is read), malformed requests (400), read/idle timeouts,
// keep-alive, and over HTTPS (useTls) TLS 1.2+ only — and turns each request into an ApiRequest,
// runs the (blocking) router on a worker pool, and writes the ApiResponse back on the connection's
// strand. Password work (Route::Work::Password) runs on a bounded pool of its own at a lower CPU
// priority, answered 503 when that is full, so a login storm never holds the other workers.
// Connections are capped overall and per client (trusted proxies exempt): past a cap a new
// connection gets a 503 and is closed. Beast and Asio stay inside httpserver.cpp (and
// workerpool.cpp).
class HttpServer {
public:
    struct Options {
        int ioThreads = 0; // 0: max(2, hardware threads)
        // 0: max(16, 4 × hardware threads). Many, though the cores are few: a worker mostly waits
        // (on the database, on the audit group it joined), and the more requests write events at
        // once, the more of them one transaction commits.
        int workerThreads = 0;
        std::size_t headerLimit = 16 * 1024;
        std::chrono::seconds readTimeout{30};   // a whole header, a whole body, a write, idle
        std::chrono::seconds shutdownGrace{20}; // for requests in flight after SIGINT/SIGTERM
        bool handleSignals = true;              // SIGINT/SIGTERM stop the server
        TrustedProxies trustedProxies;          // whose X-Forwarded-For names the client
        int passwordThreads = 0;                // 0: max(1, hardware threads / 2)
        std::size_t passwordQueue = 32;         // password requests waiting beyond those running
        int passwordNiceness = 5;               // added to the nice value of the password threads
        // Checks with payment providers (Route::Work::Provider) mostly wait on the network, up to
        // their time limit: a few threads of their own, a few more waiting, then 503.
        int providerThreads = 4;
        std::size_t providerQueue = 4;
        std::size_t maxConnections = 10000;        // open at once; 0: no cap
        std::size_t maxConnectionsPerClient = 512; // per IPv4 address or IPv6 /64; 0: no cap
    };

    explicit HttpServer(const api::Router& router);
    HttpServer(const api::Router& router, Options options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Serves HTTPS with `tls` (see TlsContext::load) instead of plain HTTP; before listen().
    void useTls(std::unique_ptr<TlsContext> tls);
    bool isTls() const;

    // Binds and listens on host:port (port 0: a free one). On failure returns false and sets
    // `error` to a sentence saying what happened and what to do.
    bool listen(const QString& host, quint16 port, QString* error);
    // The bound address, e.g. "http://127.0.0.1:8000" ("https://…" under TLS); valid after
    // listen().
    QString url() const;
    quint16 port() const;

    // Serves until SIGINT/SIGTERM (with handleSignals) or stop(): then stops accepting,
    // finishes the requests in flight (closing idle keep-alive connections) and returns.
    void run();
    // Thread-safe; may be called before or during run().
    void stop();

    int ioThreads() const;
    int workerThreads() const;
    int passwordThreads() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace paycred::server
