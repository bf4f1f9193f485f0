#include "app/server/djangodeployment.h"

#include "core/storage/databaseurl.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>
#include <QVariant>

#include <atomic>

namespace paycred::server {

namespace {

// The seed's app is `payments` and its model PaymentCredentials; a deployment that renamed the
// app still ends its table so.
const QString SeedCredentialTable = QStringLiteral("payments_paymentcredentials");
const QString CredentialTableSuffix = QStringLiteral("_paymentcredentials");

QString nextConnectionName() {
    static std::atomic<int> counter{0};
    return QStringLiteral("paycred-django-%1").arg(++counter);
}

// Django's times: a QDateTime from PostgreSQL (timestamptz), text from SQLite
// ("2024-01-15 10:30:00.123456", UTC with USE_TZ, sometimes with an offset).
std::optional<QDateTime> djangoTime(const QVariant& value) {
    if (value.isNull())
        return std::nullopt;
    if (value.typeId() == QMetaType::QDateTime) {
        const QDateTime time = value.toDateTime();
        return time.isValid() ? std::optional(time.toUTC()) : std::nullopt;
    }
    static const QRegularExpression pattern(
        QStringLiteral(R"(^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?)"
                       R"((Z|[+-]\d{2}:?\d{2})?$)"));
    const auto match = pattern.match(value.toString().trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(match.captured(1), Qt::ISODate);
    QTime time = QTime::fromString(match.captured(2), Qt::ISODate);
    const QString fraction = match.captured(3);
    if (!fraction.isEmpty())
        time = time.addMSecs(fraction.left(3).leftJustified(3, u'0').toInt());
    int offsetSecs = 0;
    if (const QString zone = match.captured(4); !zone.isEmpty() && zone != u'Z') {
        const QString digits = QString(zone).remove(u':');
        offsetSecs = (digits.mid(1, 2).toInt() * 3600 + digits.mid(3, 2).toInt() * 60) *
                     (zone.front() == u'-' ? -1 : 1);
    }
    const QDateTime at(date, time, QTimeZone(offsetSecs));
    return at.isValid() ? std::optional(at.toUTC()) : std::nullopt;
}

QString queryProblem(const QString& table, const QSqlQuery& query) {
    return QStringLiteral("The table %1 cannot be read as the seed's Django app writes it (%2). "
                          "Check that --from is the database of that app and that its "
                          "migrations are applied.")
        .arg(table, query.lastError().text());
}

} // namespace

DjangoDeployment::DjangoDeployment(storage::DatabaseConfig config)
    : m_config(std::move(config))
    , m_connectionName(nextConnectionName()) {}

DjangoDeployment::~DjangoDeployment() {
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString DjangoDeployment::description() const {
    if (m_config.driver == QLatin1String("QSQLITE"))
        return m_config.name;
    return QStringLiteral("%1@%2:%3/%4")
        .arg(m_config.user, m_config.host)
        .arg(m_config.port)
        .arg(m_config.name);
}

bool DjangoDeployment::open(QString* error) {
    const bool sqlite = m_config.driver == QLatin1String("QSQLITE");
    if (sqlite && !QFileInfo(m_config.name).isFile()) {
        *error = QStringLiteral("There is no Django database at %1: give --from the path of its "
                                "SQLite file (settings.DATABASES' NAME) or a postgresql:// URL.")
                     .arg(m_config.name);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(m_config.driver, m_connectionName);
    db.setDatabaseName(m_config.name);
    if (sqlite) {
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    } else {
        db.setHostName(m_config.host);
        if (m_config.port > 0)
            db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setConnectOptions(storage::DatabaseUrl::connectOptions(m_config));
    }
    if (!db.open()) {
        *error = QStringLiteral("Cannot open the Django database %1: %2")
                     .arg(description(), db.lastError().text());
        return false;
    }
    if (!sqlite) {
        // Nothing of this session may change the Django deployment.
        QSqlQuery readOnly(db);
        if (!readOnly.exec(
                QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"))) {
            *error = QStringLiteral("Cannot make the session on the Django database %1 "
                                    "read-only: %2")
                         .arg(description(), readOnly.lastError().text());
            return false;
        }
    }
    const QStringList tables = db.tables();
    if (!tables.contains(QStringLiteral("auth_user"))) {
        *error = QStringLiteral("The database %1 has no auth_user table: it is not a Django "
                                "database, or its migrations were never run.")
                     .arg(description());
        return false;
    }
    if (tables.contains(SeedCredentialTable)) {
        m_credentialTable = SeedCredentialTable;
        return true;
    }
    QStringList candidates;
    for (const QString& table : tables) {
        if (table.endsWith(CredentialTableSuffix))
            candidates.append(table);
    }
    if (candidates.size() != 1) {
        *error =
            QStringLiteral("The database %1 has %2 payment credentials table "
                           "(%3, or one ending in %4): it is not a deployment of the seed's "
                           "Django app.")
                .arg(description(),
                     candidates.isEmpty() ? QStringLiteral("no") : QStringLiteral("more than one"),
                     SeedCredentialTable, CredentialTableSuffix);
        return false;
    }
    m_credentialTable = candidates.front();
    return true;
}

std::optional<QList<DjangoDeployment::User>> DjangoDeployment::users(QString* error) const {
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, username, password, is_superuser, is_active, "
                                   "date_joined, last_login FROM auth_user ORDER BY id"))) {
        *error = queryProblem(QStringLiteral("auth_user"), query);
        return std::nullopt;
    }
    QList<User> users;
    while (query.next()) {
        User user;
        user.id = query.value(0).toLongLong();
        user.username = query.value(1).toString();
        user.passwordHash = query.value(2).toString();
        user.isSuperuser = query.value(3).toBool();
        user.isActive = query.value(4).toBool();
        user.dateJoined = djangoTime(query.value(5)).value_or(QDateTime());
        user.lastLogin = djangoTime(query.value(6));
        users.append(std::move(user));
    }
    return users;
}

std::optional<QList<DjangoDeployment::Credential>>
DjangoDeployment::credentials(QString* error) const {
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, user_id, provider, api_key, encrypted_private_key, "
                                   "environment, is_active, created_at, updated_at FROM %1 "
                                   "ORDER BY user_id, id")
                        .arg(m_credentialTable))) {
        *error = queryProblem(m_credentialTable, query);
        return std::nullopt;
    }
    QList<Credential> credentials;
    while (query.next()) {
        Credential credential;
        credential.id = query.value(0).toLongLong();
        credential.userId = query.value(1).toLongLong();
        credential.provider = query.value(2).toString();
        credential.apiKey = query.value(3).toString();
        credential.encryptedPrivateKey = query.value(4).toByteArray();
        credential.environment = query.value(5).toString();
        credential.isActive = query.value(6).toBool();
        credential.createdAt = djangoTime(query.value(7)).value_or(QDateTime());
        credential.updatedAt = djangoTime(query.value(8)).value_or(credential.createdAt);
        credentials.append(std::move(credential));
    }
    return credentials;
}

} // namespace paycred::server
