#pragma once

#include <QString>

#include <optional>

namespace paycred::server {

// PasswordInput: how the command line takes a password — a prompt with echo off, asked twice,
// when standard input is a terminal; otherwise the first line of standard input (for scripts).
// The echo comes back also when the prompt is interrupted.
class PasswordInput {
public:
    // The password; nothing (and `error` set to a sentence) when none could be read.
    static std::optional<QString> read(QString* error);
};

} // namespace paycred::server
