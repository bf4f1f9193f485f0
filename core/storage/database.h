#pragma once

#include "core/storage/databaseconfig.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

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
    // This thread's connection, opened and configured on first use.
    QSqlDatabase connection() const;
    const DatabaseConfig& config() const { return m_config; }
    bool isSqlite() const;
    int schemaVersion() const;
    // A trivial query: true when the database answers.
    bool ping() const;

    // Runs `work` in one transaction on this thread's connection: commits when it returns true,
    // rolls back when it returns false or throws. Returns whether it committed.
    bool transaction(const std::function<bool()>& work) const;

private:
    QString connectionName() const;

    DatabaseConfig m_config;
    QString m_prefix;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

} // namespace paycred::storage
