#include "tests/support/postgrescluster.h"

#include "core/storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUrl>

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
    const QString fixture = qEnvironmentVariable("PAYCRED_TEST_POSTGRES");
    if (!fixture.isEmpty()) {
        m_folder = fixture;
        m_attached = true;
    } else {
        m_temporary = std::make_unique<QTemporaryDir>();
        m_folder = m_temporary->isValid() ? m_temporary->path() : QString();
    }
    m_data = m_folder + QStringLiteral("/data");
}

PostgresCluster::PostgresCluster(const QString& folder, bool keep)
    : m_folder(folder)
    , m_bin(binaries())
    , m_data(folder + QStringLiteral("/data"))
    , m_keep(keep) {}

PostgresCluster::~PostgresCluster() {
    if (m_started && !m_attached && !m_keep)
        stop();
}

QString PostgresCluster::portFile() const {
    return m_folder + QStringLiteral("/port");
}

bool PostgresCluster::attach() {
    QFile file(portFile());
    m_port = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt() : 0;
    if (m_port <= 0) {
        m_error = QStringLiteral("no PostgreSQL of the postgres fixture in %1 (run the suite "
                                 "through ctest, or unset PAYCRED_TEST_POSTGRES)")
                      .arg(m_folder);
        return false;
    }
    m_started = true;
    return true;
}

bool PostgresCluster::stop() {
    // A server left behind by a run that was killed is stopped too.
    if (QFile::exists(m_data + QStringLiteral("/postmaster.pid")))
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("immediate"),
             QStringLiteral("-w"), QStringLiteral("stop")});
    m_started = false;
    return m_folder.isEmpty() || m_temporary || QDir(m_folder).removeRecursively();
}

bool PostgresCluster::run(const QString& program, const QStringList& arguments, QString* output) {
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
    process.setWorkingDirectory(m_folder);
    process.start();
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2")
                      .arg(program, QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    if (output)
        *output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return true;
}

bool PostgresCluster::startOnPort() {
    return run(QStringLiteral("pg_ctl"),
               {QStringLiteral("-D"), m_data, QStringLiteral("-l"),
                m_folder + QStringLiteral("/server.log"), QStringLiteral("-w"),
                QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("-o"),
                QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                               "-c max_connections=200")
                    .arg(m_port)
                    .arg(m_folder),
                QStringLiteral("start")});
}

bool PostgresCluster::pause() {
    if (m_attached || !m_started) {
        m_error = QStringLiteral("only a started server of this suite's own can be paused");
        return false;
    }
    return run(QStringLiteral("pg_ctl"),
               {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("fast"),
                QStringLiteral("-w"), QStringLiteral("stop")});
}

bool PostgresCluster::resume() {
    if (m_attached || !m_started) {
        m_error = QStringLiteral("only a started server of this suite's own can be resumed");
        return false;
    }
    return startOnPort();
}

std::optional<QString> PostgresCluster::superuserQuery(const QString& database,
                                                       const QString& sql) {
    QString output;
    if (!run(QStringLiteral("psql"),
             {QStringLiteral("-h"), m_folder, QStringLiteral("-p"), QString::number(m_port),
              QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-d"), database,
              QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-qAtc"),
              sql},
             &output))
        return std::nullopt;
    return output;
}

bool PostgresCluster::psql(const QString& sql) {
    return run(QStringLiteral("psql"),
               {QStringLiteral("-h"), m_folder, QStringLiteral("-p"), QString::number(m_port),
                QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-d"),
                QStringLiteral("postgres"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-qc"), sql});
}

bool PostgresCluster::start() {
    if (m_attached)
        return attach();
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/"
                                 "initdb): run scripts/install-deps.");
        return false;
    }
    if (m_folder.isEmpty()) {
        m_error = QStringLiteral("no folder for PostgreSQL");
        return false;
    }
    // What a killed run left in the folder goes first.
    stop();
    if (!QDir().mkpath(m_folder)) {
        m_error = QStringLiteral("cannot make %1").arg(m_folder);
        return false;
    }
    // The server's user must own its folder (and the socket it puts there).
    if (isRoot() && QProcess::execute(QStringLiteral("chown"),
                                      {QStringLiteral("postgres:postgres"), m_folder}) != 0) {
        m_error = QStringLiteral("cannot give %1 to the postgres user").arg(m_folder);
        return false;
    }
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), m_data, QStringLiteral("-U"), QStringLiteral("postgres"),
              QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
              QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8")}))
        return false;
    for (int attempt = 0; attempt < 3 && !m_started; ++attempt) {
        m_port = freePort();
        m_started = m_port > 0 && startOnPort();
    }
    if (!m_started ||
        !psql(
            QStringLiteral("CREATE ROLE %1 LOGIN CREATEDB PASSWORD '%2'").arg(Role, RolePassword)))
        return false;
    QFile file(portFile());
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray::number(m_port)) <= 0) {
        m_error = QStringLiteral("cannot write %1").arg(portFile());
        return false;
    }
    return true;
}

storage::DatabaseConfig PostgresCluster::configFor(const QString& name) const {
    storage::DatabaseConfig config;
    config.driver = QStringLiteral("QPSQL");
    config.name = name;
    config.host = QStringLiteral("127.0.0.1");
    config.port = m_port;
    config.user = Role;
    config.password = RolePassword;
    return config;
}

bool PostgresCluster::admin(const QString& sql) {
    // A connection of the suites' role to the `postgres` database, for making and dropping
    // databases (far cheaper than a psql process), gone afterwards: suites count connections.
    const QString name = QStringLiteral("paycred-test-admin-%1").arg(quintptr(this));
    bool done = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        const storage::DatabaseConfig config = configFor(QStringLiteral("postgres"));
        db.setDatabaseName(config.name);
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(config.password);
        if (!db.open()) {
            m_error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            done = query.exec(sql);
            if (!done)
                m_error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return done;
}

QString PostgresCluster::newName() {
    // The process id keeps apart the databases of suites that share the fixture's server.
    return QStringLiteral("paycred_%1_%2")
        .arg(QCoreApplication::applicationPid())
        .arg(++m_databases);
}

storage::DatabaseConfig PostgresCluster::database() {
    const QString name = newName();
    if (!m_started || !admin(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(name, Role)))
        return configFor(QString());
    return configFor(name);
}

storage::DatabaseConfig PostgresCluster::migratedDatabase() {
    if (!m_started)
        return configFor(QString());
    if (!m_recycled.isEmpty())
        return configFor(m_recycled.takeLast());
    if (m_template.isEmpty()) {
        const storage::DatabaseConfig made = database();
        if (made.name.isEmpty())
            return made;
        {
            storage::Database db(made);
            if (!db.open(&m_error))
                return configFor(QString());
        } // its connections end here: a template must have none
        m_template = made.name;
    }
    const QString name = newName();
    if (!admin(
            QStringLiteral("CREATE DATABASE %1 TEMPLATE %2 OWNER %3").arg(name, m_template, Role)))
        return configFor(QString());
    return configFor(name);
}

bool PostgresCluster::dropDatabase(const QString& name) {
    return m_started && admin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
}

QString PostgresCluster::urlOf(const storage::DatabaseConfig& config) {
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(config.user);
    url.setPassword(config.password);
    url.setHost(config.host);
    url.setPort(config.port);
    url.setPath(u'/' + config.name);
    return url.toString();
}

bool PostgresCluster::selected() {
    return qEnvironmentVariable("PAYCRED_TEST_DATABASE") == QLatin1String("postgresql");
}

PostgresCluster& PostgresCluster::shared() {
    static PostgresCluster cluster;
    static const bool started = cluster.start();
    if (!started)
        qFatal("PostgreSQL could not be started for this suite: %s", qPrintable(cluster.m_error));
    return cluster;
}

} // namespace paycred::test
