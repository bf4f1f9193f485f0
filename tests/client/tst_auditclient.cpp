// AuditClient: the audit log of API.md §3 as typed calls over the same Session — over a real local
// vault (its owner is a superuser) through the real EmbeddedTransport, and over the server's core
// (kUser made a superuser there) through the RouterTransport double: the events of real actions,
// page by page and filtered as the API names its filters, the chain verified with and without a
// checkpoint, and never a page off this server.

#include "core/client/auditclient.h"
#include "tests/client/clienttestsupport.h"

#include <QTest>
#include <QTimeZone>

using namespace paycred;
using namespace paycred::clienttest;
using client::AuditClient;
using client::AuditEvent;
using EventPage = client::ListPage<AuditEvent>;

class TestAuditClient : public QObject {
    Q_OBJECT

    struct Audit {
        explicit Audit(Backend backend)
            : f(backend, true) {}
        Fixture f;
        AuditClient audit{f.session};

        client::Result<EventPage> page(const QByteArray& target) {
            return await<EventPage>([&](auto done) { audit.events(target, std::move(done)); });
        }
        EventPage page(const client::ListQuery& query) {
            return valueOrWarn(page(query.target(AuditClient::EventsPath)));
        }
        client::Result<AuditClient::Verification>
        verify(std::optional<AuditClient::Checkpoint> checkpoint = std::nullopt) {
            return await<AuditClient::Verification>(
                [&](auto done) { audit.verify(checkpoint, std::move(done)); });
        }
    };

private slots:
    void anEventIsReadFieldForField_data() { addBackends(); }
    void anEventIsReadFieldForField() {
        QFETCH(Backend, backend);
        Audit a(backend);
        CHECK_OK(a.f.login());
        const auto live = a.f.create(QStringLiteral("kopokopo"), QStringLiteral("live"));
        CHECK_OK(live);
        client::ListQuery query;
        query.filters = {{QStringLiteral("action"), QStringLiteral("credential_created")}};
        const EventPage page = a.page(query);
        QCOMPARE(page.count, std::optional<qint64>(1));
        QCOMPARE(page.results.size(), 1);
        const AuditEvent& event = page.results.first();
        QVERIFY(event.id > 0);
        QCOMPARE(event.at, a.f.clock().now());
        QCOMPARE(event.at.timeSpec(), Qt::UTC);
        QVERIFY(event.actor.has_value());
        QCOMPARE(event.actor->username, QString(kUser));
        QCOMPARE(event.actor->id, std::optional<qint64>(a.f.backing->userId));
        QCOMPARE(event.action, QStringLiteral("credential_created"));
        QCOMPARE(event.credentialId, std::optional<qint64>(live.value->id));
        QCOMPARE(event.provider, QStringLiteral("kopokopo"));
        QCOMPARE(event.environment, QStringLiteral("live"));
        QVERIFY(event.isLive());
        QCOMPARE(event.outcome, QStringLiteral("ok"));

        // Written back, it is the API's object again, and reads as the same event.
        const QJsonObject json = event.toJson();
        QCOMPARE(json.value("at").toString(), event.at.toString(Qt::ISODate));
        QVERIFY(json.value("at").toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(json.value("actor").toObject().value("username").toString(), QString(kUser));
        QCOMPARE(json.value("credential_id").toInteger(), live.value->id);
        QCOMPARE(AuditEvent::fromJson(json), std::optional<AuditEvent>(event));
        QCOMPARE(event.cells().size(), AuditEvent::fieldNames().size());
        QCOMPARE(event.cells().at(AuditEvent::fieldNames().indexOf("actor_username")),
                 QString(kUser));
    }

    void anUnknownUsersAttemptHasNoActor_data() { addBackends(); }
    void anUnknownUsersAttemptHasNoActor() {
        QFETCH(Backend, backend);
        Audit a(backend);
        a.f.backing->call("POST", "/users/login/",
                          {{"username", "nobody-at-all"}, {"password", "wrong password 1"}});
        CHECK_OK(a.f.login());
        client::ListQuery query;
        query.filters = {{QStringLiteral("action"), QStringLiteral("login")},
                         {QStringLiteral("outcome"), QStringLiteral("failed")}};
        const EventPage page = a.page(query);
        QCOMPARE(page.results.size(), 1);
        QVERIFY(!page.results.first().actor.has_value());
        QVERIFY(page.results.first().toJson().value("actor").isNull());
        QVERIFY(!page.results.first().detail.contains(QStringLiteral("nobody-at-all")));
    }

    void eventsComePageByPageNewestFirst_data() { addBackends(); }
    void eventsComePageByPageNewestFirst() {
        QFETCH(Backend, backend);
        Audit a(backend);
        CHECK_OK(a.f.login());
        CHECK_OK(a.f.create(QStringLiteral("kopokopo"), QStringLiteral("live")));
        CHECK_OK(a.f.create(QStringLiteral("instasend")));
        client::ListQuery query;
        query.pageSize = 1;
        EventPage page = a.page(query);
        QVERIFY(page.count.has_value());
        const qint64 total = *page.count;
        QVERIFY(total >= 3); // a login, two creations
        QList<qint64> ids;
        for (int pages = 0; pages < 100; ++pages) {
            QCOMPARE(page.results.size(), 1);
            ids << page.results.first().id;
            if (page.next.isEmpty())
                break;
            QVERIFY(page.next.startsWith(AuditClient::EventsPath));
            page = valueOrWarn(a.page(page.next));
            QVERIFY(!page.count.has_value() || *page.count == total);
        }
        QCOMPARE(ids.size(), total);
        QList<qint64> newestFirst = ids;
        std::sort(newestFirst.begin(), newestFirst.end(), std::greater<>());
        QCOMPARE(ids, newestFirst);
        // ordering=at: oldest first.
        query.ordering = QStringLiteral("at");
        query.pageSize = 500;
        const EventPage oldest = a.page(query);
        QCOMPARE(oldest.results.first().id, ids.last());
    }

    void theFilterIsTheApisQueryInUtc() {
        const QTimeZone nairobi(QByteArrayLiteral("Africa/Nairobi"));
        AuditClient::Filter filter;
        filter.userId = 7;
        filter.action = QStringLiteral("private_key_revealed");
        filter.environment = QStringLiteral("live");
        filter.since = QDateTime(QDate(2024, 1, 15), QTime(13, 0), nairobi);
        filter.until = QDateTime(QDate(2024, 1, 22), QTime(0, 0), nairobi);
        client::ListQuery query;
        query.filters = filter.items();
        QCOMPARE(query.target(AuditClient::EventsPath),
                 QByteArray("/admin/audit/?user=7&action=private_key_revealed&environment=live"
                            "&since=2024-01-15T10%3A00%3A00Z&until=2024-01-21T21%3A00%3A00Z"));
    }

    void filtersSelectWhatTheyName_data() { addBackends(); }
    void filtersSelectWhatTheyName() {
        QFETCH(Backend, backend);
        Audit a(backend);
        CHECK_OK(a.f.login());
        const auto live = a.f.create(QStringLiteral("kopokopo"), QStringLiteral("live"));
        CHECK_OK(live);
        a.f.clock().advance(60 * 60 * 1000);
        const QDateTime later = a.f.clock().now();
        CHECK_OK(a.f.create(QStringLiteral("instasend")));
        AuditClient::Filter filter;
        filter.environment = QStringLiteral("live");
        client::ListQuery query;
        query.filters = filter.items();
        EventPage page = a.page(query);
        QCOMPARE(page.results.size(), 1);
        QCOMPARE(page.results.first().credentialId, std::optional<qint64>(live.value->id));
        filter = {};
        filter.since = later;
        filter.userId = a.f.backing->userId;
        query.filters = filter.items();
        page = a.page(query);
        QCOMPARE(page.results.size(), 1);
        QCOMPARE(page.results.first().provider, QStringLiteral("instasend"));
        filter = {};
        filter.until = later;
        filter.credentialId = live.value->id;
        query.filters = filter.items();
        page = a.page(query);
        QCOMPARE(page.results.size(), 1);
        QCOMPARE(page.results.first().action, QStringLiteral("credential_created"));
    }

    void theChainIsVerified_data() { addBackends(); }
    void theChainIsVerified() {
        QFETCH(Backend, backend);
        Audit a(backend);
        CHECK_OK(a.f.login());
        CHECK_OK(a.f.create(QStringLiteral("kopokopo"), QStringLiteral("live")));
        const auto verified = a.verify();
        CHECK_OK(verified);
        QVERIFY(verified.value->intact);
        QVERIFY(verified.value->events >= 2);
        QVERIFY(!verified.value->firstBrokenId.has_value());
        QVERIFY(verified.value->head.has_value());
        const AuditClient::Checkpoint head = *verified.value->head;
        QCOMPARE(head.mac.size(), 64);
        client::ListQuery newest;
        newest.pageSize = 1;
        QCOMPARE(head.id, a.page(newest).results.first().id);

        // Against the head it had: intact. Against a head it never had: broken at that event.
        const auto againstHead = a.verify(head);
        CHECK_OK(againstHead);
        QVERIFY(againstHead.value->intact);
        const auto forged = a.verify(AuditClient::Checkpoint{head.id, QString(64, u'0')});
        CHECK_OK(forged);
        QVERIFY(!forged.value->intact);
        QCOMPARE(forged.value->firstBrokenId, std::optional<qint64>(head.id));
        QVERIFY(!forged.value->head.has_value());
        // A mac that is not one is the API's field error.
        CHECK_ERROR(a.verify(AuditClient::Checkpoint{head.id, QStringLiteral("abc")}),
                    Kind::Validation, 400);
    }

    void aPageElsewhereIsNeverFollowed() {
        Audit a(Backend::Vault);
        CHECK_OK(a.f.login());
        a.f.tap.clearLog();
        for (const QByteArray& target :
             {QByteArray("https://elsewhere.example/admin/audit/?cursor=x"),
              QByteArray("//elsewhere.example/admin/audit/"), QByteArray("/admin/credentials/")}) {
            CHECK_ERROR(a.page(target), Kind::Unexpected, 0);
        }
        QCOMPARE(a.f.tap.log().size(), 0);
    }

    void aPlainUserIsForbidden() {
        Fixture f(Backend::Router);
        AuditClient audit(f.session);
        CHECK_OK(f.login());
        CHECK_ERROR(await<EventPage>(
                        [&](auto done) { audit.events(AuditClient::EventsPath, std::move(done)); }),
                    Kind::Forbidden, 403);
        CHECK_ERROR(await<AuditClient::Verification>(
                        [&](auto done) { audit.verify(std::nullopt, std::move(done)); }),
                    Kind::Forbidden, 403);
    }

    void theChoicesAreTheCoresLists() {
        QCOMPARE(AuditClient::actions().size(), 19);
        QCOMPARE(AuditClient::actions().first(), QStringLiteral("login"));
        QVERIFY(AuditClient::actions().contains(QStringLiteral("private_key_revealed")));
        QCOMPARE(AuditClient::outcomes(), QStringList({"ok", "denied", "failed"}));
        QCOMPARE(AuditClient::environments(), QStringList({"sandbox", "live"}));
    }
};

QTEST_GUILESS_MAIN(TestAuditClient)
#include "tst_auditclient.moc"
