#pragma once

#include "core/storage/database.h"
#include "core/storage/records.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <functional>

// Small helpers shared by the storage suites.
namespace paycred::storagetest {

inline QDateTime utc(qint64 msecs) {
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

// 2024-01-15T10:30:00.123Z
constexpr qint64 kJan15 = 1705314600123;

inline storage::DatabaseConfig sqliteConfig(const QString& path, int busyTimeoutMs = 5000) {
    storage::DatabaseConfig config;
    config.driver = QStringLiteral("QSQLITE");
    config.name = path;
    config.busyTimeoutMs = busyTimeoutMs;
    return config;
}

inline storage::UserRecord makeUser(const QString& username, qint64 joinedMs = kJan15) {
    storage::UserRecord user;
    user.username = username;
    user.passwordHash = QStringLiteral("pbkdf2_sha256$1000$salt$aGFzaA==");
    user.dateJoined = utc(joinedMs);
    return user;
}

inline storage::CredentialRecord
makeCredential(qint64 userId, const QString& provider,
               const QString& environment = QStringLiteral("sandbox")) {
    storage::CredentialRecord credential;
    credential.userId = userId;
    credential.provider = provider;
    credential.encryptedApiKey = "gAAAAABapi-" + provider.toLatin1();
    credential.encryptedPrivateKey = "gAAAAABprivate-" + provider.toLatin1();
    credential.privateKeyDigest = QByteArray(64, 'a');
    credential.environment = environment;
    credential.createdAt = utc(kJan15);
    credential.updatedAt = utc(kJan15);
    return credential;
}

// Runs `work` on a separate, plain connection to the SQLite file `path` (not a Database), for
// preparing a file before PayCred opens it or inspecting it from outside. Returns false when
// the connection could not be opened.
inline bool withRawConnection(const QString& path, const std::function<void(QSqlDatabase&)>& work) {
    static int counter = 0;
    const QString name = QStringLiteral("storagetest-raw-%1").arg(++counter);
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        opened = db.open();
        if (opened)
            work(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return opened;
}

// Executes `sql` (no bound values) on `db`; returns false (and the reason) when it fails.
inline bool execSql(QSqlDatabase& db, const QString& sql, QString* error = nullptr) {
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

// The first column of every row `sql` returns, as strings.
inline QStringList column(const QSqlDatabase& db, const QString& sql) {
    QStringList values;
    QSqlQuery query(db);
    if (!query.exec(sql))
        return {QStringLiteral("<error: %1>").arg(query.lastError().text())};
    while (query.next())
        values.append(query.value(0).toString());
    return values;
}

} // namespace paycred::storagetest
