// The Audit log tab of the Administration window over a real local vault (its owner is a
// superuser): the events of real actions as rows and in the detail pane, the API's filters sent
// as its query (a local-time range as UTC), the time header sorting on the server, pages while
// scrolling; the export to CSV (read back with Python's csv module, formula cells neutralised)
// and JSON Lines (Python's json), its checkpoint beside it, a cancelled export leaving nothing;
// and Verify log, intact, against a checkpoint file, and after an edit with the sqlite3 command
// line behind the vault's back.
#include "tests/crypto/systempython.h"
#include "tests/ui/sqlitecommand.h"
#include "tests/ui/uitestsupport.h"

#include "core/client/auditclient.h"
#include "ui/adminwindow.h"
#include "ui/allcredentialstab.h"
#include "ui/auditeventmodel.h"
#include "ui/auditexport.h"
#include "ui/audittab.h"
#include "ui/clipboardguard.h"
#include "ui/mainwindow.h"
#include "ui/pagedtableview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>

using namespace paycred;
using namespace paycred::uitest;
using client::AuditEvent;
using Credential = client::Credential;

namespace {

// The owner of the vault, its credentials and the Audit log tab over it.
struct Harness {
    UiFixture fixture;
    std::unique_ptr<ui::Connection> connection;
    std::unique_ptr<ui::AuditTab> tab;
    Credential kopo;
    Credential insta;

    bool open(const QString& owner = QStringLiteral("owner")) {
        connection = fixture.createVault(owner);
        if (!connection)
            return false;
        kopo =
            addCredential(connection->client(), QStringLiteral("kopokopo"), QStringLiteral("live"));
        insta = addCredential(connection->client(), QStringLiteral("instasend"),
                              QStringLiteral("sandbox"));
        for (const qint64 id : {kopo.id, insta.id})
            if (!reveal(id))
                return false;
        tab = std::make_unique<ui::AuditTab>(
            connection->session(), client::CredentialsClient::builtInProviders(), fixture.clock);
        tab->resize(1000, 600);
        tab->show();
        if (!QTest::qWaitForWindowExposed(tab.get()))
            return false;
        tab->reload();
        return loaded();
    }
    bool reveal(qint64 id) {
        return await<Client::RevealedKey>([&](client::Callback<Client::RevealedKey> done) {
                   connection->client().revealPrivateKey(id, std::move(done));
               })
            .ok();
    }
    bool idle() const {
        return QTest::qWaitFor([this] { return !connection->session().isBusy(); }, 20000);
    }
    bool loaded() const {
        return idle() && QTest::qWaitFor([this] { return !tab->model().isLoading(); }, 20000);
    }
    ui::AuditEventModel& model() const { return tab->model(); }
    QAction* action(const QString& name) const { return child<QAction>(tab.get(), name); }
    QString detail(const QString& field) const {
        return child<QLabel>(tab.get(), QStringLiteral("auditDetail_") + field)->text();
    }
    QString status() const {
        auto* label = child<QLabel>(tab.get(), QStringLiteral("auditVerifyStatus"));
        return label->isVisible() ? label->text() : QString();
    }
    // Every event there is, straight from the API (newest first).
    QList<AuditEvent> allEvents() {
        client::ListQuery query;
        query.pageSize = 500;
        const auto page = await<client::ListPage<AuditEvent>>(
            [&](client::Callback<client::ListPage<AuditEvent>> done) {
                tab->audit().events(query.target(client::AuditClient::EventsPath), std::move(done));
            });
        return page.ok() ? page.value->results : QList<AuditEvent>();
    }
    QString path(const QString& name) const { return fixture.path(name); }

    // Exports through the Export… action and its chooser, to `name` in the fixture's folder.
    bool chooseExport(const QString& name) {
        action(QStringLiteral("actionAuditExport"))->trigger();
        auto* chooser = waitForVisible<QFileDialog>(QStringLiteral("auditExportChooser"));
        if (!chooser || chooser->acceptMode() != QFileDialog::AcceptSave ||
            chooser->windowModality() != Qt::WindowModal)
            return false;
        chooser->selectFile(path(name));
        static_cast<QDialog*>(chooser)->accept();
        return true;
    }
    // Answers the checkpoint chooser of Verify against a checkpoint… with `file`.
    bool chooseCheckpoint(const QString& file) {
        action(QStringLiteral("actionAuditVerifyCheckpoint"))->trigger();
        auto* chooser = waitForVisible<QFileDialog>(QStringLiteral("auditCheckpointChooser"));
        if (!chooser || chooser->acceptMode() != QFileDialog::AcceptOpen)
            return false;
        chooser->selectFile(file);
        static_cast<QDialog*>(chooser)->accept();
        return true;
    }
    QString sqlite(const QString& sql) const { return runSqlite(fixture.vaultPath(), sql); }
};

// The rows of a CSV file as Python's csv module reads them.
QJsonArray csvRows(const QString& path) {
    const test::PythonRun run =
        test::runSystemPython(QStringLiteral("import csv, json, sys\n"
                                             "path = json.load(sys.stdin)['path']\n"
                                             "with open(path, newline='', encoding='utf-8') as f:\n"
                                             "    print(json.dumps(list(csv.reader(f))))\n"),
                              {{"path", path}});
    if (!run.ok())
        qWarning("%s", run.diagnostic().constData());
    return QJsonDocument::fromJson(run.out).array();
}

// The lines of a JSON Lines file, each read by Python's json module.
QJsonArray jsonLines(const QString& path) {
    const test::PythonRun run = test::runSystemPython(
        QStringLiteral(
            "import json, sys\n"
            "path = json.load(sys.stdin)['path']\n"
            "with open(path, encoding='utf-8') as f:\n"
            "    print(json.dumps([json.loads(line) for line in f.read().splitlines()]))\n"),
        {{"path", path}});
    if (!run.ok())
        qWarning("%s", run.diagnostic().constData());
    return QJsonDocument::fromJson(run.out).array();
}

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

} // namespace

class TestAuditTab : public QObject {
    Q_OBJECT
private slots:
    void theTabIsTheLast() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::ClipboardGuard clipboard(fixture.clock);
        ui::MainWindow window(fixture.context, *connection, clipboard);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::AdminWindow* admin = openAdministration(window, connection->client());
        QVERIFY(admin);
        QTabWidget* tabs = admin->tabs();
        QCOMPARE(tabs->indexOf(admin->audit()), tabs->count() - 1); // the last tab, after Users
        QVERIFY(!admin->audit()->hasLoaded()); // it loads when it is first shown
        tabs->setCurrentWidget(admin->audit());
        QTRY_VERIFY_WITH_TIMEOUT(admin->audit()->model().rowCount() > 0, 20000);
        QVERIFY(waitIdle(connection->client()));
        QTRY_VERIFY_WITH_TIMEOUT(!admin->audit()->model().isLoading(), 20000);
        // The vault's first events: the owner made (by the system), then the owner's login.
        ui::AuditEventModel& model = admin->audit()->model();
        QCOMPARE(model.at(model.rowCount() - 1).action, QStringLiteral("user_created"));
        QCOMPARE(model.at(model.rowCount() - 1).actor->username, QStringLiteral("system"));
        QCOMPARE(model.at(model.rowCount() - 2).action, QStringLiteral("login"));
        QCOMPARE(model.at(model.rowCount() - 2).actor->username, QStringLiteral("owner"));
        QVERIFY(admin->audit()->model().totalCount().value_or(0) > 0);
    }

    void eventsShowAndTheDetailPaneHasEveryField() {
        const TimeZone nairobi("Africa/Nairobi"); // UTC+3 all year
        Harness h;
        QVERIFY(h.open());
        ui::AuditEventModel& model = h.model();
        QCOMPARE(model.totalCount(), std::optional<qint64>(h.allEvents().size()));
        QCOMPARE(ids(model).first(), h.allEvents().first().id); // newest first
        // The reveal of the live key.
        int row = -1;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.at(r).action == QLatin1String("private_key_revealed") &&
                model.at(r).credentialId == h.kopo.id)
                row = r;
        QVERIFY(row >= 0);
        const AuditEvent event = model.at(row);
        using M = ui::AuditEventModel;
        QCOMPARE(model.index(row, M::ActorColumn).data().toString(), QStringLiteral("owner"));
        QCOMPARE(model.index(row, M::ProviderColumn).data().toString(), QStringLiteral("KopoKopo"));
        QCOMPARE(model.index(row, M::EnvironmentColumn).data().toString(), QStringLiteral("Live"));
        // Live stands out as in every table of credentials.
        QVERIFY(model.index(row, M::EnvironmentColumn).data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(model.index(row, M::OutcomeColumn).data().toString(), QStringLiteral("ok"));
        QCOMPARE(model.index(row, M::CredentialColumn).data().toString(),
                 QString::number(h.kopo.id));
        // 10:30 UTC is 13:30 in Nairobi.
        QCOMPARE(
            model.index(row, M::TimeColumn).data().toString(),
            QLocale().toString(QDateTime(QDate(2024, 1, 15), QTime(13, 30)), QLocale::ShortFormat));

        QCOMPARE(h.detail(QStringLiteral("id")),
                 QStringLiteral("Select an event to see all of it."));
        h.tab->table()->selectRow(row);
        QCOMPARE(h.detail(QStringLiteral("id")), QString::number(event.id));
        QVERIFY(h.detail(QStringLiteral("at")).contains(QStringLiteral("2024-01-15T10:30:00Z")));
        QCOMPARE(h.detail(QStringLiteral("actor")),
                 QStringLiteral("owner (user id %1)").arg(*event.actor->id));
        QCOMPARE(h.detail(QStringLiteral("action")), QStringLiteral("private_key_revealed"));
        QCOMPARE(h.detail(QStringLiteral("outcome")), QStringLiteral("ok"));
        QCOMPARE(h.detail(QStringLiteral("credential_id")), QString::number(h.kopo.id));
        QCOMPARE(h.detail(QStringLiteral("provider")), QStringLiteral("KopoKopo"));
        QCOMPARE(h.detail(QStringLiteral("environment")), QStringLiteral("Live"));
        QCOMPARE(h.detail(QStringLiteral("remote_addr")), event.remoteAddr);
        QCOMPARE(h.detail(QStringLiteral("detail")), event.detail);
    }

    void filtersAreSentAsTheApisQuery() {
        const TimeZone nairobi("Africa/Nairobi");
        Harness h;
        QVERIFY(h.open());
        ui::AuditEventModel& model = h.model();
        // Who revealed a live key this week: one filter.
        auto* action = child<QComboBox>(h.tab.get(), QStringLiteral("auditActionFilter"));
        QCOMPARE(action->count(), client::AuditClient::actions().size() + 1);
        action->setCurrentIndex(action->findData(QStringLiteral("private_key_revealed")));
        QVERIFY(h.loaded());
        QCOMPARE(model.totalCount(), std::optional<qint64>(2));
        auto* environment = child<QComboBox>(h.tab.get(), QStringLiteral("auditEnvironmentFilter"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        QVERIFY(h.loaded());
        QCOMPARE(model.totalCount(), std::optional<qint64>(1));
        QCOMPARE(model.at(0).credentialId, std::optional<qint64>(h.kopo.id));

        // A range entered in local time (Nairobi, UTC+3), sent as UTC.
        auto* since = child<QDateTimeEdit>(h.tab.get(), QStringLiteral("auditSinceEdit"));
        auto* until = child<QDateTimeEdit>(h.tab.get(), QStringLiteral("auditUntilEdit"));
        QVERIFY(!since->isEnabled());
        child<QCheckBox>(h.tab.get(), QStringLiteral("auditSinceCheck"))->click();
        child<QCheckBox>(h.tab.get(), QStringLiteral("auditUntilCheck"))->click();
        QVERIFY(since->isEnabled() && until->isEnabled());
        since->setDateTime(QDateTime(QDate(2024, 1, 15), QTime(13, 0)));
        until->setDateTime(QDateTime(QDate(2024, 1, 15), QTime(14, 0)));
        QVERIFY(h.loaded());
        QCOMPARE(model.query().target(model.path()),
                 QByteArray("/admin/audit/?action=private_key_revealed&environment=live"
                            "&since=2024-01-15T10%3A00%3A00Z&until=2024-01-15T11%3A00%3A00Z"
                            "&ordering=-at"));
        QCOMPARE(model.totalCount(), std::optional<qint64>(1));
        until->setDateTime(QDateTime(QDate(2024, 1, 15), QTime(13, 15))); // before 10:30 UTC
        QVERIFY(h.loaded());
        QCOMPARE(model.totalCount(), std::optional<qint64>(0));
        child<QCheckBox>(h.tab.get(), QStringLiteral("auditUntilCheck"))->click();
        QVERIFY(h.loaded());
        QCOMPARE(model.totalCount(), std::optional<qint64>(1));

        // The outcome, the user and the credential, by the API's names.
        auto* outcome = child<QComboBox>(h.tab.get(), QStringLiteral("auditOutcomeFilter"));
        outcome->setCurrentIndex(outcome->findData(QStringLiteral("failed")));
        QVERIFY(h.loaded());
        QCOMPARE(model.totalCount(), std::optional<qint64>(0));
        outcome->setCurrentIndex(0);
        action->setCurrentIndex(0);
        environment->setCurrentIndex(0);
        auto* credential = child<QLineEdit>(h.tab.get(), QStringLiteral("auditCredentialFilter"));
        QTest::keyClicks(credential, QString::number(h.insta.id));
        QVERIFY(h.loaded());
        QVERIFY(model.query()
                    .target(model.path())
                    .contains("credential=" + QByteArray::number(h.insta.id)));
        QCOMPARE(model.totalCount(), std::optional<qint64>(2)); // created, revealed
        auto* user = child<QLineEdit>(h.tab.get(), QStringLiteral("auditUserFilter"));
        QTest::keyClicks(user, QStringLiteral("999"));
        QVERIFY(h.loaded());
        QVERIFY(model.query().target(model.path()).startsWith("/admin/audit/?user=999&"));
        QCOMPARE(model.totalCount(), std::optional<qint64>(0));
        QTest::keyClicks(user, QStringLiteral("x")); // not an id: the edit refuses it
        QCOMPARE(user->text(), QStringLiteral("999"));
    }

    void theTimeHeaderSortsOnTheServer() {
        Harness h;
        QVERIFY(h.open());
        ui::AuditEventModel& model = h.model();
        QCOMPARE(model.ordering(), QStringLiteral("-at"));
        const QList<qint64> newestFirst = ids(model);
        QSignalSpy loads(&model, &QAbstractItemModel::modelReset);
        clickHeader(h.tab->table(), ui::AuditEventModel::TimeColumn);
        QVERIFY(h.loaded());
        QCOMPARE(model.ordering(), QStringLiteral("at"));
        QList<qint64> oldestFirst = newestFirst;
        std::reverse(oldestFirst.begin(), oldestFirst.end());
        QCOMPARE(ids(model), oldestFirst);
        QCOMPARE(loads.count(), 1);
        // Any other column is no ordering of the API: nothing is asked.
        clickHeader(h.tab->table(), ui::AuditEventModel::ActorColumn);
        QVERIFY(h.loaded());
        QCOMPARE(loads.count(), 1);
        QCOMPARE(model.ordering(), QStringLiteral("at"));
    }

    void scrollingFetchesTheNextPage() {
        Harness h;
        QVERIFY(h.open());
        ui::AuditEventModel& model = h.model();
        const qint64 total = h.allEvents().size();
        QVERIFY(total >= 5);
        model.setPageSize(2);
        ui::PagedTableView* table = h.tab->table();
        table->setFixedHeight(table->horizontalHeader()->height() +
                              table->verticalHeader()->defaultSectionSize() * 2 + 4);
        model.reload();
        QVERIFY(h.loaded());
        QVERIFY(model.hasMore());
        QVERIFY(model.rowCount() < total);
        QCOMPARE(model.totalCount(), std::optional<qint64>(total));
        table->selectRow(0);
        const qint64 selected = model.idAt(0);
        while (model.hasMore()) {
            const int before = model.rowCount();
            table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
            QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > before, 20000);
            QVERIFY(h.loaded());
            QCOMPARE(model.idAt(*table->currentRow()), selected);
        }
        const QList<qint64> seen = ids(model);
        QCOMPARE(seen.size(), total);
        QCOMPARE(QSet<qint64>(seen.begin(), seen.end()).size(), total);
    }

    void anExportToCsvReadsBackWithFormulasNeutralised() {
        // A username a spreadsheet would run: every event of this owner carries it.
        Harness h;
        QVERIFY(h.open(QStringLiteral("@SUM")));
        h.tab->setExportPageSize(2); // several pages
        const QList<AuditEvent> events = h.allEvents();
        QVERIFY(h.chooseExport(QStringLiteral("audit.csv")));
        QPointer<ui::AuditExport> job = h.tab->runningExport();
        QVERIFY(job);
        QCOMPARE(job->format(), ui::AuditExport::Format::Csv);
        auto* progress = findVisible<QProgressDialog>(QStringLiteral("auditExportProgress"));
        QVERIFY(progress);
        QVERIFY(progress->windowModality() != Qt::NonModal);
        std::optional<int> maximum;
        connect(job, &ui::AuditExport::counted, progress, [&] { maximum = progress->maximum(); });
        QSignalSpy finished(job, &ui::AuditExport::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(finished.first().at(0).toBool());
        QVERIFY(!findVisible<QProgressDialog>(QStringLiteral("auditExportProgress")));
        // The head is read before the events: events may follow it (the verification itself).
        QVERIFY(maximum.value_or(0) >= events.size());

        const QJsonArray rows = csvRows(h.path(QStringLiteral("audit.csv")));
        QCOMPARE(rows.size(), *maximum + 1);
        QJsonArray header;
        for (const QString& name : AuditEvent::fieldNames())
            header.append(name);
        QCOMPARE(rows.first().toArray(), header);
        const int actorColumn = AuditEvent::fieldNames().indexOf(QStringLiteral("actor_username"));
        const int atColumn = AuditEvent::fieldNames().indexOf(QStringLiteral("at"));
        const int actorIdColumn = AuditEvent::fieldNames().indexOf(QStringLiteral("actor_id"));
        const QString ownerId = QString::number(*events.first().actor->id);
        QSet<qint64> exported;
        int owners = 0;
        for (int r = 1; r < rows.size(); ++r) {
            const QJsonArray row = rows.at(r).toArray();
            QCOMPARE(row.size(), header.size());
            exported << row.at(0).toString().toLongLong();
            QVERIFY(row.at(atColumn).toString().endsWith(QLatin1Char('Z')));
            QCOMPARE(QDateTime::fromString(row.at(atColumn).toString(), Qt::ISODate).timeSpec(),
                     Qt::UTC);
            if (row.at(actorIdColumn).toString() != ownerId)
                continue; // the system's events (the owner made)
            ++owners;
            QCOMPARE(row.at(actorColumn).toString(), QStringLiteral("'@SUM"));
        }
        QVERIFY(owners >= 5); // the login, two credentials made, two keys revealed
        for (const AuditEvent& event : events)
            QVERIFY(exported.contains(event.id));

        // The checkpoint beside it: the head of the chain when the export began.
        const QJsonObject checkpoint = readJson(h.path(QStringLiteral("audit.checkpoint.json")));
        QCOMPARE(checkpoint.value("id").toInteger(), events.first().id);
        QCOMPARE(checkpoint.value("mac").toString().size(), 64);
        QCOMPARE(checkpoint.value("export").toString(), QStringLiteral("audit.csv"));
    }

    void everyFormulaStartIsNeutralised() {
        // What a spreadsheet would run: =, +, -, @, tab and CR first. Read back by Python's csv.
        const QStringList cells{"=cmd|' /C calc'!A0",      "+1+1", "-2", "@SUM(A1)", "\tx", "\rx",
                                "plain, \"quoted\"\nline", "",     "a=b"};
        QTemporaryDir dir;
        QFile file(dir.filePath("cells.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ui::AuditExport::csvRecord(cells));
        file.close();
        const QJsonArray rows = csvRows(file.fileName());
        QCOMPARE(rows.size(), 1);
        const QJsonArray row = rows.first().toArray();
        QCOMPARE(row.size(), cells.size());
        for (int i = 0; i < 6; ++i)
            QCOMPARE(row.at(i).toString(), QLatin1Char('\'') + cells.at(i));
        for (int i = 6; i < cells.size(); ++i)
            QCOMPARE(row.at(i).toString(), cells.at(i));
    }

    void anExportToJsonLinesHasTheApisFields() {
        Harness h;
        QVERIFY(h.open());
        auto* environment = child<QComboBox>(h.tab.get(), QStringLiteral("auditEnvironmentFilter"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        QVERIFY(h.loaded());
        const int live = h.model().rowCount();
        QCOMPARE(live, 2); // created, revealed
        QVERIFY(h.chooseExport(QStringLiteral("live.jsonl")));
        QPointer<ui::AuditExport> job = h.tab->runningExport();
        QVERIFY(job);
        QCOMPARE(job->format(), ui::AuditExport::Format::JsonLines);
        QSignalSpy finished(job, &ui::AuditExport::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(finished.first().at(0).toBool());

        const QJsonArray lines = jsonLines(h.path(QStringLiteral("live.jsonl")));
        QCOMPARE(lines.size(), live); // the filtered view, not the whole log
        const QStringList fields{"action",      "actor", "at",      "credential_id", "detail",
                                 "environment", "id",    "outcome", "provider",      "remote_addr"};
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject event = lines.at(i).toObject();
            QStringList keys = event.keys();
            QCOMPARE(keys, fields);
            QCOMPARE(event.value("environment").toString(), QStringLiteral("live"));
            QCOMPARE(event.value("credential_id").toInteger(), h.kopo.id);
            QCOMPARE(event.value("actor").toObject().value("username").toString(),
                     QStringLiteral("owner"));
            QCOMPARE(event.value("at").toString(), QStringLiteral("2024-01-15T10:30:00Z"));
            QCOMPARE(event.value("id").toInteger(), h.model().at(i).id);
        }
        QVERIFY(QFile::exists(h.path(QStringLiteral("live.checkpoint.json"))));
    }

    void aCancelledExportLeavesNoFile() {
        Harness h;
        QVERIFY(h.open());
        h.tab->setExportPageSize(1);
        QVERIFY(h.chooseExport(QStringLiteral("cancelled.csv")));
        QPointer<ui::AuditExport> job = h.tab->runningExport();
        QVERIFY(job);
        auto* progress = findVisible<QProgressDialog>(QStringLiteral("auditExportProgress"));
        QVERIFY(progress);
        // Cancelled once a page is written, as a person pressing Cancel midway.
        QSignalSpy finished(job, &ui::AuditExport::finished);
        qint64 written = 0;
        connect(job, &ui::AuditExport::progressed, progress, [progress, &written](qint64 rows) {
            written = rows;
            if (auto* cancel = progress->findChild<QPushButton*>())
                QTest::mouseClick(cancel, Qt::LeftButton);
        });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(!finished.first().at(0).toBool());
        QCOMPARE(written, 1); // one page of one, then Cancel
        QVERIFY(written < h.allEvents().size());
        QVERIFY(h.idle());
        // Neither the export, nor its temporary file, nor a checkpoint.
        QCOMPARE(QDir(h.path({}))
                     .entryList({QStringLiteral("cancelled*")},
                                QDir::Files | QDir::Hidden | QDir::System),
                 QStringList());
        QCOMPARE(h.status(), QStringLiteral("The export was cancelled: no file was written."));
        QVERIFY(h.action(QStringLiteral("actionAuditExport"))->isEnabled());
    }

    void verifyLogFindsAnEditBehindTheVaultsBack() {
        Harness h;
        QVERIFY(h.open());
        QAction* verify = h.action(QStringLiteral("actionAuditVerify"));
        QVERIFY(verify);
        QCOMPARE(verify->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
        verify->trigger();
        QVERIFY(h.idle());
        QTRY_VERIFY_WITH_TIMEOUT(h.status().startsWith(QStringLiteral("The audit log is intact")),
                                 20000);

        // Someone with the file changes the reveal of the live key.
        const QList<AuditEvent> events = h.allEvents();
        qint64 edited = 0;
        for (const AuditEvent& event : events)
            if (event.action == QLatin1String("private_key_revealed") &&
                event.credentialId == h.kopo.id)
                edited = event.id;
        QVERIFY(edited > 0);
        const QString error = h.sqlite(
            QStringLiteral("UPDATE audit_events SET detail = 'nothing happened' WHERE id = %1")
                .arg(edited));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTest::keySequence(h.tab.get(), verify->shortcut());
        QVERIFY(h.idle());
        QTRY_VERIFY_WITH_TIMEOUT(h.status().contains(QStringLiteral("NOT intact")), 20000);
        QVERIFY2(h.status().contains(QStringLiteral("changed at event %1 ").arg(edited)),
                 qPrintable(h.status()));
        // That event is selected.
        const std::optional<int> row = h.tab->table()->currentRow();
        QVERIFY(row.has_value());
        QCOMPARE(h.model().idAt(*row), edited);
        QCOMPARE(h.detail(QStringLiteral("id")), QString::number(edited));
    }

    void verifyAgainstACheckpointFile() {
        Harness h;
        QVERIFY(h.open());
        QVERIFY(h.chooseExport(QStringLiteral("audit.csv")));
        QPointer<ui::AuditExport> job = h.tab->runningExport();
        QVERIFY(job);
        QSignalSpy finished(job, &ui::AuditExport::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const QString checkpoint = h.path(QStringLiteral("audit.checkpoint.json"));
        QVERIFY(QFile::exists(checkpoint));

        QVERIFY(h.chooseCheckpoint(checkpoint));
        QVERIFY(h.idle());
        QTRY_VERIFY_WITH_TIMEOUT(
            h.status().startsWith(QStringLiteral("The audit log is intact and holds every event "
                                                 "up to the checkpoint")),
            20000);

        // A checkpoint the chain never had: not intact, from the event it names.
        QJsonObject forged = readJson(checkpoint);
        const qint64 id = forged.value("id").toInteger();
        forged.insert("mac", QString(64, u'0'));
        QFile file(h.path(QStringLiteral("forged.checkpoint.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(forged).toJson());
        file.close();
        QVERIFY(h.chooseCheckpoint(file.fileName()));
        QVERIFY(h.idle());
        QTRY_VERIFY_WITH_TIMEOUT(h.status().contains(QStringLiteral("NOT intact")), 20000);
        QVERIFY(h.status().contains(QStringLiteral("changed at event %1 ").arg(id)));

        // A file that is no checkpoint: said so, nothing asked.
        QFile junk(h.path(QStringLiteral("junk.checkpoint.json")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{\"id\": \"x\"}");
        junk.close();
        QVERIFY(h.chooseCheckpoint(junk.fileName()));
        QTRY_VERIFY_WITH_TIMEOUT(h.status().contains(QStringLiteral("is not a checkpoint")), 20000);
    }
};

QTEST_MAIN(TestAuditTab)
#include "tst_audittab.moc"
