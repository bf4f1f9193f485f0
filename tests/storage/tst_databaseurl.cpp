#include "core/storage/database.h"
#include "core/storage/databaseurl.h"
#include "tests/support/postgrescluster.h"

#include <QDir>
#include <QTest>

using namespace paycred::storage;

// What PAYCRED_DATABASE may say: a SQLite path or a postgresql:// URL, read into the
// configuration the Database opens — and libpq's parameters really reach the connection.
class TestDatabaseUrl : public QObject {
    Q_OBJECT

private slots:
    void sqlitePaths_data();
    void sqlitePaths();
    void postgresUrl();
    void postgresSchemesAndHosts_data();
    void postgresSchemesAndHosts();
    void refused_data();
    void refused();
    void sslModeReachesTheConnection();
};

void TestDatabaseUrl::sqlitePaths_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    QTest::newRow("absolute") << "/var/lib/paycred/paycred.sqlite3"
                              << "/var/lib/paycred/paycred.sqlite3";
    QTest::newRow("relative") << "data/paycred.sqlite3"
                              << "/srv/data/paycred.sqlite3";
    QTest::newRow("spaces around") << "  /tmp/x.sqlite3 "
                                   << "/tmp/x.sqlite3";
}

void TestDatabaseUrl::sqlitePaths() {
    QFETCH(QString, text);
    QFETCH(QString, path);
    QString error;
    const auto config = DatabaseUrl::parse(text, QStringLiteral("/srv"), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->driver, QStringLiteral("QSQLITE"));
    QCOMPARE(config->name, path);
    QVERIFY(!DatabaseUrl::isPostgres(text));
}

void TestDatabaseUrl::postgresUrl() {
    QString error;
    const auto config = DatabaseUrl::parse(
        QStringLiteral("postgresql://pay%40cred:p%40ss%3Aw%2Ford@db.example:6432/paycred"
                       "?sslmode=verify-full&sslrootcert=/etc/paycred/ca.pem&connect_timeout=3"),
        QStringLiteral("/srv"), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->driver, QStringLiteral("QPSQL"));
    QCOMPARE(config->user, QStringLiteral("pay@cred"));
    QCOMPARE(config->password, QStringLiteral("p@ss:w/ord"));
    QCOMPARE(config->host, QStringLiteral("db.example"));
    QCOMPARE(config->port, 6432);
    QCOMPARE(config->name, QStringLiteral("paycred"));
    const QList<QPair<QString, QString>> parameters = {
        {QStringLiteral("sslmode"), QStringLiteral("verify-full")},
        {QStringLiteral("sslrootcert"), QStringLiteral("/etc/paycred/ca.pem")},
        {QStringLiteral("connect_timeout"), QStringLiteral("3")},
    };
    QCOMPARE(config->parameters, parameters);
}

void TestDatabaseUrl::postgresSchemesAndHosts_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("postgres://") << "postgres://u@localhost/db"
                                 << "localhost" << 0;
    QTest::newRow("upper case scheme") << "PostgreSQL://u@h:5432/db"
                                       << "h" << 5432;
    QTest::newRow("IPv6") << "postgresql://u@[::1]:5433/db"
                          << "::1" << 5433;
    QTest::newRow("unix socket") << "postgresql:///db?host=/run/postgresql"
                                 << "/run/postgresql" << 0;
}

void TestDatabaseUrl::postgresSchemesAndHosts() {
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString error;
    const auto config = DatabaseUrl::parse(text, QString(), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->driver, QStringLiteral("QPSQL"));
    QCOMPARE(config->host, host);
    QCOMPARE(config->port, port);
    QCOMPARE(config->name, QStringLiteral("db"));
    QVERIFY(config->parameters.isEmpty());
}

void TestDatabaseUrl::refused_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    // Every URL here carries the password "hunter2secret": no message may repeat it.
    QTest::newRow("empty") << "  "
                           << "The database setting is empty";
    QTest::newRow("no database") << "postgresql://u:hunter2secret@h:5432/"
                                 << "names no database";
    QTest::newRow("bad sslmode") << "postgresql://u:hunter2secret@h/db?sslmode=verify"
                                 << "sslmode \"verify\" is not one of";
    QTest::newRow("misspelt parameter") << "postgresql://u:hunter2secret@h/db?ssl_mode=require"
                                        << "parameter \"ssl_mode\" is not one PayCred passes";
    QTest::newRow("bad timeout") << "postgresql://u:hunter2secret@h/db?connect_timeout=soon"
                                 << "connect_timeout must be a number of seconds";
    QTest::newRow("semicolon") << "postgresql://u:hunter2secret@h/db?application_name=a;b"
                               << "needs a value without";
    QTest::newRow("bad port") << "postgresql://u:hunter2secret@h:99999/db"
                              << "not a valid URL";
    QTest::newRow("other scheme") << "mysql://u:hunter2secret@h/db"
                                  << "scheme \"mysql\" is not supported";
}

void TestDatabaseUrl::refused() {
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!DatabaseUrl::parse(text, QStringLiteral("/srv"), &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("hunter2secret")), "the password is in the message");
}

// The URL's sslmode is what the connection uses: the test server speaks no TLS, so `require`
// fails where `disable` opens.
void TestDatabaseUrl::sslModeReachesTheConnection() {
    auto& cluster = paycred::test::PostgresCluster::shared();
    const DatabaseConfig made = cluster.database();
    QVERIFY(!made.name.isEmpty());
    const auto url = [&made](const QString& mode) {
        return QStringLiteral("postgresql://%1:%2@%3:%4/%5?sslmode=%6")
            .arg(made.user, made.password, made.host)
            .arg(made.port)
            .arg(made.name, mode);
    };
    QString error;
    {
        const auto plain = DatabaseUrl::parse(url(QStringLiteral("disable")), QString(), &error);
        QVERIFY2(plain, qPrintable(error));
        Database db(*plain);
        QVERIFY2(db.open(&error), qPrintable(error));
    }
    {
        const auto tls = DatabaseUrl::parse(url(QStringLiteral("require")), QString(), &error);
        QVERIFY2(tls, qPrintable(error));
        Database db(*tls);
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(QStringLiteral("SSL"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY(!error.contains(made.password));
    }
    QVERIFY(cluster.dropDatabase(made.name));
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
