// The Administration window against a real paycred-server on a loopback port, with several users
// and their credentials, signed in through the real login window. ServerTap, between the app and
// the server, shows what was sent (a header click asks the server for a new ordering; a scroll
// follows the page's `next`) and plays a server without API.md §3 (its /admin/ paths answer the
// seed's plain 404). A plain user and that server never see the Administration action.
#include "tests/server/serverprocess.h"
#include "tests/ui/servertap.h"
#include "tests/ui/signedin.h"
#include "tests/ui/uitestsupport.h"

#include "core/client/adminclient.h"
#include "ui/adminwindow.h"
#include "ui/allcredentialsmodel.h"
#include "ui/allcredentialstab.h"
#include "ui/connection.h"
#include "ui/desktopapp.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/overviewtab.h"
#include "ui/pagedtableview.h"
#include "ui/usersmodel.h"
#include "ui/userstab.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollBar>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTabWidget>
#include <QUrlQuery>

using namespace paycred;
using namespace paycred::uitest;
using Owned = client::AdminClient::OwnedCredential;

namespace {

const QString Password = QStringLiteral("server password 0007");

// Who owns what on the test server: two credentials at most each (one per provider, API.md).
struct Holding {
    const char* owner;
    const char* provider;
    const char* environment;
};
constexpr Holding Holdings[] = {
    {"amina", "kopokopo", "live"},     {"amina", "instasend", "sandbox"},
    {"baraka", "kopokopo", "live"},    {"baraka", "instasend", "live"},
    {"chebet", "kopokopo", "sandbox"}, {"chebet", "instasend", "live"},
    {"daudi", "kopokopo", "sandbox"},
};
constexpr int HoldingCount = sizeof(Holdings) / sizeof(Holdings[0]);

template <typename T> T* in(QWidget* parent, const QString& name) {
    return parent ? parent->findChild<T*>(name) : nullptr;
}

// Signed in as boss, the Administration window on its Users tab, loaded; null when not.
ui::AdminWindow* openUsers(SignedIn& s, const QString& url) {
    if (!s.signIn(url, QStringLiteral("boss"), Password))
        return nullptr;
    ui::AdminWindow* admin = s.openAdmin();
    if (!admin)
        return nullptr;
    ui::UsersTab* tab = admin->users();
    admin->tabs()->setCurrentWidget(tab);
    const bool loaded =
        QTest::qWaitFor([&] { return tab->hasLoaded() && !tab->model().isLoading(); }, 20000);
    return loaded && s.idle() ? admin : nullptr;
}

QString queryValue(const QByteArray& target, const QString& name) {
    return QUrlQuery(QUrl(QString::fromUtf8(target)).query()).queryItemValue(name);
}

} // namespace

class TestAdminWindowServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_server = std::make_unique<test::ServerProcess>();
        for (const char* name : {"boss", "amina", "baraka", "chebet", "daudi", "plain"}) {
            const auto created = m_server->createSuperuser(QString::fromLatin1(name), Password);
            QVERIFY2(created.exitCode == 0, created.err.constData());
        }
        QVERIFY(demote(QStringLiteral("plain")));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        for (const Holding& holding : Holdings)
            QVERIFY(addCredential(QString::fromLatin1(holding.owner),
                                  QString::fromLatin1(holding.provider),
                                  QString::fromLatin1(holding.environment)));
        m_tap = std::make_unique<ServerTap>(m_server->port());
        QVERIFY(m_tap->listen());
    }
    void init() { m_tap->clearLog(); }

    void hiddenForAPlainUser() {
        SignedIn s;
        QVERIFY(s.signIn(m_tap->baseUrl(), QStringLiteral("plain"), Password));
        QCOMPARE(s.app.connection()->session().identity().isSuperuser, std::optional<bool>(false));
        QAction* action = s.administration();
        QVERIFY(action);
        QVERIFY(!action->isVisible());
        // Its key does nothing either, and nothing of §3 was even asked.
        QTest::keySequence(s.window()->windowHandle(), action->shortcut());
        QVERIFY(s.idle());
        QVERIFY(!findVisible<QWidget>(QStringLiteral("adminWindow")));
        QCOMPARE(m_tap->requestsTo("/admin/").size(), 0);
    }

    void hiddenAgainstAServerWithoutAdministration() {
        ServerTap seedLike(m_server->port());
        seedLike.refuse("/admin/");
        QVERIFY(seedLike.listen());
        SignedIn s;
        QVERIFY(s.signIn(seedLike.baseUrl(), QStringLiteral("boss"), Password));
        QCOMPARE(s.app.connection()->session().identity().isSuperuser, std::optional<bool>(true));
        QTRY_VERIFY_WITH_TIMEOUT(!s.app.connection()->session().capabilities().admin, 20000);
        QVERIFY(s.idle());
        QVERIFY(!s.administration()->isVisible());
        QCOMPARE(seedLike.requestsTo("/admin/").size(), 1); // the one probe
        QCOMPARE(seedLike.requestsTo("/admin/").first().target, QByteArray("/admin/stats/"));
        // The user's own credentials work as ever.
        QTRY_COMPARE_WITH_TIMEOUT(s.window()->table()->model()->rowCount(), 0, 20000);
        QVERIFY(s.window()->message().isEmpty());
    }

    void everyTabLoadsWhatTheServerHas() {
        SignedIn s;
        QVERIFY(s.signIn(m_tap->baseUrl(), QStringLiteral("boss"), Password));
        ui::AdminWindow* admin = s.openAdmin();
        QVERIFY(admin);
        QTRY_VERIFY_WITH_TIMEOUT(admin->overview()->hasLoaded(), 20000);
        QCOMPARE(admin->overview()->stats().users, 6);
        QCOMPARE(admin->overview()->stats().credentials, HoldingCount);
        QCOMPARE(admin->overview()->stats().byProvider.value("instasend").live, 2);

        admin->tabs()->setCurrentWidget(admin->allCredentials());
        ui::AllCredentialsModel& model = admin->allCredentials()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(HoldingCount), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), HoldingCount, 20000);
        QSet<QString> owners;
        for (int row = 0; row < model.rowCount(); ++row)
            owners << model.index(row, ui::AllCredentialsModel::OwnerColumn).data().toString();
        QCOMPARE(owners, QSet<QString>({"amina", "baraka", "chebet", "daudi"}));
        // One request a tab, each the first page of its list.
        QCOMPARE(m_tap->requestsTo("/admin/stats/").size(), 2); // the probe and the overview
        QCOMPARE(m_tap->requestsTo("/admin/credentials/").size(), 1);
    }

    void aHeaderClickAsksTheServerForTheOrder() {
        SignedIn s;
        QVERIFY(s.signIn(m_tap->baseUrl(), QStringLiteral("boss"), Password));
        ui::AdminWindow* admin = s.openAdmin();
        QVERIFY(admin);
        admin->tabs()->setCurrentWidget(admin->allCredentials());
        ui::AllCredentialsTab* tab = admin->allCredentials();
        ui::AllCredentialsModel& model = tab->model();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), HoldingCount, 20000);
        QVERIFY(s.idle());
        m_tap->clearLog();

        // Owner, then owner descending: each click one request, for that order.
        clickHeader(tab->table(), ui::AllCredentialsModel::OwnerColumn); // was ascending already
        QVERIFY(s.idle());
        QTRY_COMPARE_WITH_TIMEOUT(m_tap->requestsTo("/admin/credentials/").size(), 1, 20000);
        const QByteArray sent = m_tap->requestsTo("/admin/credentials/").last().target;
        QCOMPARE(queryValue(sent, QStringLiteral("ordering")), QStringLiteral("-owner"));
        QVERIFY(queryValue(sent, QStringLiteral("cursor")).isEmpty()); // the first page
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), HoldingCount, 20000);
        QStringList owners;
        for (int row = 0; row < model.rowCount(); ++row)
            owners << model.index(row, ui::AllCredentialsModel::OwnerColumn).data().toString();
        QStringList expected = owners;
        std::sort(expected.begin(), expected.end(), std::greater<>());
        QCOMPARE(owners, expected);
        QCOMPARE(owners.first(), QStringLiteral("daudi"));
        // The rows are the server's answer as it is, not re-sorted here.
        client::AdminClient::ListQuery query;
        query.ordering = QStringLiteral("-owner");
        const auto direct = await<client::AdminClient::ListPage<Owned>>(
            [&](client::Callback<client::AdminClient::ListPage<Owned>> done) {
                s.app.connection()->admin().credentials(
                    query.target(client::AdminClient::CredentialsPath), std::move(done));
            });
        QVERIFY(direct.ok());
        QList<qint64> serverOrder;
        for (const Owned& owned : direct.value->results)
            serverOrder << owned.credential.id;
        QCOMPARE(ids(model), serverOrder);

        // Created, newest first.
        m_tap->clearLog();
        clickHeader(tab->table(), ui::AllCredentialsModel::CreatedColumn);
        QTRY_COMPARE_WITH_TIMEOUT(m_tap->requestsTo("/admin/credentials/").size(), 1, 20000);
        QCOMPARE(queryValue(m_tap->requestsTo("/admin/credentials/").last().target,
                            QStringLiteral("ordering")),
                 QStringLiteral("created_at"));
        QVERIFY(s.idle());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), HoldingCount, 20000);
        QList<qint64> created = ids(model);
        QList<qint64> ascending = created;
        std::sort(ascending.begin(), ascending.end()); // made one after the other: ids ascend
        QCOMPARE(created, ascending);

        // Status is no ordering of the API: nothing is asked.
        m_tap->clearLog();
        clickHeader(tab->table(), ui::AllCredentialsModel::StatusColumn);
        QVERIFY(s.idle());
        QCOMPARE(m_tap->requestsTo("/admin/credentials/").size(), 0);
        QCOMPARE(ids(model), created);
    }

    void scrollingFetchesTheNextPageAndKeepsTheSelection() {
        SignedIn s;
        QVERIFY(s.signIn(m_tap->baseUrl(), QStringLiteral("boss"), Password));
        ui::AdminWindow* admin = s.openAdmin();
        QVERIFY(admin);
        ui::AllCredentialsTab* tab = admin->allCredentials();
        ui::AllCredentialsModel& model = tab->model();
        // Two rows a page, in a table that shows about three.
        model.setPageSize(2);
        admin->tabs()->setCurrentWidget(tab);
        QTRY_VERIFY_WITH_TIMEOUT(model.hasStarted(), 20000);
        ui::PagedTableView* table = tab->table();
        table->setFixedHeight(table->horizontalHeader()->height() +
                              table->verticalHeader()->defaultSectionSize() * 3 + 4);
        QVERIFY(s.idle());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        QVERIFY(s.idle());
        QVERIFY(model.hasMore());
        const int shown = model.rowCount();
        QVERIFY2(shown >= 2 && shown < HoldingCount, qPrintable(QString::number(shown)));
        QCOMPARE(model.totalCount(), std::optional<qint64>(HoldingCount)); // from the first page
        table->selectRow(1);
        const qint64 selected = model.idAt(1);

        // Scrolled to the end: the next page is asked for with the cursor the last one gave.
        QList<qint64> seen = ids(model);
        while (model.hasMore()) {
            m_tap->clearLog();
            const int before = model.rowCount();
            table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
            QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > before, 20000);
            QVERIFY(s.idle());
            const auto pages = m_tap->requestsTo("/admin/credentials/");
            QVERIFY(!pages.isEmpty());
            QVERIFY(!queryValue(pages.first().target, QStringLiteral("cursor")).isEmpty());
            QCOMPARE(queryValue(pages.first().target, QStringLiteral("page_size")),
                     QStringLiteral("2"));
            QCOMPARE(table->currentRow(), std::optional<int>(1));
            QCOMPARE(model.idAt(*table->currentRow()), selected);
            QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        }
        seen = ids(model);
        QCOMPARE(seen.size(), HoldingCount);
        QCOMPARE(QSet<qint64>(seen.begin(), seen.end()).size(), HoldingCount); // none twice
        QVERIFY(!model.canFetchMore({}));
    }

    // ---- Users (these make and change users of their own: they run after the counts above) ----

    void theUsersTabAsksTheServerForItsFiltersAndOrder() {
        SignedIn s;
        ui::AdminWindow* admin = openUsers(s, m_tap->baseUrl());
        QVERIFY(admin);
        ui::UsersTab* tab = admin->users();
        ui::UsersModel& model = tab->model();
        QCOMPARE(m_tap->requestsTo("/admin/users/").size(), 1);
        QCOMPARE(m_tap->requestsTo("/admin/users/").first().target,
                 QByteArray("/admin/users/?ordering=username"));
        QVERIFY(model.rowCount() >= 6);
        QCOMPARE(model.index(0, ui::UsersModel::UsernameColumn).data().toString(),
                 QStringLiteral("amina"));
        QCOMPARE(model.index(0, ui::UsersModel::CredentialsColumn).data().toString(),
                 QStringLiteral("2"));

        // The search: one request when the typing pauses.
        m_tap->clearLog();
        QTest::keyClicks(in<QLineEdit>(tab, QStringLiteral("userSearch")), QStringLiteral("ara"));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(1), 20000);
        QVERIFY(s.idle());
        QCOMPARE(m_tap->requestsTo("/admin/users/").size(), 1);
        QCOMPARE(
            queryValue(m_tap->requestsTo("/admin/users/").first().target, QStringLiteral("search")),
            QStringLiteral("ara"));
        QCOMPARE(model.index(0, ui::UsersModel::UsernameColumn).data().toString(),
                 QStringLiteral("baraka"));
        in<QLineEdit>(tab, QStringLiteral("userSearch"))->clear();
        QVERIFY(QTest::qWaitFor([&] { return model.totalCount() > 1; }, 20000));

        m_tap->clearLog();
        auto* superuser = in<QComboBox>(tab, QStringLiteral("superuserFilter"));
        superuser->setCurrentIndex(superuser->findData(QStringLiteral("false")));
        QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), std::optional<qint64>(1), 20000);
        QCOMPARE(model.index(0, ui::UsersModel::UsernameColumn).data().toString(),
                 QStringLiteral("plain"));
        auto* active = in<QComboBox>(tab, QStringLiteral("activeFilter"));
        active->setCurrentIndex(active->findData(QStringLiteral("true")));
        QTRY_VERIFY_WITH_TIMEOUT(m_tap->requestsTo("/admin/users/").size() == 2, 20000);
        QVERIFY(s.idle());
        const QByteArray filtered = m_tap->requestsTo("/admin/users/").last().target;
        QCOMPARE(queryValue(filtered, QStringLiteral("is_superuser")), QStringLiteral("false"));
        QCOMPARE(queryValue(filtered, QStringLiteral("is_active")), QStringLiteral("true"));
        superuser->setCurrentIndex(0);
        active->setCurrentIndex(0);
        QVERIFY(QTest::qWaitFor([&] { return model.totalCount() > 1; }, 20000));
        QVERIFY(s.idle());

        // Each sortable header: one request, in that order; the others ask nothing.
        const QList<QPair<int, QString>> clicks = {
            {ui::UsersModel::UsernameColumn, QStringLiteral("-username")},
            {ui::UsersModel::JoinedColumn, QStringLiteral("date_joined")},
            {ui::UsersModel::LastLoginColumn, QStringLiteral("last_login")},
            {ui::UsersModel::LastLoginColumn, QStringLiteral("-last_login")},
        };
        for (const auto& [column, ordering] : clicks) {
            m_tap->clearLog();
            clickHeader(tab->table(), column);
            QTRY_COMPARE_WITH_TIMEOUT(m_tap->requestsTo("/admin/users/").size(), 1, 20000);
            QCOMPARE(queryValue(m_tap->requestsTo("/admin/users/").first().target,
                                QStringLiteral("ordering")),
                     ordering);
            QVERIFY(s.idle());
        }
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        // Who signed in last comes first: boss, just now.
        QCOMPARE(model.index(0, ui::UsersModel::UsernameColumn).data().toString(),
                 QStringLiteral("boss"));
        m_tap->clearLog();
        for (int column :
             {int(ui::UsersModel::SuperuserColumn), int(ui::UsersModel::ActiveColumn),
              int(ui::UsersModel::CredentialsColumn), int(ui::UsersModel::LockedColumn)})
            clickHeader(tab->table(), column);
        QVERIFY(s.idle());
        QCOMPARE(m_tap->requestsTo("/admin/users/").size(), 0);
    }

    void aUserMadeInTheTabSignsInAndIsResetLockedAndDeleted() {
        SignedIn s;
        ui::AdminWindow* admin = openUsers(s, m_tap->baseUrl());
        QVERIFY(admin);
        ui::UsersTab* tab = admin->users();

        // Created with a generated password, shown once, that really signs in over HTTP.
        tab->findChild<QAction*>(QStringLiteral("actionCreateUser"))->trigger();
        QVERIFY(fillUserDialog(waitForVisible<QDialog>(QStringLiteral("newUserDialog")),
                               QStringLiteral("esi"), {}));
        const QString generated = takeShownPassword();
        QVERIFY(!generated.isEmpty());
        auto other = ui::Connection::toServer(QUrl(m_server->baseUrl()));
        OtherApp esi(other->transport());
        QVERIFY(esi.login(QStringLiteral("esi"), generated).ok());
        QVERIFY(uitest::addCredential(esi.client, QStringLiteral("kopokopo")).id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!tab->model().isLoading(), 20000);
        const auto row = [&] {
            for (int r = 0; r < tab->model().rowCount(); ++r)
                if (tab->model().at(r).username == QLatin1String("esi"))
                    return r;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(row() >= 0, 20000);
        const qint64 id = tab->model().idAt(row());

        // Reset with a typed password: the token esi's app holds stops working.
        tab->table()->selectRow(row());
        tab->findChild<QAction*>(QStringLiteral("actionResetPassword"))->trigger();
        QVERIFY(fillUserDialog(waitForVisible<QDialog>(QStringLiteral("resetPasswordDialog")), {},
                               Password));
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QDialog>(QStringLiteral("resetPasswordDialog")),
                                 20000);
        const auto ended = esi.list();
        QVERIFY(!ended.ok());
        QCOMPARE(ended.error.status, 401);

        // Five wrong passwords over HTTP lock the user; the tab shows it and unlocks.
        OtherApp guesser(other->transport());
        for (int attempt = 0; attempt < 5; ++attempt)
            QVERIFY(!guesser.login(QStringLiteral("esi"), QStringLiteral("a wrong guess 1")).ok());
        QCOMPARE(guesser.login(QStringLiteral("esi"), Password).error.kind,
                 client::ApiError::Kind::Throttled);
        admin->findChild<QAction*>(QStringLiteral("actionAdminRefresh"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->model().isLoading() && row() >= 0, 20000);
        QVERIFY(tab->model().at(row()).isLocked());
        tab->table()->selectRow(row());
        QAction* unlock = tab->findChild<QAction*>(QStringLiteral("actionUnlockUser"));
        QVERIFY(unlock->isEnabled());
        unlock->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->model().at(row()).isLocked(), 20000);
        QVERIFY(guesser.login(QStringLiteral("esi"), Password).ok());
        QVERIFY(m_tap->requestsTo("/admin/users/" + QByteArray::number(id) + '/').size() >= 2);

        // Deleted after a confirmation that counts the credential that goes with them.
        QVERIFY(s.idle());
        admin->findChild<QAction*>(QStringLiteral("actionAdminRefresh"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->model().isLoading() && row() >= 0, 20000);
        tab->table()->selectRow(row());
        tab->findChild<QAction*>(QStringLiteral("actionDeleteUser"))->trigger();
        auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteUserBox"));
        QVERIFY(box);
        QVERIFY2(box->informativeText().contains(QStringLiteral("Their 1 credential(s)")),
                 qPrintable(box->informativeText()));
        in<QPushButton>(box, QStringLiteral("confirmDeleteUserButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(row(), -1, 20000);
        QCOMPARE(admin->message(), QStringLiteral("User esi deleted, with 1 credential(s)."));
        QVERIFY(!guesser.list().ok());
    }

    void demotingYourselfIsRefusedInTheServersWords() {
        SignedIn s;
        ui::AdminWindow* admin = openUsers(s, m_tap->baseUrl());
        QVERIFY(admin);
        ui::UsersTab* tab = admin->users();
        const qint64 self = *s.app.connection()->session().identity().userId;
        QTRY_VERIFY_WITH_TIMEOUT(tab->model().rowOf(self) >= 0, 20000);
        tab->table()->selectRow(tab->model().rowOf(self));
        m_tap->clearLog();
        tab->findChild<QAction*>(QStringLiteral("actionToggleSuperuser"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!admin->message().isEmpty(), 20000);
        QCOMPARE(admin->message(), QStringLiteral("You cannot remove your own superuser status. "
                                                  "Another superuser can do it for your account."));
        const auto sent = m_tap->requestsTo("/admin/users/");
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().method, QByteArray("PATCH"));
        QVERIFY(tab->model().at(tab->model().rowOf(self)).isSuperuser);
        QVERIFY(s.administration()->isVisible());
    }

private:
    // The server's own command line makes superusers only; a plain user is one whose flag is
    // cleared in the server's database before the server starts.
    bool demote(const QString& username) {
        const QString name = QStringLiteral("demote");
        bool done = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_server->dataDir() + QStringLiteral("/paycred.sqlite3"));
            if (db.open()) {
                QSqlQuery query(db);
                query.prepare(
                    QStringLiteral("UPDATE users SET is_superuser = 0 WHERE username = ?"));
                query.addBindValue(username);
                done = query.exec() && query.numRowsAffected() == 1;
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return done;
    }

    bool addCredential(const QString& owner, const QString& provider, const QString& environment) {
        auto connection = ui::Connection::toServer(QUrl(m_server->baseUrl()));
        const auto login =
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                connection->session().login(owner, Password, std::move(done));
            });
        if (!login.ok())
            return false;
        return uitest::addCredential(connection->client(), provider, environment,
                                     QStringLiteral("api-key-") + owner + provider,
                                     QStringLiteral("private-key-") + owner + provider)
                   .id > 0;
    }

    std::unique_ptr<test::ServerProcess> m_server;
    std::unique_ptr<ServerTap> m_tap;
};

QTEST_MAIN(TestAdminWindowServer)
#include "tst_adminwindow_server.moc"
