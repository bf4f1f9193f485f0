#pragma once

#include "core/storage/databaseconfig.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace paycred::storage {

// Database: one QtSql connection per thread (QtSql connections belong to the thread that made
// them), configured on open (SQLite: WAL, foreign keys, busy timeout) and migrated once.
class Database {
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens this thread's connection and applies pending migrations. On failure returns false
    // and sets `error` to a sentence naming the file/host and the driver's reason.
    bool open(QString* error = nullptr);
    // This thread's connection, opened and configured on first use (a failed open is retried
    // on the next use). A thread's connection is closed when the thread exits, and every
    // connection this instance made when it is destroyed: by then, no QSqlQuery or copy of the
    // QSqlDatabase may still be alive.
    QSqlDatabase connection() const;
    const DatabaseConfig& config() const { return m_config; }
    bool isSqlite() const;
    int schemaVersion() const; // -1 when the database cannot be read
    // A trivial query: true when the database answers.
    bool ping() const;

    // Runs `work` in one transaction on this thread's connection: commits when it returns true,
    // rolls back when it returns false or throws. Returns whether it committed.
    //
    // SQLite transactions begin with BEGIN IMMEDIATE (the write lock is taken up front and
    // waited for within the busy timeout), so a transaction that reads and then writes never
    // fails with SQLITE_BUSY when another connection wrote in between.
    // An exception thrown by `work` is caught (and logged), the transaction is rolled back and
    // false is returned; it is not rethrown.
    // Nested calls on the same thread join the outermost transaction: an inner call returns
    // what `work` returned (true means "will commit with the outer one"); an inner failure or
    // exception makes the outermost call roll back and return false.
    bool transaction(const std::function<bool()>& work) const;
    // Whether this thread is inside a transaction() of this instance.
    bool inTransaction() const;

    // Shared with the per-thread clean-up that closes a thread's connection when it exits.
    struct Registry;

private:
    QString connectionName() const;
    // This thread's connection; on failure it is closed and `error` says why.
    QSqlDatabase ensureConnection(QString* error) const;
    // The same, found (or made) through QtSql's list of connections.
    QSqlDatabase lookUpConnection(QString* error) const;
    bool configure(QSqlDatabase& db, QString* error) const;
    QString describe() const;

    DatabaseConfig m_config;
    QString m_prefix;
    quint64 m_id = 0;
    std::shared_ptr<Registry> m_registry; // connection names this instance created
};

} // namespace paycred::storage
