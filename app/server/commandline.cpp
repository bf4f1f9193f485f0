#include "app/server/commandline.h"

#include "app/server/httpserver.h"

#include <QCoreApplication>

namespace paycred::server {

CommandLine::CommandLine(QString command, QString usage, const QString& description,
                         bool configured)
    : m_command(std::move(command))
    , m_usage(std::move(usage))
    , m_configured(configured)
    , m_dev(QStringLiteral("dev"),
            QStringLiteral("Development mode: data and generated keys in the data folder. Never "
                           "in production."))
    , m_dataDir(QStringLiteral("data-dir"),
                QStringLiteral("The data folder (default with --dev: ./paycred-dev-data)."),
                QStringLiteral("DIR"))
    , m_config(QStringLiteral("config"),
               QStringLiteral("An INI file with the configuration (see `paycred-server --help`)."),
               QStringLiteral("FILE")) {
    m_parser.setApplicationDescription(wrapped(description));
    m_parser.addHelpOption();
    if (m_configured)
        m_parser.addOptions({m_dev, m_dataDir, m_config});
}

std::optional<int> CommandLine::parse(const QStringList& arguments) {
    if (!m_parser.parse(QStringList{QCoreApplication::applicationName()} + arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        // Qt's first line names the program only; ours names the command too.
        QString help = m_parser.helpText();
        help = help.mid(help.indexOf(u'\n') + 1);
        printLine(stdout, QStringLiteral("Usage: paycred-server %1\n\n%2").arg(m_usage, help));
        return Success;
    }
    if (!m_parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected \"%1\".").arg(m_parser.positionalArguments().join(u' ')));
    return std::nullopt;
}

ServerConfig::Options CommandLine::configOptions() const {
    ServerConfig::Options options;
    if (!m_configured)
        return options;
    options.dev = m_parser.isSet(m_dev);
    options.dataDir = m_parser.value(m_dataDir);
    options.configFile = m_parser.value(m_config);
    return options;
}

std::optional<ServerConfig> CommandLine::loadConfig() const {
    QString error;
    auto config = ServerConfig::load(configOptions(), &error);
    if (!config) {
        printLine(stderr, QStringLiteral("paycred-server %1: %2").arg(m_command, error));
        return std::nullopt;
    }
    for (const QString& warning : config->warnings())
        qCWarning(lcServer).noquote() << warning;
    return config;
}

int CommandLine::usageError(const QString& sentence) const {
    printLine(stderr, QStringLiteral("paycred-server %1: %2\nRun `paycred-server %1 --help` for "
                                     "the usage.")
                          .arg(m_command, sentence));
    return Usage;
}

int CommandLine::refuse(const QString& sentence) {
    printLine(stderr, QStringLiteral("paycred-server: %1").arg(sentence));
    return Refused;
}

QString CommandLine::wrapped(const QString& text, int width) {
    QStringList out;
    for (const QString& line : text.split(u'\n')) {
        QString current;
        for (const QString& word : line.split(u' ')) {
            if (!current.isEmpty() && current.size() + 1 + word.size() > width) {
                out << current;
                current.clear();
            }
            current += current.isEmpty() ? word : u' ' + word;
        }
        out << current;
    }
    return out.join(u'\n');
}

void CommandLine::printLine(std::FILE* stream, const QString& text) {
    std::fprintf(stream, "%s\n", qPrintable(text));
    std::fflush(stream);
}

} // namespace paycred::server
