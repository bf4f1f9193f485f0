// The CTest fixture `postgres`: one PostgreSQL server for the whole test run
// (test::PostgresCluster).
//   paycred_postgres_fixture start DIR   initdb into DIR/data, start on a free loopback port
//   paycred_postgres_fixture stop DIR    stop it and remove DIR (CTest runs this also when a
//                                        suite failed or crashed)
// A server a killed run left in DIR is stopped by the next start.

#include "tests/support/postgrescluster.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (arguments.size() != 3 ||
        (command != QLatin1String("start") && command != QLatin1String("stop"))) {
        std::fprintf(stderr, "usage: paycred_postgres_fixture start|stop DIR\n");
        return 2;
    }
    paycred::test::PostgresCluster cluster(arguments.at(2), true);
    const bool ok = command == QLatin1String("start") ? cluster.start() : cluster.stop();
    if (!ok) {
        std::fprintf(stderr, "PostgreSQL %s failed: %s\n", qPrintable(command),
                     qPrintable(cluster.errorString()));
        return 1;
    }
    std::printf("PostgreSQL %s: %s\n", command == QLatin1String("start") ? "started" : "stopped",
                qPrintable(arguments.at(2)));
    return 0;
}
