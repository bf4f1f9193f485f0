#pragma once

#include <QStringList>

namespace paycred::server {

// ServeCommand: `paycred-server [serve]` — serves API.md over HTTP until SIGTERM or SIGINT.
class ServeCommand {
public:
    static int run(const QStringList& arguments);
};

} // namespace paycred::server
