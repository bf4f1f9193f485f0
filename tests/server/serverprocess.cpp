#include "tests/server/serverprocess.h"

#include <sys/resource.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace paycred::test {

ServerProcess::ServerProcess()
    : m_environment(cleanEnvironment()) {
    m_process.setProgram(executable());
    m_process.setStandardErrorFile(m_tempDir.filePath(QStringLiteral("server.log")),
                                   QIODevice::Append);
    m_process.setWorkingDirectory(m_tempDir.path());
}

ServerProcess::~ServerProcess() {
    if (isRunning() && terminate(10000) < 0 && isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    if (QTest::currentTestFailed()) {
        const QByteArray tail = log().right(4000);
        if (!tail.isEmpty())
            qInfo("paycred-server's log (end):\n%s", tail.constData());
    }
}

QString ServerProcess::executable() {
    return QStringLiteral(PAYCRED_SERVER_EXECUTABLE);
}

QProcessEnvironment ServerProcess::cleanEnvironment() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList names = environment.keys();
    for (const QString& name : names) {
        if (name.startsWith(QLatin1String("PAYCRED_")))
            environment.remove(name);
    }
    environment.insert(QStringLiteral("PAYCRED_PASSWORD_ITERATIONS"), QStringLiteral("1000"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                       QStringLiteral("paycred.server.debug=true;"
                                      "paycred.server.received.debug=true"));
    return environment;
}

QString ServerProcess::dataDir() const {
    return m_tempDir.filePath(QStringLiteral("data"));
}

bool ServerProcess::start(const QStringList& extraArguments, bool dev, int timeoutMs) {
    m_error.clear();
    m_port = 0;
    m_baseUrl.clear();
    QStringList arguments;
    if (dev) {
        arguments << QStringLiteral("--dev") << QStringLiteral("--data-dir") << dataDir()
                  << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0");
    }
    arguments << extraArguments;
    m_process.setArguments(arguments);
    m_process.setProcessEnvironment(m_environment);
    m_process.setReadChannel(QProcess::StandardOutput);
    const int files = m_fileLimit;
    m_process.setChildProcessModifier([files] {
        if (files <= 0)
            return;
        const rlimit limit{static_cast<rlim_t>(files), static_cast<rlim_t>(files)};
        setrlimit(RLIMIT_NOFILE, &limit); // in the child, before exec: only the server's own
    });
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(executable(), m_process.errorString());
        return false;
    }

    static const QRegularExpression listening(
        QStringLiteral(R"(^Listening on (https?)://([0-9.]+):(\d+)\n$)"));
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_process.canReadLine()) {
        const qint64 left = deadline.remainingTime();
        if (m_process.state() == QProcess::NotRunning || left <= 0) {
            m_error = QStringLiteral("paycred-server did not say it was listening; its log:\n%1")
                          .arg(QString::fromUtf8(log()));
            return false;
        }
        m_process.waitForReadyRead(static_cast<int>(left));
    }
    const QString line = QString::fromUtf8(m_process.readLine());
    const auto match = listening.match(line);
    if (!match.hasMatch()) {
        m_error = QStringLiteral("unexpected first line: %1").arg(line);
        return false;
    }
    // Listening on every address (0.0.0.0) includes loopback: the test talks to it there.
    const QString host = match.captured(2) == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1")
                                                                       : match.captured(2);
    m_port = static_cast<quint16>(match.captured(3).toUInt());
    m_baseUrl = QStringLiteral("%1://%2:%3").arg(match.captured(1), host).arg(m_port);
    return m_port != 0;
}

int ServerProcess::terminate(int timeoutMs) {
    if (!isRunning())
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate(); // SIGTERM
    if (!m_process.waitForFinished(timeoutMs))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QByteArray ServerProcess::log() const {
    QFile file(m_tempDir.filePath(QStringLiteral("server.log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

CommandResult ServerProcess::run(const QStringList& arguments, const QByteArray& input,
                                 int timeoutMs) const {
    QProcess process;
    process.setProgram(executable());
    process.setArguments(arguments);
    process.setProcessEnvironment(m_environment);
    process.setWorkingDirectory(m_tempDir.path());
    process.start();
    CommandResult result;
    if (!process.waitForStarted(10000))
        return result;
    process.write(input);
    process.closeWriteChannel();
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

CommandResult ServerProcess::createSuperuser(const QString& username,
                                             const QString& password) const {
    return run({QStringLiteral("createsuperuser"), QStringLiteral("--username"), username,
                QStringLiteral("--dev"), QStringLiteral("--data-dir"), dataDir()},
               password.toUtf8() + '\n');
}

} // namespace paycred::test
