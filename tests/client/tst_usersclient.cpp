// UsersClient: the users of API.md §3 as typed calls over the Session — over a real local vault
// (its owner is a superuser) through the real EmbeddedTransport and over the server's core (kUser
// made a superuser there) through the RouterTransport double; the users it creates log in through
// a second Session on the same transport, as another person's app would.

#include "core/client/usersclient.h"
#include "tests/client/clienttestsupport.h"
#include "tests/support/otherapp.h"

#include <QTest>

using namespace paycred;
using namespace paycred::clienttest;
using client::AdminUser;
using client::UsersClient;
using test::OtherApp;
using TransportResult = client::TransportResult;

namespace {

const QString OtherPassword = QStringLiteral("another password 42");

QStringList namesOf(const UsersClient::Page& page) {
    QStringList names;
    for (const AdminUser& user : page.results)
        names << user.username;
    return names;
}

} // namespace

class TestUsersClient : public QObject {
    Q_OBJECT

    struct Admin {
        explicit Admin(Backend backend)
            : f(backend, true) {}

        Fixture f;
        UsersClient users{f.session};

        client::Result<UsersClient::Page> page(const QByteArray& target) {
            return await<UsersClient::Page>(
                [&](auto done) { users.list(target, std::move(done)); });
        }
        client::Result<UsersClient::Page> query(const client::AdminClient::ListQuery& query) {
            return page(query.target(UsersClient::UsersPath));
        }
        client::Result<AdminUser> create(const QString& username,
                                         const QString& password = OtherPassword,
                                         bool superuser = false) {
            return await<AdminUser>(
                [&](auto done) { users.create(username, password, superuser, std::move(done)); });
        }
        client::Result<AdminUser> update(qint64 id, UsersClient::Change change) {
            return await<AdminUser>(
                [&](auto done) { users.update(id, std::move(change), std::move(done)); });
        }
        client::Result<AdminUser> read(qint64 id) {
            return await<AdminUser>([&](auto done) { users.read(id, std::move(done)); });
        }
    };

private slots:
    void theListComesPageByPageWithItsFilters_data() { addBackends(); }
    void theListComesPageByPageWithItsFilters() {
        QFETCH(Backend, backend);
        Admin a(backend);
        CHECK_OK(a.f.login());
        const auto amina = a.create(QStringLiteral("amina"), OtherPassword, true);
        CHECK_OK(amina);
        CHECK_OK(a.create(QStringLiteral("baraka")));

        client::AdminClient::ListQuery query;
        query.ordering = QStringLiteral("username");
        query.pageSize = 2;
        QCOMPARE(query.target(UsersClient::UsersPath),
                 QByteArray("/admin/users/?ordering=username&page_size=2"));
        const auto first = a.query(query);
        CHECK_OK(first);
        QCOMPARE(first.value->count, std::optional<qint64>(3));
        QCOMPARE(namesOf(*first.value), QStringList({"amina", "baraka"}));
        QVERIFY(!first.value->next.isEmpty());
        const auto second = a.page(first.value->next);
        CHECK_OK(second);
        QCOMPARE(namesOf(*second.value), QStringList({QString(kUser)}));
        QVERIFY(second.value->next.isEmpty());

        const AdminUser& listed = first.value->results.first();
        QCOMPARE(listed, *amina.value);
        QVERIFY(listed.isSuperuser);
        QVERIFY(listed.isActive);
        QCOMPARE(listed.dateJoined, a.f.clock().now());
        QVERIFY(!listed.lastLogin.has_value());
        QCOMPARE(listed.credentialsCount, 0);
        QVERIFY(!listed.isLocked());

        query = {};
        query.filters = {{QStringLiteral("search"), QStringLiteral("AR")},
                         {QStringLiteral("is_superuser"), QStringLiteral("false")}};
        query.ordering = QStringLiteral("-date_joined");
        const auto filtered = a.query(query);
        CHECK_OK(filtered);
        QCOMPARE(namesOf(*filtered.value), QStringList({"baraka"}));
        QCOMPARE(filtered.value->count, std::optional<qint64>(1));

        query.filters = {{QStringLiteral("is_active"), QStringLiteral("maybe")}};
        const auto refused = a.query(query);
        CHECK_ERROR(refused, Kind::Validation, 400);
        QVERIFY(!refused.error.fieldError(QStringLiteral("is_active")).isEmpty());
    }

    void aPageElsewhereIsNeverFollowed() {
        Admin a(Backend::Vault);
        CHECK_OK(a.f.login());
        a.f.tap.clearLog();
        for (const QByteArray& target :
             {QByteArray("https://elsewhere.example/admin/users/?cursor=x"),
              QByteArray("//elsewhere.example/admin/users/"), QByteArray("/admin/credentials/")}) {
            Awaited<UsersClient::Page> awaited;
            a.users.list(target, awaited.callback());
            QVERIFY(!awaited.done()); // never from inside the call
            const auto refused = awaited.wait();
            CHECK_ERROR(refused, Kind::Unexpected, 0);
            QCOMPARE(awaited.calls(), 1);
        }
        QCOMPARE(a.f.tap.log().size(), 0);
    }

    void aCreatedUserLogsInAndIsRead_data() { addBackends(); }
    void aCreatedUserLogsInAndIsRead() {
        QFETCH(Backend, backend);
        Admin a(backend);
        CHECK_OK(a.f.login());
        const auto created = a.create(QStringLiteral("wanjiku"));
        CHECK_OK(created);
        QCOMPARE(created.value->username, QStringLiteral("wanjiku"));
        QVERIFY(!created.value->isSuperuser);
        QCOMPARE(a.f.tap.log().last().method, QByteArray("POST"));
        QCOMPARE(a.f.tap.log().last().path, QByteArray(UsersClient::UsersPath));

        OtherApp other(a.f.tap);
        CHECK_OK(other.login(QStringLiteral("wanjiku"), OtherPassword));
        CHECK_OK(addCredentialFor(other));
        a.f.clock().advance(1000);
        const auto read = a.read(created.value->id);
        CHECK_OK(read);
        QCOMPARE(read.value->credentialsCount, 1);
        QVERIFY(read.value->lastLogin.has_value());
        CHECK_ERROR(a.read(created.value->id + 100), Kind::NotFound, 404);
    }

    void refusalsAreFieldErrorsOrTheServersSentence_data() { addBackends(); }
    void refusalsAreFieldErrorsOrTheServersSentence() {
        QFETCH(Backend, backend);
        Admin a(backend);
        CHECK_OK(a.f.login());
        const auto taken = a.create(QString(kUser));
        CHECK_ERROR(taken, Kind::Validation, 400);
        QCOMPARE(taken.error.fieldError(QStringLiteral("username")),
                 QStringLiteral("A user with that username already exists."));
        const auto weak = a.create(QStringLiteral("short"), QStringLiteral("abc"));
        CHECK_ERROR(weak, Kind::Validation, 400);
        QVERIFY(weak.error.fieldError(QStringLiteral("password")).contains("too short"));

        // Yourself: the server's sentence, nothing changed.
        const qint64 self = a.f.backing->userId;
        UsersClient::Change demote;
        demote.isSuperuser = false;
        const auto demoted = a.update(self, demote);
        CHECK_ERROR(demoted, Kind::Validation, 400);
        QVERIFY(demoted.error.fieldErrors.isEmpty());
        QVERIFY2(!demoted.error.message.isEmpty(), qPrintable(demoted.error.message));
        const auto removed =
            await<UsersClient::Deleted>([&](auto done) { a.users.remove(self, std::move(done)); });
        CHECK_ERROR(removed, Kind::Validation, 400);
        const auto still = a.read(self);
        CHECK_OK(still);
        QVERIFY(still.value->isSuperuser);
    }

    void changesReachTheUser_data() { addBackends(); }
    void changesReachTheUser() {
        QFETCH(Backend, backend);
        Admin a(backend);
        CHECK_OK(a.f.login());
        const auto created = a.create(QStringLiteral("otieno"));
        CHECK_OK(created);
        const qint64 id = created.value->id;
        OtherApp other(a.f.tap);
        CHECK_OK(other.login(QStringLiteral("otieno"), OtherPassword));

        // A reset: the user's tokens end, the new password works.
        UsersClient::Change reset;
        reset.password = QStringLiteral("reset password 0099");
        CHECK_OK(a.update(id, std::move(reset)));
        CHECK_ERROR(other.list(), Kind::Unauthorized, 401);
        OtherApp again(a.f.tap);
        CHECK_ERROR(again.login(QStringLiteral("otieno"), OtherPassword), Kind::Unauthorized, 401);
        CHECK_OK(again.login(QStringLiteral("otieno"), QStringLiteral("reset password 0099")));

        UsersClient::Change promote;
        promote.isSuperuser = true;
        const auto promoted = a.update(id, promote);
        CHECK_OK(promoted);
        QVERIFY(promoted.value->isSuperuser);

        UsersClient::Change deactivate;
        deactivate.isActive = false;
        const auto inactive = a.update(id, deactivate);
        CHECK_OK(inactive);
        QVERIFY(!inactive.value->isActive);
        CHECK_ERROR(again.list(), Kind::Unauthorized, 401);
        UsersClient::Change activate;
        activate.isActive = true;
        CHECK_OK(a.update(id, activate));
        OtherApp third(a.f.tap);
        CHECK_OK(third.login(QStringLiteral("otieno"), QStringLiteral("reset password 0099")));
    }

    void unlockEndsTheThrottlesLock_data() { addBackends(); }
    void unlockEndsTheThrottlesLock() {
        QFETCH(Backend, backend);
        Admin a(backend);
        CHECK_OK(a.f.login());
        const auto created = a.create(QStringLiteral("locked"));
        CHECK_OK(created);
        OtherApp other(a.f.tap);
        for (int attempt = 0; attempt < 5; ++attempt)
            CHECK_ERROR(other.login(QStringLiteral("locked"), QStringLiteral("wrong password 1")),
                        Kind::Unauthorized, 401);
        CHECK_ERROR(other.login(QStringLiteral("locked"), OtherPassword), Kind::Throttled, 429);
        const auto read = a.read(created.value->id);
        CHECK_OK(read);
        QVERIFY(read.value->isLocked());
        QVERIFY(*read.value->lockedUntil > a.f.clock().now());

        UsersClient::Change unlock;
        unlock.unlock = true;
        const auto unlocked = a.update(created.value->id, unlock);
        CHECK_OK(unlocked);
        QVERIFY(!unlocked.value->isLocked());
        CHECK_OK(other.login(QStringLiteral("locked"), OtherPassword));
    }

    void deletingSaysHowManyCredentialsWent_data() { addBackends(); }
    void deletingSaysHowManyCredentialsWent() {
        QFETCH(Backend, backend);
        Admin a(backend);
        CHECK_OK(a.f.login());
        const auto created = a.create(QStringLiteral("leaving"));
        CHECK_OK(created);
        OtherApp other(a.f.tap);
        CHECK_OK(other.login(QStringLiteral("leaving"), OtherPassword));
        CHECK_OK(addCredentialFor(other));
        const auto removed = await<UsersClient::Deleted>(
            [&](auto done) { a.users.remove(created.value->id, std::move(done)); });
        CHECK_OK(removed);
        QCOMPARE(removed.value->credentialsDeleted, 1);
        QVERIFY(removed.value->message.contains(QStringLiteral("leaving")));
        CHECK_ERROR(a.read(created.value->id), Kind::NotFound, 404);
        CHECK_ERROR(other.list(), Kind::Unauthorized, 401);
    }

    void aPlainUserIsForbidden() {
        Fixture f(Backend::Router);
        UsersClient users(f.session);
        CHECK_OK(f.login());
        const auto refused = await<UsersClient::Page>(
            [&](auto done) { users.list(UsersClient::UsersPath, std::move(done)); });
        CHECK_ERROR(refused, Kind::Forbidden, 403);
        QVERIFY(f.session.capabilities().admin);
    }

private:
    static client::Result<client::Credential> addCredentialFor(OtherApp& other) {
        return await<client::Credential>([&](auto done) {
            other.client.createCredential({QStringLiteral("kopokopo"), kApiKey, kPrivateKey, {}},
                                          std::move(done));
        });
    }

    // ---- the caller's own sessions (API.md §1) ----------------------------------------------

    void sessionsAreListedAndEnded_data() { addBackends(); }
    void sessionsAreListedAndEnded() {
        QFETCH(Backend, backend);
        Fixture f(backend);
        UsersClient users(f.session);
        CHECK_OK(f.login());
        // Another app of the same user, on the same transport.
        client::Session other(f.tap);
        CHECK_OK(await<client::Session::Identity>(
            [&](auto done) { other.login(kUser, kPassword, std::move(done)); }));
        const auto listed = await<QList<client::AccountSession>>(
            [&](auto done) { users.sessions(std::move(done)); });
        CHECK_OK(listed);
        QCOMPARE(listed.value->size(), 2);
        QVERIFY(listed.value->at(0).current);
        QVERIFY(!listed.value->at(1).current);
        QCOMPARE(listed.value->at(0).createdAt, f.clock().now());
        QCOMPARE(listed.value->at(0).sid.size(), 32);

        CHECK_OK(await<QString>(
            [&](auto done) { users.endSession(listed.value->at(1).sid, std::move(done)); }));
        // The other app's token is refused at once, and its refresh too: it has expired.
        QSignalSpy otherExpired(&other, &client::Session::sessionExpired);
        client::CredentialsClient otherClient(other);
        CHECK_ERROR(await<QList<client::Credential>>(
                        [&](auto done) { otherClient.listCredentials(std::move(done)); }),
                    Kind::Unauthorized, 401);
        QCOMPARE(otherExpired.count(), 1);
        // Ending it again: the API's own 404 (not a missing feature).
        CHECK_ERROR(await<QString>([&](auto done) {
                        users.endSession(listed.value->at(1).sid, std::move(done));
                    }),
                    Kind::NotFound, 404);
        QVERIFY(f.session.capabilities().sessions);

        const auto ended = await<int>([&](auto done) { users.logoutAll(std::move(done)); });
        CHECK_OK(ended);
        QCOMPARE(*ended.value, 1);
        CHECK_ERROR(f.list(), Kind::Unauthorized, 401);
        QCOMPARE(f.expired.count(), 1);
    }

    void aServerWithoutSessionsHidesThem() {
        // The seed's Django server answers /users/sessions/ with its own 404 page.
        Fixture f(Backend::Router);
        UsersClient users(f.session);
        CHECK_OK(f.login());
        f.router().setIntercept([](const api::ApiRequest& request) {
            if (!request.target.startsWith("/users/sessions/") &&
                !request.target.startsWith("/users/logout-all/"))
                return std::optional<TransportResult>();
            return std::optional<TransportResult>(answer(404, "<h1>Not Found</h1>"));
        });
        CHECK_ERROR(await<QList<client::AccountSession>>(
                        [&](auto done) { users.sessions(std::move(done)); }),
                    Kind::NotFound, 404);
        QVERIFY(!f.session.capabilities().sessions);
        CHECK_OK(f.list()); // the session itself goes on
    }
};

QTEST_GUILESS_MAIN(TestUsersClient)
#include "tst_usersclient.moc"
