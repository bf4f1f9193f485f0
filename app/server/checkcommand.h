#pragma once

#include <QStringList>

namespace paycred::server {

// CheckCommand: `paycred-server check` — whether the server could start and serve: the
// configuration is valid, the database answers, its schema is this build's; and how many
// credentials are still under a retired encryption key. It changes nothing (no migration, no
// new SQLite file). Each failure has an exit code of its own, for scripts and health checks.
class CheckCommand {
public:
    enum ExitCode : int {
        Ok = 0,
        Usage = 2,
        BadConfiguration = 3,
        DatabaseUnreachable = 4,
        SchemaNotCurrent = 5,
    };

    static int run(const QStringList& arguments);
};

} // namespace paycred::server
