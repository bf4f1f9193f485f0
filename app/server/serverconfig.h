#pragma once

#include "app/server/trustedproxies.h"

#include "core/service/servicesettings.h"
#include "core/storage/databaseconfig.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::server {

// ServerConfig: what paycred-server runs with — where it listens, where the data lives and the
// keys — read from the environment, an INI file and the command line, and checked before the
// server starts.
//
// Sources, strongest first: the command line (--listen, --data-dir), the environment
// (PAYCRED_SECRET_KEY, PAYCRED_ENCRYPTION_KEY, PAYCRED_AUDIT_KEY, PAYCRED_DATABASE,
// PAYCRED_LISTEN), systemd's credentials folder (LoadCredential=:
// $CREDENTIALS_DIRECTORY/secret_key, encryption_key, audit_key, database), the INI file given with
// --config (the same keys in lower case: secret_key, encryption_key, audit_key, database, listen),
// then, with --dev only, development defaults: 127.0.0.1:8000, DIR/paycred.sqlite3 and keys
// generated once into DIR/dev-keys.ini (0600) in the data folder DIR (0700); development keys from
// before the audit key get one added. The first source that has a setting gives it; the others are
// not merged in.
//
// Secrets from files: each of the four secret settings (the three keys and the database, whose
// address may hold a password) may instead name a file holding it — PAYCRED_SECRET_KEY_FILE and
// so on in the environment, secret_key_file and so on in the INI file (relative to the INI
// file's folder) — since the environment of a process shows in /proc/PID/environ. A value and a
// file at the same level is refused; surrounding whitespace (the trailing newline) is trimmed; a
// file other users may open is warned about; a file that cannot be read is refused, by name.
//
// Retired encryption keys: PAYCRED_ENCRYPTION_KEY is a comma-separated list, primary first (the
// MultiFernet form of the Django server, so its key list works as it is). The primary encrypts;
// every other key is retired: it only decrypts rows not yet re-encrypted and old backups.
// `rotate-keys` moves every row to the primary; `check` counts the rows still under a retired
// key, and when there are none the retired keys can go (or stay for old backups). One list
// rather than a separate "retired" setting: a key's role is its place, so promoting a new key
// never needs two settings changed together.
//
// Without --dev the server refuses to start with a missing key, a secret key shorter than
// 32 characters, an encryption key that is not a list of Fernet keys, an audit key shorter than
// 32 bytes, or no database. With --dev a short secret or audit key is only warned about; an
// encryption or audit key that does not parse is still refused (data encrypted under a key other
// than the one meant would be lost, events sealed by it would no longer verify), and so is an
// audit key that is the secret key or an encryption key. The audit key is a list like the
// encryption key, primary first: the primary seals new events, the others only verify old ones.
//
// Behind a load balancer and over TLS: PAYCRED_TLS_CERT and PAYCRED_TLS_KEY (--tls-cert,
// --tls-key; INI tls_cert, tls_key) serve HTTPS, both or neither; PAYCRED_TRUSTED_PROXIES (INI
// trusted_proxies: comma-separated addresses or CIDR blocks) are the proxies whose
// X-Forwarded-For is believed. An entry that is neither is refused.
//
// The live-key step-up: PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE (INI
// require_recent_password_for_live) = MINUTES, 0 or unset = off (seed clients keep working): a
// live credential's private key is revealed only to a session that verified the password
// within that many minutes (1440 at most).
//
// Capacity (unset: the HTTP server's defaults, see HttpServer::Options): PAYCRED_WORKER_THREADS
// (INI worker_threads, 1–256) runs every request but password work; PAYCRED_PASSWORD_THREADS
// (INI password_threads, 1–64) and PAYCRED_PASSWORD_QUEUE (password_queue, 0–10000) size the pool
// that runs password work (login, verify-password, change-password) and the requests that may
// wait for it before the rest get 503; PAYCRED_MAX_CONNECTIONS (max_connections) and
// PAYCRED_MAX_CONNECTIONS_PER_CLIENT (max_connections_per_client; per IPv4 address or IPv6 /64,
// trusted proxies exempt) cap the connections open at once, 0 for no cap.
//
// Checks with the providers (on or off, their base URLs, time limit, extra CAs): see
// ProviderCheckConfig.
//
// Testing knob: PAYCRED_PASSWORD_ITERATIONS (INI: password_iterations) sets the PBKDF2 count for
// new password hashes; only values of at least 1000 are accepted. Leave it unset in production
// (the default is Django's 1 000 000).
//
// Keys never appear in an error message, a log line or on the console.
class ServerConfig {
public:
    static constexpr int MinSecretKeyLength = 32;
    static constexpr int MinPasswordIterations = 1000;
    static constexpr quint16 DevPort = 8000;
    static constexpr int SecretKeyLength = 50;

    // What the configuration sets of the server's capacity; unset: HttpServer's defaults.
    struct Capacity {
        std::optional<int> workerThreads;
        std::optional<int> passwordThreads;
        std::optional<int> passwordQueue;
        std::optional<int> maxConnections;
        std::optional<int> maxConnectionsPerClient;
    };

    struct Options {
        bool dev = false;
        QString dataDir;            // --data-dir; empty: the default (dev: ./paycred-dev-data)
        QString listen;             // --listen HOST:PORT; empty: from the configuration
        QString configFile;         // --config FILE; empty: none
        QString tlsCertificateFile; // --tls-cert FILE; empty: from the configuration
        QString tlsKeyFile;         // --tls-key FILE; empty: from the configuration
    };

    // Reads and checks everything. On failure returns nothing and sets `error` to sentences
    // saying what is wrong and how to fix it. `environment` defaults to the process's own.
    static std::optional<ServerConfig> load(const Options& options, QString* error,
                                            const QHash<QString, QString>* environment = nullptr);

    // "HOST:PORT" or "[IPv6]:PORT" → host and port; false when it is not that.
    static bool parseListen(const QString& text, QString* host, quint16* port);
    // The default data folder of --dev: ./paycred-dev-data.
    static QString defaultDevDataDir();
    // A fresh random secret key: SecretKeyLength url-safe characters (the caller wipes it).
    static QByteArray generateSecretKey();
    // A fresh Fernet key as url-safe base64 (the caller wipes it).
    static QByteArray generateEncryptionKey();
    // A fresh audit key (32 random bytes) as url-safe base64 (the caller wipes it).
    static QByteArray generateAuditKey();

    bool dev() const { return m_dev; }
    const QString& host() const { return m_host; }
    quint16 port() const { return m_port; }
    const QString& dataDir() const { return m_dataDir; }
    const storage::DatabaseConfig& database() const { return m_database; }
    const service::ServiceSettings& settings() const { return m_settings; }
    // Moves the settings (and the keys in them) out, e.g. into service::Services.
    service::ServiceSettings takeSettings() { return std::move(m_settings); }
    // HTTPS: the PEM certificate (chain) and private key files, both set or both empty (plain
    // HTTP). Read by the server at start (server::TlsContext), not here.
    bool tlsEnabled() const { return !m_tlsCertificateFile.isEmpty(); }
    const QString& tlsCertificateFile() const { return m_tlsCertificateFile; }
    const QString& tlsKeyFile() const { return m_tlsKeyFile; }
    // Whose X-Forwarded-For is believed for the client's address (empty: nobody's).
    const TrustedProxies& trustedProxies() const { return m_trustedProxies; }
    const Capacity& capacity() const { return m_capacity; }
    // Non-fatal remarks for the log (e.g. the development keys' location), never a key.
    const QStringList& warnings() const { return m_warnings; }

private:
    ServerConfig() = default;
    // Reads the audit key `text` (from `source`) into the settings, after the secret and
    // encryption keys, or adds what is wrong with it to `problems`.
    void checkAuditKey(const QString& text, const QString& source, bool dev, QStringList& problems);

    bool m_dev = false;
    QString m_host;
    quint16 m_port = 0;
    QString m_dataDir;
    QString m_tlsCertificateFile;
    QString m_tlsKeyFile;
    TrustedProxies m_trustedProxies;
    Capacity m_capacity;
    storage::DatabaseConfig m_database;
    service::ServiceSettings m_settings;
    QStringList m_warnings;
};

} // namespace paycred::server
