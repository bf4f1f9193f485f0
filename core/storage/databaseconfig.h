#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace paycred::storage {

// DatabaseConfig: where the data lives. SQLite takes a file path in `name`; PostgreSQL takes
// host/port/user/password, the database name and libpq's other connection parameters
// (`sslmode=verify-full`, ...), as storage::DatabaseUrl reads them from a URL.
struct DatabaseConfig {
    QString driver = QStringLiteral("QSQLITE"); // or "QPSQL"
    QString name;
    QString host;
    int port = 0;
    QString user;
    QString password;
    // libpq parameters beyond the above, e.g. {"sslmode", "verify-full"}; PostgreSQL only.
    QList<QPair<QString, QString>> parameters;
    int busyTimeoutMs = 5000;
};

} // namespace paycred::storage
