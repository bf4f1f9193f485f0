#pragma once

#include "core/storage/databaseconfig.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace paycred::test {

// PostgresCluster: a real PostgreSQL server of its own for a test — initdb into a temporary
// folder, started on a free loopback port, stopped and removed by the destructor. As root it
// runs PostgreSQL as the `postgres` user (initdb refuses root), as TOOLCHAIN.md describes.
// Each database() is a new, empty database owned by the role the core logs in as.
class PostgresCluster {
public:
    PostgresCluster();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // Starts the server; false, with the reason in errorString(), when it cannot.
    bool start();
    QString errorString() const { return m_error; }

    // A new empty database; its config for storage::Database. An empty name when it could not
    // be made (the reason in errorString()).
    storage::DatabaseConfig database();

private:
    // Runs a PostgreSQL program (as `postgres` when we are root); false with its output kept.
    bool run(const QString& program, const QStringList& arguments);
    bool psql(const QString& sql);

    QTemporaryDir m_dir;
    QString m_bin;
    QString m_data;
    int m_port = 0;
    int m_databases = 0;
    bool m_started = false;
    QString m_error;
};

} // namespace paycred::test
