// installer/paycred-server.service: a dedicated user, a file limit, the hardened sandbox, the
// secrets never through Environment= (the configuration names the key files, which the service
// may read but not change) — read from the unit itself — and, where systemd-analyze is installed,
// `systemd-analyze verify` with not one complaint.

#include "tests/server/serverprocess.h"

#include <QFile>
#include <QMultiHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using paycred::test::ServerProcess;

namespace {

// "Section/Key" → every value the unit gives it, in order.
QMultiHash<QString, QString> readUnit(const QString& path, QString* text) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    *text = QString::fromUtf8(file.readAll());
    QMultiHash<QString, QString> keys;
    QString section;
    for (const QString& raw : text->split(u'\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        if (line.startsWith(u'[')) {
            section = line.mid(1, line.size() - 2);
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (equals > 0)
            keys.insert(section + u'/' + line.left(equals).trimmed(),
                        line.mid(equals + 1).trimmed());
    }
    return keys;
}

} // namespace

class TestServerUnit : public QObject {
    Q_OBJECT

    QString m_text;
    QMultiHash<QString, QString> m_keys;

    QStringList values(const QString& key) const {
        QStringList found = m_keys.values(key);
        std::reverse(found.begin(), found.end()); // QMultiHash gives the latest first
        return found;
    }
    QString value(const QString& key) const { return values(key).value(0); }

private slots:
    void initTestCase() {
        m_keys = readUnit(QStringLiteral(PAYCRED_SERVICE_UNIT), &m_text);
        QVERIFY2(!m_keys.isEmpty(), PAYCRED_SERVICE_UNIT);
    }

    void theUnitsKeys_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("user") << "Service/User"
                              << "paycred";
        QTest::newRow("group") << "Service/Group"
                               << "paycred";
        QTest::newRow("protect system") << "Service/ProtectSystem"
                                        << "strict";
        QTest::newRow("protect home") << "Service/ProtectHome"
                                      << "yes";
        QTest::newRow("private tmp") << "Service/PrivateTmp"
                                     << "yes";
        QTest::newRow("private devices") << "Service/PrivateDevices"
                                         << "yes";
        QTest::newRow("no new privileges") << "Service/NoNewPrivileges"
                                           << "yes";
        QTest::newRow("no capabilities") << "Service/CapabilityBoundingSet"
                                         << "";
        QTest::newRow("no ambient capabilities") << "Service/AmbientCapabilities"
                                                 << "";
        QTest::newRow("address families") << "Service/RestrictAddressFamilies"
                                          << "AF_INET AF_INET6 AF_UNIX";
        QTest::newRow("namespaces") << "Service/RestrictNamespaces"
                                    << "yes";
        QTest::newRow("kernel tunables") << "Service/ProtectKernelTunables"
                                         << "yes";
        QTest::newRow("kernel modules") << "Service/ProtectKernelModules"
                                        << "yes";
        QTest::newRow("control groups") << "Service/ProtectControlGroups"
                                        << "yes";
        QTest::newRow("w^x") << "Service/MemoryDenyWriteExecute"
                             << "yes";
        QTest::newRow("architectures") << "Service/SystemCallArchitectures"
                                       << "native";
        QTest::newRow("no core files") << "Service/LimitCORE"
                                       << "0";
        QTest::newRow("umask") << "Service/UMask"
                               << "0077";
        QTest::newRow("state") << "Service/StateDirectory"
                               << "paycred";
        QTest::newRow("wanted") << "Install/WantedBy"
                                << "multi-user.target";
    }
    void theUnitsKeys() {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        QVERIFY2(m_keys.contains(key), qPrintable(key + " is missing"));
        QCOMPARE(value(key), expected);
    }

    void aFileLimitForManyConnections() {
        bool ok = false;
        const int limit = value(QStringLiteral("Service/LimitNOFILE")).toInt(&ok);
        QVERIFY(ok);
        QVERIFY2(limit >= 4096, qPrintable(QString::number(limit)));
    }

    void systemCallsFiltered() {
        const QStringList filters = values(QStringLiteral("Service/SystemCallFilter"));
        QVERIFY(filters.contains(QStringLiteral("@system-service")));
        QVERIFY(std::any_of(filters.begin(), filters.end(), [](const QString& filter) {
            return filter.startsWith(u'~') && filter.contains(QLatin1String("@privileged"));
        }));
    }

    void secretsNeverThroughTheEnvironment() {
        for (const QString& environment : values(QStringLiteral("Service/Environment")))
            QVERIFY2(!environment.contains(QLatin1String("PAYCRED_")), qPrintable(environment));
        QVERIFY(!m_keys.contains(QStringLiteral("Service/EnvironmentFile")));
        QCOMPARE(value(QStringLiteral("Service/ExecStart")),
                 QStringLiteral("/usr/bin/paycred-server serve --config /etc/paycred/server.ini"));
        QVERIFY(values(QStringLiteral("Service/ReadOnlyPaths"))
                    .contains(QStringLiteral("/var/lib/paycred/keys")));
    }

    void systemdAnalyzeVerifyHasNothingToSay() {
        const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
        if (analyze.isEmpty()) {
            // Without systemd the keys above are the whole check (they ran and passed).
            qInfo("systemd-analyze is not installed: the unit was checked by its keys only");
            return;
        }
        // verify wants ExecStart's program to exist: the one just built stands in for it.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString unit = m_text;
        unit.replace(QStringLiteral("/usr/bin/paycred-server"), ServerProcess::executable());
        const QString path = dir.filePath(QStringLiteral("paycred-server.service"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(unit.toUtf8());
        file.close();
        QProcess verify;
        verify.start(analyze, {QStringLiteral("verify"), QStringLiteral("--man=no"), path});
        QVERIFY(verify.waitForFinished(60000));
        const QByteArray said = verify.readAllStandardError() + verify.readAllStandardOutput();
        QVERIFY2(verify.exitCode() == 0, said.constData());
        // verify exits 0 on unknown keys and bad values, but says so.
        QVERIFY2(said.trimmed().isEmpty(), said.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerUnit)
#include "tst_server_unit.moc"
