// ScreenLockWatcher: on a private session bus (this binary re-runs itself through
// dbus-run-session), the screen savers' ActiveChanged(true) says "locked", false says nothing,
// and without a session bus nothing is watched and nothing complains.
#include "tests/support/rerun.h"
#include "ui/screenlockwatcher.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

using namespace paycred;

namespace {

constexpr char SessionMarker[] = "PAYCRED_DBUS_SESSION";
// Set in the child run that has no session bus (it runs only the test that checks that).
constexpr char NoBusMarker[] = "PAYCRED_EXPECT_NO_BUS";

// Sends a signal on the session bus from another process, like a screen saver would.
bool sendSignal(const QString& path, const QString& member, const QString& argument = {}) {
    QStringList arguments{QStringLiteral("--session"), QStringLiteral("--type=signal"), path,
                          member};
    if (!argument.isEmpty())
        arguments << argument;
    QProcess sender;
    sender.start(QStringLiteral("dbus-send"), arguments);
    if (!sender.waitForFinished(20000) || sender.exitCode() != 0) {
        qWarning("dbus-send failed: %s", sender.readAllStandardError().constData());
        return false;
    }
    return true;
}

// A round trip to the bus: the watcher's match rules, sent before it, are in place after it.
void syncWithTheBus() {
    QDBusConnection::sessionBus().interface()->isServiceRegistered(
        QStringLiteral("org.freedesktop.DBus"));
}

const QString FreedesktopPath = QStringLiteral("/org/freedesktop/ScreenSaver");
const QString FreedesktopActive = QStringLiteral("org.freedesktop.ScreenSaver.ActiveChanged");
const QString GnomePath = QStringLiteral("/org/gnome/ScreenSaver");
const QString GnomeActive = QStringLiteral("org.gnome.ScreenSaver.ActiveChanged");
const QString True = QStringLiteral("boolean:true");
const QString False = QStringLiteral("boolean:false");

} // namespace

class TestScreenLockWatcher : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (qEnvironmentVariableIsSet(NoBusMarker))
            return;
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
                 "dbus-run-session gave no session bus");
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("dbus-send")).isEmpty(),
                 "dbus-send is missing (package dbus-bin)");
    }

    void watchesTheSessionBus() {
        ui::ScreenLockWatcher watcher;
        QVERIFY(watcher.isWatching());
    }

    void freedesktopActiveTrueMeansLocked() {
        ui::ScreenLockWatcher watcher;
        QSignalSpy locked(&watcher, &ui::ScreenLockWatcher::screenLocked);
        syncWithTheBus();
        QVERIFY(sendSignal(FreedesktopPath, FreedesktopActive, True));
        QTRY_COMPARE_WITH_TIMEOUT(locked.size(), 1, 20000);
    }

    void gnomeActiveTrueMeansLocked() {
        ui::ScreenLockWatcher watcher;
        QSignalSpy locked(&watcher, &ui::ScreenLockWatcher::screenLocked);
        syncWithTheBus();
        QVERIFY(sendSignal(GnomePath, GnomeActive, True));
        QTRY_COMPARE_WITH_TIMEOUT(locked.size(), 1, 20000);
    }

    // Unlocking, and look-alike signals elsewhere, say nothing. The last signal sent is a real
    // lock, so waiting for it proves the ones before it were delivered and ignored.
    void onlyALockCounts() {
        ui::ScreenLockWatcher watcher;
        QSignalSpy locked(&watcher, &ui::ScreenLockWatcher::screenLocked);
        syncWithTheBus();
        QVERIFY(sendSignal(FreedesktopPath, FreedesktopActive, False));
        QVERIFY(sendSignal(GnomePath, GnomeActive, False));
        QVERIFY(
            sendSignal(FreedesktopPath, QStringLiteral("org.example.Other.ActiveChanged"), True));
        QVERIFY(sendSignal(QStringLiteral("/org/example/Other"), FreedesktopActive, True));
        QVERIFY(sendSignal(GnomePath, GnomeActive, True));
        QTRY_VERIFY_WITH_TIMEOUT(!locked.isEmpty(), 20000);
        QTest::qWait(50); // anything still queued behind it would arrive now
        QCOMPARE(locked.size(), 1);
    }

    void everyLockIsReported() {
        ui::ScreenLockWatcher watcher;
        QSignalSpy locked(&watcher, &ui::ScreenLockWatcher::screenLocked);
        syncWithTheBus();
        QVERIFY(sendSignal(FreedesktopPath, FreedesktopActive, True));
        QTRY_COMPARE_WITH_TIMEOUT(locked.size(), 1, 20000);
        QVERIFY(sendSignal(FreedesktopPath, FreedesktopActive, False));
        QVERIFY(sendSignal(FreedesktopPath, FreedesktopActive, True));
        QTRY_COMPARE_WITH_TIMEOUT(locked.size(), 2, 20000);
    }

    void aDestroyedWatcherHearsNothing() {
        int heard = 0;
        {
            ui::ScreenLockWatcher watcher;
            connect(&watcher, &ui::ScreenLockWatcher::screenLocked, this, [&] { ++heard; });
        }
        ui::ScreenLockWatcher witness;
        QSignalSpy locked(&witness, &ui::ScreenLockWatcher::screenLocked);
        syncWithTheBus();
        QVERIFY(sendSignal(FreedesktopPath, FreedesktopActive, True));
        QTRY_COMPARE_WITH_TIMEOUT(locked.size(), 1, 20000);
        QCOMPARE(heard, 0);
    }

    // Runs this suite again with a session bus address that leads nowhere; the child checks.
    void withoutASessionBusNothingIsWatched() {
        if (qEnvironmentVariableIsSet(NoBusMarker)) {
            QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
            ui::ScreenLockWatcher watcher;
            QVERIFY(!QDBusConnection::sessionBus().isConnected());
            QVERIFY(!watcher.isWatching());
            return;
        }
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(NoBusMarker), QStringLiteral("1"));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent/paycred-no-bus"));
        environment.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent/paycred-no-bus"));
        environment.remove(QStringLiteral("DISPLAY")); // no X11 autolaunch of a bus either
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("withoutASessionBusNothingIsWatched")});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray output = child.readAll();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 output.constData());
        QVERIFY2(
            output.contains("PASS   : TestScreenLockWatcher::withoutASessionBusNothingIsWatched"),
            output.constData());
    }
};

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet(SessionMarker))
        return test::rerunInside({"dbus-run-session", "--"}, SessionMarker, argc, argv);
    QCoreApplication app(argc, argv);
    TestScreenLockWatcher test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screenlockwatcher.moc"
