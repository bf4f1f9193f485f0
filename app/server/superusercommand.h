#pragma once

#include "app/server/serverconfig.h"

#include <QString>

#include <optional>

namespace paycred::server {

// SuperuserCommand: `paycred-server createsuperuser --username NAME`. Creates a superuser in
// the configured database with the same rules (and messages) as the API: a username that is
// free and valid, a password that is strong enough.
//
// The password comes from a prompt with echo off, asked twice, when standard input is a
// terminal; otherwise from the first line of standard input (for scripts). It is never echoed,
// printed or logged.
class SuperuserCommand {
public:
    enum ExitCode : int { Success = 0, Refused = 1, Usage = 2 };

    SuperuserCommand(ServerConfig config, QString username);

    // Prints "Superuser NAME created." on success; otherwise a sentence on standard error.
    int run();

    // The password as described above; nothing (and `error` set) when none could be read.
    static std::optional<QString> readPassword(QString* error);

private:
    ServerConfig m_config;
    QString m_username;
};

} // namespace paycred::server
