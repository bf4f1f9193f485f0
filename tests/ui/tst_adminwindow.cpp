// The Administration window over a real local vault (its owner is a superuser): the main window
// offers it once it knows the user may, each tab loads what the vault's API.md §3 answers, the
// paged tables sort through the API's ordering, follow `next` page by page, drop the answers of a
// superseded load and keep their selection, and times are shown in local time. The server-side
// cases (a plain user, a server without §3, many owners, the wire) are tst_adminwindow_server's.
#include "tests/ui/uitestsupport.h"

#include "core/client/adminclient.h"
#include "ui/admintab.h"
#include "ui/adminwindow.h"
#include "ui/allcredentialsmodel.h"
#include "ui/allcredentialstab.h"
#include "ui/clipboardguard.h"
#include "ui/localtime.h"
#include "ui/mainwindow.h"
#include "ui/overviewtab.h"
#include "ui/pagedtableview.h"
#include "ui/statschart.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>

using namespace paycred;
using namespace paycred::uitest;
using Credential = client::Credential;

namespace {

struct Harness {
    UiFixture fixture;
    std::unique_ptr<ui::Connection> connection;
    std::unique_ptr<ui::ClipboardGuard> clipboard;
    std::unique_ptr<ui::MainWindow> window;

    bool open() {
        connection = fixture.createVault();
        if (!connection)
            return false;
        clipboard = std::make_unique<ui::ClipboardGuard>(fixture.clock);
        return true;
    }
    Credential add(const QString& provider, const QString& environment) {
        return addCredential(connection->client(), provider, environment,
                             QStringLiteral("api-key-") + provider,
                             QStringLiteral("private-key-") + provider);
    }
    void show() {
        window = std::make_unique<ui::MainWindow>(fixture.context, *connection, *clipboard);
        window->show();
        (void)QTest::qWaitForWindowExposed(window.get());
        waitIdle(connection->client());
    }
    QAction* administration() const {
        return window->findChild<QAction*>(QStringLiteral("actionAdministration"));
    }
    ui::AdminWindow* openAdmin() { return openAdministration(*window, connection->client()); }
    ui::AllCredentialsTab* credentialsTab(ui::AdminWindow* admin) {
        admin->tabs()->setCurrentWidget(admin->allCredentials());
        waitIdle(connection->client());
        return admin->allCredentials();
    }

    // A live KopoKopo and a sandbox InstaSend credential, listed in the All credentials tab.
    Credential kopo;
    Credential insta;
    ui::AdminWindow* admin = nullptr;
    ui::AllCredentialsTab* tab = nullptr;
    bool listBoth() {
        if (!open())
            return false;
        kopo = add(QStringLiteral("kopokopo"), QStringLiteral("live"));
        insta = add(QStringLiteral("instasend"), QStringLiteral("sandbox"));
        show();
        admin = openAdmin();
        if (!admin)
            return false;
        tab = credentialsTab(admin);
        return QTest::qWaitFor([this] { return tab->model().rowCount() == 2; }, 20000);
    }
};

QString cellText(const QAbstractItemModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

} // namespace

class TestAdminWindow : public QObject {
    Q_OBJECT
private slots:
    void theOwnerGetsTheAction() {
        Harness h;
        QVERIFY(h.open());
        h.show();
        QAction* action = h.administration();
        QVERIFY(action);
        QTRY_VERIFY_WITH_TIMEOUT(action->isVisible(), 20000);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        // It is in the File menu, where a user looks for it.
        bool inMenu = false;
        for (QAction* menu : h.window->menuBar()->actions())
            if (menu->menu() && menu->menu()->actions().contains(action))
                inMenu = true;
        QVERIFY(inMenu);
        ui::AdminWindow* admin = h.openAdmin();
        QVERIFY(admin);
        QVERIFY(admin->isWindow());
        QCOMPARE(admin->tabs()->currentWidget(), admin->overview());
        // Triggered again, the same window comes to the front.
        action->trigger();
        QCOMPARE(h.window->findChildren<ui::AdminWindow*>().size(), 1);
    }

    // A remembered session knows only the username: the app asks GET /users/me/ who it is first.
    void aSessionThatDoesNotSayIsAskedWhoItIs() {
        Harness h;
        QVERIFY(h.open());
        client::Session& session = h.connection->session();
        QByteArray refresh = session.refreshToken();
        session.resume(QStringLiteral("owner"), std::move(refresh));
        QVERIFY(!session.identity().isSuperuser.has_value());
        h.show();
        QTRY_VERIFY_WITH_TIMEOUT(h.administration()->isVisible(), 20000);
        QCOMPARE(session.identity().isSuperuser, std::optional<bool>(true)); // from /users/me/
    }

    void theOverviewShowsTheStats() {
        Harness h;
        QVERIFY(h.open());
        h.add(QStringLiteral("kopokopo"), QStringLiteral("live"));
        const Credential insta = h.add(QStringLiteral("instasend"), QStringLiteral("sandbox"));
        QVERIFY(await<Credential>([&](client::Callback<Credential> done) {
                    h.connection->client().toggleStatus(insta.id, std::move(done));
                }).ok());
        h.show();
        ui::AdminWindow* admin = h.openAdmin();
        QVERIFY(admin);
        ui::OverviewTab* overview = admin->overview();
        QTRY_VERIFY_WITH_TIMEOUT(overview->hasLoaded(), 20000);
        QCOMPARE(overview->stats().credentials, 2);
        QCOMPARE(overview->stats().users, 1);

        // The chart: one bar per provider, with what the server counted.
        auto* chart = child<ui::StatsChart>(overview, QStringLiteral("statsChart"));
        QVERIFY(chart);
        QMap<QString, client::AdminClient::ProviderCounts> bars;
        for (const ui::StatsChart::Bar& bar : chart->bars())
            bars.insert(bar.label, bar.counts);
        QCOMPARE(bars.value(QStringLiteral("KopoKopo")).live, 1);
        QCOMPARE(bars.value(QStringLiteral("KopoKopo")).sandbox, 0);
        QCOMPARE(bars.value(QStringLiteral("InstaSend")).inactive, 1);
        QVERIFY(
            chart->accessibleDescription().contains(QStringLiteral("KopoKopo: 0 sandbox, 1 live")));
        // It was drawn: the bars' colours are on screen.
        const QImage picture = chart->grab().toImage();
        bool liveDrawn = false;
        bool inactiveDrawn = false;
        for (int y = 0; y < picture.height(); ++y)
            for (int x = 0; x < picture.width(); ++x) {
                const QColor colour = picture.pixelColor(x, y);
                liveDrawn = liveDrawn || colour == ui::StatsChart::liveColour();
                inactiveDrawn = inactiveDrawn || colour == ui::StatsChart::inactiveColour();
            }
        QVERIFY(liveDrawn);
        QVERIFY(inactiveDrawn);

        // The numbers beside it: a row per provider and the total.
        auto* table = child<QTableWidget>(overview, QStringLiteral("statsTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 3);
        QMap<QString, QStringList> rows;
        for (int row = 0; row < table->rowCount(); ++row) {
            QStringList cells;
            for (int column = 0; column < table->columnCount(); ++column)
                cells << table->item(row, column)->text();
            rows.insert(table->verticalHeaderItem(row)->text(), cells);
        }
        QCOMPARE(rows.value(QStringLiteral("KopoKopo")), QStringList({"0", "1", "0", "1"}));
        QCOMPARE(rows.value(QStringLiteral("InstaSend")), QStringList({"0", "0", "1", "1"}));
        QCOMPARE(rows.value(QStringLiteral("All providers")), QStringList({"0", "1", "1", "2"}));
        const QString totals = child<QLabel>(overview, QStringLiteral("totalsLabel"))->text();
        QVERIFY2(totals.contains(QStringLiteral("<b>2</b> credentials")), qPrintable(totals));
    }

    void allCredentialsListsOwnersAndCounts() {
        Harness h;
        QVERIFY(h.open());
        const Credential kopo = h.add(QStringLiteral("kopokopo"), QStringLiteral("live"));
        const Credential insta = h.add(QStringLiteral("instasend"), QStringLiteral("sandbox"));
        h.show();
        ui::AdminWindow* admin = h.openAdmin();
        QVERIFY(admin);
        QVERIFY(!admin->allCredentials()->hasLoaded()); // a tab loads when it is first shown
        ui::AllCredentialsTab* tab = h.credentialsTab(admin);
        ui::AllCredentialsModel& model = tab->model();
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 20000);
        QCOMPARE(model.totalCount(), std::optional<qint64>(2));
        QCOMPARE(child<QLabel>(tab, QStringLiteral("allCredentialsCount"))->text(),
                 QStringLiteral("Matching credentials: 2"));
        for (int row = 0; row < 2; ++row)
            QCOMPARE(cellText(model, row, ui::AllCredentialsModel::OwnerColumn),
                     QStringLiteral("owner"));
        QVERIFY(ids(model).contains(kopo.id) && ids(model).contains(insta.id));
        const int live = model.rowOf(kopo.id);
        QCOMPARE(cellText(model, live, ui::AllCredentialsModel::EnvironmentColumn),
                 QStringLiteral("Live"));
        // Live stands out as in the user's own table.
        QVERIFY(model.index(live, ui::AllCredentialsModel::EnvironmentColumn)
                    .data(Qt::FontRole)
                    .value<QFont>()
                    .bold());
        // Nothing of a key in any role of any cell.
        for (int row = 0; row < model.rowCount(); ++row)
            for (int column = 0; column < model.columnCount(); ++column)
                for (int role :
                     {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)}) {
                    const QString text = model.index(row, column).data(role).toString();
                    QVERIFY2(!text.contains(QStringLiteral("private-key")) &&
                                 !text.contains(QStringLiteral("api-key")),
                             qPrintable(text));
                }
    }

    void filtersAreTheApisFilters() {
        Harness h;
        QVERIFY(h.listBoth());
        ui::AllCredentialsModel& model = h.tab->model();

        auto* environment = child<QComboBox>(h.tab, QStringLiteral("environmentFilter"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(1), 20000);
        QCOMPARE(ids(model), QList<qint64>({h.kopo.id}));
        QCOMPARE(model.query().target(model.path()),
                 QByteArray("/admin/credentials/?environment=live&ordering=owner"));

        auto* status = child<QComboBox>(h.tab, QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findData(QStringLiteral("false")));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(0), 20000);
        QCOMPARE(model.rowCount(), 0);
        status->setCurrentIndex(0);
        environment->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(2), 20000);

        auto* owner = child<QLineEdit>(h.tab, QStringLiteral("ownerSearch"));
        QTest::keyClicks(owner, QStringLiteral("nobody"));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(0), 20000);
        owner->setText(QStringLiteral("OWN")); // a part of the name, any case
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(2), 20000);

        auto* provider = child<QComboBox>(h.tab, QStringLiteral("providerFilter"));
        provider->setCurrentIndex(provider->findData(QStringLiteral("instasend")));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(1), 20000);
        QCOMPARE(cellText(model, 0, ui::AllCredentialsModel::ProviderColumn),
                 QStringLiteral("InstaSend"));
    }

    void aHeaderClickSortsOnTheServer() {
        Harness h;
        QVERIFY(h.listBoth());
        ui::AllCredentialsModel& model = h.tab->model();
        QSignalSpy loads(&model, &QAbstractItemModel::modelReset);

        clickHeader(h.tab->table(), ui::AllCredentialsModel::ProviderColumn);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 20000);
        QCOMPARE(model.ordering(), QStringLiteral("provider"));
        QCOMPARE(ids(model), QList<qint64>({h.insta.id, h.kopo.id})); // instasend < kopokopo
        clickHeader(h.tab->table(), ui::AllCredentialsModel::ProviderColumn);
        QTRY_COMPARE_WITH_TIMEOUT(model.ordering(), QStringLiteral("-provider"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(ids(model), QList<qint64>({h.kopo.id, h.insta.id}), 20000);
        QCOMPARE(loads.count(), 2);

        // The status is no ordering of the API: its header asks nothing and the order stays.
        clickHeader(h.tab->table(), ui::AllCredentialsModel::StatusColumn);
        QVERIFY(waitIdle(h.connection->client()));
        QCOMPARE(loads.count(), 2);
        QCOMPARE(model.ordering(), QStringLiteral("-provider"));
        QCOMPARE(h.tab->table()->horizontalHeader()->sortIndicatorSection(),
                 int(ui::AllCredentialsModel::ProviderColumn));
    }

    void aSupersededLoadIsDropped() {
        Harness h;
        QVERIFY(h.open());
        const Credential kopo = h.add(QStringLiteral("kopokopo"), QStringLiteral("live"));
        const Credential insta = h.add(QStringLiteral("instasend"), QStringLiteral("sandbox"));
        ui::AllCredentialsModel model(h.connection->admin());
        QSignalSpy counts(&model, &ui::PagedTableModel::totalCountChanged);
        // Three loads asked one after the other; only the last one's answer is shown.
        model.load({});
        model.sort(ui::AllCredentialsModel::ProviderColumn, Qt::DescendingOrder);
        model.sort(ui::AllCredentialsModel::ProviderColumn, Qt::AscendingOrder);
        QVERIFY(model.isLoading());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        QVERIFY(waitIdle(h.connection->client()));
        // The first two answers came too (the vault answers in order) and were dropped: two rows,
        // by provider (instasend < kopokopo), not the owner order the first load asked for.
        QCOMPARE(ids(model), QList<qint64>({insta.id, kopo.id}));
        QCOMPARE(counts.count(), 1);
        QCOMPARE(model.totalCount(), std::optional<qint64>(2));
    }

    void pagesFollowNextAndKeepTheSelection() {
        Harness h;
        QVERIFY(h.listBoth());
        ui::AllCredentialsModel& model = h.tab->model();

        // One row a page, oldest first: the first page comes, the row is selected, and the view
        // (the viewport is not full) asks for the next page itself, through fetchMore().
        model.setPageSize(1);
        model.sort(ui::AllCredentialsModel::CreatedColumn, Qt::AscendingOrder);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QMetaObject::Connection selectFirst =
            connect(&model, &ui::PagedTableModel::totalCountChanged, h.tab, [&] {
                h.tab->table()->selectRow(0);
                disconnect(selectFirst);
            });
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 20000);
        QCOMPARE(inserted.count(), 2); // two pages
        QCOMPARE(model.totalCount(), std::optional<qint64>(2));
        QVERIFY(!model.hasMore());
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(ids(model), QList<qint64>({h.kopo.id, h.insta.id}));
        QCOMPARE(h.tab->table()->currentRow(), std::optional<int>(0));
        QCOMPARE(h.tab->table()->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(model.idAt(h.tab->table()->selectionModel()->selectedRows().first().row()),
                 h.kopo.id);

        // After a reload the same row is found again.
        h.tab->table()->selectRow(1);
        model.sort(ui::AllCredentialsModel::CreatedColumn, Qt::DescendingOrder);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(h.tab->table()->currentRow(), std::optional<int>(0), 20000);
        QCOMPARE(model.idAt(0), h.insta.id);
    }

    void timesAreShownInLocalTime() {
        const TimeZone nairobi("Africa/Nairobi"); // UTC+3 all year
        Harness h;
        QVERIFY(h.open());
        const Credential kopo = h.add(QStringLiteral("kopokopo"), QStringLiteral("live"));
        QCOMPARE(kopo.createdAt, h.fixture.clock.now()); // 10:30 UTC
        h.show();
        ui::AdminWindow* admin = h.openAdmin();
        QVERIFY(admin);
        ui::AllCredentialsModel& model = h.credentialsTab(admin)->model();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 20000);
        QCOMPARE(kopo.createdAt.toLocalTime().time(), QTime(13, 30));
        const QString shown = cellText(model, 0, ui::AllCredentialsModel::CreatedColumn);
        QCOMPARE(shown, QLocale().toString(QDateTime(QDate(2024, 1, 15), QTime(13, 30)),
                                           QLocale::ShortFormat));
        QCOMPARE(shown, ui::localTimeText(kopo.createdAt));
    }

    // Every input and action of the window has a stable name and one a screen reader can say.
    void everyControlIsNamed() {
        Harness h;
        QVERIFY(h.open());
        h.add(QStringLiteral("kopokopo"), QStringLiteral("live"));
        h.show();
        ui::AdminWindow* admin = h.openAdmin();
        QVERIFY(admin);
        for (int index = 0; index < admin->tabs()->count(); ++index) {
            admin->tabs()->setCurrentIndex(index);
            QVERIFY(waitIdle(h.connection->client()));
            QWidget* tab = admin->tabs()->currentWidget();
            QVERIFY(!tab->objectName().isEmpty());
            for (QWidget* widget : tab->findChildren<QWidget*>()) {
                if (!widget->isVisible())
                    continue;
                const bool input = qobject_cast<QLineEdit*>(widget) ||
                                   qobject_cast<QComboBox*>(widget) ||
                                   qobject_cast<QAbstractButton*>(widget) ||
                                   qobject_cast<QAbstractItemView*>(widget);
                if (!input || qobject_cast<QComboBox*>(widget->parent()) ||
                    qobject_cast<QAbstractItemView*>(widget->parent()))
                    continue; // an editor or button inside a named control
                if (auto* button = qobject_cast<QToolButton*>(widget)) {
                    if (!button->defaultAction())
                        continue; // a toolbar's own extension button
                    QVERIFY2(!button->defaultAction()->objectName().isEmpty(),
                             qPrintable(button->text()));
                } else {
                    QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
                }
                QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
                QVERIFY(accessible);
                QVERIFY2(!accessible->text(QAccessible::Name).trimmed().isEmpty(),
                         qPrintable(widget->objectName()));
            }
        }
        // The window's and the tabs' own actions (not those Qt's widgets make for themselves).
        for (QAction* action : admin->findChildren<QAction*>()) {
            if (action->parent() != admin && !qobject_cast<ui::AdminTab*>(action->parent()))
                continue;
            QVERIFY2(action->objectName().startsWith(QStringLiteral("action")),
                     qPrintable(action->text()));
        }
    }

    void lockingClosesIt() {
        Harness h;
        QVERIFY(h.open());
        h.show();
        QPointer<ui::AdminWindow> admin = h.openAdmin();
        QVERIFY(admin);
        h.window->forgetSecrets();
        QTRY_VERIFY(!admin); // closed and deleted
    }
};

QTEST_MAIN(TestAdminWindow)
#include "tst_adminwindow.moc"
