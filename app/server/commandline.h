#pragma once

#include "app/server/serverconfig.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <optional>

namespace paycred::server {

// CommandLine: what every paycred-server command shares — its own --help, the configuration
// options (--dev, --data-dir, --config), the usual exit codes and the configuration's loading.
// Nothing it prints holds a key: ServerConfig's sentences never do.
class CommandLine {
public:
    enum ExitCode : int { Success = 0, Refused = 1, Usage = 2 };

    // `usage`: the line after "Usage: paycred-server ", e.g. "createuser --username NAME
    // [options]"; `description`: what the command does (and its own exit codes, if any).
    // `configured`: whether it reads the configuration (then --dev, --data-dir, --config).
    CommandLine(QString command, QString usage, const QString& description, bool configured);

    void addOption(const QCommandLineOption& option) { m_parser.addOption(option); }
    // Parses the arguments after the command's name. Nothing: go on and run. A number: the
    // command is over with that exit code (its --help printed, or a usage error).
    std::optional<int> parse(const QStringList& arguments);

    bool isSet(const QCommandLineOption& option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption& option) const { return m_parser.value(option); }
    ServerConfig::Options configOptions() const;
    // The configuration, its warnings logged; nothing (the reason printed) when it is refused.
    std::optional<ServerConfig> loadConfig() const;

    // "paycred-server COMMAND: sentence" and a pointer to --help; returns Usage.
    int usageError(const QString& sentence) const;
    // "paycred-server: sentence" on standard error; returns Refused.
    static int refuse(const QString& sentence);
    static void printLine(std::FILE* stream, const QString& text);
    // `text` with each line longer than `width` broken at spaces, for a terminal.
    static QString wrapped(const QString& text, int width = 79);

private:
    QString m_command;
    QString m_usage;
    bool m_configured;
    QCommandLineParser m_parser;
    QCommandLineOption m_dev;
    QCommandLineOption m_dataDir;
    QCommandLineOption m_config;
};

} // namespace paycred::server
