#pragma once

#include <QStringList>

namespace paycred::server {

// GenkeyCommand: `paycred-server genkey [--secret | --audit]` — prints a new key on standard
// output and nowhere else (an encryption key by default).
class GenkeyCommand {
public:
    static int run(const QStringList& arguments);
};

} // namespace paycred::server
