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
#include "ui/auditeventmodel.h"
#include "ui/audittab.h"
#include "ui/clipboardguard.h"
#include "ui/localtime.h"
#include "ui/mainwindow.h"
#include "ui/overviewtab.h"
#include "ui/pagedtableview.h"
#include "ui/passwordgenerator.h"
#include "ui/statschart.h"
#include "ui/usersmodel.h"
#include "ui/userstab.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
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

// The Users tab of the owner's Administration window, and what another person's app on the same
// vault sees: a second Session through the same transport.
const QString UserPassword = QStringLiteral("a user's password 2024");

struct UsersHarness : Harness {
    ui::UsersTab* tab = nullptr;

    bool openUsers() {
        if (!open())
            return false;
        show();
        admin = openAdmin();
        if (!admin)
            return false;
        tab = admin->users();
        admin->tabs()->setCurrentWidget(tab);
        return loaded();
    }
    bool loaded() {
        return QTest::qWaitFor([this] { return tab->hasLoaded() && !tab->model().isLoading(); },
                               20000);
    }
    ui::UsersModel& model() const { return tab->model(); }
    // A user made through the tab's client (not its dialog), and the table loaded again.
    client::AdminUser addUser(const QString& username, bool superuser = false) {
        const auto created =
            await<client::AdminUser>([&](client::Callback<client::AdminUser> done) {
                tab->users().create(username, UserPassword, superuser, std::move(done));
            });
        if (!created.ok())
            qWarning("creating %s failed: %s", qPrintable(username),
                     qPrintable(created.error.message));
        tab->reload();
        (void)loaded();
        return created.value.value_or(client::AdminUser{});
    }
    // Selects the row of `id` once it is listed.
    bool select(qint64 id) {
        if (!QTest::qWaitFor([&] { return model().rowOf(id) >= 0; }, 20000))
            return false;
        tab->table()->selectRow(model().rowOf(id));
        return tab->table()->currentRow() == std::optional<int>(model().rowOf(id));
    }
    client::AdminUser row(qint64 id) const {
        return model().value(model().rowOf(id)).value_or(client::AdminUser{});
    }
    QAction* action(const QString& name) const { return tab->findChild<QAction*>(name); }
    bool idle() const { return waitIdle(connection->client()); }
    OtherApp other() { return OtherApp(connection->transport()); }
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

    // ---- Users ---------------------------------------------------------------------------------

    void theUsersTabListsEveryUser() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        QCOMPARE(h.admin->tabs()->indexOf(h.tab),
                 h.admin->tabs()->indexOf(h.admin->allCredentials()) + 1);
        ui::UsersModel& model = h.model();
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cellText(model, 0, ui::UsersModel::UsernameColumn), QStringLiteral("owner"));
        QCOMPARE(cellText(model, 0, ui::UsersModel::SuperuserColumn), QStringLiteral("Superuser"));
        QCOMPARE(cellText(model, 0, ui::UsersModel::ActiveColumn), QStringLiteral("Active"));
        QCOMPARE(cellText(model, 0, ui::UsersModel::JoinedColumn),
                 ui::localTimeText(h.fixture.clock.now()));
        QCOMPARE(cellText(model, 0, ui::UsersModel::LastLoginColumn),
                 ui::localTimeText(h.fixture.clock.now()));
        QCOMPARE(cellText(model, 0, ui::UsersModel::LockedColumn), QString());
        QCOMPARE(child<QLabel>(h.tab, QStringLiteral("usersCount"))->text(),
                 QStringLiteral("Matching users: 1"));
        const client::AdminUser wanjiku = h.addUser(QStringLiteral("wanjiku"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cellText(model, model.rowOf(wanjiku.id), ui::UsersModel::LastLoginColumn),
                 QStringLiteral("Never"));
        QCOMPARE(cellText(model, model.rowOf(wanjiku.id), ui::UsersModel::CredentialsColumn),
                 QStringLiteral("0"));
        // Nothing selected: only New User can act.
        QVERIFY(h.action(QStringLiteral("actionCreateUser"))->isEnabled());
        for (const char* name : {"actionResetPassword", "actionToggleUserActive",
                                 "actionToggleSuperuser", "actionUnlockUser", "actionDeleteUser"})
            QVERIFY2(!h.action(QString::fromLatin1(name))->isEnabled(), name);
        QCOMPARE(h.action(QStringLiteral("actionCreateUser"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_N));
        QCOMPARE(h.action(QStringLiteral("actionDeleteUser"))->shortcut(),
                 QKeySequence(Qt::Key_Delete));
        QCOMPARE(h.action(QStringLiteral("actionUnlockUser"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_U));
    }

    void aUserCreatedWithATypedPasswordLogsIn() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        QSignalSpy changed(h.tab, &ui::AdminTab::changed);
        h.action(QStringLiteral("actionCreateUser"))->trigger();
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("newUserDialog"));
        QVERIFY(dialog);
        // A mismatch is caught here, and nothing is sent.
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("newUsernameEdit")),
                         QStringLiteral("amina"));
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userPasswordEdit")),
                         UserPassword);
        QVERIFY(!child<QLabel>(dialog, QStringLiteral("userPasswordStrength"))->text().isEmpty());
        child<QPushButton>(dialog, QStringLiteral("saveUserButton"))->click();
        QVERIFY(child<QLabel>(dialog, QStringLiteral("userPasswordError"))
                    ->text()
                    .contains(QStringLiteral("do not match")));
        QVERIFY(h.idle());
        QCOMPARE(h.model().rowCount(), 1);
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userConfirmPasswordEdit")),
                         UserPassword);
        child<QCheckBox>(dialog, QStringLiteral("newUserSuperuserCheck"))->setChecked(true);
        child<QPushButton>(dialog, QStringLiteral("saveUserButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QDialog>(QStringLiteral("newUserDialog")), 20000);
        QVERIFY(h.loaded());
        QTRY_COMPARE_WITH_TIMEOUT(h.model().rowCount(), 2, 20000);
        QCOMPARE(h.admin->message(), QStringLiteral("User amina created."));
        QCOMPARE(changed.count(), 1);
        // A typed password is never shown back.
        QVERIFY(!findVisible<QDialog>(QStringLiteral("generatedPasswordDialog")));
        QStringList names;
        for (int r = 0; r < h.model().rowCount(); ++r)
            names << cellText(h.model(), r, ui::UsersModel::UsernameColumn);
        QCOMPARE(names, QStringList({"amina", "owner"}));
        QCOMPARE(cellText(h.model(), 0, ui::UsersModel::SuperuserColumn),
                 QStringLiteral("Superuser"));

        OtherApp amina = h.other();
        QVERIFY(amina.login(QStringLiteral("amina"), UserPassword).ok());
        QCOMPARE(amina.session.identity().isSuperuser, std::optional<bool>(true));
    }

    void aTakenUsernameIsSaidUnderItsField() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        h.action(QStringLiteral("actionCreateUser"))->trigger();
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("newUserDialog"));
        QVERIFY(fillUserDialog(dialog, QStringLiteral("owner"), UserPassword));
        QTRY_VERIFY_WITH_TIMEOUT(
            !child<QLabel>(dialog, QStringLiteral("newUsernameError"))->text().isEmpty(), 20000);
        QCOMPARE(child<QLabel>(dialog, QStringLiteral("newUsernameError"))->text(),
                 QStringLiteral("A user with that username already exists."));
        QVERIFY(dialog->isVisible()); // still open, to put it right
        QVERIFY(!findVisible<QDialog>(QStringLiteral("generatedPasswordDialog")));
        child<QPushButton>(dialog, QStringLiteral("cancelButton"))->click();
        QCOMPARE(h.model().rowCount(), 1);
    }

    void aGeneratedPasswordIsShownOnceAndWorks() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        QGuiApplication::clipboard()->clear();
        h.action(QStringLiteral("actionCreateUser"))->trigger();
        QVERIFY(fillUserDialog(waitForVisible<QDialog>(QStringLiteral("newUserDialog")),
                               QStringLiteral("baraka"), {}));
        auto* shown = waitForVisible<QDialog>(QStringLiteral("generatedPasswordDialog"));
        QVERIFY(shown);
        QVERIFY(!findVisible<QDialog>(QStringLiteral("newUserDialog")));
        const QString password =
            child<QLineEdit>(shown, QStringLiteral("generatedPasswordEdit"))->text();
        QCOMPARE(password.size(), ui::PasswordGenerator::Length);
        // None of the characters people misread when a password is read out or copied by hand.
        for (const QChar c : {u'0', u'O', u'1', u'l', u'I'})
            QVERIFY(!password.contains(c));
        QVERIFY(ui::PasswordGenerator::generate() != ui::PasswordGenerator::generate());
        QVERIFY(child<QLabel>(shown, QStringLiteral("generatedPasswordNote"))
                    ->text()
                    .contains(QStringLiteral("baraka")));
        // The copy goes through the ClipboardGuard: on the clipboard, marked, and cleared later.
        child<QPushButton>(shown, QStringLiteral("copyPasswordButton"))->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), password);
        QVERIFY(h.tab->clipboard().holdsSecret());
        QVERIFY(h.tab->clipboard().isPending());
        child<QPushButton>(shown, QStringLiteral("closeButton"))->click();
        QTRY_VERIFY(!findVisible<QDialog>(QStringLiteral("generatedPasswordDialog")));
        // Shown once: nothing shows it again, and no cell or tooltip has it.
        QVERIFY(h.loaded());
        QTRY_COMPARE_WITH_TIMEOUT(h.model().rowCount(), 2, 20000);
        for (int row = 0; row < h.model().rowCount(); ++row)
            for (int column = 0; column < h.model().columnCount(); ++column)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                    QVERIFY(!h.model().index(row, column).data(role).toString().contains(password));
        QVERIFY(!h.admin->message().contains(password));

        OtherApp baraka = h.other();
        QVERIFY(baraka.login(QStringLiteral("baraka"), password).ok());
        QVERIFY(baraka.list().ok());
        h.tab->clipboard().clearNow();
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
    }

    void aResetEndsTheUsersSessions() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        const client::AdminUser chebet = h.addUser(QStringLiteral("chebet"));
        OtherApp other = h.other();
        QVERIFY(other.login(QStringLiteral("chebet"), UserPassword).ok());
        QVERIFY(other.list().ok());

        QVERIFY(h.select(chebet.id));
        QVERIFY(h.action(QStringLiteral("actionResetPassword"))->isEnabled());
        h.action(QStringLiteral("actionResetPassword"))->trigger();
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("resetPasswordDialog"));
        QVERIFY(dialog);
        QVERIFY(child<QLabel>(dialog, QStringLiteral("resetPasswordNote"))
                    ->text()
                    .contains(QStringLiteral("chebet")));
        QVERIFY(!child<QLineEdit>(dialog, QStringLiteral("newUsernameEdit")));
        QVERIFY(fillUserDialog(dialog, {}, {}));
        const QString password = takeShownPassword();
        QVERIFY(!password.isEmpty());
        QCOMPARE(h.admin->message(),
                 QStringLiteral("chebet has a new password and was signed out everywhere."));

        // The old tokens ended: the other app's next call is refused, and it cannot refresh.
        const auto after = other.list();
        QVERIFY(!after.ok());
        QCOMPARE(after.error.status, 401);
        QCOMPARE(after.error.kind, client::ApiError::Kind::Unauthorized);
        OtherApp again = h.other();
        QVERIFY(!again.login(QStringLiteral("chebet"), UserPassword).ok());
        QVERIFY(again.login(QStringLiteral("chebet"), password).ok());

        // A typed one works the same way and is not shown.
        QVERIFY(h.select(chebet.id));
        h.action(QStringLiteral("actionResetPassword"))->trigger();
        QVERIFY(fillUserDialog(waitForVisible<QDialog>(QStringLiteral("resetPasswordDialog")), {},
                               QStringLiteral("typed reset password 77")));
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QDialog>(QStringLiteral("resetPasswordDialog")),
                                 20000);
        QVERIFY(h.idle());
        QVERIFY(!findVisible<QDialog>(QStringLiteral("generatedPasswordDialog")));
        OtherApp third = h.other();
        QVERIFY(
            third.login(QStringLiteral("chebet"), QStringLiteral("typed reset password 77")).ok());
    }

    void deactivateActivatePromoteDemote() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        const client::AdminUser daudi = h.addUser(QStringLiteral("daudi"));
        QVERIFY(h.select(daudi.id));
        QAction* active = h.action(QStringLiteral("actionToggleUserActive"));
        QAction* role = h.action(QStringLiteral("actionToggleSuperuser"));
        QCOMPARE(active->text(), QStringLiteral("Deac&tivate"));
        QCOMPARE(role->text(), QStringLiteral("&Promote to Superuser"));
        QSignalSpy changed(h.tab, &ui::AdminTab::changed);

        active->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!h.row(daudi.id).isActive, 20000);
        QCOMPARE(cellText(h.model(), h.model().rowOf(daudi.id), ui::UsersModel::ActiveColumn),
                 QStringLiteral("Inactive"));
        QCOMPARE(active->text(), QStringLiteral("Ac&tivate"));
        QVERIFY(h.admin->message().contains(QStringLiteral("daudi is deactivated")));
        QVERIFY(!h.other().login(QStringLiteral("daudi"), UserPassword).ok());
        active->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(h.row(daudi.id).isActive, 20000);
        QVERIFY(h.other().login(QStringLiteral("daudi"), UserPassword).ok());

        role->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(h.row(daudi.id).isSuperuser, 20000);
        QCOMPARE(role->text(), QStringLiteral("De&mote to Plain User"));
        QCOMPARE(h.admin->message(), QStringLiteral("daudi is a superuser now."));
        role->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!h.row(daudi.id).isSuperuser, 20000);
        QCOMPARE(h.admin->message(), QStringLiteral("daudi is a plain user now."));
        QCOMPARE(changed.count(), 4);
        // What the server now says, not only the table.
        const auto read = await<client::AdminUser>([&](client::Callback<client::AdminUser> done) {
            h.tab->users().read(daudi.id, std::move(done));
        });
        QVERIFY(read.ok());
        QVERIFY(read.value->isActive && !read.value->isSuperuser);
    }

    void aUserLockedByWrongPasswordsIsUnlocked() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        const client::AdminUser locked = h.addUser(QStringLiteral("esther"));
        OtherApp other = h.other();
        for (int attempt = 0; attempt < 5; ++attempt)
            QVERIFY(
                !other.login(QStringLiteral("esther"), QStringLiteral("not her password")).ok());
        const auto throttled = other.login(QStringLiteral("esther"), UserPassword);
        QCOMPARE(throttled.error.kind, client::ApiError::Kind::Throttled);

        h.admin->findChild<QAction*>(QStringLiteral("actionAdminRefresh"))->trigger(); // F5
        QVERIFY(h.loaded());
        QVERIFY(h.select(locked.id));
        const client::AdminUser row = h.row(locked.id);
        QVERIFY(row.isLocked());
        QCOMPARE(cellText(h.model(), h.model().rowOf(locked.id), ui::UsersModel::LockedColumn),
                 ui::localTimeText(*row.lockedUntil));
        QAction* unlock = h.action(QStringLiteral("actionUnlockUser"));
        QVERIFY(unlock->isEnabled());
        unlock->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!h.row(locked.id).isLocked(), 20000);
        QVERIFY(!unlock->isEnabled());
        QCOMPARE(cellText(h.model(), h.model().rowOf(locked.id), ui::UsersModel::LockedColumn),
                 QString());
        QCOMPARE(h.admin->message(),
                 QStringLiteral("esther is unlocked and can try to sign in again."));
        QVERIFY(other.login(QStringLiteral("esther"), UserPassword).ok());
    }

    void deletingSaysHowManyCredentialsGo() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        const client::AdminUser leaving = h.addUser(QStringLiteral("faraji"));
        {
            OtherApp faraji = h.other();
            QVERIFY(faraji.login(QStringLiteral("faraji"), UserPassword).ok());
            QVERIFY(addCredential(faraji.client, QStringLiteral("kopokopo")).id > 0);
            QVERIFY(addCredential(faraji.client, QStringLiteral("instasend")).id > 0);
        }
        h.tab->reload();
        QVERIFY(h.loaded());
        QVERIFY(h.select(leaving.id));
        QCOMPARE(h.row(leaving.id).credentialsCount, 2);
        h.action(QStringLiteral("actionDeleteUser"))->trigger();
        auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteUserBox"));
        QVERIFY(box);
        QCOMPARE(box->text(), QStringLiteral("Delete the user faraji?"));
        QVERIFY2(
            box->informativeText().contains(QStringLiteral("Their 2 credential(s) are deleted")),
            qPrintable(box->informativeText()));
        // Cancel is the default: nothing happens.
        child<QPushButton>(box, QStringLiteral("cancelButton"))->click();
        QVERIFY(h.idle());
        QVERIFY(h.model().rowOf(leaving.id) >= 0);

        h.action(QStringLiteral("actionDeleteUser"))->trigger();
        box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteUserBox"));
        QVERIFY(box);
        child<QPushButton>(box, QStringLiteral("confirmDeleteUserButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(h.model().rowOf(leaving.id), -1, 20000);
        QCOMPARE(h.admin->message(), QStringLiteral("User faraji deleted, with 2 credential(s)."));
        QCOMPARE(h.model().totalCount(), std::optional<qint64>(1));
        QVERIFY(!h.other().login(QStringLiteral("faraji"), UserPassword).ok());
    }

    void refusalsAboutYourselfAreTheServersSentence() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        const qint64 self = *h.connection->session().identity().userId;
        QVERIFY(h.select(self));
        h.action(QStringLiteral("actionDeleteUser"))->trigger();
        auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteUserBox"));
        QVERIFY(box);
        QVERIFY(box->informativeText().contains(QStringLiteral("no credentials")));
        child<QPushButton>(box, QStringLiteral("confirmDeleteUserButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!h.admin->message().isEmpty(), 20000);
        QCOMPARE(h.admin->message(),
                 QStringLiteral("You cannot delete your own account. Another superuser can do it "
                                "for your account."));
        QVERIFY(
            child<QLabel>(h.admin, QStringLiteral("adminMessage"))->property("isError").toBool());
        QCOMPARE(h.model().rowOf(self), 0); // still there

        h.action(QStringLiteral("actionToggleSuperuser"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(h.admin->message().startsWith(QStringLiteral(
                                     "You cannot remove your own superuser status.")),
                                 20000);
        h.action(QStringLiteral("actionToggleUserActive"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(h.admin->message().startsWith(
                                     QStringLiteral("You cannot deactivate your own account.")),
                                 20000);
        QVERIFY(h.row(self).isSuperuser && h.row(self).isActive);
        QVERIFY(h.administration()->isVisible()); // a refusal is not a lost permission
    }

    void usersFiltersAndOrderingsAreTheApis() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        h.addUser(QStringLiteral("zawadi"));
        const client::AdminUser boss = h.addUser(QStringLiteral("boss"), true);
        ui::UsersModel& model = h.model();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.query().target(model.path()), QByteArray("/admin/users/?ordering=username"));

        // The search waits for a pause in the typing: one load for the whole word.
        QSignalSpy loads(&model, &QAbstractItemModel::modelReset);
        QTest::keyClicks(child<QLineEdit>(h.tab, QStringLiteral("userSearch")),
                         QStringLiteral("AWA"));
        QCOMPARE(loads.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(1), 20000);
        QCOMPARE(loads.count(), 1);
        QCOMPARE(model.query().target(model.path()),
                 QByteArray("/admin/users/?search=AWA&ordering=username"));
        child<QLineEdit>(h.tab, QStringLiteral("userSearch"))->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(3), 20000);

        auto* superuser = child<QComboBox>(h.tab, QStringLiteral("superuserFilter"));
        superuser->setCurrentIndex(superuser->findData(QStringLiteral("true")));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(2), 20000);
        QCOMPARE(model.query().target(model.path()),
                 QByteArray("/admin/users/?is_superuser=true&ordering=username"));
        QCOMPARE(cellText(model, 0, ui::UsersModel::UsernameColumn), boss.username);
        auto* active = child<QComboBox>(h.tab, QStringLiteral("activeFilter"));
        active->setCurrentIndex(active->findData(QStringLiteral("false")));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(0), 20000);
        superuser->setCurrentIndex(0);
        active->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(3), 20000);

        // Username descending, then joined: the server's order.
        clickHeader(h.tab->table(), ui::UsersModel::UsernameColumn);
        QTRY_COMPARE_WITH_TIMEOUT(model.ordering(), QStringLiteral("-username"), 20000);
        QVERIFY(h.loaded());
        QCOMPARE(cellText(model, 0, ui::UsersModel::UsernameColumn), QStringLiteral("zawadi"));
        clickHeader(h.tab->table(), ui::UsersModel::JoinedColumn);
        QTRY_COMPARE_WITH_TIMEOUT(model.ordering(), QStringLiteral("date_joined"), 20000);
        clickHeader(h.tab->table(), ui::UsersModel::LastLoginColumn);
        QTRY_COMPARE_WITH_TIMEOUT(model.ordering(), QStringLiteral("last_login"), 20000);
        QVERIFY(h.loaded());
        // Credentials, superuser, active, locked: no ordering of the API; nothing is asked.
        const int before = int(loads.count());
        for (int column : {int(ui::UsersModel::CredentialsColumn),
                           int(ui::UsersModel::SuperuserColumn), int(ui::UsersModel::LockedColumn)})
            clickHeader(h.tab->table(), column);
        QVERIFY(h.idle());
        QCOMPARE(int(loads.count()), before);
        QCOMPARE(model.ordering(), QStringLiteral("last_login"));
    }

    void aChangeToAUserMakesTheOtherTabsLoadAgain() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        QVERIFY(h.admin->overview()->hasLoaded());
        const client::AdminUser user = h.addUser(QStringLiteral("gathoni"));
        QVERIFY(h.select(user.id));
        h.action(QStringLiteral("actionToggleUserActive"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!h.row(user.id).isActive, 20000);
        QVERIFY(!h.admin->overview()->hasLoaded());
        h.admin->tabs()->setCurrentWidget(h.admin->overview());
        QTRY_VERIFY_WITH_TIMEOUT(h.admin->overview()->hasLoaded(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(h.admin->overview()->stats().activeUsers, 1, 20000);
        QCOMPARE(h.admin->overview()->stats().users, 2);
    }

    // Issue 9's round trip: a user made in the panel signs in with a second app, acts, and what
    // they did is in the first app's Audit log, newest first, with its outcome and environment.
    void whatAUserMadeInThePanelDoesIsInTheAuditLog() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        h.action(QStringLiteral("actionCreateUser"))->trigger();
        QVERIFY(fillUserDialog(waitForVisible<QDialog>(QStringLiteral("newUserDialog")),
                               QStringLiteral("zawadi"), UserPassword, false));
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QDialog>(QStringLiteral("newUserDialog")), 20000);
        QVERIFY(h.idle());

        OtherApp zawadi = h.other();
        QVERIFY(zawadi.login(QStringLiteral("zawadi"), UserPassword).ok());
        const auto created = zawadi.create(
            {QStringLiteral("kopokopo"), QStringLiteral("zawadi-client-id"),
             QStringLiteral("zawadi-live-secret-0123456789"), QStringLiteral("live")});
        QVERIFY2(created.ok(), qPrintable(created.error.message));
        const qint64 id = created.value->id;
        QVERIFY(zawadi.reveal(id).ok());
        const auto wrong = zawadi.verify(id, QStringLiteral("not-zawadi-s-secret-key"));
        QVERIFY(wrong.ok() && !*wrong.value);

        ui::AuditTab* audit = h.admin->audit();
        h.admin->tabs()->setCurrentWidget(audit);
        audit->reload();
        QTRY_VERIFY_WITH_TIMEOUT(audit->hasLoaded() && !audit->model().isLoading(), 20000);
        QStringList seen; // newest first, down to the owner's user_created
        for (int row = 0; row < audit->model().rowCount(); ++row) {
            const auto event = audit->model().value(row);
            QVERIFY(event);
            seen << QStringLiteral("%1 %2 %3 %4")
                        .arg(ui::AuditEventModel::actorText(*event), event->action, event->outcome,
                             event->environment.isEmpty() ? QStringLiteral("-")
                                                          : event->environment);
            if (event->action == QLatin1String("user_created"))
                break;
        }
        QCOMPARE(seen, QStringList({
                           QStringLiteral("zawadi credential_verified failed live"),
                           QStringLiteral("zawadi private_key_revealed ok live"),
                           QStringLiteral("zawadi credential_created ok live"),
                           QStringLiteral("zawadi login ok -"),
                           QStringLiteral("owner user_created ok -"),
                       }));
        // The table shows them too: the newest row is zawadi's failed verification.
        QCOMPARE(cellText(audit->model(), 0, ui::AuditEventModel::ActorColumn),
                 QStringLiteral("zawadi"));
    }

    // Each action answers its key where a user is when they press it: the tab's table focused.
    void theUsersTabsKeysFireItsActions() {
        UsersHarness h;
        QVERIFY(h.openUsers());
        const client::AdminUser user = h.addUser(QStringLiteral("hadija"));
        QVERIFY(h.select(user.id));
        const QMap<QString, QString> opens = {
            {QStringLiteral("actionCreateUser"), QStringLiteral("newUserDialog")},
            {QStringLiteral("actionResetPassword"), QStringLiteral("resetPasswordDialog")},
            {QStringLiteral("actionDeleteUser"), QStringLiteral("confirmDeleteUserBox")},
            {QStringLiteral("actionToggleUserActive"), {}},
            {QStringLiteral("actionToggleSuperuser"), {}},
        };
        const auto press = [&](QAction* action) {
            h.admin->activateWindow();
            if (!QTest::qWaitForWindowActive(h.admin))
                return -1;
            h.tab->table()->setFocus();
            QSignalSpy triggered(action, &QAction::triggered);
            QTest::keySequence(h.admin->windowHandle(), action->shortcut());
            return int(triggered.count());
        };
        for (auto it = opens.begin(); it != opens.end(); ++it) {
            QAction* action = h.action(it.key());
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(it.key()));
            QVERIFY2(press(action) == 1, qPrintable(it.key() + QStringLiteral(" did not fire")));
            if (!it.value().isEmpty()) {
                auto* shown = waitForVisible<QWidget>(it.value());
                QVERIFY2(shown, qPrintable(it.value()));
                QTest::keyClick(shown, Qt::Key_Escape);
                QTRY_VERIFY2(!findVisible<QWidget>(it.value()), qPrintable(it.value()));
            }
            QVERIFY(h.idle());
        }
        QVERIFY(h.model().rowOf(user.id) >= 0); // Esc cancelled the deletion
        QCOMPARE(h.row(user.id).isActive, false);
        QCOMPARE(h.row(user.id).isSuperuser, true);
        // Unlock: nobody is locked, so its key does nothing.
        QCOMPARE(press(h.action(QStringLiteral("actionUnlockUser"))), 0);
    }
};

QTEST_MAIN(TestAdminWindow)
#include "tst_adminwindow.moc"
