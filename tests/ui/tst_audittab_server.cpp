// The Audit log tab against a real paycred-server on a loopback port, signed in through the real
// login window: ServerTap shows that the filters travel as the API's own query (environment=live,
// a local-time range as UTC) and the time header as ordering=at; Verify log is intact, names the
// event an edit with the sqlite3 command line changed behind the running server's back, and is
// intact again once the edit is undone.
#include "tests/server/serverprocess.h"
#include "tests/ui/servertap.h"
#include "tests/ui/signedin.h"
#include "tests/ui/sqlitecommand.h"
#include "tests/ui/uitestsupport.h"

#include "ui/adminwindow.h"
#include "ui/auditeventmodel.h"
#include "ui/audittab.h"
#include "ui/connection.h"
#include "ui/mainwindow.h"
#include "ui/pagedtableview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QTabWidget>
#include <QUrlQuery>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString Password = QStringLiteral("server password 0007");

// The Audit log tab of the Administration window, shown.
ui::AuditTab* auditTab(SignedIn& s) {
    ui::AdminWindow* admin = s.openAdmin();
    if (!admin)
        return nullptr;
    admin->tabs()->setCurrentWidget(admin->audit());
    return admin->audit();
}

QString queryValue(const QByteArray& target, const QString& name) {
    return QUrlQuery(QUrl(QString::fromUtf8(target)).query())
        .queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace

class TestAuditTabServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        m_server = std::make_unique<test::ServerProcess>();
        for (const char* name : {"boss", "amina"}) {
            const auto created = m_server->createSuperuser(QString::fromLatin1(name), Password);
            QVERIFY2(created.exitCode == 0, created.err.constData());
        }
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        // amina makes a live and a sandbox credential and reveals the live key.
        auto amina = ui::Connection::toServer(QUrl(m_server->baseUrl()));
        QVERIFY(
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                amina->session().login(QStringLiteral("amina"), Password, std::move(done));
            }).ok());
        const client::Credential live = addCredential(
            amina->client(), QStringLiteral("kopokopo"), QStringLiteral("live"),
            QStringLiteral("api-key-amina-live"), QStringLiteral("private-key-amina-live"));
        QVERIFY(live.id > 0);
        QVERIFY(addCredential(amina->client(), QStringLiteral("instasend")).id > 0);
        QVERIFY(await<client::CredentialsClient::RevealedKey>(
                    [&](client::Callback<client::CredentialsClient::RevealedKey> done) {
                        amina->client().revealPrivateKey(live.id, std::move(done));
                    })
                    .ok());
        m_liveId = live.id;
        m_tap = std::make_unique<ServerTap>(m_server->port());
        QVERIFY(m_tap->listen());
    }

    void whoRevealedALiveKeyThisWeekIsOneQuery() {
        const TimeZone nairobi("Africa/Nairobi"); // UTC+3 all year
        SignedIn s;
        QVERIFY(s.signIn(m_tap->baseUrl(), QStringLiteral("boss"), Password));
        ui::AuditTab* tab = auditTab(s);
        QVERIFY(tab);
        ui::AuditEventModel& model = tab->model();
        QTRY_VERIFY_WITH_TIMEOUT(model.hasStarted() && !model.isLoading(), 20000);
        QVERIFY(s.idle());
        m_tap->clearLog();

        auto* action = child<QComboBox>(tab, QStringLiteral("auditActionFilter"));
        action->setCurrentIndex(action->findData(QStringLiteral("private_key_revealed")));
        auto* environment = child<QComboBox>(tab, QStringLiteral("auditEnvironmentFilter"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        auto* provider = child<QComboBox>(tab, QStringLiteral("auditProviderFilter"));
        QVERIFY(provider->findData(QStringLiteral("instasend")) > 0);
        provider->setCurrentIndex(provider->findData(QStringLiteral("kopokopo")));
        const QDateTime since(QDate::currentDate().addDays(-7), QTime(0, 0));
        const QDateTime until(QDate::currentDate().addDays(1), QTime(0, 0));
        child<QCheckBox>(tab, QStringLiteral("auditSinceCheck"))->click();
        child<QDateTimeEdit>(tab, QStringLiteral("auditSinceEdit"))->setDateTime(since);
        child<QCheckBox>(tab, QStringLiteral("auditUntilCheck"))->click();
        child<QDateTimeEdit>(tab, QStringLiteral("auditUntilEdit"))->setDateTime(until);
        QVERIFY(s.idle());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);

        QVERIFY(!m_tap->requestsTo("/admin/audit/").isEmpty());
        const QByteArray sent = m_tap->requestsTo("/admin/audit/").last().target;
        QCOMPARE(queryValue(sent, QStringLiteral("action")),
                 QStringLiteral("private_key_revealed"));
        QCOMPARE(queryValue(sent, QStringLiteral("environment")), QStringLiteral("live"));
        QCOMPARE(queryValue(sent, QStringLiteral("provider")), QStringLiteral("kopokopo"));
        QCOMPARE(queryValue(sent, QStringLiteral("since")),
                 since.toUTC().toString(Qt::ISODate)); // 21:00 the day before, in UTC
        QVERIFY(queryValue(sent, QStringLiteral("since")).endsWith(QStringLiteral("T21:00:00Z")));
        QCOMPARE(queryValue(sent, QStringLiteral("until")), until.toUTC().toString(Qt::ISODate));
        QCOMPARE(queryValue(sent, QStringLiteral("ordering")), QStringLiteral("-at"));
        QCOMPARE(model.totalCount(), std::optional<qint64>(1));
        QCOMPARE(model.at(0).actor->username, QStringLiteral("amina"));
        QCOMPARE(model.at(0).credentialId, std::optional<qint64>(m_liveId));

        // The time header: the server's ordering=at, nothing sorted here.
        m_tap->clearLog();
        clickHeader(tab->table(), ui::AuditEventModel::TimeColumn);
        QTRY_COMPARE_WITH_TIMEOUT(m_tap->requestsTo("/admin/audit/").size(), 1, 20000);
        QCOMPARE(queryValue(m_tap->requestsTo("/admin/audit/").last().target,
                            QStringLiteral("ordering")),
                 QStringLiteral("at"));
    }

    void verifyLogFindsAnEditBehindTheServersBack() {
        SignedIn s;
        QVERIFY(s.signIn(m_tap->baseUrl(), QStringLiteral("boss"), Password));
        ui::AuditTab* tab = auditTab(s);
        QVERIFY(tab);
        auto* environment = child<QComboBox>(tab, QStringLiteral("auditEnvironmentFilter"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        QVERIFY(s.idle());
        ui::AuditEventModel& model = tab->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() >= 2, 20000);
        QAction* verify = child<QAction>(tab, QStringLiteral("actionAuditVerify"));
        verify->trigger();
        QVERIFY(s.idle());
        QTRY_VERIFY_WITH_TIMEOUT(status(tab).startsWith(QStringLiteral("The audit log is intact")),
                                 20000);
        QVERIFY(!m_tap->requestsTo("/admin/audit/verify/").isEmpty());

        // The live credential's creation, its outcome changed with the sqlite3 command line.
        const int row = model.rowCount() - 1; // the oldest live event: its creation
        const qint64 edited = model.idAt(row);
        QCOMPARE(model.at(row).action, QStringLiteral("credential_created"));
        QString error = sqlite(
            QStringLiteral("UPDATE audit_events SET outcome = 'failed' WHERE id = %1").arg(edited));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        verify->trigger();
        QVERIFY(s.idle());
        QTRY_VERIFY_WITH_TIMEOUT(status(tab).contains(QStringLiteral("NOT intact")), 20000);
        QVERIFY2(status(tab).contains(QStringLiteral("changed at event %1 ").arg(edited)),
                 qPrintable(status(tab)));
        QTRY_COMPARE_WITH_TIMEOUT(tab->table()->currentRow(), std::optional<int>(row), 20000);

        // Undone, the chain is whole again.
        error = sqlite(
            QStringLiteral("UPDATE audit_events SET outcome = 'ok' WHERE id = %1").arg(edited));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        verify->trigger();
        QVERIFY(s.idle());
        QTRY_VERIFY_WITH_TIMEOUT(status(tab).startsWith(QStringLiteral("The audit log is intact")),
                                 20000);
    }

private:
    static QString status(ui::AuditTab* tab) {
        auto* label = child<QLabel>(tab, QStringLiteral("auditVerifyStatus"));
        return label && label->isVisible() ? label->text() : QString();
    }

    QString sqlite(const QString& sql) const {
        return runSqlite(m_server->dataDir() + QStringLiteral("/paycred.sqlite3"), sql);
    }

    std::unique_ptr<test::ServerProcess> m_server;
    std::unique_ptr<ServerTap> m_tap;
    qint64 m_liveId = 0;
};

QTEST_MAIN(TestAuditTabServer)
#include "tst_audittab_server.moc"
