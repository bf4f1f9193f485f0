#pragma once

#include <QSqlDatabase>
#include <QString>

namespace paycred::storage {

// Migrations: the versioned schema steps, applied in order at open inside one transaction
// each; the same steps serve SQLite and PostgreSQL (a few type words differ per dialect, and a
// step may have statements of its own per dialect where the DDL differs).
class Migrations {
public:
    static int latestVersion();
    // Current version recorded in the database (0 for an empty one).
    static int currentVersion(const QSqlDatabase& db);
    // Applies every step above the current version (on PostgreSQL under an advisory lock, so
    // that processes starting together migrate once). A database newer than this build is
    // accepted when every newer step is marked compatible, else refused with an error naming
    // both versions.
    static bool apply(QSqlDatabase& db, QString* error);
};

} // namespace paycred::storage
