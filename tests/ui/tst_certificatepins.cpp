// CertificatePins against a real Secret Service: main() runs the suite again inside a private
// D-Bus session with an unlocked gnome-keyring in a throw-away HOME (tests/vault/with-keychain.sh),
// so the user's own keychain is never touched. Pins kept in the keychain, per host:port; pins of
// older versions moved out of QSettings. The missing keychain is played by a child process of
// this binary (--no-keychain) whose session bus address points at nothing: there the pins go to
// a 0600 file, and the app says so once (CertificatePins and the login window's info line).

#include "tests/support/rerun.h"
#include "tests/ui/uitestsupport.h"

#include "core/vault/keychainstore.h"
#include "ui/appcontext.h"
#include "ui/certificatepins.h"
#include "ui/loginwindow.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <optional>

#include <sys/stat.h>

using namespace paycred;
using ui::CertificatePins;

namespace {

const QString Service = QStringLiteral("PayCredPinsTest");
const QByteArray Pin = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const QByteArray OtherPin = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

// Loads `pins` and returns the notice it gave.
std::optional<QString> load(CertificatePins& pins) {
    std::optional<QString> notice;
    pins.whenLoaded(nullptr, [&](QString n) { notice = std::move(n); });
    (void)QTest::qWaitFor([&] { return notice.has_value(); }, 30000);
    return notice;
}

std::optional<vault::KeychainStore::Reply> readEntry() {
    vault::KeychainStore store(Service);
    std::optional<vault::KeychainStore::Reply> reply;
    store.read(QLatin1String(CertificatePins::KeychainKey),
               [&](vault::KeychainStore::Reply r) { reply = std::move(r); });
    (void)QTest::qWaitFor([&] { return reply.has_value(); }, 20000);
    return reply;
}

// How the versions before CertificatePins kept a pin (ui/preferences.cpp's pinKey).
void setLegacyPin(QSettings& settings, const QString& serverUrl, const QByteArray& pin) {
    const QString normalized =
        QUrl(serverUrl).adjusted(QUrl::StripTrailingSlash).toString().toLower();
    settings.setValue(QStringLiteral("pins/") +
                          QString::fromLatin1(normalized.toUtf8().toPercentEncoding()),
                      pin);
}

bool waitStored(QSignalSpy& spy) {
    return spy.size() > 0 || spy.wait(20000);
}

} // namespace

// Inside the keychain session.
class TestCertificatePins : public QObject {
    Q_OBJECT
private slots:
    void keptInTheKeychainPerServer() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        const QString file = dir.filePath(QStringLiteral("pins.json"));
        {
            CertificatePins pins(settings, Service, file);
            const auto notice = load(pins);
            QVERIFY(notice.has_value());
            QCOMPARE(*notice, QString());
            QCOMPARE(pins.storage(), CertificatePins::Storage::Keychain);
            QSignalSpy stored(&pins, &CertificatePins::stored);
            pins.setPin(QUrl(QStringLiteral("https://Pay.Example.com:8443/api/")),
                        "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:"
                        "01:23:45:67:89:AB:CD:EF");
            QVERIFY(waitStored(stored));
            QCOMPARE(stored.at(0).at(0).value<CertificatePins::Storage>(),
                     CertificatePins::Storage::Keychain);
        }
        const auto entry = readEntry();
        QVERIFY(entry && entry->ok());
        const QJsonObject object = QJsonDocument::fromJson(entry->data).object();
        QCOMPARE(object.value(QStringLiteral("pay.example.com:8443")).toString(),
                 QString::fromLatin1(Pin));
        QVERIFY(!QFile::exists(file));
        QVERIFY(settings.childGroups().isEmpty());

        CertificatePins again(settings, Service, file);
        QVERIFY(load(again).has_value());
        QCOMPARE(again.pin(QUrl(QStringLiteral("https://pay.example.com:8443"))), Pin);
        // Another port is another server.
        QCOMPARE(again.pin(QUrl(QStringLiteral("https://pay.example.com"))), QByteArray());
        QSignalSpy stored(&again, &CertificatePins::stored);
        again.setPin(QUrl(QStringLiteral("https://pay.example.com:8443")), {});
        QVERIFY(waitStored(stored));
        const auto removed = readEntry();
        QVERIFY(removed && removed->ok());
        QVERIFY(QJsonDocument::fromJson(removed->data).object().isEmpty());
    }

    void movedOutOfTheSettings() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        setLegacyPin(settings, QStringLiteral("https://team.example.org/"), OtherPin);
        setLegacyPin(settings, QStringLiteral("https://127.0.0.1:9443"), Pin);
        settings.sync();
        CertificatePins pins(settings, Service, dir.filePath(QStringLiteral("pins.json")));
        QSignalSpy stored(&pins, &CertificatePins::stored);
        QVERIFY(load(pins).has_value());
        QCOMPARE(pins.pin(QUrl(QStringLiteral("https://team.example.org"))), OtherPin);
        QCOMPARE(pins.pin(QUrl(QStringLiteral("https://127.0.0.1:9443/"))), Pin);
        QVERIFY(waitStored(stored));
        // Gone from the old place once the keychain holds them.
        QVERIFY(settings.childGroups().isEmpty());
        QVERIFY(settings.allKeys().isEmpty());
        const auto entry = readEntry();
        QVERIFY(entry && entry->ok());
        const QJsonObject object = QJsonDocument::fromJson(entry->data).object();
        QCOMPARE(object.value(QStringLiteral("team.example.org:443")).toString(),
                 QString::fromLatin1(OtherPin));
        QCOMPARE(object.value(QStringLiteral("127.0.0.1:9443")).toString(),
                 QString::fromLatin1(Pin));
    }

    void withoutKeychainInAFile() {
        QTemporaryDir runtime;
        const QProcessEnvironment environment = uitest::environmentWithoutKeychain(runtime);
        QProcess child;
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--no-keychain")});
        QVERIFY(child.waitForStarted(10000));
        const bool finished = child.waitForFinished(120000);
        if (!finished) {
            child.kill();
            child.waitForFinished(5000);
        }
        const QByteArray out = child.readAllStandardOutput();
        QVERIFY2(finished && child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 out.right(3000).constData());
        QVERIFY2(out.contains("Totals: 6 passed, 0 failed"), out.right(3000).constData());
    }
};

// In a process whose keychain cannot be reached.
class TestCertificatePinsFile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_settings.emplace(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    }

    void keptInAFileOnlyTheUserReads() {
        setLegacyPin(*m_settings, QStringLiteral("https://old.example.org:8443"), OtherPin);
        CertificatePins pins(*m_settings, Service, file());
        QSignalSpy stored(&pins, &CertificatePins::stored);
        const auto notice = load(pins);
        QVERIFY(notice.has_value());
        QCOMPARE(*notice, CertificatePins::fileNotice());
        QCOMPARE(pins.storage(), CertificatePins::Storage::File);
        // The old pin moved into the file.
        QVERIFY(waitStored(stored));
        QVERIFY(!m_settings->contains(
            QStringLiteral("pins/") +
            QString::fromLatin1(QByteArray("https://old.example.org:8443").toPercentEncoding())));
        QCOMPARE(pins.pin(QUrl(QStringLiteral("https://old.example.org:8443"))), OtherPin);
        pins.setPin(QUrl(QStringLiteral("https://pay.example.com")), Pin);
        QVERIFY(stored.size() == 2 || stored.wait(20000));
        QCOMPARE(stored.last().at(0).value<CertificatePins::Storage>(),
                 CertificatePins::Storage::File);
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(file()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QFile stored2(file());
        QVERIFY(stored2.open(QIODevice::ReadOnly));
        const QJsonObject object = QJsonDocument::fromJson(stored2.readAll()).object();
        QCOMPARE(object.value(QStringLiteral("pay.example.com:443")).toString(),
                 QString::fromLatin1(Pin));
        QCOMPARE(object.value(QStringLiteral("old.example.org:8443")).toString(),
                 QString::fromLatin1(OtherPin));
    }

    void readBackWithoutANewNotice() {
        CertificatePins pins(*m_settings, Service, file());
        const auto notice = load(pins);
        QVERIFY(notice.has_value());
        QCOMPARE(*notice, QString()); // said once, in the run before
        QCOMPARE(pins.pin(QUrl(QStringLiteral("https://pay.example.com:443/"))), Pin);
    }

    void fileIsNotWidenedByTheUmask() {
        const mode_t before = ::umask(0);
        CertificatePins pins(*m_settings, Service, file());
        QSignalSpy stored(&pins, &CertificatePins::stored);
        QVERIFY(load(pins).has_value());
        pins.setPin(QUrl(QStringLiteral("https://third.example.net")), OtherPin);
        const bool wrote = waitStored(stored);
        ::umask(before);
        QVERIFY(wrote);
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(file()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
    }

    void loginWindowSaysItOnce() {
        uitest::UiFixture fixture;
        {
            ui::LoginWindow window(fixture.context);
            window.show();
            window.tryRemembered();
            auto* info = uitest::child<QLabel>(&window, QStringLiteral("infoLabel"));
            QTRY_COMPARE_WITH_TIMEOUT(info->text(), CertificatePins::fileNotice(), 20000);
        }
        // The next start of the app (new preferences over the same settings): no notice.
        ui::Preferences next(fixture.settings);
        next.certificatePins().setStorage(
            fixture.context.keychainService,
            fixture.dir.filePath(QStringLiteral("certificate-pins.json")));
        uitest::UiFixture* base = &fixture;
        ui::AppContext context{next, base->clock, base->context.vaultOptions,
                               base->context.keychainService};
        ui::LoginWindow window(context);
        window.show();
        window.tryRemembered();
        QVERIFY(QTest::qWaitFor([&] { return next.certificatePins().isLoaded(); }, 20000));
        QTest::qWait(50);
        auto* info = uitest::child<QLabel>(&window, QStringLiteral("infoLabel"));
        QVERIFY2(info->text() != CertificatePins::fileNotice(), qPrintable(info->text()));
    }

private:
    QString file() const { return m_dir.filePath(QStringLiteral("pins.json")); }
    QTemporaryDir m_dir;
    std::optional<QSettings> m_settings;
};

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--no-keychain") == 0) {
        QApplication app(argc, argv);
        TestCertificatePinsFile test;
        // Without the flag: QTest would take it for a test function's name.
        return QTest::qExec(&test, QStringList{QString::fromLocal8Bit(argv[0])});
    }
    const QByteArray session = qgetenv("PAYCRED_KEYCHAIN_SESSION");
    if (session.isEmpty() || session != qgetenv("HOME"))
        return test::rerunInside({"/bin/bash", PAYCRED_WITH_KEYCHAIN}, "PAYCRED_KEYCHAIN_REEXEC",
                                 argc, argv);
    QApplication app(argc, argv);
    TestCertificatePins test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_certificatepins.moc"
