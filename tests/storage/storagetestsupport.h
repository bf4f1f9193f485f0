#pragma once

#include "core/storage/database.h"
#include "core/storage/records.h"
#include "tests/support/postgrescluster.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <functional>
#include <latch>
#include <thread>
#include <vector>

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

// A fresh database for a suite: the SQLite file `path`, or in the suite's PostgreSQL run
// (PostgresCluster::selected()) a new database on the test server.
inline storage::DatabaseConfig testConfig(const QString& path) {
    if (!test::PostgresCluster::selected())
        return sqliteConfig(path);
    return test::PostgresCluster::shared().migratedDatabase();
}

// Drops what testConfig() made on PostgreSQL (the SQLite files go with their folder).
inline void dropTestDatabase(const storage::DatabaseConfig& config) {
    if (config.driver == QLatin1String("QPSQL") && !config.name.isEmpty())
        test::PostgresCluster::shared().dropDatabase(config.name);
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

// Runs `work` on a separate, plain connection to the database (not a Database), for preparing
// it before PayCred opens it or inspecting it from outside. Returns false when the connection
// could not be opened.
inline bool withRawConnection(const storage::DatabaseConfig& config,
                              const std::function<void(QSqlDatabase&)>& work) {
    static int counter = 0;
    const QString name = QStringLiteral("storagetest-raw-%1").arg(++counter);
    bool opened = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(config.driver, name);
        db.setDatabaseName(config.name);
        db.setHostName(config.host);
        if (config.port > 0)
            db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(config.password);
        opened = db.open();
        if (opened)
            work(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return opened;
}

// The same on the SQLite file `path`.
inline bool withRawConnection(const QString& path, const std::function<void(QSqlDatabase&)>& work) {
    return withRawConnection(sqliteConfig(path), work);
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

// Runs body(0) … body(count - 1) on threads of their own, all released at once.
inline void runTogether(int count, const std::function<void(int)>& body) {
    std::latch start(count);
    std::vector<std::thread> threads;
    threads.reserve(count);
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            body(i);
        });
    }
    for (auto& thread : threads)
        thread.join();
}

} // namespace paycred::storagetest
