#pragma once

#include <QString>

namespace paycred::storage {

// DatabaseConfig: where the data lives. SQLite takes a file path in `name`; PostgreSQL
// (a later issue) takes host/port/user/password and the database name.
struct DatabaseConfig {
    QString driver = QStringLiteral("QSQLITE"); // or "QPSQL"
    QString name;
    QString host;
    int port = 0;
    QString user;
    QString password;
    int busyTimeoutMs = 5000;
};

} // namespace paycred::storage
