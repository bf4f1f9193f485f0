// Boost first: Qt's keyword macros must not meet Asio's headers (QT_NO_KEYWORDS is set too).
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "app/server/httpserver.h"

#include "app/server/httprequestreader.h"

#include "app/server/tlscontext.h"
#include "app/server/workerpool.h"

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"
#include "core/api/errorresponse.h"
#include "core/api/router.h"
#include "core/crypto/secret.h"
#include "core/foundation/addressblock.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace paycred::server {

Q_LOGGING_CATEGORY(lcServer, "paycred.server")
Q_LOGGING_CATEGORY(lcServerReceived, "paycred.server.received", QtInfoMsg)

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t LingerBytes = 1024 * 1024; // discarded after an early answer, at most
constexpr std::chrono::seconds LingerTime{2};    // ... for at most this long
constexpr std::size_t DrainChunk = 16 * 1024;

const std::string_view MalformedBody = R"({"detail":"Malformed request."})";
const std::string_view TooLargeBody = R"({"detail":"Request body too large."})";
const std::string_view HeaderTooLargeBody = R"({"detail":"Request header fields too large."})";
const std::string_view ServerErrorBody = R"({"detail":"A server error occurred."})";
// After a failed accept (out of file descriptors, say): the wait before the next, doubling.
constexpr std::chrono::milliseconds FirstAcceptBackoff{10};
constexpr std::chrono::milliseconds LastAcceptBackoff{1000};
// A full password pool is said in the log at most this often.
constexpr std::chrono::seconds BusyWarningInterval{10};

QByteArray toBytes(std::string_view text) {
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

std::string_view toView(const QByteArray& bytes) {
    return std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

void cleanse(std::string& text) {
    if (!text.empty())
        OPENSSL_cleanse(text.data(), text.size());
    text.clear();
}

// The part of a target before its query: logs never carry query strings.
std::string_view pathOf(std::string_view target) {
    return target.substr(0, target.find('?'));
}

int defaultThreads(int requested, int minimum, int perCore) {
    if (requested > 0)
        return requested;
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::max(minimum, perCore * cores);
}

// `answer` as the bytes of a whole HTTP/1.1 answer that closes its connection.
std::string closingAnswer(const api::ApiResponse& answer) {
    http::response<http::string_body> response(static_cast<http::status>(answer.status), 11);
    for (const auto& [name, value] : answer.headers)
        response.insert(toView(name), toView(value));
    response.set(http::field::server, "paycred");
    response.set(http::field::content_type, "application/json");
    response.body().assign(answer.body.constData(), static_cast<std::size_t>(answer.body.size()));
    response.keep_alive(false);
    response.prepare_payload();
    std::ostringstream bytes;
    bytes << response;
    return bytes.str();
}

// The key one client's connections are counted under (an IPv4 address, an IPv6 /64); empty for
// a trusted proxy, which speaks for many clients and is counted only in the total.
std::string clientKeyOf(const QString& address, const TrustedProxies& proxies) {
    if (proxies.contains(address))
        return {};
    const auto block = AddressBlock::client(address);
    return block ? block->toString().toStdString() : address.toStdString();
}

// Connection: what the server keeps of a session, whichever stream it runs on.
class Connection {
public:
    virtual ~Connection() = default;
    virtual void stopIfIdle() = 0;
};

// The server's state, shared by its sessions (HttpServer::Impl is this, under its private name).
struct Core {
    Core(const api::Router& router, HttpServer::Options options)
        : router(router)
        , options(options)
        , ioThreads(defaultThreads(options.ioThreads, 2, 1))
        , workerThreads(defaultThreads(options.workerThreads, 16, 4))
        , passwordThreads(options.passwordThreads > 0 ? options.passwordThreads
                                                      : std::max(1, defaultThreads(0, 1, 1) / 2))
        , ioc(ioThreads)
        , pool({workerThreads, 0, 0})
        , passwordPool({passwordThreads,
                        static_cast<std::size_t>(passwordThreads) + options.passwordQueue,
                        options.passwordNiceness})
        , providerPool({std::max(1, options.providerThreads),
                        static_cast<std::size_t>(std::max(1, options.providerThreads)) +
                            options.providerQueue,
                        0})
        , control(asio::make_strand(ioc))
        , acceptor(control)
        , signals(control)
        , graceTimer(control)
        , acceptTimer(control)
        , refusal(closingAnswer(api::Router::withStandardHeaders(api::ErrorResponse::busy()))) {
        // Registered now, not in run(): a signal that comes between listen() and run() is then
        // kept for run() instead of killing the process.
        if (options.handleSignals) {
            signals.add(SIGINT);
            signals.add(SIGTERM);
        }
    }
    ~Core() { destroying = true; }
    Core(const Core&) = delete;
    Core& operator=(const Core&) = delete;

    void accept();
    void acceptLater();
    void startSession(tcp::socket&& socket);
    void beginStop();
    // Counts a new connection from `clientKey` in; false (nothing counted) past a cap.
    bool admit(const std::string& clientKey);
    void addSession(Connection* session, std::weak_ptr<Connection> weak);
    void removeSession(Connection* session, const std::string& clientKey);
    // Says that the pool of `work` is full, at most once a BusyWarningInterval for each pool.
    void warnBusy(api::Route::Work work);
    WorkerPool& poolFor(api::Route::Work work) {
        switch (work) {
        case api::Route::Work::Password:
            return passwordPool;
        case api::Route::Work::Provider:
            return providerPool;
        case api::Route::Work::Quick:
            break;
        }
        return pool;
    }

    const api::Router& router;
    const HttpServer::Options options;
    const int ioThreads;
    const int workerThreads;
    const int passwordThreads;
    std::atomic<bool> stopping{false};
    std::atomic<bool> destroying{false};
    std::atomic<SteadyClock::rep> nextBusyWarning{0};             // the password pool's
    std::atomic<SteadyClock::rep> nextProviderBusyWarning{0};     // the provider pool's
    std::chrono::milliseconds acceptBackoff = FirstAcceptBackoff; // on the control strand
    std::mutex sessionsMutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> sessions;
    std::size_t connections = 0; // admitted and not yet gone, under sessionsMutex
    std::unordered_map<std::string, std::size_t> perClient; // likewise
    tcp::endpoint endpoint;
    std::unique_ptr<TlsContext> tls; // null: plain HTTP
    // Declared after what sessions touch in their destructors: the io_context may destroy
    // sessions (in pending handlers) when it goes, and they unregister themselves then.
    asio::io_context ioc;
    WorkerPool pool;         // the router, for everything but password work
    WorkerPool passwordPool; // the router, for password work (Route::Work::Password)
    WorkerPool providerPool; // the router, for checks with providers (Route::Work::Provider)
    asio::strand<asio::io_context::executor_type> control;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    asio::steady_timer graceTimer;
    asio::steady_timer acceptTimer;
    const std::string refusal; // to a connection past a cap, before it is closed
};

// Session: one TCP connection, from accept (and, over TLS, the handshake) to close. Everything
// it does runs on its strand; only the router call runs on the worker pool.
template <typename Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
public:
    static constexpr bool IsTls = std::is_same_v<Stream, TlsStream>;

    Session(tcp::socket&& socket, Core& server, QString remoteAddress, std::string clientKey)
        : m_stream(makeStream(std::move(socket), server))
        , m_server(server)
        , m_remoteAddress(std::move(remoteAddress))
        , m_clientKey(std::move(clientKey)) {}
    ~Session() override { m_server.removeSession(this, m_clientKey); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start() {
        m_server.addSession(this, this->weak_from_this());
        asio::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] {
            if constexpr (IsTls)
                self->handshake();
            else
                self->readHeader();
        });
    }

    // On shutdown: a connection waiting for its next request is closed; one mid-request
    // finishes it (and then closes, keep-alive being off while stopping).
    void stopIfIdle() override {
        asio::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] {
            if (self->m_idle)
                self->tcpStream().cancel();
        });
    }

private:
    static Stream makeStream(tcp::socket&& socket, Core& server) {
        if constexpr (IsTls)
            return Stream(std::move(socket), server.tls->native());
        else
            return Stream(std::move(socket));
    }

    beast::tcp_stream& tcpStream() { return beast::get_lowest_layer(m_stream); }

    // The handshake and the first request's header share one read timeout: a client that dawdles
    // over either is cut off alike. Plain HTTP (or anything else that is not TLS) is closed.
    void handshake() {
        m_idle = true;
        tcpStream().expires_after(m_server.options.readTimeout);
        m_stream.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](
                                                                     beast::error_code ec) {
            if (ec) {
                qCDebug(lcServer, "TLS handshake with %s failed: %s",
                        qPrintable(self->m_remoteAddress), ec.message().c_str());
                return self->closeNow();
            }
            self->readHeader(false);
        });
    }

    void readHeader(bool restartTimer = true) {
        m_parser.emplace();
        HttpRequestReader::limit(*m_parser, m_server.options.headerLimit);
        m_idle = m_buffer.size() == 0;
        if (restartTimer)
            tcpStream().expires_after(m_server.options.readTimeout);
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                [self = this->shared_from_this()](
                                    beast::error_code ec, std::size_t) { self->onHeader(ec); });
    }

    void onHeader(beast::error_code ec) {
        m_idle = false;
        m_started = SteadyClock::now();
        if (ec)
            return fail(ec);

        const auto& request = m_parser->get();
        m_method = std::string(request.method_string());
        m_path = std::string(pathOf(request.target()));
        if (HttpRequestReader::declaredLengthStatus(*m_parser) != 0)
            return answerAndClose(413, TooLargeBody);

        if (m_parser->is_done())
            return dispatchToRouter();
        if (request.version() >= 11 && beast::iequals(request[http::field::expect], "100-continue"))
            return sendContinue();
        readBody();
    }

    void sendContinue() {
        static constexpr std::string_view Continue = "HTTP/1.1 100 Continue\r\n\r\n";
        tcpStream().expires_after(m_server.options.readTimeout);
        asio::async_write(m_stream, asio::buffer(Continue.data(), Continue.size()),
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec)
                                  return self->closeNow();
                              self->readBody();
                          });
    }

    void readBody() {
        tcpStream().expires_after(m_server.options.readTimeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                             self->onBody(ec);
                         });
    }

    void onBody(beast::error_code ec) {
        if (ec)
            return fail(ec);
        dispatchToRouter();
    }

    // A failed read: the adapter's own answer when the request is at fault, else just closed
    // (by the client, timed out, or cancelled on shutdown).
    void fail(const beast::error_code& ec) {
        switch (HttpRequestReader::failureStatus(ec)) {
        case 431:
            return answerAndClose(431, HeaderTooLargeBody);
        case 413:
            return answerAndClose(413, TooLargeBody);
        case 400:
            return answerAndClose(400, MalformedBody);
        default:
            return closeNow();
        }
    }

    // Hands the request to a worker pool (password work and provider checks each to their own,
    // 503 when that is full); the answer comes back on this strand. The work guard keeps the
    // io_context running while the router works, even during shutdown.
    void dispatchToRouter() {
        api::ApiRequest request = HttpRequestReader::toApiRequest(m_parser->get());
        request.remoteAddress = clientAddress(request);
        const api::Route::Work work = m_server.router.workOf(request);
        WorkerPool& pool = m_server.poolFor(work);
        if (!pool.reserve()) {
            crypto::wipe(request.body);
            m_server.warnBusy(work);
            return sendResponse(api::Router::withStandardHeaders(api::ErrorResponse::busy()));
        }
        pool.post(
            [self = this->shared_from_this(), request = std::move(request),
             guard = asio::make_work_guard(m_stream.get_executor())]() mutable -> WorkerPool::Then {
                api::ApiResponse response;
                qCDebug(lcServerReceived, "%s %s received", self->m_method.c_str(),
                        self->m_path.c_str());
                try {
                    response = self->m_server.router.handle(request);
                } catch (const std::exception& e) {
                    qCCritical(lcServer, "%s %s: the router failed: %s", self->m_method.c_str(),
                               self->m_path.c_str(), e.what());
                    response = {500, {}, toBytes(ServerErrorBody)};
                } catch (...) {
                    qCCritical(lcServer, "%s %s: the router failed", self->m_method.c_str(),
                               self->m_path.c_str());
                    response = {500, {}, toBytes(ServerErrorBody)};
                }
                crypto::wipe(request.body);
                // Handed to the I/O thread once this place in the pool is free again.
                return [self, guard = std::move(guard), response = std::move(response)]() mutable {
                    asio::post(self->m_stream.get_executor(),
                               [self, response = std::move(response)]() mutable {
                                   self->sendResponse(std::move(response));
                               });
                };
            });
    }

    // The peer, or the client a trusted proxy forwarded for (X-Forwarded-For, every instance of
    // the header in order).
    QString clientAddress(const api::ApiRequest& request) const {
        const TrustedProxies& proxies = m_server.options.trustedProxies;
        if (proxies.isEmpty())
            return m_remoteAddress;
        QByteArray forwardedFor;
        for (const auto& [name, value] : request.headers) {
            if (name.compare("X-Forwarded-For", Qt::CaseInsensitive) != 0)
                continue;
            if (!forwardedFor.isEmpty())
                forwardedFor += ',';
            forwardedFor += value;
        }
        return proxies.clientAddress(m_remoteAddress, forwardedFor);
    }

    void sendResponse(api::ApiResponse answer) {
        const auto& request = m_parser->get();
        const bool keepAlive = request.keep_alive() && !m_server.stopping.load();
        auto response = std::make_shared<http::response<http::string_body>>();
        response->version(request.version());
        response->result(static_cast<unsigned>(answer.status));
        for (const auto& [name, value] : answer.headers) {
            const auto field = http::string_to_field(toView(name));
            if (field == http::field::content_type || field == http::field::content_length ||
                field == http::field::transfer_encoding || field == http::field::connection ||
                field == http::field::server)
                continue;
            response->insert(toView(name), toView(value));
        }
        response->set(http::field::server, "paycred");
        response->set(http::field::content_type, "application/json");
        response->body().assign(answer.body.constData(),
                                static_cast<std::size_t>(answer.body.size()));
        crypto::wipe(answer.body);
        response->keep_alive(keepAlive);
        response->prepare_payload();
        if (request.method() == http::verb::head) {
            const auto length = response->body().size();
            cleanse(response->body());
            response->content_length(length);
        }
        write(std::move(response), keepAlive);
    }

    // An answer the adapter gives itself (400/413/431) before the router: then the connection
    // closes, since the rest of the request was not (and will not be) read.
    void answerAndClose(unsigned status, std::string_view body) {
        if (m_method.empty())
            m_method = "-";
        if (m_path.empty())
            m_path = "-";
        auto response = std::make_shared<http::response<http::string_body>>();
        response->version(11);
        response->result(status);
        response->set(http::field::server, "paycred");
        response->set(http::field::content_type, "application/json");
        response->set("X-Content-Type-Options", "nosniff");
        response->body().assign(body.data(), body.size());
        response->keep_alive(false);
        response->prepare_payload();
        write(std::move(response), false);
    }

    void write(std::shared_ptr<http::response<http::string_body>> response, bool keepAlive) {
        tcpStream().expires_after(m_server.options.readTimeout);
        const unsigned status = response->result_int();
        http::async_write(m_stream, *response,
                          [self = this->shared_from_this(), response, keepAlive,
                           status](beast::error_code ec, std::size_t) {
                              cleanse(response->body());
                              self->onWritten(ec, keepAlive, status);
                          });
    }

    void onWritten(beast::error_code ec, bool keepAlive, unsigned status) {
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - m_started)
                .count();
        qCDebug(lcServer, "%s %s %u %.1f ms", m_method.c_str(), m_path.c_str(), status,
                static_cast<double>(micros) / 1000.0);
        m_method.clear();
        m_path.clear();
        if (ec)
            return closeNow();
        if (!keepAlive || m_server.stopping.load())
            return closeGracefully();
        readHeader();
    }

    // Half-closes, then reads and discards what the client still sends (bounded in bytes and
    // time) before closing: closing with unread data would reset the connection and could
    // destroy the answer before the client reads it. Over TLS the half-close is the
    // close_notify alert, after which OpenSSL discards whatever data still arrives until the
    // client's own close_notify (or the linger time) ends it.
    void closeGracefully() {
        if constexpr (IsTls) {
            tcpStream().expires_after(LingerTime);
            m_stream.async_shutdown(
                [self = this->shared_from_this()](beast::error_code) { self->closeNow(); });
            return;
        }
        beast::error_code ec;
        tcpStream().socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec)
            return closeNow();
        m_drainBuffer = std::make_unique<char[]>(DrainChunk);
        m_drained = 0;
        tcpStream().expires_after(LingerTime);
        drain();
    }

    void drain() {
        tcpStream().async_read_some(
            asio::buffer(m_drainBuffer.get(), DrainChunk),
            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                self->m_drained += n;
                if (ec || self->m_drained > LingerBytes)
                    return self->closeNow();
                self->drain();
            });
    }

    void closeNow() {
        beast::error_code ec;
        tcpStream().socket().shutdown(tcp::socket::shutdown_both, ec);
        tcpStream().close();
    }

    Stream m_stream;
    Core& m_server;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    QString m_remoteAddress;
    std::string m_clientKey;
    std::string m_method;
    std::string m_path;
    SteadyClock::time_point m_started = SteadyClock::now();
    bool m_idle = false;
    std::unique_ptr<char[]> m_drainBuffer;
    std::size_t m_drained = 0;
};

} // namespace

struct HttpServer::Impl : Core {
    using Core::Core;
};

void Core::accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            return;
        if (stopping.load()) {
            socket.close(ec);
            return;
        }
        if (ec) {
            // E.g. out of file descriptors: say so, and wait before the next (accepting again at
            // once would fail again at once, spinning); the connections open still work.
            qCWarning(lcServer, "Cannot accept a connection: %s; trying again in %lld ms",
                      ec.message().c_str(), static_cast<long long>(acceptBackoff.count()));
            return acceptLater();
        }
        acceptBackoff = FirstAcceptBackoff;
        startSession(std::move(socket));
        accept();
    });
}

void Core::acceptLater() {
    acceptTimer.expires_after(acceptBackoff);
    acceptBackoff = std::min(acceptBackoff * 2, LastAcceptBackoff);
    acceptTimer.async_wait([this](beast::error_code ec) {
        if (!ec && !stopping.load())
            accept();
    });
}

void Core::startSession(tcp::socket&& socket) {
    beast::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (ec)
        return; // gone already
    QString address = QString::fromStdString(remote.address().to_string());
    std::string clientKey = clientKeyOf(address, options.trustedProxies);
    if (!admit(clientKey)) {
        qCDebug(lcServer, "Refusing a connection from %s: too many open", qPrintable(address));
        // Plain HTTP gets a 503 it can read (a TLS client, which would take it for garbage, is
        // just closed); written without waiting: the kernel takes so few bytes at once.
        if (!tls) {
            socket.non_blocking(true, ec);
            socket.write_some(asio::buffer(refusal), ec);
            socket.shutdown(tcp::socket::shutdown_send, ec);
        }
        socket.close(ec);
        return;
    }
    if (tls)
        std::make_shared<Session<TlsStream>>(std::move(socket), *this, std::move(address),
                                             std::move(clientKey))
            ->start();
    else
        std::make_shared<Session<PlainStream>>(std::move(socket), *this, std::move(address),
                                               std::move(clientKey))
            ->start();
}

bool Core::admit(const std::string& clientKey) {
    std::lock_guard lock(sessionsMutex);
    if (options.maxConnections != 0 && connections >= options.maxConnections)
        return false;
    if (!clientKey.empty()) {
        const auto it = perClient.find(clientKey);
        const std::size_t open = it == perClient.end() ? 0 : it->second;
        if (options.maxConnectionsPerClient != 0 && open >= options.maxConnectionsPerClient)
            return false;
        perClient[clientKey] = open + 1;
    }
    ++connections;
    return true;
}

void Core::warnBusy(api::Route::Work work) {
    const bool provider = work == api::Route::Work::Provider;
    // Each pool its own pace: a full password pool must not hide that checks are refused.
    std::atomic<SteadyClock::rep>& next = provider ? nextProviderBusyWarning : nextBusyWarning;
    const auto now = SteadyClock::now().time_since_epoch().count();
    auto due = next.load();
    const auto interval =
        std::chrono::duration_cast<SteadyClock::duration>(BusyWarningInterval).count();
    if (now < due || !next.compare_exchange_strong(due, now + interval))
        return;
    if (provider) {
        qCWarning(lcServer,
                  "The provider check pool is full (%d thread(s), %zu running or waiting): "
                  "checks with providers get 503 until it drains; other requests are served as "
                  "usual",
                  std::max(1, options.providerThreads), providerPool.capacity());
        return;
    }
    qCWarning(lcServer,
              "The password pool is full (%d thread(s), %zu running or waiting): password "
              "requests get 503 until it drains; other requests are served as usual",
              passwordThreads, passwordPool.capacity());
}

void Core::beginStop() {
    if (stopping.exchange(true))
        return;
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    acceptTimer.cancel();

    std::vector<std::shared_ptr<Connection>> live;
    {
        std::lock_guard lock(sessionsMutex);
        for (const auto& [session, weak] : sessions) {
            if (auto strong = weak.lock())
                live.push_back(std::move(strong));
        }
    }
    qCInfo(lcServer, "Stopping: %zu connection(s) open, finishing the requests in flight",
           live.size());
    for (const auto& session : live)
        session->stopIfIdle();
    live.clear(); // a session may go right here, on this strand: it then posts, never waits

    graceTimer.expires_after(options.shutdownGrace);
    graceTimer.async_wait([this](beast::error_code waitError) {
        if (waitError)
            return;
        qCWarning(lcServer, "Requests still in flight after %lld s: stopping anyway",
                  static_cast<long long>(options.shutdownGrace.count()));
        ioc.stop();
    });
    std::lock_guard lock(sessionsMutex);
    if (sessions.empty())
        graceTimer.cancel();
}

void Core::addSession(Connection* session, std::weak_ptr<Connection> weak) {
    std::lock_guard lock(sessionsMutex);
    sessions.emplace(session, std::move(weak));
}

void Core::removeSession(Connection* session, const std::string& clientKey) {
    bool last = false;
    {
        std::lock_guard lock(sessionsMutex);
        sessions.erase(session);
        last = sessions.empty();
        --connections;
        if (const auto it = perClient.find(clientKey); it != perClient.end() && --it->second == 0)
            perClient.erase(it);
    }
    if (last && stopping.load() && !destroying.load())
        asio::post(control, [this] { graceTimer.cancel(); });
}

HttpServer::HttpServer(const api::Router& router)
    : HttpServer(router, Options{}) {}

HttpServer::HttpServer(const api::Router& router, Options options)
    : m_impl(std::make_unique<Impl>(router, options)) {}

HttpServer::~HttpServer() = default;

bool HttpServer::listen(const QString& host, quint16 port, QString* error) {
    const QString shown = host.contains(u':') ? QStringLiteral("[%1]:%2").arg(host).arg(port)
                                              : QStringLiteral("%1:%2").arg(host).arg(port);
    const auto fail = [&](const QString& sentence) {
        if (error)
            *error = sentence;
        beast::error_code ignored;
        m_impl->acceptor.close(ignored);
        return false;
    };

    beast::error_code ec;
    tcp::resolver resolver(m_impl->ioc);
    const auto results =
        resolver.resolve(host.toStdString(), std::to_string(port),
                         tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
        return fail(QStringLiteral("Cannot listen on %1: the host does not resolve (%2). Give an "
                                   "IP address of this machine, e.g. --listen 127.0.0.1:%3.")
                        .arg(shown, QString::fromStdString(ec.message()))
                        .arg(port));
    }
    const tcp::endpoint endpoint = results.begin()->endpoint();

    auto& acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (ec == asio::error::address_in_use) {
        return fail(QStringLiteral("Cannot listen on %1: the address is already in use (is "
                                   "another server running?). Stop it, or choose another address "
                                   "with --listen HOST:PORT.")
                        .arg(shown));
    }
    if (ec == asio::error::access_denied) {
        return fail(QStringLiteral("Cannot listen on %1: permission denied (ports below 1024 "
                                   "need privileges). Choose a port of 1024 or above with "
                                   "--listen HOST:PORT.")
                        .arg(shown));
    }
    if (ec == boost::system::errc::address_not_available) {
        return fail(QStringLiteral("Cannot listen on %1: that address is not one of this "
                                   "machine's. Choose another with --listen HOST:PORT.")
                        .arg(shown));
    }
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail(QStringLiteral("Cannot listen on %1: %2. Choose another address with "
                                   "--listen HOST:PORT.")
                        .arg(shown, QString::fromStdString(ec.message())));
    }
    m_impl->endpoint = acceptor.local_endpoint(ec);
    return !ec || fail(QStringLiteral("Cannot listen on %1: %2.")
                           .arg(shown, QString::fromStdString(ec.message())));
}

void HttpServer::useTls(std::unique_ptr<TlsContext> tls) {
    m_impl->tls = std::move(tls);
}

bool HttpServer::isTls() const {
    return m_impl->tls != nullptr;
}

QString HttpServer::url() const {
    const auto& endpoint = m_impl->endpoint;
    const QString scheme = isTls() ? QStringLiteral("https") : QStringLiteral("http");
    const QString address = QString::fromStdString(endpoint.address().to_string());
    return endpoint.address().is_v6()
               ? QStringLiteral("%1://[%2]:%3").arg(scheme, address).arg(endpoint.port())
               : QStringLiteral("%1://%2:%3").arg(scheme, address).arg(endpoint.port());
}

quint16 HttpServer::port() const {
    return m_impl->endpoint.port();
}

int HttpServer::ioThreads() const {
    return m_impl->ioThreads;
}

int HttpServer::workerThreads() const {
    return m_impl->workerThreads;
}

int HttpServer::passwordThreads() const {
    return m_impl->passwordThreads;
}

void HttpServer::run() {
    Impl& impl = *m_impl;
    asio::dispatch(impl.control, [&impl] {
        if (impl.stopping.load())
            return;
        if (impl.options.handleSignals) {
            impl.signals.async_wait([&impl](beast::error_code ec, int signal) {
                if (ec)
                    return;
                qCInfo(lcServer, "Received %s", signal == SIGINT ? "SIGINT" : "SIGTERM");
                impl.beginStop();
            });
        }
        impl.accept();
    });

    const auto runLoop = [&impl] {
        for (;;) {
            try {
                impl.ioc.run();
                return;
            } catch (const std::exception& e) {
                qCCritical(lcServer, "Unexpected error in the I/O loop: %s", e.what());
            }
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(impl.ioThreads - 1));
    for (int i = 1; i < impl.ioThreads; ++i)
        threads.emplace_back(runLoop);
    runLoop();
    for (auto& thread : threads)
        thread.join();
    impl.pool.join();
    impl.passwordPool.join();
    impl.providerPool.join();
    qCInfo(lcServer, "Stopped");
}

void HttpServer::stop() {
    asio::post(m_impl->control, [impl = m_impl.get()] { impl->beginStop(); });
}

} // namespace paycred::server
