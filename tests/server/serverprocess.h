#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace paycred::test {

// The outcome of one run of paycred-server that ends by itself (createsuperuser, genkey, a
// start that is refused).
struct CommandResult {
    bool finished = false; // false: it did not end within the time allowed (then killed)
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// ServerProcess: a real paycred-server in a child process, on a free loopback port, with its
// data in a temporary folder. start() waits for its "Listening on http(s)://HOST:PORT" line; the
// destructor stops it (SIGTERM, then SIGKILL if it does not end). Its standard error (the log)
// goes to a file in the temporary folder: see log(). Password hashing is made cheap through
// PAYCRED_PASSWORD_ITERATIONS (the testing knob), and no PAYCRED_* variable of the test's own
// environment leaks into the server.
class ServerProcess {
public:
    ServerProcess();
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    static QString executable();
    // The environment the server gets: the test's own less every PAYCRED_* variable, plus
    // PAYCRED_PASSWORD_ITERATIONS=1000 and debug logging of paycred.server (a line per answer)
    // and paycred.server.received (a line per request that reaches the router).
    static QProcessEnvironment cleanEnvironment();

    // Changes to the server's environment take effect at the next start or run.
    QProcessEnvironment& environment() { return m_environment; }
    // The data folder given to --data-dir (inside the temporary folder, not created by us).
    QString dataDir() const;
    // The server's limit of open files (RLIMIT_NOFILE) from the next start on; 0: inherited.
    void setFileLimit(int files) { m_fileLimit = files; }
    QString tempPath() const { return m_tempDir.path(); }

    // Starts `paycred-server --dev --data-dir DIR --listen 127.0.0.1:0 <extra>` (with `dev`
    // false: `paycred-server <extra>` only) and waits for the Listening line. False (with the
    // reason in errorString()) when it exits or does not listen within `timeoutMs`.
    bool start(const QStringList& extraArguments = {}, bool dev = true, int timeoutMs = 30000);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QString errorString() const { return m_error; }

    quint16 port() const { return m_port; }
    QString baseUrl() const { return m_baseUrl; } // "http://127.0.0.1:PORT" (https:// over TLS)
    QUrl url(const QString& path) const { return QUrl(m_baseUrl + path); }
    qint64 pid() const { return m_process.processId(); }

    // Sends SIGTERM and waits: the exit code, or -1 when it crashed or did not end in time.
    int terminate(int timeoutMs = 15000);
    // The server's standard error so far.
    QByteArray log() const;
    // What it printed on standard output after the Listening line and since the last call.
    QByteArray readOutput() { return m_process.readAllStandardOutput(); }

    // Runs paycred-server once with `arguments` and `input` on standard input, in this
    // server's environment, and waits for it.
    CommandResult run(const QStringList& arguments, const QByteArray& input = {},
                      int timeoutMs = 60000) const;
    // `createsuperuser --username NAME --dev --data-dir DIR`, the password on standard input.
    CommandResult createSuperuser(const QString& username, const QString& password) const;

private:
    QTemporaryDir m_tempDir;
    QProcessEnvironment m_environment;
    QProcess m_process;
    QString m_error;
    quint16 m_port = 0;
    QString m_baseUrl;
    int m_fileLimit = 0;
};

} // namespace paycred::test
