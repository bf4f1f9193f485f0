// AdminClient: API.md §3 as typed calls over the same Session as the CredentialsClient — over a
// real local vault (its owner is a superuser) through the real EmbeddedTransport; the double
// only where a real backend cannot answer so (a plain user's 403 is real too, on the server's
// core; a server without §3 is the double's).

#include "core/client/adminclient.h"
#include "tests/client/clienttestsupport.h"

#include <QTest>

using namespace paycred;
using namespace paycred::clienttest;
using client::AdminClient;
using TransportResult = client::TransportResult;

using CredentialPage = AdminClient::ListPage<AdminClient::OwnedCredential>;

class TestAdminClient : public QObject {
    Q_OBJECT

    struct Admin {
        Fixture f{Backend::Vault};
        AdminClient admin{f.session};

        client::Result<CredentialPage> page(const QByteArray& target) {
            return await<CredentialPage>(
                [&](auto done) { admin.credentials(target, std::move(done)); });
        }
    };

private slots:
    void statsCountWhatIsStored() {
        Admin a;
        CHECK_OK(a.f.login());
        CHECK_OK(a.f.create(QStringLiteral("kopokopo"), QStringLiteral("live")));
        CHECK_OK(a.f.create(QStringLiteral("instasend")));
        const auto stats = await<AdminClient::Stats>([&](auto done) { a.admin.stats(done); });
        CHECK_OK(stats);
        QCOMPARE(stats.value->users, 1);
        QCOMPARE(stats.value->activeUsers, 1);
        QCOMPARE(stats.value->credentials, 2);
        QCOMPARE(stats.value->byProvider.value("kopokopo").live, 1);
        QCOMPARE(stats.value->byProvider.value("instasend").sandbox, 1);
        QCOMPARE(stats.value->byProvider.value("instasend").inactive, 0);
    }

    void theCredentialsListComesPageByPage() {
        Admin a;
        CHECK_OK(a.f.login());
        const auto kopo = a.f.create(QStringLiteral("kopokopo"), QStringLiteral("live"));
        const auto insta = a.f.create(QStringLiteral("instasend"));
        CHECK_OK(kopo);
        CHECK_OK(insta);
        AdminClient::ListQuery query;
        query.ordering = QStringLiteral("-provider");
        query.pageSize = 1;
        QCOMPARE(query.target(AdminClient::CredentialsPath),
                 QByteArray("/admin/credentials/?ordering=-provider&page_size=1"));
        const CredentialPage first =
            valueOrWarn(a.page(query.target(AdminClient::CredentialsPath)));
        QCOMPARE(first.count, std::optional<qint64>(2));
        QCOMPARE(first.results.size(), 1);
        QCOMPARE(first.results.first().credential.id, kopo.value->id); // kopokopo > instasend
        QCOMPARE(first.results.first().ownerUsername, QString(kUser));
        QCOMPARE(first.results.first().ownerId, a.f.backing->userId);
        QVERIFY(!first.next.isEmpty());
        const CredentialPage second = valueOrWarn(a.page(first.next));
        QCOMPARE(second.results.size(), 1);
        QCOMPARE(second.results.first().credential.id, insta.value->id);
        QVERIFY(!second.count.has_value());
        QVERIFY(second.next.isEmpty());

        // A filter travels as the API names it.
        query = {};
        query.filters = {{QStringLiteral("environment"), QStringLiteral("live")},
                         {QStringLiteral("search"), QStringLiteral("your user")}};
        QCOMPARE(query.target(AdminClient::CredentialsPath),
                 QByteArray("/admin/credentials/?environment=live&search=your%20user"));
        query.filters.removeLast();
        const CredentialPage live = valueOrWarn(a.page(query.target(AdminClient::CredentialsPath)));
        QCOMPARE(live.results.size(), 1);
        QVERIFY(live.results.first().credential.isLive);
    }

    void aPageElsewhereIsNeverFollowed() {
        // A `next` that is not a path of this server would carry the token away.
        Admin a;
        CHECK_OK(a.f.login());
        a.f.tap.clearLog();
        for (const QByteArray& target :
             {QByteArray("https://elsewhere.example/admin/credentials/?cursor=x"),
              QByteArray("//elsewhere.example/admin/credentials/"),
              QByteArray("/payments/credentials/")}) {
            const auto refused = a.page(target);
            CHECK_ERROR(refused, Kind::Unexpected, 0);
        }
        QCOMPARE(a.f.tap.log().size(), 0);
    }

    void toggleAndDeleteHonourIfMatch() {
        Admin a;
        CHECK_OK(a.f.login());
        const auto created = a.f.create(QStringLiteral("kopokopo"));
        CHECK_OK(created);
        const qint64 id = created.value->id;
        CHECK_ERROR(await<client::Credential>(
                        [&](auto done) { a.admin.toggleCredential(id, std::move(done), "\"7\""); }),
                    Kind::Changed, 412);
        const auto toggled = await<client::Credential>(
            [&](auto done) { a.admin.toggleCredential(id, std::move(done), "\"1\""); });
        CHECK_OK(toggled);
        QVERIFY(!toggled.value->isActive);
        QCOMPARE(toggled.value->entityTag, QByteArray("\"2\""));
        CHECK_ERROR(await<QString>(
                        [&](auto done) { a.admin.deleteCredential(id, std::move(done), "\"1\""); }),
                    Kind::Changed, 412);
        CHECK_OK(await<QString>(
            [&](auto done) { a.admin.deleteCredential(id, std::move(done), "\"2\""); }));
        CHECK_ERROR(a.f.one(id), Kind::NotFound, 404);
    }

    void theEmergencySwitch() {
        Admin a;
        CHECK_OK(a.f.login());
        CHECK_OK(a.f.create(QStringLiteral("kopokopo"), QStringLiteral("live")));
        CHECK_OK(a.f.create(QStringLiteral("instasend")));
        const auto off = await<qint64>(
            [&](auto done) { a.admin.deactivateLive(std::nullopt, std::move(done)); });
        CHECK_OK(off);
        QCOMPARE(*off.value, 1);
        const auto again = await<qint64>(
            [&](auto done) { a.admin.deactivateLive(a.f.backing->userId, std::move(done)); });
        CHECK_OK(again);
        QCOMPARE(*again.value, 0);
        const auto list = a.f.list();
        CHECK_OK(list);
        for (const auto& credential : *list.value)
            QCOMPARE(credential.isActive, !credential.isLive);
    }

    void aPlainUserIsForbidden() {
        // The server's core, where kUser is no superuser: the real 403.
        Fixture f(Backend::Router);
        AdminClient admin(f.session);
        CHECK_OK(f.login());
        const auto refused = await<AdminClient::Stats>([&](auto done) { admin.stats(done); });
        CHECK_ERROR(refused, Kind::Forbidden, 403);
        QCOMPARE(refused.error.message,
                 QStringLiteral("You do not have permission to perform this action."));
        QVERIFY(f.session.capabilities().admin); // forbidden is not missing
    }

    void aServerWithoutAdministrationHidesIt() {
        // The seed's Django server answers /admin/… with its own 404 page: the double does.
        Fixture f(Backend::Router);
        AdminClient admin(f.session);
        CHECK_OK(f.login());
        f.router().setIntercept([](const api::ApiRequest& request) {
            if (!request.target.startsWith("/admin/"))
                return std::optional<TransportResult>();
            return std::optional<TransportResult>(answer(404, "<h1>Not Found</h1>"));
        });
        QSignalSpy changed(&f.session, &client::Session::capabilitiesChanged);
        CHECK_ERROR(await<AdminClient::Stats>([&](auto done) { admin.stats(done); }),
                    Kind::NotFound, 404);
        QVERIFY(!f.session.capabilities().admin);
        QCOMPARE(changed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAdminClient)
#include "tst_adminclient.moc"
