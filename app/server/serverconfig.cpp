#include "app/server/serverconfig.h"

#include "app/server/inifile.h"
#include "app/server/providercheckconfig.h"
#include "app/server/settingsources.h"

#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"
#include "core/foundation/loopbackhost.h"
#include "core/service/auditkeys.h"
#include "core/storage/databaseurl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace paycred::server {

namespace {

const QString SecretKeyEnv = QStringLiteral("PAYCRED_SECRET_KEY");
const QString EncryptionKeyEnv = QStringLiteral("PAYCRED_ENCRYPTION_KEY");
const QString AuditKeyEnv = QStringLiteral("PAYCRED_AUDIT_KEY");
const QString DatabaseEnv = QStringLiteral("PAYCRED_DATABASE");
const QString ListenEnv = QStringLiteral("PAYCRED_LISTEN");
const QString IterationsEnv = QStringLiteral("PAYCRED_PASSWORD_ITERATIONS");
const QString TlsCertificateEnv = QStringLiteral("PAYCRED_TLS_CERT");
const QString TlsKeyEnv = QStringLiteral("PAYCRED_TLS_KEY");
const QString TrustedProxiesEnv = QStringLiteral("PAYCRED_TRUSTED_PROXIES");
const QString RecentPasswordEnv = QStringLiteral("PAYCRED_REQUIRE_RECENT_PASSWORD_FOR_LIVE");
// A step-up window longer than a day would be no step-up; a refresh token lives a day.
constexpr int MaxRecentPasswordMinutes = 24 * 60;
const QString WorkerThreadsEnv = QStringLiteral("PAYCRED_WORKER_THREADS");
const QString PasswordThreadsEnv = QStringLiteral("PAYCRED_PASSWORD_THREADS");
const QString PasswordQueueEnv = QStringLiteral("PAYCRED_PASSWORD_QUEUE");
const QString MaxConnectionsEnv = QStringLiteral("PAYCRED_MAX_CONNECTIONS");
const QString MaxConnectionsPerClientEnv = QStringLiteral("PAYCRED_MAX_CONNECTIONS_PER_CLIENT");
constexpr int MaxWorkerThreads = 256;
constexpr int MaxPasswordThreads = 64;
constexpr int MaxPasswordQueue = 10000;
constexpr int MaxConnectionsCap = 1000000;

// A whole number in [minimum, maximum]: nothing when unset, or when it is not one (then
// `problems` says "<source> must be <what>.").
std::optional<int> wholeNumber(const Setting& setting, int minimum, int maximum,
                               const QString& what, QStringList& problems) {
    if (!setting.isSet())
        return std::nullopt;
    bool ok = false;
    const int number = setting.value.trimmed().toInt(&ok);
    if (ok && number >= minimum && number <= maximum)
        return number;
    problems << QStringLiteral("%1 must be %2.").arg(setting.source, what);
    return std::nullopt;
}

const QString DevKeysFile = QStringLiteral("dev-keys.ini");
const QString DevDatabaseFile = QStringLiteral("paycred.sqlite3");

// A url-safe random string: 64 symbols, so each byte's low 6 bits pick one without bias.
QByteArray randomToken(int length) {
    static constexpr char Alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    QByteArray random = crypto::Digest::randomBytes(length);
    QByteArray token(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        token[i] = Alphabet[static_cast<unsigned char>(random[i]) & 63];
    crypto::wipe(random);
    return token;
}

bool makePrivateDir(const QString& path, QString* error) {
    const QFileInfo info(path);
    if (info.exists()) {
        if (!info.isDir()) {
            *error = QStringLiteral("The data folder %1 exists but is not a folder. Remove it or "
                                    "choose another with --data-dir DIR.")
                         .arg(QDir::toNativeSeparators(path));
            return false;
        }
        return true;
    }
    const QString parent = info.absolutePath();
    if (!QDir().mkpath(parent) || ::mkdir(QFile::encodeName(path).constData(), 0700) != 0) {
        *error =
            QStringLiteral("Cannot create the data folder %1: %2. Choose a writable place "
                           "with --data-dir DIR.")
                .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

QByteArray auditKeyLine() {
    QByteArray key = ServerConfig::generateAuditKey();
    QByteArray line = "audit_key = " + key + "\n";
    crypto::wipe(key);
    return line;
}

// Writes `content` to `path` (a new file that only its owner can read, created 0600, or with
// `append`, the end of an existing one) and wipes it.
bool writeKeysFile(const QString& path, QByteArray& content, bool append, QString* error) {
    const QByteArray nativePath = QFile::encodeName(path);
    const int flags =
        append ? O_WRONLY | O_APPEND | O_CLOEXEC : O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
    const int fd = ::open(nativePath.constData(), flags, 0600);
    bool ok = fd >= 0;
    if (ok) {
        qsizetype written = 0;
        while (ok && written < content.size()) {
            const ssize_t n = ::write(fd, content.constData() + written,
                                      static_cast<size_t>(content.size() - written));
            if (n < 0 && errno == EINTR)
                continue;
            ok = n > 0;
            written += ok ? n : 0;
        }
        ok = (::fsync(fd) == 0) && ok;
        ok = (::close(fd) == 0) && ok;
    }
    crypto::wipe(content);
    if (!ok) {
        *error =
            QStringLiteral("Cannot write the development keys to %1: %2. Check that the "
                           "data folder is writable.")
                .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0 && !append)
            ::unlink(nativePath.constData());
        return false;
    }
    return true;
}

// Writes the development keys into a new file that only its owner can read (created 0600).
bool writeDevKeys(const QString& path, QString* error) {
    QByteArray secretKey = ServerConfig::generateSecretKey();
    QByteArray encryptionKey = ServerConfig::generateEncryptionKey();
    QByteArray auditKey = auditKeyLine();
    QByteArray content =
        "# Development keys of `paycred-server --dev`: generated on first run, reused after.\n"
        "# Never use them in production. Deleting this file makes the data encrypted with them\n"
        "# unreadable and the audit log unverifiable.\n"
        "secret_key = " +
        secretKey + "\nencryption_key = " + encryptionKey + "\n" + auditKey;
    crypto::wipe(secretKey);
    crypto::wipe(encryptionKey);
    crypto::wipe(auditKey);
    return writeKeysFile(path, content, false, error);
}

// Adds an audit key to development keys made before the audit log was chained.
bool appendDevAuditKey(const QString& path, QString* error) {
    QByteArray content = auditKeyLine();
    return writeKeysFile(path, content, true, error);
}

// Whether one of the audit keys (`text`, read into `audit`) is the JWT key or a data key,
// written the same way or decoding to the same bytes: an audit key must be a key of its own.
bool isAnotherKey(QByteArrayView text, const service::AuditKeys& audit,
                  const crypto::Secret& secretKey, const crypto::KeyRing& ring) {
    QList<QByteArray> others;
    if (!secretKey.isEmpty())
        others << secretKey.view().toByteArray();
    for (qsizetype i = 0; i < ring.size(); ++i)
        others << ring.key(i).toBase64();
    bool same = false;
    for (QByteArray& other : others) {
        auto decoded = QByteArray::fromBase64Encoding(other, QByteArray::Base64UrlEncoding);
        same = same || audit.contains(other) || audit.contains(decoded.decoded);
        for (qsizetype start = 0; start <= text.size();) {
            qsizetype end = text.indexOf(',', start);
            if (end < 0)
                end = text.size();
            same = same || crypto::Digest::constantTimeEquals(
                               text.sliced(start, end - start).trimmed(), other);
            start = end + 1;
        }
        crypto::wipe(decoded.decoded);
        crypto::wipe(other);
    }
    return same;
}

// `text` as a sentence: a source such as "the file …" may begin it (a setting's name, which may
// too, keeps its case).
QString sentence(QString text) {
    if (text.startsWith(QLatin1String("the ")))
        text[0] = u'T';
    return text;
}

// Every line of `lines` as a sentence, one per line.
QString sentences(const QStringList& lines) {
    QStringList out;
    for (const QString& line : lines)
        out << sentence(line);
    return out.join(u'\n');
}

// What the server speaks and whom it believes: the TLS files (both or neither) and the trusted
// proxies, read through `lookup` (a setting's value and source); what is wrong goes to `problems`.
struct TransportSettings {
    QString certificateFile;
    QString keyFile;
    TrustedProxies trustedProxies;

    template <typename Lookup>
    static TransportSettings read(const Lookup& lookup, const QString& certificateOption,
                                  const QString& keyOption, QStringList& problems) {
        const auto fileSetting = [&](const QString& option, const QString& flag,
                                     const QString& envName) {
            return option.isEmpty() ? lookup(envName) : Setting{option, flag};
        };
        const Setting certificate =
            fileSetting(certificateOption, QStringLiteral("--tls-cert"), TlsCertificateEnv);
        const Setting key = fileSetting(keyOption, QStringLiteral("--tls-key"), TlsKeyEnv);
        TransportSettings settings;
        if (certificate.isSet() != key.isSet()) {
            const Setting& given = certificate.isSet() ? certificate : key;
            problems << QStringLiteral("%1 is set (%2) but %3 is not: HTTPS needs both the "
                                       "certificate (--tls-cert, PAYCRED_TLS_CERT or tls_cert) "
                                       "and its private key (--tls-key, PAYCRED_TLS_KEY or "
                                       "tls_key); give both, or neither for plain HTTP.")
                            .arg(given.source, QDir::toNativeSeparators(given.value),
                                 certificate.isSet() ? QStringLiteral("the key")
                                                     : QStringLiteral("the certificate"));
        } else if (certificate.isSet()) {
            settings.certificateFile = QFileInfo(certificate.value).absoluteFilePath();
            settings.keyFile = QFileInfo(key.value).absoluteFilePath();
        }

        const Setting proxies = lookup(TrustedProxiesEnv);
        QString bad;
        auto parsed = TrustedProxies::parse(proxies.value, &bad);
        if (!parsed) {
            problems << QStringLiteral("\"%1\" in %2 is not an IP address or CIDR block: list "
                                       "the load balancers whose X-Forwarded-For to believe, "
                                       "comma-separated, e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8.")
                            .arg(bad, proxies.source);
        } else {
            settings.trustedProxies = std::move(*parsed);
        }
        return settings;
    }
};

} // namespace

void ServerConfig::checkAuditKey(const QString& text, const QString& source, bool dev,
                                 QStringList& problems) {
    if (text.isEmpty()) {
        problems << QStringLiteral(
            "PAYCRED_AUDIT_KEY is not set: set it (or audit_key in the --config file) to a key "
            "from `paycred-server genkey --audit` (it seals the audit log; keep it apart from the "
            "database and from the other keys), or start with --dev to use generated development "
            "keys.");
        return;
    }
    QByteArray bytes = text.toUtf8();
    auto keys = service::AuditKeys::fromBase64List(bytes);
    const bool another =
        keys && isAnotherKey(bytes, *keys, m_settings.secretKey, m_settings.keyRing);
    crypto::wipe(bytes);
    if (!keys || keys->isEmpty()) {
        problems << QStringLiteral("%1 is not an audit key: give base64 text of at least %2 "
                                   "random bytes, e.g. from `paycred-server genkey --audit` "
                                   "(several keys: comma-separated, the primary first).")
                        .arg(source)
                        .arg(service::AuditKeys::KeyBytes);
        return;
    }
    if (another) {
        problems << QStringLiteral("%1 is the secret key or an encryption key: the audit key must "
                                   "be a key of its own; make one with `paycred-server genkey "
                                   "--audit`.")
                        .arg(source);
        return;
    }
    if (keys->shortestKeyBytes() < service::AuditKeys::KeyBytes) {
        const QString weak = QStringLiteral("%1 is too weak: an audit key needs at least %2 random "
                                            "bytes; make one with `paycred-server genkey "
                                            "--audit`.")
                                 .arg(source)
                                 .arg(service::AuditKeys::KeyBytes);
        if (!dev) {
            problems << weak;
            return;
        }
        m_warnings << weak;
    }
    m_settings.auditKeys = std::move(*keys);
}

QString ServerConfig::defaultDevDataDir() {
    return QDir::current().absoluteFilePath(QStringLiteral("paycred-dev-data"));
}

QByteArray ServerConfig::generateSecretKey() {
    return randomToken(SecretKeyLength);
}

QByteArray ServerConfig::generateEncryptionKey() {
    return crypto::FernetKey::generate().toBase64();
}

QByteArray ServerConfig::generateAuditKey() {
    return service::AuditKeys::generateBase64();
}

bool ServerConfig::parseListen(const QString& text, QString* host, quint16* port) {
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.\-]+)):([0-9]{1,5})$)"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return false;
    bool ok = false;
    const uint value = match.captured(3).toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    const QString address = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
    if (!match.captured(1).isEmpty() &&
        QHostAddress(address).protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    *host = address;
    *port = static_cast<quint16>(value);
    return true;
}

std::optional<ServerConfig> ServerConfig::load(const Options& options, QString* error,
                                               const QHash<QString, QString>* environment) {
    QString ignored;
    if (!error)
        error = &ignored;

    ServerConfig config;
    config.m_dev = options.dev;

    // --- the sources ---------------------------------------------------------------------------
    const QStringList secretKeys{
        SettingSources::iniKey(SecretKeyEnv), SettingSources::iniKey(EncryptionKeyEnv),
        SettingSources::iniKey(AuditKeyEnv), SettingSources::iniKey(DatabaseEnv)};
    const auto sources = SettingSources::open(
        options.configFile,
        QStringList{
            QStringLiteral("secret_key"), QStringLiteral("encryption_key"),
            QStringLiteral("audit_key"), QStringLiteral("database"), QStringLiteral("listen"),
            QStringLiteral("password_iterations"), QStringLiteral("tls_cert"),
            QStringLiteral("tls_key"), QStringLiteral("trusted_proxies"),
            QStringLiteral("require_recent_password_for_live"), QStringLiteral("worker_threads"),
            QStringLiteral("password_threads"), QStringLiteral("password_queue"),
            QStringLiteral("max_connections"), QStringLiteral("max_connections_per_client")} +
            ProviderCheckConfig::iniKeys(),
        secretKeys, environment, error);
    if (!sources)
        return std::nullopt;
    QStringList problems;
    const auto lookup = [&](const QString& envName) { return sources->find(envName); };
    const auto lookupSecret = [&](const QString& envName) {
        return sources->findSecret(envName, problems, config.m_warnings);
    };

    // --- the data folder -----------------------------------------------------------------------
    if (!options.dataDir.isEmpty())
        config.m_dataDir = QFileInfo(options.dataDir).absoluteFilePath();
    else if (options.dev)
        config.m_dataDir = defaultDevDataDir();
    if (!config.m_dataDir.isEmpty() && !makePrivateDir(config.m_dataDir, error))
        return std::nullopt;

    // --- the keys ------------------------------------------------------------------------------
    Setting secretKey = lookupSecret(SecretKeyEnv);
    Setting encryptionKey = lookupSecret(EncryptionKeyEnv);
    Setting auditKey = lookupSecret(AuditKeyEnv);
    const auto wipeKeys = [&] {
        crypto::wipe(secretKey.value);
        crypto::wipe(encryptionKey.value);
        crypto::wipe(auditKey.value);
    };
    if (!problems.isEmpty()) {
        // A key given but unreadable must not be replaced silently by a development key or reported
        // as missing.
        *error = sentences(problems);
        wipeKeys();
        return std::nullopt;
    }

    if (options.dev && (!secretKey.isSet() || !encryptionKey.isSet() || !auditKey.isSet())) {
        const QString keysPath = QDir(config.m_dataDir).filePath(DevKeysFile);
        const QString nativeKeysPath = QDir::toNativeSeparators(keysPath);
        if (!QFileInfo::exists(keysPath)) {
            if (!writeDevKeys(keysPath, error)) {
                wipeKeys();
                return std::nullopt;
            }
            config.m_warnings << QStringLiteral("Generated development keys in %1: never use "
                                                "them in production.")
                                     .arg(nativeKeysPath);
        } else {
            config.m_warnings << QStringLiteral("Using the development keys in %1: never use "
                                                "them in production.")
                                     .arg(nativeKeysPath);
        }
        const QStringList devKeyNames{QStringLiteral("secret_key"),
                                      QStringLiteral("encryption_key"),
                                      QStringLiteral("audit_key")};
        QString readError;
        auto devKeys = IniFile::read(keysPath, devKeyNames, &readError);
        const QString damaged =
            QStringLiteral("The development keys in %1 are damaged (%2). Delete the file to "
                           "generate new ones; data encrypted with the old keys will be lost.")
                .arg(nativeKeysPath);
        if (devKeys && !auditKey.isSet() && devKeys->value(QStringLiteral("audit_key")).isEmpty()) {
            // Development keys from before the audit chain: add an audit key to them.
            if (!appendDevAuditKey(keysPath, error)) {
                wipeKeys();
                return std::nullopt;
            }
            config.m_warnings
                << QStringLiteral("Added a development audit key to %1.").arg(nativeKeysPath);
            devKeys = IniFile::read(keysPath, devKeyNames, &readError);
        }
        if (!devKeys) {
            *error = damaged.arg(readError);
            wipeKeys();
            return std::nullopt;
        }
        const QString source = QStringLiteral("the development keys in %1").arg(nativeKeysPath);
        if (!secretKey.isSet())
            secretKey = {devKeys->value(QStringLiteral("secret_key")), source};
        if (!encryptionKey.isSet())
            encryptionKey = {devKeys->value(QStringLiteral("encryption_key")), source};
        if (!auditKey.isSet())
            auditKey = {devKeys->value(QStringLiteral("audit_key")), source};
        if (!secretKey.isSet() || !encryptionKey.isSet() || !auditKey.isSet()) {
            *error = damaged.arg(QStringLiteral("a key is missing"));
            wipeKeys();
            return std::nullopt;
        }
    }

    if (!secretKey.isSet()) {
        problems << QStringLiteral("PAYCRED_SECRET_KEY is not set: set it (or secret_key in the "
                                   "--config file) to a "
                                   "random string of at least %1 characters, e.g. from "
                                   "`paycred-server genkey --secret`, "
                                   "or start with --dev to use generated development keys.")
                        .arg(MinSecretKeyLength);
    } else if (secretKey.value.size() < MinSecretKeyLength) {
        const QString tooShort =
            QStringLiteral("%1 is too short: a secret key needs at least %2 characters; make one "
                           "with `paycred-server genkey --secret`.")
                .arg(secretKey.source)
                .arg(MinSecretKeyLength);
        if (options.dev)
            config.m_warnings << tooShort;
        else
            problems << tooShort;
    }

    if (!encryptionKey.isSet()) {
        problems << QStringLiteral(
            "PAYCRED_ENCRYPTION_KEY is not set: set it (or encryption_key in the --config file) to "
            "a Fernet key (32 url-safe base64-encoded bytes), e.g. from `paycred-server genkey`, "
            "or start with --dev to use generated development keys.");
    } else {
        QByteArray text = encryptionKey.value.toUtf8();
        auto keyRing = crypto::KeyRing::fromBase64List(text);
        crypto::wipe(text);
        if (!keyRing || keyRing->isEmpty()) {
            problems << QStringLiteral(
                            "%1 is not a Fernet key: give 32 url-safe base64-encoded bytes, e.g. "
                            "from `paycred-server genkey` (several keys: comma-separated, the "
                            "primary first).")
                            .arg(encryptionKey.source);
        } else {
            config.m_settings.keyRing = std::move(*keyRing);
        }
    }
    if (secretKey.isSet())
        config.m_settings.secretKey = crypto::Secret::fromUtf8(secretKey.value);
    config.checkAuditKey(auditKey.value, auditKey.source, options.dev, problems);
    wipeKeys();

    // --- TLS and proxies -----------------------------------------------------------------------
    TransportSettings transport =
        TransportSettings::read(lookup, options.tlsCertificateFile, options.tlsKeyFile, problems);
    config.m_tlsCertificateFile = transport.certificateFile;
    config.m_tlsKeyFile = transport.keyFile;
    config.m_trustedProxies = std::move(transport.trustedProxies);

    // --- listening address ---------------------------------------------------------------------
    Setting listen = options.listen.isEmpty() ? lookup(ListenEnv)
                                              : Setting{options.listen, QStringLiteral("--listen")};
    if (!listen.isSet())
        listen = {QStringLiteral("127.0.0.1:%1").arg(DevPort), QStringLiteral("the default")};
    if (!parseListen(listen.value, &config.m_host, &config.m_port)) {
        problems << QStringLiteral("The listen address \"%1\" (from %2) is not HOST:PORT: give "
                                   "e.g. 127.0.0.1:8000 or [::1]:8000 (port 0 picks a free one).")
                        .arg(listen.value, listen.source);
    } else if (!config.tlsEnabled() && !LoopbackHost::matches(config.m_host)) {
        // Plain HTTP beyond this machine: tokens, passwords and private keys in clear.
        config.m_warnings << QStringLiteral(
                                 "WARNING: listening on %1 (from %2) over plain HTTP: every "
                                 "password, token and private key crosses the network in clear. "
                                 "Listen on 127.0.0.1 behind a reverse proxy that terminates TLS, "
                                 "or give --tls-cert and --tls-key.")
                                 .arg(config.m_host, listen.source);
    }

    // --- database ------------------------------------------------------------------------------
    const Setting database = lookupSecret(DatabaseEnv);
    if (database.isSet()) {
        QString reason;
        if (auto parsed = storage::DatabaseUrl::parse(database.value, QDir::currentPath(), &reason))
            config.m_database = std::move(*parsed);
        else
            problems << QStringLiteral("%1: %2").arg(database.source, reason);
    } else if (!config.m_dataDir.isEmpty()) {
        config.m_database.name = QDir(config.m_dataDir).filePath(DevDatabaseFile);
    } else {
        problems << QStringLiteral(
            "PAYCRED_DATABASE is not set: set it (or database in the --config file) to the SQLite "
            "file that keeps the data, e.g. /var/lib/paycred/paycred.sqlite3, or to a PostgreSQL "
            "URL such as "
            "postgresql://paycred:PASSWORD@db.example:5432/paycred?sslmode=verify-full, "
            "or give a data folder with --data-dir DIR.");
    }

    // --- the live-key step-up (off unless set) -------------------------------------------------
    if (const auto minutes =
            wholeNumber(lookup(RecentPasswordEnv), 0, MaxRecentPasswordMinutes,
                        QStringLiteral("a whole number of minutes from 0 (off) to %1")
                            .arg(MaxRecentPasswordMinutes),
                        problems))
        config.m_settings.requireRecentPasswordForLiveMins = *minutes;

    // --- checks with the providers ------------------------------------------------------------
    ProviderCheckConfig::read(lookup, config.m_settings.providerChecks, problems);

    // --- capacity ------------------------------------------------------------------------------
    Capacity& capacity = config.m_capacity;
    capacity.workerThreads = wholeNumber(
        lookup(WorkerThreadsEnv), 1, MaxWorkerThreads,
        QStringLiteral("a whole number of threads from 1 to %1").arg(MaxWorkerThreads), problems);
    capacity.passwordThreads = wholeNumber(
        lookup(PasswordThreadsEnv), 1, MaxPasswordThreads,
        QStringLiteral("a whole number of threads from 1 to %1").arg(MaxPasswordThreads), problems);
    capacity.passwordQueue = wholeNumber(
        lookup(PasswordQueueEnv), 0, MaxPasswordQueue,
        QStringLiteral("a whole number of waiting requests from 0 to %1").arg(MaxPasswordQueue),
        problems);
    const QString connections =
        QStringLiteral("a whole number of connections from 0 (no cap) to %1")
            .arg(MaxConnectionsCap);
    capacity.maxConnections =
        wholeNumber(lookup(MaxConnectionsEnv), 0, MaxConnectionsCap, connections, problems);
    capacity.maxConnectionsPerClient = wholeNumber(lookup(MaxConnectionsPerClientEnv), 0,
                                                   MaxConnectionsCap, connections, problems);

    // --- testing knob --------------------------------------------------------------------------
    if (const auto count = wholeNumber(
            lookup(IterationsEnv), MinPasswordIterations, std::numeric_limits<int>::max(),
            QStringLiteral("a whole number of at least %1 (it is a testing knob: leave it unset in "
                           "production)")
                .arg(MinPasswordIterations),
            problems))
        config.m_settings.passwordIterations = *count;

    if (!problems.isEmpty()) {
        *error = sentences(problems);
        return std::nullopt;
    }
    for (QString& warning : config.m_warnings)
        warning = sentence(warning);
    return config;
}

} // namespace paycred::server
