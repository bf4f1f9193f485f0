#pragma once

#include <QString>

namespace paycred::uitest {

// Runs `sql` on the SQLite file `database` with the sqlite3 command line, as someone with access
// to the file would, behind the back of the vault or server that has it open. Empty when it ran;
// otherwise what went wrong.
QString runSqlite(const QString& database, const QString& sql);

} // namespace paycred::uitest
