// Check with provider, as a user runs it: the main window's action over a real local vault whose
// checks go to tests/support's ProviderStandIn — a real HTTPS server on loopback, with a
// self-signed certificate this test trusts (VaultOptions.settings.providerChecks, the test seam).
// It stands in for KopoKopo and IntaSend because these machines have no internet; its answers
// follow the providers' published examples (cited in providerstandin.py) and depend on the key
// text chosen here ("…valid…", "…slow…", anything else is refused). What is checked: the result
// line in the message bar (its exact words for a valid and a rejected key, error or not), the
// Last check column after a check and after the list loads, and that the window goes on while a
// provider takes its time.
#include "tests/ui/uitestsupport.h"

#include "core/service/providerchecksettings.h"
#include "tests/support/providerstandin.h"
#include "ui/clipboardguard.h"
#include "ui/credentialtablemodel.h"
#include "ui/localtime.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>
#include <QTcpServer>
#include <QToolBar>

using namespace paycred;
using namespace paycred::uitest;
using Credential = client::Credential;
using Check = client::CredentialsClient::ProviderCheck;

namespace {

// The stand-in's rules (providerstandin.py): KopoKopo takes this client id with a secret that
// says "valid"; IntaSend a secret that says "valid"; every other secret is refused.
const QString KopoKopoClientId = QStringLiteral("kk-client-valid");
const QString ValidKopoKopoSecret = QStringLiteral("kk-secret-valid-0001");
const QString SlowKopoKopoSecret = QStringLiteral("kk-secret-slow-0001");
const QString WrongIntaSendSecret = QStringLiteral("ISSecretKey_test_wrong0001");
const QString ValidIntaSendSecret = QStringLiteral("ISSecretKey_test_valid0001");

// A port nothing listens on: one the system just gave out and took back.
quint16 closedPort() {
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 9; // discard: nothing listens there either
    return server.serverPort();
}

// A vault whose checks go to the stand-in, a main window over it.
struct Harness {
    test::ProviderStandIn standIn;
    UiFixture fixture;
    std::unique_ptr<ui::Connection> connection;
    std::unique_ptr<ui::ClipboardGuard> clipboard;
    std::unique_ptr<ui::MainWindow> window;

    service::ProviderCheckSettings& checks() {
        return fixture.context.vaultOptions.settings.providerChecks;
    }
    // `configure` may change the settings before the vault is made with them.
    bool open(const std::function<void(service::ProviderCheckSettings&)>& configure = {}) {
        if (!standIn.start()) {
            qWarning("the provider stand-in did not start: %s", qPrintable(standIn.errorString()));
            return false;
        }
        service::ProviderCheckSettings& settings = checks();
        settings.enabled = true;
        for (const QString& provider : {QStringLiteral("kopokopo"), QStringLiteral("instasend")})
            for (const QString& environment : {QStringLiteral("sandbox"), QStringLiteral("live")})
                settings.baseUrls.insert(
                    service::ProviderCheckSettings::urlKey(provider, environment),
                    standIn.baseUrl());
        settings.extraCaCertificates = {standIn.certificate()};
        if (configure)
            configure(settings);
        connection = fixture.createVault();
        if (!connection)
            return false;
        clipboard = std::make_unique<ui::ClipboardGuard>(fixture.clock);
        return true;
    }
    void show() {
        window = std::make_unique<ui::MainWindow>(fixture.context, *connection, *clipboard);
        window->show();
        (void)QTest::qWaitForWindowExposed(window.get());
        waitIdle(connection->client());
    }
    Credential add(const QString& provider, const QString& environment, const QString& apiKey,
                   const QString& privateKey) {
        return addCredential(connection->client(), provider, environment, apiKey, privateKey);
    }
    QAction* check() const {
        return window->findChild<QAction*>(QStringLiteral("actionCheckWithProvider"));
    }
    void select(qint64 id) {
        QAbstractItemModel* proxy = window->table()->model();
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QModelIndex index = proxy->index(row, 0);
            if (index.data(ui::CredentialTableModel::IdRole).toLongLong() == id) {
                window->table()->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                return;
            }
        }
        QFAIL("no row for the credential");
    }
    // Selects `id` and runs the action, as a click on its toolbar button does.
    void checkRow(qint64 id) {
        select(id);
        QVERIFY(check()->isVisible());
        QVERIFY(check()->isEnabled());
        check()->trigger();
    }
    QString message() const { return window->message(); }
    bool messageIsError() const {
        return window->findChild<QWidget*>(QStringLiteral("messageBar"))
            ->property("isError")
            .toBool();
    }
    // The Last check cell of `id`, as the table shows it.
    QString lastCheckCell(qint64 id) const {
        const int row = window->model().rowOf(id);
        return window->model()
            .index(row, ui::CredentialTableModel::LastCheckColumn)
            .data()
            .toString();
    }
    // What the cell says for `word` at the fixture's time.
    QString cellFor(const QString& word) const {
        return word + QStringLiteral(" · ") + ui::localTimeText(fixture.clock.now());
    }
    bool waitForMessage(const QString& startsWith, int timeoutMs = 20000) const {
        return QTest::qWaitFor([&] { return message().startsWith(startsWith); }, timeoutMs);
    }
    int requestsTo(const QString& path) const {
        int count = 0;
        for (const QJsonObject& request : standIn.requests())
            if (request.value(QStringLiteral("path")).toString() == path)
                ++count;
        return count;
    }
};

} // namespace

class TestProviderCheck : public QObject {
    Q_OBJECT
private slots:
    // Where a user finds it: the toolbar, the Credential menu (also the rows' context menu),
    // its own shortcut; enabled only with a credential selected.
    void theActionIsWhereCredentialActionsAre() {
        Harness h;
        QVERIFY(h.open());
        h.show();
        QAction* check = h.check();
        QVERIFY(check);
        QVERIFY(check->isVisible());
        QVERIFY(!check->isEnabled()); // nothing to check yet
        QCOMPARE(check->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
        auto* bar = h.window->findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QVERIFY(bar->actions().contains(check));
        auto* menu = h.window->findChild<QMenu*>(QStringLiteral("credentialMenu"));
        QVERIFY(menu->actions().contains(check));
        QVERIFY(!h.window->table()->isColumnHidden(ui::CredentialTableModel::LastCheckColumn));

        const Credential credential = h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"),
                                            KopoKopoClientId, ValidKopoKopoSecret);
        h.window->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(h.window->model().rowCount(), 1, 20000);
        h.select(credential.id);
        QVERIFY(check->isEnabled());
    }

    void aValidKeySaysSo() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential = h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"),
                                            KopoKopoClientId, ValidKopoKopoSecret);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.window->model().rowCount(), 1, 20000);
        QVERIFY(h.lastCheckCell(credential.id).isEmpty()); // never checked

        h.checkRow(credential.id);
        // It runs: the window says so, and the same credential cannot be checked twice at once.
        QCOMPARE(h.message(), QStringLiteral("Asking KopoKopo whether the sandbox keys work…"));
        QVERIFY(!h.messageIsError());
        QVERIFY(!h.check()->isEnabled());

        QVERIFY2(h.waitForMessage(QStringLiteral("KopoKopo accepted")), qPrintable(h.message()));
        // The server's "KopoKopo accepted the keys." adds nothing to the sentence: not repeated.
        QCOMPARE(h.message(), QStringLiteral("KopoKopo accepted the sandbox keys: they work."));
        QVERIFY(!h.messageIsError());
        QVERIFY(h.check()->isEnabled());
        QCOMPARE(h.lastCheckCell(credential.id), h.cellFor(QStringLiteral("Valid")));
        // The provider was really asked, and the token it issued was given back.
        QCOMPARE(h.requestsTo(QStringLiteral("/oauth/token")), 1);
        QCOMPARE(h.requestsTo(QStringLiteral("/oauth/revoke")), 1);
    }

    void aRejectedKeyIsAnError() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("instasend"), QStringLiteral("sandbox"),
                  QStringLiteral("ISPubKey_test_0001"), WrongIntaSendSecret);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.window->model().rowCount(), 1, 20000);

        h.checkRow(credential.id);
        QCOMPARE(h.message(), QStringLiteral("Asking InstaSend whether the sandbox keys work…"));
        QVERIFY2(h.waitForMessage(QStringLiteral("InstaSend rejected")), qPrintable(h.message()));
        // The server's words say which key may be wrong: they follow the sentence.
        QCOMPARE(h.message(),
                 QStringLiteral("InstaSend rejected the sandbox keys: payments with them will "
                                "fail. Details: IntaSend rejected the keys: the secret key "
                                "(private key) or the publishable key (api key) is wrong or was "
                                "revoked."));
        QVERIFY(h.messageIsError());
        QVERIFY(!h.message().contains(WrongIntaSendSecret));
        QCOMPARE(h.lastCheckCell(credential.id), h.cellFor(QStringLiteral("Rejected")));
        QCOMPARE(h.requestsTo(QStringLiteral("/api/v1/wallets/")), 1);
        const QModelIndex cell = h.window->model().index(h.window->model().rowOf(credential.id),
                                                         ui::CredentialTableModel::LastCheckColumn);
        QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("publishable key")));
        QVERIFY(!cell.data(Qt::DecorationRole).value<QIcon>().isNull());
    }

    // The table shows the last check of each credential as soon as the list is in, and the
    // newest one after each check.
    void theLastCheckComesWithTheListAndFollowsEachCheck() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("instasend"), QStringLiteral("sandbox"),
                  QStringLiteral("ISPubKey_test_0002"), WrongIntaSendSecret);
        const Credential unchecked = h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"),
                                           KopoKopoClientId, ValidKopoKopoSecret);
        const auto before = await<Check>([&](client::Callback<Check> done) {
            h.connection->client().checkWithProvider(credential.id, std::move(done));
        });
        QVERIFY2(before.ok(), qPrintable(before.error.message));
        QCOMPARE(before.value->result, Check::Result::Rejected);

        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.lastCheckCell(credential.id),
                                  h.cellFor(QStringLiteral("Rejected")), 20000);
        QVERIFY(h.lastCheckCell(unchecked.id).isEmpty());
        QVERIFY(h.message().isEmpty()); // loading the column says nothing in the message bar
        QTableView* table = h.window->table();
        QVERIFY(table->horizontalHeader()->sectionSize(ui::CredentialTableModel::LastCheckColumn) >=
                static_cast<QAbstractItemView*>(table)->sizeHintForColumn(
                    ui::CredentialTableModel::LastCheckColumn));

        // The right key now: the next check says so, in the column too.
        const auto replaced = await<Credential>([&](client::Callback<Credential> done) {
            h.connection->client().replacePrivateKey(credential.id, ValidIntaSendSecret,
                                                     std::move(done));
        });
        QVERIFY2(replaced.ok(), qPrintable(replaced.error.message));
        h.checkRow(credential.id);
        QVERIFY2(h.waitForMessage(QStringLiteral("InstaSend accepted")), qPrintable(h.message()));
        QCOMPARE(h.lastCheckCell(credential.id), h.cellFor(QStringLiteral("Valid")));
        QCOMPARE(h.window->model().lastCheck(credential.id)->result, Check::Result::Valid);
        // A fresh list keeps what the column shows.
        h.window->refresh();
        QVERIFY(waitIdle(h.connection->client()));
        QCOMPARE(h.lastCheckCell(credential.id), h.cellFor(QStringLiteral("Valid")));
    }

    // A provider that takes its time holds nothing up: another credential is checked and
    // answered meanwhile, and the slow one ends as unreachable, an error that says why.
    void aSlowProviderHoldsNothingUp() {
        Harness h;
        QVERIFY(h.open([](service::ProviderCheckSettings& settings) {
            settings.timeoutMs = 5000; // the stand-in's slow answer takes 30 s
        }));
        const Credential slow = h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"),
                                      KopoKopoClientId, SlowKopoKopoSecret);
        const Credential quick = h.add(QStringLiteral("instasend"), QStringLiteral("sandbox"),
                                       QStringLiteral("ISPubKey_test_0003"), WrongIntaSendSecret);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.window->model().rowCount(), 2, 20000);

        h.checkRow(slow.id);
        h.checkRow(quick.id);
        QVERIFY2(h.waitForMessage(QStringLiteral("InstaSend rejected")), qPrintable(h.message()));
        // The slow one is still being asked: its action stays off, its column empty.
        QVERIFY(!h.window->model().lastCheck(slow.id));
        h.select(slow.id);
        QVERIFY(!h.check()->isEnabled());

        QVERIFY2(h.waitForMessage(QStringLiteral("KopoKopo could not be asked"), 30000),
                 qPrintable(h.message()));
        QCOMPARE(h.message(),
                 QStringLiteral("KopoKopo could not be asked about the sandbox keys, so they were "
                                "not judged. Details: KopoKopo did not answer in time. Try again "
                                "later."));
        QVERIFY(h.messageIsError());
        QVERIFY(h.check()->isEnabled());
        QCOMPARE(h.lastCheckCell(slow.id), h.cellFor(QStringLiteral("Unreachable")));
    }

    void aProviderThatCannotBeReachedIsAnError() {
        Harness h;
        const quint16 port = closedPort();
        QVERIFY(h.open([port](service::ProviderCheckSettings& settings) {
            settings.baseUrls.insert(service::ProviderCheckSettings::urlKey(
                                         QStringLiteral("kopokopo"), QStringLiteral("live")),
                                     QStringLiteral("https://127.0.0.1:%1").arg(port));
        }));
        const Credential credential = h.add(QStringLiteral("kopokopo"), QStringLiteral("live"),
                                            KopoKopoClientId, ValidKopoKopoSecret);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.window->model().rowCount(), 1, 20000);
        h.checkRow(credential.id);
        QCOMPARE(h.message(), QStringLiteral("Asking KopoKopo whether the live keys work…"));
        QVERIFY2(h.waitForMessage(QStringLiteral("KopoKopo could not be asked")),
                 qPrintable(h.message()));
        QVERIFY2(h.message().startsWith(QStringLiteral(
                     "KopoKopo could not be asked about the live keys, so they were not judged. "
                     "Details: KopoKopo could not be reached")),
                 qPrintable(h.message()));
        QVERIFY(h.messageIsError());
    }

    // The check says when the keys' own text names another environment: the server's words,
    // after a sentence that is no error (the keys work).
    void aMismatchedEnvironmentIsSaid() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("instasend"), QStringLiteral("sandbox"),
                  QStringLiteral("ISPubKey_live_0004"), QStringLiteral("ISSecretKey_live_valid04"));
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.window->model().rowCount(), 1, 20000);
        h.checkRow(credential.id);
        QVERIFY2(h.waitForMessage(QStringLiteral("InstaSend accepted")), qPrintable(h.message()));
        QVERIFY2(h.message().startsWith(
                     QStringLiteral("InstaSend accepted the sandbox keys: they work. Details: ")),
                 qPrintable(h.message()));
        QVERIFY2(h.message().contains(QStringLiteral("marked sandbox")), qPrintable(h.message()));
        QVERIFY(!h.messageIsError());
    }

    // Checks switched off (a vault or server without egress): the line says so, as no error,
    // and the provider is never called.
    void checksSwitchedOffAreNotCheckable() {
        Harness h;
        QVERIFY(h.open([](service::ProviderCheckSettings& settings) {
            settings.enabled = false;
            settings.disabledReason = QStringLiteral("no egress from this office");
        }));
        const Credential credential = h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"),
                                            KopoKopoClientId, ValidKopoKopoSecret);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.window->model().rowCount(), 1, 20000);
        h.checkRow(credential.id);
        QVERIFY2(h.waitForMessage(QStringLiteral("The sandbox keys cannot")),
                 qPrintable(h.message()));
        QCOMPARE(h.message(), QStringLiteral("The sandbox keys cannot be checked with KopoKopo "
                                             "here. Details: Checking keys with their provider "
                                             "is switched off here: no egress from this office."));
        QVERIFY(!h.messageIsError());
        QCOMPARE(h.lastCheckCell(credential.id), h.cellFor(QStringLiteral("Not checkable")));
        QVERIFY(h.standIn.requests().isEmpty());
    }
};

QTEST_MAIN(TestProviderCheck)
#include "tst_providercheck.moc"
