#include "tests/support/postgrescluster.h"

#include <QDir>
#include <QProcess>
#include <QTcpServer>

#include <unistd.h>

namespace paycred::test {

namespace {
const QString Role = QStringLiteral("paycred");
const QString RolePassword = QStringLiteral("paycred-test");

// The newest PostgreSQL installed the Debian way (/usr/lib/postgresql/<major>/bin).
QString binaries() {
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList majors = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(majors.begin(), majors.end(),
              [](const QString& a, const QString& b) { return a.toInt() > b.toInt(); });
    for (const QString& major : majors) {
        const QString bin = root.filePath(major + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}

// A loopback port nobody listens on now.
int freePort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool isRoot() {
    return ::geteuid() == 0;
}
} // namespace

PostgresCluster::PostgresCluster()
    : m_bin(binaries()) {
    m_data = m_dir.filePath(QStringLiteral("data"));
}

PostgresCluster::~PostgresCluster() {
    if (m_started)
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("immediate"),
             QStringLiteral("-w"), QStringLiteral("stop")});
}

bool PostgresCluster::run(const QString& program, const QStringList& arguments) {
    QProcess process;
    QStringList command{m_bin + u'/' + program};
    command << arguments;
    if (isRoot())
        command =
            QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")} +
            command;
    process.setProgram(isRoot() ? QStringLiteral("runuser") : command.takeFirst());
    process.setArguments(command);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir.path());
    process.start();
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2")
                      .arg(program, QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PostgresCluster::psql(const QString& sql) {
    return run(QStringLiteral("psql"),
               {QStringLiteral("-h"), m_dir.path(), QStringLiteral("-p"), QString::number(m_port),
                QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-d"),
                QStringLiteral("postgres"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-qc"), sql});
}

bool PostgresCluster::start() {
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/"
                                 "initdb): run scripts/install-deps.");
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder for PostgreSQL");
        return false;
    }
    // The server's user must own its folder (and the socket it puts there).
    if (isRoot() && QProcess::execute(QStringLiteral("chown"),
                                      {QStringLiteral("postgres:postgres"), m_dir.path()}) != 0) {
        m_error = QStringLiteral("cannot give %1 to the postgres user").arg(m_dir.path());
        return false;
    }
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), m_data, QStringLiteral("-U"), QStringLiteral("postgres"),
              QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
              QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8")}))
        return false;
    for (int attempt = 0; attempt < 3 && !m_started; ++attempt) {
        m_port = freePort();
        m_started = m_port > 0 &&
                    run(QStringLiteral("pg_ctl"),
                        {QStringLiteral("-D"), m_data, QStringLiteral("-l"),
                         m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
                         QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("-o"),
                         QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
                             .arg(m_port)
                             .arg(m_dir.path()),
                         QStringLiteral("start")});
    }
    return m_started &&
           psql(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(Role, RolePassword));
}

storage::DatabaseConfig PostgresCluster::database() {
    const QString name = QStringLiteral("paycred_%1").arg(++m_databases);
    storage::DatabaseConfig config;
    config.driver = QStringLiteral("QPSQL");
    if (!m_started || !psql(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(name, Role)))
        return config;
    config.name = name;
    config.host = QStringLiteral("127.0.0.1");
    config.port = m_port;
    config.user = Role;
    config.password = RolePassword;
    return config;
}

} // namespace paycred::test
