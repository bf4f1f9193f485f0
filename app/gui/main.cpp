// paycred: the desktop app. Signs in to the local vault (made on the first run) or to a PayCred
// server, and manages the signed-in user's payment credentials.
#include "core/foundation/systemclock.h"
#include "ui/appcontext.h"
#include "ui/desktopapp.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

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

void installTranslations(QApplication& app) {
    const QLocale locale;
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto* ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("paycred"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

} // namespace

int main(int argc, char* argv[]) {
    protectMemory();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PayCred"));
    QApplication::setApplicationName(QStringLiteral("PayCred"));
    QApplication::setApplicationDisplayName(QStringLiteral("PayCred"));
    QApplication::setApplicationVersion(QStringLiteral(PAYCRED_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("paycred"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/paycred.svg")));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Keeps payment-provider credentials."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vaultOption(
        QStringLiteral("vault"),
        QApplication::translate("main", "Use the local vault at <file> (made on first use)."),
        QApplication::translate("main", "file"));
    parser.addOption(vaultOption);
    parser.process(app);

    QSettings settings;
    paycred::ui::Preferences preferences(settings);
    if (parser.isSet(vaultOption))
        preferences.setVaultPath(parser.value(vaultOption));
    const paycred::SystemClock clock;
    paycred::ui::AppContext context{preferences, clock};

    paycred::ui::DesktopApp desktop(context);
    QObject::connect(&desktop, &paycred::ui::DesktopApp::finished, &app, &QApplication::quit);
    desktop.start();
    return QApplication::exec();
}
