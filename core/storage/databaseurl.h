#pragma once

#include "core/storage/databaseconfig.h"

#include <QString>

#include <optional>

namespace paycred::storage {

// DatabaseUrl: what a `database` setting names — `postgresql://USER:PASSWORD@HOST:PORT/NAME`
// (or `postgres://`, with libpq's connection parameters such as `?sslmode=verify-full` in the
// query) for PostgreSQL, anything else a SQLite file path.
class DatabaseUrl {
public:
    // The libpq parameters a URL's query may carry; anything else is refused, so a typo never
    // silently weakens the connection (a misspelt `sslmode` would mean `prefer`).
    static const QStringList& knownParameters();

    // The configuration `text` names; a relative SQLite path is taken from `baseDir`. On
    // failure returns nothing and sets `error` to a sentence saying what is wrong — never the
    // password.
    static std::optional<DatabaseConfig> parse(const QString& text, const QString& baseDir,
                                               QString* error);
    // True when `text` is meant as a PostgreSQL URL (its scheme), valid or not.
    static bool isPostgres(const QString& text);
    // The libpq parameters of a PostgreSQL configuration as Qt's driver takes them
    // (QSqlDatabase::setConnectOptions): its own, plus a connect timeout and an application name
    // unless it sets them.
    static QString connectOptions(const DatabaseConfig& config);
};

} // namespace paycred::storage
