#pragma once

#include <QString>

#include <memory>

namespace boost::asio::ssl {
class context;
}

namespace paycred::server {

// TlsContext: the server's certificate and private key, loaded and checked once at start, with
// the TLS settings every HTTPS connection shares: TLS 1.2 and later, forward-secret AEAD ciphers.
// Asio's OpenSSL context stays behind it (only httpserver.cpp reaches native()).
class TlsContext {
public:
    // Reads both PEM files (the certificate may carry its chain; the key must be unencrypted).
    // On failure returns null and sets `error` to a sentence naming the file at fault and what
    // to do; never a byte of the key.
    static std::unique_ptr<TlsContext> load(const QString& certificateFile, const QString& keyFile,
                                            QString* error);
    // Only load() makes one (the passkey keeps it so while make_unique can still call it).
    struct Passkey {
    private:
        Passkey() = default;
        friend class TlsContext;
    };
    explicit TlsContext(Passkey);
    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    boost::asio::ssl::context& native() const { return *m_context; }

private:
    std::unique_ptr<boost::asio::ssl::context> m_context;
};

} // namespace paycred::server
