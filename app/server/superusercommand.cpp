#include "app/server/superusercommand.h"

#include "core/crypto/secret.h"
#include "core/foundation/systemclock.h"
#include "core/service/services.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"

#include <QByteArray>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace paycred::server {

namespace {

void printError(const QString& sentence) {
    std::fprintf(stderr, "%s\n", qPrintable(sentence));
    std::fflush(stderr);
}

// Reads one line from a file descriptor, without its line end. False at end of input before
// any byte, or on a read error.
bool readLine(int fd, QByteArray* line) {
    line->clear();
    bool any = false;
    char c = 0;
    for (;;) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return any;
        any = true;
        if (c == '\n')
            break;
        line->append(c);
    }
    if (line->endsWith('\r'))
        line->chop(1);
    return true;
}

// Terminal echo, switched off for a prompt and always restored: at the end of the scope, and
// by SIGINT/SIGTERM/SIGHUP arriving during the prompt (which then end the program).
struct termios savedTerminal;
volatile std::sig_atomic_t terminalSaved = 0;

extern "C" void restoreTerminalAndExit(int signal) {
    if (terminalSaved)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTerminal);
    ::_exit(128 + signal);
}

class EchoOff {
public:
    EchoOff() {
        if (::tcgetattr(STDIN_FILENO, &savedTerminal) != 0)
            return;
        terminalSaved = 1;
        for (const int signal : {SIGINT, SIGTERM, SIGHUP})
            m_previous[m_count++] = {signal, std::signal(signal, restoreTerminalAndExit)};
        struct termios silent = savedTerminal;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        silent.c_lflag |= ECHONL;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    ~EchoOff() {
        if (!terminalSaved)
            return;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTerminal);
        terminalSaved = 0;
        for (int i = 0; i < m_count; ++i)
            std::signal(m_previous[i].signal, m_previous[i].handler);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    struct Previous {
        int signal = 0;
        void (*handler)(int) = nullptr;
    };
    Previous m_previous[3];
    int m_count = 0;
};

std::optional<QString> prompt(const char* question) {
    std::fputs(question, stderr);
    std::fflush(stderr);
    QByteArray line;
    bool ok = false;
    {
        EchoOff echoOff;
        ok = readLine(STDIN_FILENO, &line);
    }
    if (!ok)
        return std::nullopt;
    QString text = QString::fromUtf8(line);
    crypto::wipe(line);
    return text;
}

} // namespace

SuperuserCommand::SuperuserCommand(ServerConfig config, QString username)
    : m_config(std::move(config))
    , m_username(std::move(username)) {}

std::optional<QString> SuperuserCommand::readPassword(QString* error) {
    if (::isatty(STDIN_FILENO)) {
        auto first = prompt("Password: ");
        if (!first) {
            *error = QStringLiteral("No password given.");
            return std::nullopt;
        }
        auto second = prompt("Password (again): ");
        if (!second) {
            crypto::wipe(*first);
            *error = QStringLiteral("No password given.");
            return std::nullopt;
        }
        const bool same = *first == *second;
        crypto::wipe(*second);
        if (!same) {
            crypto::wipe(*first);
            *error = QStringLiteral("Your passwords didn't match. Run the command again.");
            return std::nullopt;
        }
        return first;
    }
    QByteArray line;
    if (!readLine(STDIN_FILENO, &line)) {
        *error = QStringLiteral("No password on standard input: give it as the first line (or run "
                                "the command in a terminal to be asked for it).");
        return std::nullopt;
    }
    QString password = QString::fromUtf8(line);
    crypto::wipe(line);
    return password;
}

int SuperuserCommand::run() {
    const QString username = m_username.trimmed();
    if (username.isEmpty()) {
        printError(QStringLiteral("createsuperuser needs a username: give --username NAME."));
        return Usage;
    }

    storage::Database database(m_config.database());
    QString error;
    if (!database.open(&error)) {
        printError(QStringLiteral("Cannot open the database: %1").arg(error));
        return Refused;
    }
    const auto refuse = [&](const QString& reason) {
        printError(QStringLiteral("Cannot create superuser \"%1\": %2").arg(username, reason));
        return Refused;
    };

    // Say so before asking for a password that could not be used anyway.
    if (storage::UserRepository(database).findByUsername(username))
        return refuse(QStringLiteral("A user with that username already exists."));

    auto password = readPassword(&error);
    if (!password)
        return refuse(error);

    SystemClock clock;
    const service::Services services(database, m_config.takeSettings(), clock);
    const auto created = services.users().create(username, *password, true);
    crypto::wipe(*password);
    if (!created.ok())
        return refuse(created.error);

    std::printf("Superuser %s created.\n", qPrintable(username));
    std::fflush(stdout);
    return Success;
}

} // namespace paycred::server
