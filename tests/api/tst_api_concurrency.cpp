// Writes that cannot be lost (API.md §2, "Optimistic concurrency"): every answer that carries one
// credential sends its row version as ETag; If-Match makes a change conditional and a stale one
// gets 412 and changes nothing; writes change only their own columns, so two writers racing on
// one row both land; a password rehash never undoes a password change made meanwhile.

#include "core/crypto/passwordhasher.h"
#include "core/service/passwordstore.h"
#include "core/storage/userrepository.h"
#include "tests/api/apitestcase.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace paycred;
using namespace paycred::apitest;

namespace {
constexpr char kPassword[] = "correct-horse-battery";
constexpr char kChanged[] =
    "{\"error\":\"The credentials were changed by someone else. Reload them and try again.\"}";

} // namespace

class TestApiConcurrency : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestBackend> m_backend;
    QByteArray m_token;
    qint64 m_aliceId = 0;

    test::TestBackend& backend() { return *m_backend; }

    api::ApiResponse send(const QByteArray& method, const QByteArray& path,
                          const QJsonObject& body = {}, const QByteArray& ifMatch = {},
                          const QByteArray& token = {}) {
        api::ApiRequest request =
            makeRequest(method, path, body.isEmpty() ? QByteArray() : compact(body),
                        "application/json", "Bearer " + (token.isEmpty() ? m_token : token));
        if (!ifMatch.isNull())
            request.headers.append({QByteArray("If-Match"), ifMatch});
        return backend().handle(request);
    }
    qint64 versionOf(qint64 id) {
        const auto response = send("GET", credentialPath(id));
        return response.header("ETag").mid(1).chopped(1).toLongLong();
    }
    // What each conditional endpoint sends: method, path, body.
    struct Write {
        QByteArray method;
        QByteArray action;
        QJsonObject body;
    };
    static QList<QPair<const char*, Write>> writes() {
        return {
            {"PUT", {"PUT", {}, {{"environment", "live"}}}},
            {"PATCH", {"PATCH", {}, {{"api_key", "pk_test_kopokopo_changed_000"}}}},
            {"update-private-key",
             {"POST", "update-private-key", {{"private_key", "sk_test_kopokopo_changed_000"}}}},
            {"toggle-status", {"POST", "toggle-status", {}}},
            {"DELETE", {"DELETE", {}, {}}},
        };
    }
    Snapshot dbState() { return snapshot(backend().database(), {"audit_events"}); }

private slots:
    void init() {
        m_backend = std::make_unique<test::TestBackend>();
        m_aliceId = backend().createUser("alice", kPassword);
        m_token = backend().login("alice", kPassword);
        QVERIFY(!m_token.isEmpty());
    }
    void cleanup() { m_backend.reset(); }

    void everyAnswerWithOneCredentialSendsItsVersion() {
        const auto created = backend().call(
            "POST", "/payments/credentials/",
            {{"provider", "kopokopo"}, {"api_key", kApiKey}, {"private_key", kPrivateKey}},
            m_token);
        EXPECT_STATUS(created, 201);
        QCOMPARE(created.header("ETag"), QByteArray("\"1\""));
        const qint64 id = created.object().value("id").toInteger();

        QCOMPARE(send("GET", credentialPath(id)).header("ETag"), QByteArray("\"1\""));
        QCOMPARE(send("GET", "/payments/credentials/provider/kopokopo/").header("ETag"),
                 QByteArray("\"1\""));
        QCOMPARE(send("PUT", credentialPath(id), {{"environment", "live"}}).header("ETag"),
                 QByteArray("\"2\""));
        QCOMPARE(send("POST", credentialPath(id, "update-private-key"),
                      {{"private_key", "sk_test_kopokopo_second_key"}})
                     .header("ETag"),
                 QByteArray("\"3\""));
        QCOMPARE(send("POST", credentialPath(id, "toggle-status")).header("ETag"),
                 QByteArray("\"4\""));
        // Reading, revealing and verifying change nothing, so the version stays.
        EXPECT_STATUS(send("GET", credentialPath(id, "get-private-key")), 200);
        EXPECT_STATUS(send("POST", credentialPath(id, "verify"), {{"private_key", kPrivateKey}}),
                      200);
        QCOMPARE(send("GET", credentialPath(id)).header("ETag"), QByteArray("\"4\""));
        QCOMPARE(send("GET", "/payments/credentials/provider/kopokopo/").header("ETag"),
                 QByteArray("\"4\""));
        // A list carries many credentials: no ETag.
        QVERIFY(send("GET", "/payments/credentials/").header("ETag").isEmpty());
    }

    void aMatchingIfMatchApplies_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QByteArray>("ifMatch");
        for (const auto& [name, write] : writes()) {
            for (const char* header : {"\"1\"", "*", "\"9\", \"1\"", " \"1\" "}) {
                QTest::addRow("%s %s", name, header)
                    << write.method << write.action << write.body << QByteArray(header);
            }
        }
    }
    void aMatchingIfMatchApplies() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, action);
        QFETCH(QJsonObject, body);
        QFETCH(QByteArray, ifMatch);
        const qint64 id = createCredential(backend(), m_token);
        QVERIFY(id > 0);
        const auto response = send(method, credentialPath(id, action), body, ifMatch);
        EXPECT_STATUS(response, 200);
        if (method == "DELETE") {
            EXPECT_STATUS(send("GET", credentialPath(id)), 404);
            return;
        }
        QCOMPARE(response.header("ETag"), QByteArray("\"2\""));
        QCOMPARE(versionOf(id), 2);
    }

    void aStaleIfMatchChangesNothing_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("action");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QByteArray>("ifMatch");
        // A version the row does not have, a weak tag (If-Match compares strongly), tags that
        // are not versions, and text that is no entity tag at all.
        for (const auto& [name, write] : writes()) {
            for (const char* header :
                 {"\"2\"", "W/\"1\"", "\"abc\"", "\"\"", "\"-1\"", "1", "garbage", "\"1"}) {
                QTest::addRow("%s %s", name, header)
                    << write.method << write.action << write.body << QByteArray(header);
            }
        }
    }
    void aStaleIfMatchChangesNothing() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, action);
        QFETCH(QJsonObject, body);
        QFETCH(QByteArray, ifMatch);
        const qint64 id = createCredential(backend(), m_token);
        QVERIFY(id > 0);
        const Snapshot before = dbState();
        const auto response = send(method, credentialPath(id, action), body, ifMatch);
        EXPECT_JSON(response, 412, parseObject(kChanged));
        EXPECT_UNCHANGED(before, dbState());
        // The key is still the one it was.
        EXPECT_JSON(send("POST", credentialPath(id, "verify"), {{"private_key", kPrivateKey}}), 200,
                    QJsonObject{{"credentials_id", id},
                                {"provider", "kopokopo"},
                                {"provider_display", "KopoKopo"},
                                {"is_valid", true},
                                {"message", "Credentials verified successfully"}});
    }

    void thePreconditionComesAfterTheLookupAndBeforeTheBody() {
        const qint64 id = createCredential(backend(), m_token);
        QVERIFY(id > 0);
        // 412 before 400: a stale change is refused whatever its body says.
        EXPECT_JSON(send("PUT", credentialPath(id), {{"environment", "mars"}}, "\"5\""), 412,
                    parseObject(kChanged));
        EXPECT_JSON(send("POST", credentialPath(id, "update-private-key"), {}, "\"5\""), 412,
                    parseObject(kChanged));
        // 404 before 412: someone else's credential is not found, whatever the If-Match.
        backend().createUser("bob", kPassword);
        const QByteArray bob = backend().login("bob", kPassword);
        EXPECT_JSON(send("PUT", credentialPath(id), {{"environment", "live"}}, "\"1\"", bob), 404,
                    QJsonObject{{"error", kNotFound}});
        EXPECT_JSON(send("DELETE", credentialPath(id), {}, "\"9\"", bob), 404,
                    QJsonObject{{"error", kNotFound}});
        // 401 before everything.
        api::ApiRequest anonymous = makeRequest("DELETE", credentialPath(id));
        anonymous.headers.append({QByteArray("If-Match"), QByteArray("\"9\"")});
        EXPECT_STATUS(backend().handle(anonymous), 401);
        QCOMPARE(versionOf(id), 1);
    }

    void withoutIfMatchEveryWriteLandsAsInTheSeed() {
        const qint64 id = createCredential(backend(), m_token);
        EXPECT_STATUS(send("PUT", credentialPath(id), {{"environment", "live"}}), 200);
        EXPECT_STATUS(send("PUT", credentialPath(id), {{"environment", "sandbox"}}), 200);
        QCOMPARE(versionOf(id), 3);
    }

    void twoEditorsOfOneVersion() {
        // Both read version 1; the first to write wins, the second is told to reload.
        const qint64 id = createCredential(backend(), m_token);
        const QByteArray seen = send("GET", credentialPath(id)).header("ETag");
        EXPECT_STATUS(send("PUT", credentialPath(id), {{"environment", "live"}}, seen), 200);
        EXPECT_JSON(send("PUT", credentialPath(id), {{"is_active", false}}, seen), 412,
                    parseObject(kChanged));
        const auto now = send("GET", credentialPath(id));
        CHECK_CREDENTIAL(now.object(), id, "kopokopo", "live", true);
        // Reloaded, the second editor's change goes through.
        EXPECT_STATUS(send("PUT", credentialPath(id), {{"is_active", false}}, now.header("ETag")),
                      200);
        CHECK_CREDENTIAL(send("GET", credentialPath(id)).object(), id, "kopokopo", "live", false);
    }

    void writersRacingOnOneRowLoseNothing() {
        // Three writers at once on one credential, each changing its own field many times: a
        // write of the whole row (read before another writer's commit) would undo the others.
        const qint64 id = createCredential(backend(), m_token);
        constexpr int Rounds = 30;
        const QByteArray path = credentialPath(id);
        std::atomic<int> refused{0};
        const auto writer = [&](auto request) {
            return QThread::create([&, request] {
                for (int i = 0; i < Rounds; ++i) {
                    if (request(i).status != 200)
                        ++refused;
                }
            });
        };
        std::unique_ptr<QThread> keys(writer([&](int i) {
            return send(
                "POST", credentialPath(id, "update-private-key"),
                {{"private_key", QStringLiteral("sk_race_private_%1").arg(i, 3, 10, QChar(u'0'))}});
        }));
        std::unique_ptr<QThread> apiKeys(writer([&](int i) {
            return send("PUT", path,
                        {{"api_key", QStringLiteral("pk_race_api_%1").arg(i, 3, 10, QChar(u'0'))}});
        }));
        std::unique_ptr<QThread> toggles(
            writer([&](int) { return send("POST", credentialPath(id, "toggle-status")); }));
        for (QThread* thread : {keys.get(), apiKeys.get(), toggles.get()})
            thread->start();
        for (QThread* thread : {keys.get(), apiKeys.get(), toggles.get()})
            QVERIFY(thread->wait(120000));
        QCOMPARE(refused.load(), 0);

        // Every write counted, each writer's last value is there, and the toggles add up.
        QCOMPARE(versionOf(id), 1 + 3 * Rounds);
        const auto revealed = send("GET", credentialPath(id, "get-private-key")).object();
        QCOMPARE(revealed.value("private_key").toString(), QStringLiteral("sk_race_private_029"));
        QCOMPARE(revealed.value("api_key").toString(), QStringLiteral("pk_race_api_029"));
        CHECK_CREDENTIAL(send("GET", path).object(), id, "kopokopo", "sandbox", true);
        EXPECT_STATUS(
            send("POST", credentialPath(id, "verify"), {{"private_key", "sk_race_private_029"}}),
            200);
        QCOMPARE(
            send("POST", credentialPath(id, "verify"), {{"private_key", "sk_race_private_029"}})
                .object()
                .value("is_valid")
                .toBool(),
            true);
    }

    void conditionalWritersRacingGetOneWinnerPerVersion() {
        // Writers that each read the version and write under If-Match: every 200 bumped the
        // version by one and every other answer is 412 — none is lost, none applied twice.
        const qint64 id = createCredential(backend(), m_token);
        constexpr int Writers = 4;
        constexpr int Rounds = 15;
        std::atomic<int> applied{0};
        std::atomic<int> refused{0};
        std::atomic<int> other{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int w = 0; w < Writers; ++w) {
            threads.emplace_back(QThread::create([&] {
                for (int i = 0; i < Rounds; ++i) {
                    const QByteArray tag = send("GET", credentialPath(id)).header("ETag");
                    const int status =
                        send("POST", credentialPath(id, "toggle-status"), {}, tag).status;
                    (status == 200 ? applied : status == 412 ? refused : other)++;
                }
            }));
        }
        for (auto& thread : threads)
            thread->start();
        for (auto& thread : threads)
            QVERIFY(thread->wait(120000));
        QCOMPARE(other.load(), 0);
        QCOMPARE(applied + refused, Writers * Rounds);
        QVERIFY(applied > 0);
        QCOMPARE(versionOf(id), 1 + applied);
        const bool active = send("GET", credentialPath(id)).object().value("is_active").toBool();
        QCOMPARE(active, applied % 2 == 0);
    }

    void aRehashNeverUndoesAPasswordChange() {
        // A login that read the user row (hash of few iterations, so it gets upgraded), then a
        // password change while that login's check runs, then the login's rehash: it must not
        // write the old password's hash back over the new one.
        const storage::UserRepository users(backend().database());
        const QString oldPassword = QString::fromLatin1(kPassword);
        const QString newPassword = QStringLiteral("a-new-password-42");
        QCOMPARE(users.setPasswordHash(m_aliceId, crypto::PasswordHasher(10).hash(oldPassword)),
                 storage::WriteStatus::Ok);
        const auto readByTheLogin = users.findById(m_aliceId);
        QVERIFY(readByTheLogin.has_value());

        EXPECT_STATUS(send("POST", "/users/change-password/",
                           {{"old_password", oldPassword}, {"new_password", newPassword}}),
                      200);
        const QString changedHash = users.findById(m_aliceId)->passwordHash;

        // The login's check, on the row it read: the old password is right for that row.
        QVERIFY(backend().services().passwords().verify(*readByTheLogin, oldPassword));
        QCOMPARE(users.findById(m_aliceId)->passwordHash, changedHash);
        QVERIFY(backend().login("alice", oldPassword).isEmpty());
        QVERIFY(!backend().login("alice", newPassword).isEmpty());

        // A rehash with nothing in between still upgrades the hash.
        QCOMPARE(users.setPasswordHash(m_aliceId, crypto::PasswordHasher(10).hash(newPassword)),
                 storage::WriteStatus::Ok);
        QVERIFY(!backend().login("alice", newPassword).isEmpty());
        QVERIFY(users.findById(m_aliceId)->passwordHash.startsWith(
            QStringLiteral("pbkdf2_sha256$%1$")
                .arg(backend().services().settings().passwordIterations)));
    }
};

QTEST_GUILESS_MAIN(TestApiConcurrency)
#include "tst_api_concurrency.moc"
