// How responsive the GUI thread stays while the vault derives keys, and what the credentials
// table costs at scale. A 10 ms timer on the GUI thread records the gaps between its ticks while
// a sign-in (through the real LoginWindow), a vault creation and a backup run at the vault's
// DEFAULT key derivation: the longest gap is the worst freeze of the window. Then the table's
// model and sort/filter proxy with 1 000 and 10 000 synthetic rows. Medians of several runs,
// written to bench/results/gui_responsiveness.txt (offscreen platform unless one is set).
#include "bench/freezeprobe.h"
#include "bench/machine.h"
#include "bench/results.h"

#include "core/client/credential.h"
#include "core/client/embeddedtransport.h"
#include "core/foundation/systemclock.h"
#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "ui/appcontext.h"
#include "ui/connection.h"
#include "ui/credentialtablemodel.h"
#include "ui/loginwindow.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>
#include <vector>

namespace {

using namespace paycred;

constexpr int Runs = 5;
constexpr int TickMs = 10;
constexpr int TimeoutMs = 120000;

// Only for the synthetic vaults and backups this program makes and deletes.
const QString BenchPassword = QStringLiteral("bench password, not a secret");
const QString BenchPassphrase = QStringLiteral("bench backup passphrase, not a secret");

using bench::Results;

using bench::FreezeProbe;

struct Summary {
    double wallMs = 0;
    double ticks = 0;
    double longestGapMs = 0;
    double worstGapMs = 0; // over every run
};

Summary summarize(const std::vector<FreezeProbe::Figures>& runs) {
    std::vector<double> wall, ticks, gaps;
    for (const auto& run : runs) {
        wall.push_back(run.wallMs);
        ticks.push_back(run.ticks);
        gaps.push_back(run.longestGapMs);
    }
    return {Results::median(wall), Results::median(ticks), Results::median(gaps),
            *std::max_element(gaps.begin(), gaps.end())};
}

QString describe(const QString& what, const Summary& s) {
    return QStringLiteral("%1: wall %2 ms, %3 ticks of %4 ms, longest gap %5 ms (worst of %6 "
                          "runs: %7 ms)")
        .arg(what)
        .arg(s.wallMs, 0, 'f', 0)
        .arg(s.ticks, 0, 'f', 0)
        .arg(TickMs)
        .arg(s.longestGapMs, 0, 'f', 1)
        .arg(Runs)
        .arg(s.worstGapMs, 0, 'f', 1);
}

// Runs the event loop until finish() is called (by a callback), at most TimeoutMs.
class Waiter {
public:
    void finish() {
        m_finished = true;
        m_loop.quit();
    }
    void wait(const char* what) {
        if (m_finished)
            return;
        QTimer::singleShot(TimeoutMs, &m_loop, [this] { m_loop.exit(1); });
        if (m_loop.exec() != 0)
            qFatal("bench: %s did not finish in time", what);
    }

private:
    QEventLoop m_loop;
    bool m_finished = false;
};

// Vault creation through Connection::createVault (key derivation on the vault's worker thread).
Summary benchCreate(const Clock& clock, const vault::VaultOptions& options,
                    const QTemporaryDir& dir) {
    std::vector<FreezeProbe::Figures> runs;
    FreezeProbe probe(TickMs);
    for (int i = 0; i < Runs; ++i) {
        auto connection = ui::Connection::toVault(clock, options);
        Waiter waiter;
        bool ok = false;
        probe.start();
        connection->createVault(dir.filePath(QStringLiteral("create-%1.paycred").arg(i)),
                                QStringLiteral("owner"), BenchPassword,
                                [&](vault::VaultStatus status) {
                                    ok = status.ok();
                                    waiter.finish();
                                });
        waiter.wait("creating a vault");
        runs.push_back(probe.stop());
        if (!ok)
            qFatal("bench: cannot create a vault");
    }
    return summarize(runs);
}

struct SignInResult {
    Summary summary;
    double teardownMs = 0; // destroying the signed-in Connection, on the GUI thread
    std::unique_ptr<ui::Connection> last;
};

// Sign-in through the real LoginWindow: fill the form, click, wait for loggedIn().
SignInResult benchSignIn(ui::AppContext& context) {
    std::vector<FreezeProbe::Figures> runs;
    std::vector<double> teardown;
    std::unique_ptr<ui::Connection> last;
    FreezeProbe probe(TickMs);
    for (int i = 0; i < Runs; ++i) {
        ui::LoginWindow window(context);
        window.show();
        QCoreApplication::processEvents();
        auto* username = window.findChild<QLineEdit*>(QStringLiteral("usernameEdit"));
        auto* password = window.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
        auto* button = window.findChild<QPushButton*>(QStringLiteral("loginButton"));
        if (!username || !password || !button)
            qFatal("bench: the login window has no usernameEdit, passwordEdit or loginButton");
        username->setText(QStringLiteral("owner"));
        password->setText(BenchPassword);
        Waiter waiter;
        QObject::connect(&window, &ui::LoginWindow::loggedIn, &window,
                         [&waiter] { waiter.finish(); });
        probe.start();
        button->click();
        waiter.wait("signing in");
        runs.push_back(probe.stop());
        auto connection = window.takeConnection();
        if (!connection)
            qFatal("bench: signed in without a connection");
        window.hide();
        if (i + 1 < Runs) {
            QElapsedTimer timer;
            timer.start();
            connection.reset();
            teardown.push_back(double(timer.nsecsElapsed()) / 1e6);
        } else {
            last = std::move(connection);
        }
    }
    return {summarize(runs), Results::median(teardown), std::move(last)};
}

// A backup of the signed-in vault, the way the app makes one: Backup::exportTo through the
// embedded transport's worker (default backup key derivation).
Summary benchBackup(ui::Connection& connection, const QTemporaryDir& dir) {
    client::EmbeddedTransport* transport = connection.embedded();
    vault::Vault* vault = connection.vault();
    if (!transport || !vault)
        qFatal("bench: not a vault connection");
    std::vector<FreezeProbe::Figures> runs;
    FreezeProbe probe(TickMs);
    for (int i = 0; i < Runs; ++i) {
        const QString path = dir.filePath(QStringLiteral("backup-%1.paycredbackup").arg(i));
        auto status = std::make_shared<vault::VaultStatus>();
        Waiter waiter;
        probe.start();
        transport->run(
            [vault, path, status] {
                *status = vault::Backup::exportTo(*vault, path, BenchPassphrase);
            },
            [&waiter] { waiter.finish(); });
        waiter.wait("a backup");
        runs.push_back(probe.stop());
        if (!status->ok())
            qFatal("bench: the backup failed");
    }
    return summarize(runs);
}

QList<client::Credential> syntheticCredentials(int count) {
    struct Provider {
        const char* id;
        const char* display;
    };
    static const Provider providers[] = {{"kopokopo", "KopoKopo"},
                                         {"instasend", "InstaSend"},
                                         {"mpesa", "M-Pesa"},
                                         {"pesapal", "Pesapal"},
                                         {"flutterwave", "Flutterwave"}};
    const QDateTime base(QDate(2023, 1, 1), QTime(0, 0), Qt::UTC);
    quint32 seed = 12345;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
    QList<client::Credential> credentials;
    credentials.reserve(count);
    for (int i = 0; i < count; ++i) {
        const Provider& provider = providers[i % std::size(providers)];
        client::Credential credential;
        credential.id = i + 1;
        credential.provider = QString::fromLatin1(provider.id);
        credential.providerDisplay = QString::fromLatin1(provider.display);
        credential.isLive = i % 3 == 0;
        credential.environment =
            credential.isLive ? QStringLiteral("live") : QStringLiteral("sandbox");
        credential.isActive = i % 7 != 0;
        credential.createdAt = base.addSecs(next() % (2 * 365 * 24 * 3600));
        credential.updatedAt = credential.createdAt.addSecs(next() % (30 * 24 * 3600));
        credentials.append(credential);
    }
    return credentials;
}

struct TableFigures {
    int rows = 0;
    double setMs = 0;
    double sortMs = 0;
    double filterMs = 0;
    double refreshMs = 0;           // setCredentials again, through the sorted and filtered proxy
    double environmentFilterMs = 0; // the same filter on the Environment column alone
    double datesMs = 0;             // the display text of both date columns, every row
    int filteredRows = 0;
};

double elapsedMs(const std::function<void()>& work) {
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

// The main window's model and proxy (sort role, case-insensitive, every column filtered).
TableFigures benchTable(int count) {
    const QList<client::Credential> credentials = syntheticCredentials(count);
    std::vector<double> set, sort, filter, refresh, environmentFilter, dates;
    int filteredRows = 0;
    for (int i = 0; i < Runs; ++i) {
        ui::CredentialTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ui::CredentialTableModel::SortRole);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setFilterKeyColumn(-1);
        set.push_back(elapsedMs([&] { model.setCredentials(credentials); }));
        sort.push_back(elapsedMs(
            [&] { proxy.sort(ui::CredentialTableModel::CreatedColumn, Qt::AscendingOrder); }));
        filter.push_back(elapsedMs([&] { proxy.setFilterFixedString(QStringLiteral("live")); }));
        filteredRows = proxy.rowCount();
        // A refresh of the list while the table is sorted and filtered, as in the main window.
        refresh.push_back(elapsedMs([&] { model.setCredentials(credentials); }));
        if (proxy.rowCount() != filteredRows)
            qFatal("bench: the refreshed table lost rows");
        // Where the filter's time goes: the same filter on one column, and the date texts.
        proxy.setFilterFixedString({});
        proxy.setFilterKeyColumn(ui::CredentialTableModel::EnvironmentColumn);
        environmentFilter.push_back(
            elapsedMs([&] { proxy.setFilterFixedString(QStringLiteral("live")); }));
        if (proxy.rowCount() != filteredRows)
            qFatal("bench: the environment filter kept other rows");
        dates.push_back(elapsedMs([&] {
            qsizetype length = 0;
            for (int row = 0; row < model.rowCount(); ++row)
                for (const int column : {ui::CredentialTableModel::CreatedColumn,
                                         ui::CredentialTableModel::UpdatedColumn})
                    length += model.index(row, column).data().toString().size();
            if (length == 0)
                qFatal("bench: no date text");
        }));
    }
    return {count,
            Results::median(set),
            Results::median(sort),
            Results::median(filter),
            Results::median(refresh),
            Results::median(environmentFilter),
            Results::median(dates),
            filteredRows};
}

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString startLoad = bench::Machine::loadAverage();

    const SystemClock clock;
    QTemporaryDir dir;
    if (!dir.isValid())
        qFatal("bench: no temporary folder");
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    ui::Preferences preferences(settings);
    preferences.setVaultPath(dir.filePath(QStringLiteral("vault.paycred")));
    // The DEFAULT key derivation: the real cost of a sign-in.
    ui::AppContext context{preferences, clock, vault::VaultOptions{},
                           QStringLiteral("PayCredBench")};
    const vault::VaultOptions& options = context.vaultOptions;

    // The vault the sign-ins open (made once, not measured).
    {
        auto connection = ui::Connection::toVault(clock, options);
        Waiter waiter;
        bool ok = false;
        connection->createVault(preferences.vaultPath(), QStringLiteral("owner"), BenchPassword,
                                [&](vault::VaultStatus status) {
                                    ok = status.ok();
                                    waiter.finish();
                                });
        waiter.wait("creating the vault");
        if (!ok)
            qFatal("bench: cannot create the vault");
    }

    const SignInResult signIn = benchSignIn(context);
    const Summary create = benchCreate(clock, options, dir);
    const Summary backup = benchBackup(*signIn.last, dir);
    const crypto::Scrypt::Parameters backupKdf;

    std::vector<TableFigures> tables;
    for (const int count : {1000, 10000})
        tables.push_back(benchTable(count));

    QStringList lines;
    lines << QStringLiteral("# GUI thread responsiveness and the credentials table at scale (%1)")
                 .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
          << QStringLiteral("machine: nproc %1, %2 (%3); load average at start %4, at end %5")
                 .arg(QThread::idealThreadCount())
                 .arg(bench::Machine::cpuModel(), QSysInfo::currentCpuArchitecture(), startLoad,
                      bench::Machine::loadAverage())
          << QStringLiteral("Qt %1 (built against %2), platform %3; %4 build of PayCred (the "
                            "code is unoptimised; Qt and the vault's crypto, OpenSSL, are the "
                            "system's optimised libraries)")
                 .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                      QGuiApplication::platformName(), QStringLiteral(PAYCRED_BENCH_BUILD_TYPE))
          << QStringLiteral("median of %1 runs; a %2 ms QTimer on the GUI thread records the gaps "
                            "between its ticks: the longest gap is the worst freeze of the window")
                 .arg(Runs)
                 .arg(TickMs)
          << QString()
          << QStringLiteral("## Vault work at the default key derivation (scrypt N=2^%1 r=%2 p=%3, "
                            "%4 MiB)")
                 .arg(qCountTrailingZeroBits(options.scrypt.n))
                 .arg(options.scrypt.r)
                 .arg(options.scrypt.p)
                 .arg(options.scrypt.memoryBytes() / (1024 * 1024))
          << describe(QStringLiteral("sign-in through LoginWindow (open + login)"), signIn.summary)
          << describe(QStringLiteral("vault creation (Connection::createVault)"), create)
          << describe(QStringLiteral("backup (Backup::exportTo via EmbeddedTransport::run, scrypt "
                                     "N=2^%1 r=%2 p=%3)")
                          .arg(qCountTrailingZeroBits(backupKdf.n))
                          .arg(backupKdf.r)
                          .arg(backupKdf.p),
                      backup)
          << QStringLiteral("signed-in Connection destroyed on the GUI thread (sign-out): %1 ms")
                 .arg(signIn.teardownMs, 0, 'f', 1)
          << QString()
          << QStringLiteral("## Credentials table: CredentialTableModel + QSortFilterProxyModel "
                            "(SortRole, case-insensitive, every column), no view attached");
    for (const TableFigures& t : tables)
        lines << QStringLiteral("%1 rows: setCredentials %2 ms, sort by Created %3 ms, "
                                "setFilterFixedString(\"live\") %4 ms (%5 rows left), "
                                "setCredentials again while sorted and filtered %6 ms")
                     .arg(t.rows)
                     .arg(t.setMs, 0, 'f', 2)
                     .arg(t.sortMs, 0, 'f', 1)
                     .arg(t.filterMs, 0, 'f', 1)
                     .arg(t.filteredRows)
                     .arg(t.refreshMs, 0, 'f', 1)
              << QStringLiteral("    where the filter goes: the same filter on the Environment "
                                "column alone %1 ms; the display text of both date columns for "
                                "every row %2 ms")
                     .arg(t.environmentFilterMs, 0, 'f', 1)
                     .arg(t.datesMs, 0, 'f', 1);

    Results::write(QStringLiteral("gui_responsiveness.txt"), lines);
    return 0;
}
