// Boost first: Qt's keyword macros must not meet Asio's headers (QT_NO_KEYWORDS is set too).
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>

#include "app/server/tlscontext.h"

#include "core/crypto/secret.h"

#include <QDir>
#include <QFile>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <optional>

namespace paycred::server {

namespace {

namespace ssl = boost::asio::ssl;

// TLS 1.2's forward-secret AEAD suites (Mozilla's "intermediate" list less DHE); TLS 1.3's
// suites are all of that kind already.
constexpr const char* Tls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                     "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                     "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

QString shown(const QString& path) {
    return QDir::toNativeSeparators(path);
}

// OpenSSL's reason for the last failure ("no start line", "key values mismatch"): names what
// is wrong, never the data.
QString openSslReason(const boost::system::error_code& ec) {
    ERR_clear_error();
    return QString::fromStdString(ec.message());
}

// OpenSSL checks a key against the certificate as it takes it: that failure is a mismatch, not
// an unreadable key.
bool isMismatch(const boost::system::error_code& ec) {
    if (ec.category() != boost::asio::error::get_ssl_category())
        return false;
    const auto code = static_cast<unsigned long>(ec.value());
    return ERR_GET_LIB(code) == ERR_LIB_X509 &&
           (ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH ||
            ERR_GET_REASON(code) == X509_R_KEY_TYPE_MISMATCH);
}

std::optional<QByteArray> readFile(const QString& path, const QString& what, const QString& flag,
                                   QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read the TLS %1 file %2: %3. Check the path given with "
                                "%4 and that paycred-server's user may read the file.")
                     .arg(what, shown(path), file.errorString(), flag);
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

TlsContext::TlsContext(Passkey)
    : m_context(std::make_unique<ssl::context>(ssl::context::tls_server)) {}

TlsContext::~TlsContext() = default;

std::unique_ptr<TlsContext> TlsContext::load(const QString& certificateFile, const QString& keyFile,
                                             QString* error) {
    QString ignored;
    if (!error)
        error = &ignored;
    const auto certificate = readFile(certificateFile, QStringLiteral("certificate"),
                                      QStringLiteral("--tls-cert (or PAYCRED_TLS_CERT)"), error);
    if (!certificate)
        return nullptr;
    auto key = readFile(keyFile, QStringLiteral("key"),
                        QStringLiteral("--tls-key (or PAYCRED_TLS_KEY)"), error);
    if (!key)
        return nullptr;

    auto tls = std::make_unique<TlsContext>(Passkey{});
    ssl::context& context = *tls->m_context;
    SSL_CTX* native = context.native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                        ssl::context::single_dh_use);
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_cipher_list(native, Tls12Ciphers);
    // An encrypted key would make OpenSSL ask for its passphrase on the terminal: refuse instead.
    context.set_password_callback(
        [](std::size_t, ssl::context::password_purpose) { return std::string(); });

    const auto mismatch = [&]() -> std::unique_ptr<TlsContext> {
        *error = QStringLiteral("The TLS key file %1 does not match the certificate in %2: give "
                                "the private key the certificate was made for.")
                     .arg(shown(keyFile), shown(certificateFile));
        return nullptr;
    };
    boost::system::error_code ec;
    context.use_certificate_chain(
        boost::asio::buffer(certificate->constData(),
                            static_cast<std::size_t>(certificate->size())),
        ec);
    if (ec) {
        *error = QStringLiteral("The TLS certificate file %1 holds no usable PEM certificate (%2). "
                                "Give the server's certificate, and its chain if any, in PEM "
                                "form (\"-----BEGIN CERTIFICATE-----\").")
                     .arg(shown(certificateFile), openSslReason(ec));
        return nullptr;
    }
    context.use_private_key(
        boost::asio::buffer(key->constData(), static_cast<std::size_t>(key->size())),
        ssl::context::pem, ec);
    crypto::wipe(*key);
    if (ec && isMismatch(ec)) {
        ERR_clear_error();
        return mismatch();
    }
    if (ec) {
        *error = QStringLiteral("The TLS key file %1 holds no usable private key (%2). Give the "
                                "certificate's private key in PEM form, unencrypted (e.g. "
                                "`openssl pkey -in KEY -out KEY.pem`), readable only by "
                                "paycred-server's user.")
                     .arg(shown(keyFile), openSslReason(ec));
        return nullptr;
    }
    if (SSL_CTX_check_private_key(native) != 1) {
        ERR_clear_error();
        return mismatch();
    }
    return tls;
}

} // namespace paycred::server
