// The Administration window at scale, against a real paycred-server (bench/admin_scale.sh starts
// it on the data set of bench_admin_dataset). Signs in over HTTP, opens ui::AdminWindow offscreen
// and, for every PagedTableView it has (found with findChildren, so a new tab is measured without
// a change here), shows its tab and times the first page until it is painted, then scrolls to the
// end as a user drags the scroll bar down (SliderToMaximum until the model cannot fetch more, or
// MaxRows), while a 1 ms timer on the GUI thread records the longest gap between its ticks (the
// longest stall) and the process's resident memory is read at 0, 1 000, 10 000 and 100 000 rows.
// The figures go to stdout, one block per table.
//
// Usage: BENCH_ADMIN_PASSWORD=... bench_admin_panel URL USERNAME [MAX_ROWS]
#include "bench/freezeprobe.h"
#include "bench/machine.h"
#include "bench/paintwatch.h"
#include "bench/wait.h"

#include "core/client/credentialsclient.h"
#include "core/client/session.h"
#include "core/crypto/secret.h"
#include "core/foundation/systemclock.h"
#include "ui/adminwindow.h"
#include "ui/appcontext.h"
#include "ui/connection.h"
#include "ui/pagedtablemodel.h"
#include "ui/pagedtableview.h"
#include "ui/preferences.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <malloc.h>

#include <cstdlib>
#include <functional>
#include <iterator>
#include <map>

namespace {

using namespace paycred;
using bench::FreezeProbe;
using bench::Machine;
using bench::PaintWatch;
using bench::Wait;

constexpr int TickMs = 1;
constexpr double SlowGapMs = 16;
constexpr int TimeoutMs = 120000;
constexpr int Marks[] = {1000, 10000, 100000};

[[noreturn]] void fail(const QString& sentence) {
    QTextStream(stderr) << "bench_admin_panel: " << sentence << Qt::endl;
    std::exit(1);
}

void say(const QString& line) {
    QTextStream(stdout) << line << Qt::endl;
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs = TimeoutMs) {
    return Wait::until(done, timeoutMs);
}

// The tab of `window` that holds `view`.
int tabOf(const ui::AdminWindow& window, const QWidget* view) {
    for (const QWidget* widget = view; widget; widget = widget->parentWidget()) {
        const int index = window.tabs()->indexOf(const_cast<QWidget*>(widget));
        if (index >= 0)
            return index;
    }
    return -1;
}

QString mib(qint64 kib) {
    return QStringLiteral("%1 MiB").arg(double(kib) / 1024, 0, 'f', 1);
}

void measure(ui::AdminWindow& window, ui::PagedTableView& view, int maxRows) {
    ui::PagedTableModel& model = *view.pagedModel();
    const int tab = tabOf(window, &view);
    if (tab < 0)
        fail(QStringLiteral("the table %1 is in no tab").arg(view.objectName()));
    const QString title = window.tabs()->tabText(tab).remove(QLatin1Char('&'));
    say(QStringLiteral("## %1 (%2, %3)")
            .arg(title, view.objectName(), QString::fromUtf8(model.path())));

    // Whatever the tabs before left behind goes back to the system first.
    ::malloc_trim(0);
    const qint64 baseKiB = Machine::residentKiB();
    std::map<int, qint64> memoryAt; // rows loaded → resident KiB
    const auto marking = QObject::connect(&model, &QAbstractItemModel::rowsInserted, &view, [&] {
        for (const int mark : Marks)
            if (model.rowCount() >= mark && !memoryAt.count(mark))
                memoryAt[mark] = Machine::residentKiB();
    });

    FreezeProbe probe(TickMs, SlowGapMs);
    bool painted = false;
    QElapsedTimer timer;
    {
        const PaintWatch watch(view, painted);
        probe.start();
        timer.start();
        window.tabs()->setCurrentIndex(tab);
        if (!waitUntil([&] { return painted; }))
            fail(QStringLiteral("the first page of %1 did not come (%2)")
                     .arg(title, window.message()));
    }
    const double firstPageMs = double(timer.nsecsElapsed()) / 1e6;
    const FreezeProbe::Figures opening = probe.figures();
    memoryAt[model.rowCount()] = Machine::residentKiB(); // the first page
    say(QStringLiteral("first page shown: %1 ms (%2 rows; %3 match) — aim < 100 ms: %4")
            .arg(firstPageMs, 0, 'f', 1)
            .arg(model.rowCount())
            .arg(model.totalCount() ? QString::number(*model.totalCount()) : QStringLiteral("?"))
            .arg(firstPageMs < 100 ? QStringLiteral("met") : QStringLiteral("MISSED")));
    say(QStringLiteral("  longest stall while it came: %1 ms (%2 ms of it on the CPU)")
            .arg(opening.longestGapMs, 0, 'f', 1)
            .arg(opening.longestGapCpuMs, 0, 'f', 1));

    // To the end, as a user drags the thumb down: each time at the bottom, the view fetches more.
    QScrollBar* bar = view.verticalScrollBar();
    int requests = 0;
    timer.start();
    while (model.rowCount() < maxRows && model.canFetchMore({})) {
        const int before = model.rowCount();
        const int maximum = bar->maximum();
        bar->triggerAction(QAbstractSlider::SliderToMaximum);
        if (bar->value() == maximum && !model.isLoading())
            model.fetchMore({}); // already at the bottom: what the view does on a scroll there
        ++requests;
        if (!waitUntil([&] { return model.rowCount() > before || !model.canFetchMore({}); }))
            fail(QStringLiteral("%1 stopped at %2 rows (%3)")
                     .arg(title)
                     .arg(before)
                     .arg(window.message()));
        // The scroll bar's new range comes with the view's next layout (none when the rows fit).
        waitUntil([&] { return bar->maximum() > maximum; }, 1000);
    }
    const double scrollMs = double(timer.nsecsElapsed()) / 1e6;
    const FreezeProbe::Figures scrolling = probe.stop();
    QObject::disconnect(marking);
    const qint64 endKiB = Machine::residentKiB();
    const int rows = model.rowCount();
    say(QStringLiteral("scrolled to %1 rows%2 in %3 s (%4 pages asked, %5 rows/s)")
            .arg(rows)
            .arg(model.canFetchMore({}) ? QStringLiteral(" (stopped there: more exist)")
                                        : QStringLiteral(" (the end)"))
            .arg(scrollMs / 1000, 0, 'f', 1)
            .arg(requests)
            .arg(scrollMs > 0 ? rows / (scrollMs / 1000) : 0, 0, 'f', 0));
    say(QStringLiteral("longest GUI-thread stall, first page to the end: %1 ms; %2 gaps over %3 ms "
                       "of %4 ticks of %5 ms — aim ≤ 16 ms: %6")
            .arg(scrolling.longestGapMs, 0, 'f', 1)
            .arg(scrolling.slowGaps)
            .arg(SlowGapMs, 0, 'f', 0)
            .arg(scrolling.ticks, 0, 'f', 0)
            .arg(TickMs)
            .arg(scrolling.longestGapMs <= SlowGapMs ? QStringLiteral("met")
                                                     : QStringLiteral("MISSED")));
    // On a shared machine a gap may be time spent waiting for a core: what the thread itself did.
    say(QStringLiteral(
            "  of which on the GUI thread's CPU: %1 ms; the most CPU time within any one "
            "gap: %2 ms — aim ≤ 16 ms: %3")
            .arg(scrolling.longestGapCpuMs, 0, 'f', 1)
            .arg(scrolling.longestBusyMs, 0, 'f', 1)
            .arg(scrolling.longestBusyMs <= SlowGapMs ? QStringLiteral("met")
                                                      : QStringLiteral("MISSED")));
    QStringList memory{QStringLiteral("0 rows %1").arg(mib(baseKiB))};
    for (const auto& [mark, kib] : memoryAt)
        memory << QStringLiteral("%1 rows %2").arg(mark).arg(mib(kib));
    if (!memoryAt.count(rows))
        memory << QStringLiteral("%1 rows %2").arg(rows).arg(mib(endKiB));
    say(QStringLiteral("resident memory: %1").arg(memory.join(QStringLiteral(", "))));
    say(QStringLiteral("  the first page of %1: +%2 over the window before it — memory follows the "
                       "rows loaded, not the rows that exist")
            .arg(model.totalCount() ? QString::number(*model.totalCount()) : QStringLiteral("?"))
            .arg(mib(memoryAt.begin()->second - baseKiB)));
    const int from = memoryAt.count(1000) ? 1000 : 0;
    const qint64 fromKiB = memoryAt.count(1000) ? memoryAt[1000] : baseKiB;
    if (rows > from)
        say(QStringLiteral("  %1 bytes a row (from %2 rows to %3)")
                .arg(double(endKiB - fromKiB) * 1024 / (rows - from), 0, 'f', 0)
                .arg(from)
                .arg(rows));
    say(QString());

    // The rows go before the next table is measured, so each starts from what it alone costs.
    model.clear();
    QCoreApplication::processEvents();
}

} // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        fail(QStringLiteral("usage: BENCH_ADMIN_PASSWORD=... bench_admin_panel URL USERNAME "
                            "[MAX_ROWS]"));
    const int maxRows = args.size() > 3 ? args.at(3).toInt() : Marks[std::size(Marks) - 1];
    if (maxRows < 1)
        fail(QStringLiteral("MAX_ROWS must be a positive number"));
    QString password = qEnvironmentVariable("BENCH_ADMIN_PASSWORD");
    if (password.isEmpty())
        fail(QStringLiteral("set BENCH_ADMIN_PASSWORD to the superuser's password"));

    const SystemClock clock;
    QTemporaryDir dir;
    if (!dir.isValid())
        fail(QStringLiteral("no temporary folder"));
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    ui::Preferences preferences(settings);
    ui::AppContext context{preferences, clock, {}, QStringLiteral("PayCredBench")};

    auto connection = ui::Connection::toServer(QUrl(args.at(1)));
    bool signedIn = false;
    QString why;
    connection->session().login(args.at(2), std::move(password),
                                [&](client::Result<client::Session::Identity> result) {
                                    signedIn = result.ok();
                                    why = result.error.message;
                                });
    crypto::wipe(password);
    if (!waitUntil([&] { return signedIn || !why.isEmpty(); }) || !signedIn)
        fail(QStringLiteral("cannot sign in at %1: %2").arg(args.at(1), why));
    std::optional<QList<client::CredentialsClient::Provider>> providers;
    connection->client().providers(
        [&](client::Result<QList<client::CredentialsClient::Provider>> r) {
            providers = r.ok() ? *r.value : client::CredentialsClient::builtInProviders();
        });
    if (!waitUntil([&] { return providers.has_value(); }))
        fail(QStringLiteral("no answer to GET /providers/"));

    say(QStringLiteral("# The Administration window (ui::AdminWindow, %1 platform) against %2")
            .arg(QGuiApplication::platformName(), args.at(1)));
    say(QStringLiteral("resident memory before the window: %1").arg(mib(Machine::residentKiB())));
    ui::AdminWindow window(context, *connection, *providers, nullptr);
    window.show();
    // The first tab (Overview) loads at once; the tables are measured from when theirs is shown.
    if (!waitUntil([&] { return window.isVisible(); }))
        fail(QStringLiteral("the window did not show"));
    const QList<ui::PagedTableView*> views = window.findChildren<ui::PagedTableView*>();
    if (views.isEmpty())
        fail(QStringLiteral("the window has no PagedTableView"));
    say(QStringLiteral("%1 paged table(s); at most %2 rows each; a %3 ms timer on the GUI thread "
                       "records the gaps between its ticks")
            .arg(views.size())
            .arg(maxRows)
            .arg(TickMs));
    say(QString());
    for (ui::PagedTableView* view : views)
        measure(window, *view, maxRows);
    return 0;
}
