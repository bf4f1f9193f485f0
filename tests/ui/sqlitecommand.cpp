#include "tests/ui/sqlitecommand.h"

#include <QProcess>

namespace paycred::uitest {

QString runSqlite(const QString& database, const QString& sql) {
    QProcess process;
    process.start(QStringLiteral("sqlite3"), {database, sql});
    if (!process.waitForFinished(30000))
        return QStringLiteral("sqlite3 did not finish: %1").arg(process.errorString());
    if (process.exitCode() != 0)
        return QStringLiteral("sqlite3 failed: %1")
            .arg(QString::fromUtf8(process.readAllStandardError()));
    return {};
}

} // namespace paycred::uitest
