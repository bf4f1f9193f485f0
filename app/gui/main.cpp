// paycred: the desktop app. Signs in to the local vault (made on the first run) or to a PayCred
// server, and manages the signed-in user's payment credentials.
#include "core/foundation/systemclock.h"
#include "ui/appcontext.h"
#include "ui/desktopapp.h"
#include "ui/firstexpose.h"
#include "ui/language.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QSettings>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace {

// Decrypted keys live in this process's memory: no core dump may carry them to disk, and no
// other process of the same user may read them through ptrace.
void protectMemory() {
    const rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void describeApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("PayCred"));
    QCoreApplication::setApplicationName(QStringLiteral("PayCred"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYCRED_VERSION));
}

// The command line; returns the --vault option to read back after process().
QCommandLineOption describeOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Keeps payment-provider credentials."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption vaultOption(
        QStringLiteral("vault"),
        QCoreApplication::translate("main", "Use the local vault at <file> (made on first use)."),
        QCoreApplication::translate("main", "file"));
    parser.addOption(vaultOption);
    return vaultOption;
}

// --help and --version only print: they must work with no display to open (a terminal on a
// server, the package's install test), so they are answered before any window system is asked.
bool onlyPrints(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--version" || argument == "-v" || argument == "--help" ||
            argument == "-h" || argument == "--help-all")
            return true;
    }
    return false;
}

// The language chosen in Preferences, or the system's.
QLocale chosenLocale(const paycred::ui::Preferences& preferences) {
    return paycred::ui::Language::localeFor(preferences.language());
}

int printOnly(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    describeApplication();
    QSettings settings;
    const paycred::ui::Preferences preferences(settings);
    paycred::ui::Language::install(app, chosenLocale(preferences));
    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app); // prints and exits
    return 0;
}

} // namespace

int main(int argc, char* argv[]) {
    protectMemory();
    if (onlyPrints(argc, argv))
        return printOnly(argc, argv);
    QApplication app(argc, argv);
    const paycred::ui::FirstExpose firstExpose(app); // bench/cold_start.sh's stopwatch
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("PayCred"));
    QApplication::setDesktopFileName(QStringLiteral("ke.co.paycred.PayCred"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/paycred.svg")));
    QSettings settings;
    paycred::ui::Preferences preferences(settings);
    paycred::ui::Language::install(app, chosenLocale(preferences));

    QCommandLineParser parser;
    const QCommandLineOption vaultOption = describeOptions(parser);
    parser.process(app);

    if (parser.isSet(vaultOption))
        preferences.setVaultPath(parser.value(vaultOption));
    const paycred::SystemClock clock;
    paycred::ui::AppContext context{preferences, clock};

    paycred::ui::DesktopApp desktop(context);
    QObject::connect(&desktop, &paycred::ui::DesktopApp::finished, &app, &QApplication::quit);
    desktop.start();
    return QApplication::exec();
}
