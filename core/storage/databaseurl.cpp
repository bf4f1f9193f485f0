#include "core/storage/databaseurl.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace paycred::storage {

namespace {

const QStringList kSslModes = {
    QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
    QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full"),
};

bool fail(QString* error, const QString& reason) {
    if (error)
        *error = reason;
    return false;
}

// A parameter's value as libpq takes it; false (with the reason) when it cannot be one.
bool checkParameter(const QString& key, const QString& value, QString* error) {
    // Qt's PostgreSQL driver splits its connect options at ';'.
    if (value.contains(u';') || value.isEmpty())
        return fail(error, QStringLiteral("The database URL's parameter \"%1\" needs a value "
                                          "without \";\".")
                               .arg(key));
    if (key == QLatin1String("sslmode") && !kSslModes.contains(value))
        return fail(error, QStringLiteral("The database URL's sslmode \"%1\" is not one of %2.")
                               .arg(value, kSslModes.join(QStringLiteral(", "))));
    if (key == QLatin1String("connect_timeout")) {
        bool number = false;
        if (value.toInt(&number) <= 0 || !number)
            return fail(error, QStringLiteral("The database URL's connect_timeout must be a "
                                              "number of seconds, not \"%1\".")
                                   .arg(value));
    }
    return true;
}

std::optional<DatabaseConfig> parsePostgres(const QString& text, QString* error) {
    const QUrl url(text, QUrl::StrictMode);
    const QString usage = QStringLiteral(
        " Write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=verify-full "
        "(percent-encode characters such as @ : / in the password).");
    // Never quote the URL back: it may hold the password.
    if (!url.isValid() || url.scheme().isEmpty()) {
        fail(error, QStringLiteral("The database URL is not a valid URL.") + usage);
        return std::nullopt;
    }
    DatabaseConfig config;
    config.driver = QStringLiteral("QPSQL");
    config.host = url.host(QUrl::FullyDecoded);
    config.port = url.port(0);
    config.user = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    config.name = url.path(QUrl::FullyDecoded).mid(1);
    if (config.name.isEmpty() || config.name.contains(u'/')) {
        fail(error, QStringLiteral("The database URL names no database (the part after the "
                                   "host's \"/\").") +
                        usage);
        return std::nullopt;
    }
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!DatabaseUrl::knownParameters().contains(key)) {
            fail(error, QStringLiteral("The database URL's parameter \"%1\" is not one PayCred "
                                       "passes to PostgreSQL; use %2.")
                            .arg(key, DatabaseUrl::knownParameters().join(QStringLiteral(", "))));
            return std::nullopt;
        }
        if (!checkParameter(key, value, error))
            return std::nullopt;
        if (key == QLatin1String("host") && config.host.isEmpty())
            config.host = value; // a Unix socket folder: postgresql:///db?host=/run/postgresql
        else
            config.parameters.append({key, value});
    }
    return config;
}

// A libpq value in single quotes (Qt's driver passes its connect options to libpq as they
// are, after turning ';' into ' ').
QString conninfoValue(QString value) {
    value.replace(u'\\', QLatin1String("\\\\"));
    value.replace(u'\'', QLatin1String("\\'"));
    return u'\'' + value + u'\'';
}

} // namespace

QString DatabaseUrl::connectOptions(const DatabaseConfig& config) {
    QStringList options;
    const auto has = [&config](QLatin1String key) {
        return std::any_of(config.parameters.begin(), config.parameters.end(),
                           [key](const auto& parameter) { return parameter.first == key; });
    };
    if (!has(QLatin1String("connect_timeout"))) {
        const int seconds = std::max(1, (config.busyTimeoutMs + 999) / 1000);
        options.append(QStringLiteral("connect_timeout=%1").arg(seconds));
    }
    if (!has(QLatin1String("application_name")))
        options.append(QStringLiteral("application_name=paycred"));
    for (const auto& [key, value] : config.parameters)
        options.append(key + u'=' + conninfoValue(value));
    return options.join(u';');
}

const QStringList& DatabaseUrl::knownParameters() {
    static const QStringList known = {
        QStringLiteral("sslmode"),
        QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),
        QStringLiteral("connect_timeout"),
        QStringLiteral("application_name"),
        QStringLiteral("target_session_attrs"),
        QStringLiteral("host"),
        QStringLiteral("keepalives_idle"),
        QStringLiteral("tcp_user_timeout"),
    };
    return known;
}

bool DatabaseUrl::isPostgres(const QString& text) {
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
           text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

std::optional<DatabaseConfig> DatabaseUrl::parse(const QString& text, const QString& baseDir,
                                                 QString* error) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, QStringLiteral("The database setting is empty: give a SQLite file or a "
                                   "postgresql:// URL."));
        return std::nullopt;
    }
    if (isPostgres(trimmed))
        return parsePostgres(trimmed, error);
    if (const qsizetype scheme = trimmed.indexOf(QLatin1String("://")); scheme > 0) {
        fail(error, QStringLiteral("The database URL's scheme \"%1\" is not supported: use a "
                                   "postgresql:// URL or a SQLite file path.")
                        .arg(trimmed.left(scheme)));
        return std::nullopt;
    }
    DatabaseConfig config;
    config.name = QFileInfo(QDir(baseDir), trimmed).absoluteFilePath();
    return config;
}

} // namespace paycred::storage
