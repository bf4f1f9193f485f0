#pragma once

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"
#include "core/api/router.h"
#include "core/foundation/manualclock.h"
#include "core/service/services.h"
#include "core/storage/database.h"
#include "core/storage/databaseconfig.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

namespace paycred::test {

// TestBackend: the whole core on a fresh database — a SQLite file in a temporary folder, or in
// a suite's PostgreSQL run (PostgresCluster::selected()) a new database on the test server —
// with a manual clock and cheap password hashing, reached through the same Router the server
// uses.
class TestBackend {
public:
    explicit TestBackend(int passwordIterations = 1000);
    // The same on another database (a PostgreSQL one, say); `config.name` must be set.
    explicit TestBackend(const storage::DatabaseConfig& config, int passwordIterations = 1000);
    // The usual database, with these provider check settings (a test points the providers'
    // base URLs at a ProviderStandIn and trusts its certificate).
    explicit TestBackend(const service::ProviderCheckSettings& providerChecks,
                         int passwordIterations = 1000);
    ~TestBackend();

    api::ApiResponse call(const QByteArray& method, const QByteArray& path,
                          const QJsonObject& body = {}, const QByteArray& token = {}) const;
    api::ApiResponse callRaw(const QByteArray& method, const QByteArray& path,
                             const QByteArray& body, const QByteArray& contentType,
                             const QByteArray& authorization = {}) const;
    api::ApiResponse handle(const api::ApiRequest& request) const {
        return m_router->handle(request);
    }

    // Creates a user (fails the test when it cannot) and returns its id.
    qint64 createUser(const QString& username, const QString& password, bool superuser = false);
    // Logs in and returns the access token (empty when the login failed).
    QByteArray login(const QString& username, const QString& password) const;

    ManualClock& clock() { return m_clock; }
    const service::Services& services() const { return *m_services; }
    const storage::Database& database() const { return *m_db; }
    // The SQLite file (in a PostgreSQL run: where it would be, unused).
    QString databasePath() const;
    bool onPostgres() const { return !m_postgresDatabase.isEmpty(); }

private:
    // A SQLite file in m_dir, or in a PostgreSQL run a new database on the test server.
    storage::DatabaseConfig defaultConfig();
    void start(const storage::DatabaseConfig& config, int passwordIterations,
               const service::ProviderCheckSettings& providerChecks = {});

    QTemporaryDir m_dir;
    ManualClock m_clock{QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC)};
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<service::Services> m_services;
    std::unique_ptr<api::Router> m_router;
    QString m_postgresDatabase; // dropped at the end
};

} // namespace paycred::test
