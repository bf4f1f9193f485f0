#pragma once

#include <QStringList>

namespace paycred::server {

// Command: one entry of paycred-server's command table — its name, a line for the overall
// --help, and what runs it with the arguments after its name (returning the exit code).
struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments);
};

} // namespace paycred::server
