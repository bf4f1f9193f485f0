#include "app/server/passwordinput.h"

#include "core/crypto/secret.h"

#include <QByteArray>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace paycred::server {

namespace {

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

std::optional<QString> PasswordInput::read(QString* error) {
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

} // namespace paycred::server
