#pragma once

#include "core/storage/databaseconfig.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace paycred::test {

// PostgresCluster: a real PostgreSQL server for the tests — initdb into a folder, started on a
// free loopback port. Under CTest one server serves the whole run: the `postgres` fixture starts
// it (tests/support/postgresfixture.cpp) and every suite that needs it attaches through
// PAYCRED_TEST_POSTGRES (the fixture's folder); a suite run by hand starts one of its own in a
// temporary folder and stops it at the end. As root PostgreSQL runs as the `postgres` user
// (initdb refuses root), as TOOLCHAIN.md describes. Each database() is a new, empty database
// owned by the role the core logs in as, named so that suites running at once never share one.
class PostgresCluster {
public:
    // A server in a temporary folder of its own, or the fixture's when PAYCRED_TEST_POSTGRES is
    // set.
    PostgresCluster();
    // A server in `folder` (the fixture's); `keep`: it outlives this object.
    PostgresCluster(const QString& folder, bool keep);
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // Starts the server (or attaches to the running fixture); false, with the reason in
    // errorString(), when it cannot.
    bool start();
    // Stops the server in the folder and removes the folder (the fixture's cleanup).
    bool stop();
    QString errorString() const { return m_error; }

    // A new empty database; its config for storage::Database. An empty name when it could not
    // be made (the reason in errorString()).
    storage::DatabaseConfig database();
    // A new database with PayCred's schema already applied (a copy of one migrated once per
    // process): what the suites use, since migrating each one would cost more than its test.
    storage::DatabaseConfig migratedDatabase();
    // Drops a database database() made (every connection to it is ended first).
    bool dropDatabase(const QString& name);
    // Takes back a database of migratedDatabase() that its user emptied (every table but the
    // schema's bookkeeping, back to its state after migrating): the next migratedDatabase()
    // hands it out again, which costs a fraction of making one.
    void recycle(const QString& name) { m_recycled.append(name); }
    // Stops the server (fast shutdown), keeping its data and port, so a suite can take the
    // database away under a running paycred-server; never on the fixture's shared server.
    bool pause();
    // Starts a paused server again, on the same port.
    bool resume();
    // Runs `sql` with psql as the `postgres` superuser on `database` (what an extension such
    // as amcheck needs); psql's unaligned, tuples-only output, or nothing on failure (the
    // reason in errorString()).
    std::optional<QString> superuserQuery(const QString& database, const QString& sql);

    // The fixture's server for suites run on PostgreSQL (PAYCRED_TEST_DATABASE=postgresql, set
    // by CTest for the `_postgres` runs of a suite), started on first use; the test fails
    // when it cannot start.
    static PostgresCluster& shared();
    // True when this run of a suite is its PostgreSQL run.
    static bool selected();
    // `config` as PAYCRED_DATABASE takes it: postgresql://USER:PASSWORD@HOST:PORT/NAME.
    static QString urlOf(const storage::DatabaseConfig& config);

private:
    // Runs a PostgreSQL program (as `postgres` when we are root); false with its output kept.
    // Its output goes to `output` when given.
    bool run(const QString& program, const QStringList& arguments, QString* output = nullptr);
    // pg_ctl start on m_port.
    bool startOnPort();
    bool psql(const QString& sql);
    bool attach();
    // Runs `sql` on the `postgres` database as the suites' role; false with the reason kept.
    bool admin(const QString& sql);
    QString newName();
    storage::DatabaseConfig configFor(const QString& name) const;
    QString portFile() const;

    std::unique_ptr<QTemporaryDir> m_temporary;
    QString m_folder;
    QString m_bin;
    QString m_data;
    int m_port = 0;
    int m_databases = 0;
    QString m_template;      // migratedDatabase()'s original
    QStringList m_recycled;  // emptied, ready to be handed out again
    bool m_attached = false; // the fixture's server: never stopped here
    bool m_keep = false;
    bool m_started = false;
    QString m_error;
};

} // namespace paycred::test
