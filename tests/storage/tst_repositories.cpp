#include "core/storage/auditrepository.h"
#include "core/storage/credentialcheckrepository.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/loginthrottlerepository.h"
#include "core/storage/revokedtokenrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/userrepository.h"
#include "tests/storage/storagetestsupport.h"

#include <QMutex>
#include <QMutexLocker>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <stdexcept>

using namespace paycred::storage;
using namespace paycred::storagetest;

namespace {

// Collects what the storage log category writes while it is installed.
class LogCapture {
public:
    LogCapture() { s_previous = qInstallMessageHandler(&LogCapture::handler); }
    ~LogCapture() { qInstallMessageHandler(s_previous); }
    QStringList messages() const {
        const QMutexLocker lock(&s_mutex);
        return s_messages;
    }
    void clear() {
        const QMutexLocker lock(&s_mutex);
        s_messages.clear();
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
        if (context.category && QByteArray(context.category) == "paycred.storage") {
            const QMutexLocker lock(&s_mutex);
            s_messages.append(message);
        }
        if (s_previous)
            s_previous(type, context, message);
    }
    static inline QtMessageHandler s_previous = nullptr;
    static inline QMutex s_mutex;
    static inline QStringList s_messages;
};

} // namespace

class TestRepositories : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // users
    void userInsertAndFind();
    void userListAndCount();
    void userUpdate();
    void userUpdateOfMissingIdFails();
    void usernameIsUnique();
    void userSetLastLoginAndRemove();
    void userInsertWithInvalidDateFails();
    void userWithSessionIsOneLookup();

    // credentials
    void credentialInsertAndFind();
    void credentialListsAreOrderedById();
    void credentialUniquePerUserAndProvider();
    void credentialOfAnotherUserIsNotFound();
    void credentialUpdateTouchesOnlyItsRow();
    void credentialReencryptKeepsVersionAndTimes();
    void credentialUpdateOfMissingIdFails();
    void credentialRemove();
    void credentialConstraintFailuresAreFailedNotConflict();
    void failuresAreLoggedWithoutValues();
    void userDeleteCascadesAndKeepsAudit();

    // credential checks
    void checksAreListedNewestFirstAndTheLastFewKept();
    void checksGoWithTheirCredential();
    void aCheckOfNoCredentialFails();

    // revoked tokens
    void revokeIsIdempotent();
    void purgeExpiredTokens();

    // login throttle
    void throttleCountsWithinWindow();
    void throttleResetsAfterWindow();
    void throttleLockAndClear();

    // audit
    void auditAppendAndLatest();
    void auditKeepsOptionalFields();

    // transactions
    void transactionCommits();
    void failingSecondStatementLeavesNoRow();
    void failingConstraintInTransactionLeavesNoRow();
    void throwingWorkRollsBack();
    void nestedTransactionsJoinTheOuterOne();
    void failingNestedTransactionRollsBackTheOuterOne();
    void transactionIsUsableAfterRollback();

private:
    qint64 addUser(const QString& name);
    bool addCheck(qint64 credentialId, qint64 atMs, const QString& result);

    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<Database> m_db;
};

void TestRepositories::init() {
    m_db = std::make_unique<Database>(
        testConfig(m_dir.filePath(QStringLiteral("repo%1.sqlite3").arg(++m_files))));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void TestRepositories::cleanup() {
    const DatabaseConfig config = m_db ? m_db->config() : DatabaseConfig();
    m_db.reset();
    dropTestDatabase(config);
}

qint64 TestRepositories::addUser(const QString& name) {
    const auto result = UserRepository(*m_db).insert(makeUser(name));
    if (!result.ok())
        return 0;
    return result.value;
}

bool TestRepositories::addCheck(qint64 credentialId, qint64 atMs, const QString& result) {
    CredentialCheckRecord check;
    check.credentialId = credentialId;
    check.checkedAt = utc(atMs);
    check.environment = QStringLiteral("sandbox");
    check.result = result;
    check.message = QStringLiteral("check at %1").arg(atMs);
    return CredentialCheckRepository(*m_db).insert(check);
}

// ---- users ----------------------------------------------------------------------------------

void TestRepositories::userInsertAndFind() {
    UserRepository users(*m_db);
    UserRecord alice = makeUser(QStringLiteral("alice"));
    alice.isSuperuser = true;
    alice.tokenVersion = 7;
    alice.lastLogin = utc(kJan15 + 60'000);
    const auto inserted = users.insert(alice);
    QVERIFY(inserted.ok());
    QCOMPARE(inserted.status, WriteStatus::Ok);
    QVERIFY(inserted.value > 0);

    const auto found = users.findById(inserted.value);
    QVERIFY(found.has_value());
    QCOMPARE(found->id, inserted.value);
    QCOMPARE(found->username, QStringLiteral("alice"));
    QCOMPARE(found->passwordHash, alice.passwordHash);
    QCOMPARE(found->isSuperuser, true);
    QCOMPARE(found->isActive, true);
    QCOMPARE(found->dateJoined, utc(kJan15));
    QCOMPARE(found->dateJoined.toMSecsSinceEpoch(), kJan15); // milliseconds kept
    QCOMPARE(found->dateJoined.timeSpec(), Qt::UTC);
    QVERIFY(found->lastLogin.has_value());
    QCOMPARE(*found->lastLogin, utc(kJan15 + 60'000));
    QCOMPARE(found->tokenVersion, 7);

    const auto byName = users.findByUsername(QStringLiteral("alice"));
    QVERIFY(byName.has_value());
    QCOMPARE(byName->id, inserted.value);
    QVERIFY(!users.findByUsername(QStringLiteral("ALICE")).has_value());
    QVERIFY(!users.findByUsername(QStringLiteral("nobody")).has_value());
    QVERIFY(!users.findById(inserted.value + 1).has_value());

    // A user without a last login reads back without one.
    const auto bob = users.insert(makeUser(QStringLiteral("bob")));
    QVERIFY(bob.ok());
    QVERIFY(bob.value > inserted.value);
    QVERIFY(!users.findById(bob.value)->lastLogin.has_value());
    QCOMPARE(users.findById(bob.value)->isSuperuser, false);
}

void TestRepositories::userListAndCount() {
    UserRepository users(*m_db);
    QCOMPARE(users.count(), qint64(0));
    QVERIFY(users.list().isEmpty());
    const qint64 zed = addUser(QStringLiteral("zed"));
    const qint64 amy = addUser(QStringLiteral("amy"));
    QCOMPARE(users.count(), qint64(2));
    const auto listed = users.list();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed[0].id, zed); // by id, not by name
    QCOMPARE(listed[1].id, amy);
}

void TestRepositories::userUpdate() {
    // Each write sets its own columns and nothing else, on its own row only.
    UserRepository users(*m_db);
    const qint64 id = addUser(QStringLiteral("dave"));
    const qint64 other = addUser(QStringLiteral("erin"));
    const UserRecord before = *users.findById(id);

    QCOMPARE(users.setPasswordHash(id, QStringLiteral("pbkdf2_sha256$2000$s$bmV3")),
             WriteStatus::Ok);
    QCOMPARE(users.bumpTokenVersion(id), WriteStatus::Ok);
    QCOMPARE(users.bumpTokenVersion(id), WriteStatus::Ok);
    QCOMPARE(users.setActive(id, false), WriteStatus::Ok);
    QVERIFY(users.setLastLogin(id, utc(kJan15 + 5)));

    const auto found = users.findById(id);
    QCOMPARE(found->username, before.username);
    QCOMPARE(found->passwordHash, QStringLiteral("pbkdf2_sha256$2000$s$bmV3"));
    QCOMPARE(found->isSuperuser, before.isSuperuser);
    QCOMPARE(found->isActive, false);
    QCOMPARE(*found->lastLogin, utc(kJan15 + 5));
    QCOMPARE(found->tokenVersion, before.tokenVersion + 2);
    QCOMPARE(found->dateJoined, utc(kJan15));
    const auto untouched = users.findById(other);
    QCOMPARE(untouched->username, QStringLiteral("erin"));
    QCOMPARE(untouched->passwordHash, before.passwordHash);
    QCOMPARE(untouched->isActive, true);
    QCOMPARE(untouched->tokenVersion, before.tokenVersion);

    // The rehash write only lands over the hash it was computed from.
    QCOMPARE(users.replacePasswordHash(id, QStringLiteral("pbkdf2_sha256$1$old$b2xk"),
                                       QStringLiteral("pbkdf2_sha256$9$x$eA==")),
             WriteStatus::NoMatch);
    QCOMPARE(users.findById(id)->passwordHash, QStringLiteral("pbkdf2_sha256$2000$s$bmV3"));
    QCOMPARE(users.replacePasswordHash(id, QStringLiteral("pbkdf2_sha256$2000$s$bmV3"),
                                       QStringLiteral("pbkdf2_sha256$9$x$eA==")),
             WriteStatus::Ok);
    QCOMPARE(users.findById(id)->passwordHash, QStringLiteral("pbkdf2_sha256$9$x$eA=="));
}

void TestRepositories::userUpdateOfMissingIdFails() {
    UserRepository users(*m_db);
    QCOMPARE(users.setPasswordHash(4242, QStringLiteral("x")), WriteStatus::NoMatch);
    QCOMPARE(users.replacePasswordHash(4242, QStringLiteral("x"), QStringLiteral("y")),
             WriteStatus::NoMatch);
    QCOMPARE(users.bumpTokenVersion(4242), WriteStatus::NoMatch);
    QCOMPARE(users.setActive(4242, false), WriteStatus::NoMatch);
    QVERIFY(!users.setLastLogin(4242, utc(kJan15)));
    QCOMPARE(users.count(), qint64(0));
}

void TestRepositories::usernameIsUnique() {
    UserRepository users(*m_db);
    QVERIFY(addUser(QStringLiteral("frank")) > 0);
    const auto again = users.insert(makeUser(QStringLiteral("frank")));
    QCOMPARE(again.status, WriteStatus::Conflict);
    QVERIFY(!again.ok());
    QCOMPARE(users.count(), qint64(1));
}

void TestRepositories::userSetLastLoginAndRemove() {
    UserRepository users(*m_db);
    const qint64 id = addUser(QStringLiteral("heidi"));
    QVERIFY(users.setLastLogin(id, utc(kJan15 + 1000)));
    QCOMPARE(*users.findById(id)->lastLogin, utc(kJan15 + 1000));
    QVERIFY(!users.setLastLogin(id + 100, utc(kJan15)));
    QVERIFY(!users.setLastLogin(id, QDateTime()));

    QVERIFY(users.remove(id));
    QVERIFY(!users.findById(id).has_value());
    QVERIFY(!users.remove(id));
    QCOMPARE(users.count(), qint64(0));
}

void TestRepositories::userInsertWithInvalidDateFails() {
    UserRecord user = makeUser(QStringLiteral("ivan"));
    user.dateJoined = QDateTime();
    QCOMPARE(UserRepository(*m_db).insert(user).status, WriteStatus::Failed);
    QCOMPARE(UserRepository(*m_db).count(), qint64(0));
}

// ---- credentials ----------------------------------------------------------------------------

void TestRepositories::credentialInsertAndFind() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("judy"));
    CredentialRecord record = makeCredential(userId, QStringLiteral("kopokopo"), "live");
    record.isActive = false;
    record.updatedAt = utc(kJan15 + 999);
    const auto inserted = credentials.insert(record);
    QVERIFY(inserted.ok());
    QVERIFY(inserted.value > 0);

    const auto found = credentials.findForUser(inserted.value, userId);
    QVERIFY(found.has_value());
    QCOMPARE(found->id, inserted.value);
    QCOMPARE(found->userId, userId);
    QCOMPARE(found->provider, QStringLiteral("kopokopo"));
    QCOMPARE(found->encryptedApiKey, record.encryptedApiKey);
    QCOMPARE(found->encryptedPrivateKey, record.encryptedPrivateKey);
    QCOMPARE(found->privateKeyDigest, record.privateKeyDigest);
    QCOMPARE(found->environment, QStringLiteral("live"));
    QCOMPARE(found->isActive, false);
    QCOMPARE(found->createdAt, utc(kJan15));
    QCOMPARE(found->updatedAt, utc(kJan15 + 999));

    const auto byProvider = credentials.findByProvider(userId, QStringLiteral("kopokopo"));
    QVERIFY(byProvider.has_value());
    QCOMPARE(byProvider->id, inserted.value);
    QVERIFY(!credentials.findByProvider(userId, QStringLiteral("instasend")).has_value());
    QCOMPARE(credentials.count(), qint64(1));

    // Stored as text, not as a blob.
    const QString sql =
        m_db->isSqlite()
            ? QStringLiteral("SELECT typeof(encrypted_api_key) || typeof(encrypted_private_key) || "
                             "typeof(private_key_digest) FROM payment_credentials")
            : QStringLiteral("SELECT pg_typeof(encrypted_api_key)::text || "
                             "pg_typeof(encrypted_private_key)::text || "
                             "pg_typeof(private_key_digest)::text FROM payment_credentials");
    QCOMPARE(column(m_db->connection(), sql), QStringList{QStringLiteral("texttexttext")});
}

void TestRepositories::credentialListsAreOrderedById() {
    CredentialRepository credentials(*m_db);
    const qint64 a = addUser(QStringLiteral("a-user"));
    const qint64 b = addUser(QStringLiteral("b-user"));
    const qint64 first = credentials.insert(makeCredential(a, QStringLiteral("kopokopo"))).value;
    const qint64 second = credentials.insert(makeCredential(b, QStringLiteral("kopokopo"))).value;
    const qint64 third = credentials.insert(makeCredential(a, QStringLiteral("instasend"))).value;
    QVERIFY(first > 0 && second > first && third > second);

    const auto ofA = credentials.listForUser(a);
    QCOMPARE(ofA.size(), 2);
    QCOMPARE(ofA[0].id, first);
    QCOMPARE(ofA[1].id, third);
    QCOMPARE(credentials.listForUser(b).size(), 1);
    QVERIFY(credentials.listForUser(b + 100).isEmpty());

    const auto all = credentials.listAll();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[0].id, first);
    QCOMPARE(all[1].id, second);
    QCOMPARE(all[2].id, third);
    QCOMPARE(credentials.count(), qint64(3));
}

void TestRepositories::credentialUniquePerUserAndProvider() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("kim"));
    const qint64 otherId = addUser(QStringLiteral("lee"));
    QVERIFY(credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"))).ok());
    const auto again =
        credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"), "live"));
    QCOMPARE(again.status, WriteStatus::Conflict);
    QCOMPARE(again.value, qint64(0));
    // Another provider, or another user with the same provider, is fine.
    QVERIFY(credentials.insert(makeCredential(userId, QStringLiteral("instasend"))).ok());
    QVERIFY(credentials.insert(makeCredential(otherId, QStringLiteral("kopokopo"))).ok());
    QCOMPARE(credentials.count(), qint64(3));
}

void TestRepositories::credentialOfAnotherUserIsNotFound() {
    CredentialRepository credentials(*m_db);
    const qint64 owner = addUser(QStringLiteral("mallory-victim"));
    const qint64 intruder = addUser(QStringLiteral("mallory"));
    const qint64 id = credentials.insert(makeCredential(owner, QStringLiteral("kopokopo"))).value;
    QVERIFY(id > 0);
    QVERIFY(credentials.findForUser(id, owner).has_value());
    QVERIFY(!credentials.findForUser(id, intruder).has_value());
    QVERIFY(!credentials.findByProvider(intruder, QStringLiteral("kopokopo")).has_value());
    QVERIFY(credentials.listForUser(intruder).isEmpty());
    QCOMPARE(credentials.remove(id, intruder), WriteStatus::NoMatch);
    CredentialChange change;
    change.isActive = false;
    change.updatedAt = utc(kJan15 + 1);
    QCOMPARE(credentials.change(id, intruder, change).status, WriteStatus::NoMatch);
    QVERIFY(credentials.findForUser(id, owner).has_value());
    QCOMPARE(credentials.findForUser(id, owner)->isActive, true);
}

void TestRepositories::credentialUpdateTouchesOnlyItsRow() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("nina"));
    const qint64 first =
        credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"))).value;
    const qint64 second =
        credentials.insert(makeCredential(userId, QStringLiteral("instasend"))).value;
    QCOMPARE(credentials.findForUser(first, userId)->version, qint64(1));

    CredentialChange change;
    change.encryptedApiKey = "gAAAAABnew-api";
    change.encryptedPrivateKey = "gAAAAABnew-private";
    change.privateKeyDigest = QByteArray(64, 'f');
    change.environment = QStringLiteral("live");
    change.isActive = false;
    change.updatedAt = utc(kJan15 + 86'400'000);
    const auto changed = credentials.change(first, userId, change);
    QCOMPARE(changed.status, WriteStatus::Ok);

    const auto found = *credentials.findForUser(first, userId);
    QCOMPARE(changed.credential, found); // the row as written is what a read gives
    QCOMPARE(found.encryptedApiKey, QByteArray("gAAAAABnew-api"));
    QCOMPARE(found.encryptedPrivateKey, QByteArray("gAAAAABnew-private"));
    QCOMPARE(found.privateKeyDigest, QByteArray(64, 'f'));
    QCOMPARE(found.environment, QStringLiteral("live"));
    QCOMPARE(found.isActive, false);
    QCOMPARE(found.updatedAt, utc(kJan15 + 86'400'000));
    QCOMPARE(found.createdAt, utc(kJan15));
    QCOMPARE(found.provider, QStringLiteral("kopokopo"));
    QCOMPARE(found.version, qint64(2));

    const auto untouched = *credentials.findForUser(second, userId);
    const CredentialRecord original = makeCredential(userId, QStringLiteral("instasend"));
    QCOMPARE(untouched.encryptedApiKey, original.encryptedApiKey);
    QCOMPARE(untouched.encryptedPrivateKey, original.encryptedPrivateKey);
    QCOMPARE(untouched.environment, QStringLiteral("sandbox"));
    QCOMPARE(untouched.isActive, true);
    QCOMPARE(untouched.updatedAt, utc(kJan15));
    QCOMPARE(untouched.version, qint64(1));

    // A change that names one column leaves every other as it is in the database.
    CredentialChange onlyEnvironment;
    onlyEnvironment.environment = QStringLiteral("sandbox");
    onlyEnvironment.updatedAt = utc(kJan15 + 2);
    QCOMPARE(credentials.change(first, userId, onlyEnvironment).status, WriteStatus::Ok);
    const auto afterEnvironment = *credentials.findForUser(first, userId);
    QCOMPARE(afterEnvironment.encryptedApiKey, QByteArray("gAAAAABnew-api"));
    QCOMPARE(afterEnvironment.isActive, false);
    QCOMPARE(afterEnvironment.environment, QStringLiteral("sandbox"));
    QCOMPARE(afterEnvironment.version, qint64(3));

    // A toggle flips what the database holds.
    CredentialChange toggle;
    toggle.toggleActive = true;
    toggle.updatedAt = utc(kJan15 + 3);
    QCOMPARE(credentials.change(first, userId, toggle).credential.isActive, true);
    QCOMPARE(credentials.change(first, userId, toggle).credential.isActive, false);
    QCOMPARE(credentials.findForUser(first, userId)->version, qint64(5));

    // A condition on a version the row no longer has matches nothing and changes nothing.
    QCOMPARE(credentials.change(first, userId, onlyEnvironment, 4).status, WriteStatus::NoMatch);
    QCOMPARE(credentials.findForUser(first, userId)->version, qint64(5));
    QCOMPARE(credentials.change(first, userId, toggle, 5).status, WriteStatus::Ok);
    QCOMPARE(credentials.findForUser(first, userId)->version, qint64(6));

    // An environment the schema does not know is refused, and changes nothing.
    CredentialChange bad;
    bad.environment = QStringLiteral("production");
    bad.updatedAt = utc(kJan15 + 4);
    QCOMPARE(credentials.change(first, userId, bad).status, WriteStatus::Failed);
    QCOMPARE(credentials.findForUser(first, userId)->environment, QStringLiteral("sandbox"));
    QCOMPARE(credentials.findForUser(first, userId)->version, qint64(6));
}

void TestRepositories::credentialReencryptKeepsVersionAndTimes() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("nora"));
    const qint64 id = credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"))).value;
    const auto before = *credentials.findForUser(id, userId);

    QCOMPARE(credentials.reencrypt(id, before.version + 1, "gAAAAABx", "gAAAAABy", "00"),
             WriteStatus::NoMatch);
    QCOMPARE(*credentials.findForUser(id, userId), before);

    QCOMPARE(credentials.reencrypt(id, before.version, "gAAAAABx", "gAAAAABy", QByteArray(64, 'e')),
             WriteStatus::Ok);
    const auto after = *credentials.findForUser(id, userId);
    QCOMPARE(after.encryptedApiKey, QByteArray("gAAAAABx"));
    QCOMPARE(after.encryptedPrivateKey, QByteArray("gAAAAABy"));
    QCOMPARE(after.privateKeyDigest, QByteArray(64, 'e'));
    QCOMPARE(after.version, before.version);
    QCOMPARE(after.updatedAt, before.updatedAt);
    QCOMPARE(after.environment, before.environment);
    QCOMPARE(credentials.reencrypt(9999, 1, "a", "b", "c"), WriteStatus::NoMatch);
}

void TestRepositories::credentialUpdateOfMissingIdFails() {
    const qint64 userId = addUser(QStringLiteral("oscar"));
    CredentialChange change;
    change.environment = QStringLiteral("live");
    change.updatedAt = utc(kJan15);
    QCOMPARE(CredentialRepository(*m_db).change(777, userId, change).status, WriteStatus::NoMatch);
    QCOMPARE(CredentialRepository(*m_db).count(), qint64(0));
}

void TestRepositories::credentialRemove() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("peggy"));
    const qint64 id = credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"))).value;
    const qint64 kept =
        credentials.insert(makeCredential(userId, QStringLiteral("instasend"))).value;
    QCOMPARE(credentials.remove(kept, userId, 2), WriteStatus::NoMatch); // not at version 2
    QCOMPARE(credentials.remove(id, userId, 1), WriteStatus::Ok);
    QVERIFY(!credentials.findForUser(id, userId).has_value());
    QCOMPARE(credentials.remove(id, userId), WriteStatus::NoMatch);
    QVERIFY(credentials.findForUser(kept, userId).has_value());
    QCOMPARE(credentials.count(), qint64(1));
    // The provider is free again.
    QVERIFY(credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"))).ok());
}

void TestRepositories::credentialConstraintFailuresAreFailedNotConflict() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("quinn"));
    // CHECK (environment IN ('sandbox', 'live'))
    QCOMPARE(
        credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"), "staging")).status,
        WriteStatus::Failed);
    // REFERENCES users(id)
    QCOMPARE(credentials.insert(makeCredential(userId + 50, QStringLiteral("kopokopo"))).status,
             WriteStatus::Failed);
    // NOT NULL
    CredentialRecord noProvider = makeCredential(userId, QString());
    QCOMPARE(credentials.insert(noProvider).status, WriteStatus::Failed);
    QCOMPARE(credentials.count(), qint64(0));
}

void TestRepositories::failuresAreLoggedWithoutValues() {
    LogCapture capture;
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("rupert"));
    CredentialRecord secret = makeCredential(userId, QStringLiteral("kopokopo"), "staging");
    secret.encryptedApiKey = "gAAAAABsecret-api-ciphertext";
    secret.encryptedPrivateKey = "gAAAAABsecret-private-ciphertext";
    QCOMPARE(credentials.insert(secret).status, WriteStatus::Failed);
    const QStringList messages = capture.messages();
    QVERIFY2(!messages.isEmpty(), "the failure is logged");
    for (const QString& message : messages) {
        QVERIFY2(!message.contains(QLatin1String("secret-")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("staging")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("rupert")), qPrintable(message));
    }
    // A conflict is an expected outcome, not a failure: nothing is logged.
    capture.clear();
    QVERIFY(credentials.insert(makeCredential(userId, QStringLiteral("instasend"))).ok());
    QCOMPARE(credentials.insert(makeCredential(userId, QStringLiteral("instasend"))).status,
             WriteStatus::Conflict);
    QVERIFY2(capture.messages().isEmpty(), qPrintable(capture.messages().join('\n')));
}

void TestRepositories::userDeleteCascadesAndKeepsAudit() {
    UserRepository users(*m_db);
    CredentialRepository credentials(*m_db);
    AuditRepository audit(*m_db);
    const qint64 doomed = addUser(QStringLiteral("sybil"));
    const qint64 survivor = addUser(QStringLiteral("trent"));
    const qint64 doomedCredential =
        credentials.insert(makeCredential(doomed, QStringLiteral("kopokopo"))).value;
    QVERIFY(credentials.insert(makeCredential(doomed, QStringLiteral("instasend"))).ok());
    const qint64 survivorCredential =
        credentials.insert(makeCredential(survivor, QStringLiteral("kopokopo"))).value;

    AuditRecord event;
    event.at = utc(kJan15);
    event.actorId = doomed;
    event.actorUsername = QStringLiteral("sybil");
    event.action = QStringLiteral("credential_created");
    event.credentialId = doomedCredential;
    event.provider = QStringLiteral("kopokopo");
    event.outcome = QStringLiteral("ok");
    QVERIFY(audit.append(event));
    event.actorId = survivor;
    event.actorUsername = QStringLiteral("trent");
    event.at = utc(kJan15 + 1);
    QVERIFY(audit.append(event));

    QVERIFY(users.remove(doomed));
    QVERIFY(credentials.listForUser(doomed).isEmpty());
    QCOMPARE(credentials.count(), qint64(1));
    QVERIFY(credentials.findForUser(survivorCredential, survivor).has_value());

    const auto events = audit.latest(10);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[1].actorId, std::optional<qint64>(doomed)); // the event's own copy
    QCOMPARE(events[1].actorUsername, QStringLiteral("sybil")); // the name stays
    QCOMPARE(events[1].credentialId, std::optional<qint64>(doomedCredential)); // no FK
    QCOMPARE(events[0].actorId, std::optional<qint64>(survivor));
}

// ---- credential checks ----------------------------------------------------------------------

void TestRepositories::checksAreListedNewestFirstAndTheLastFewKept() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("uma"));
    const qint64 checked =
        credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"))).value;
    const qint64 other =
        credentials.insert(makeCredential(userId, QStringLiteral("instasend"))).value;
    QVERIFY(addCheck(other, kJan15, QStringLiteral("rejected")));
    const int made = CredentialCheckRepository::Kept + 3;
    for (int i = 0; i < made; ++i)
        QVERIFY(addCheck(checked, kJan15 + i, QStringLiteral("valid")));

    const CredentialCheckRepository checks(*m_db);
    const auto kept = checks.listFor(checked);
    QCOMPARE(kept.size(), CredentialCheckRepository::Kept);
    // Newest first: the oldest three went.
    for (int i = 0; i < kept.size(); ++i) {
        QCOMPARE(kept[i].checkedAt, utc(kJan15 + made - 1 - i));
        QCOMPARE(kept[i].credentialId, checked);
        QCOMPARE(kept[i].result, QStringLiteral("valid"));
        QCOMPARE(kept[i].environment, QStringLiteral("sandbox"));
        QCOMPARE(kept[i].message, QStringLiteral("check at %1").arg(kJan15 + made - 1 - i));
    }
    // Another credential's checks are its own.
    const auto others = checks.listFor(other);
    QCOMPARE(others.size(), 1);
    QCOMPARE(others.first().result, QStringLiteral("rejected"));
    // A check is kept beside the credential, never in it: its row version stays.
    QCOMPARE(credentials.findForUser(checked, userId)->version, qint64(1));
}

void TestRepositories::checksGoWithTheirCredential() {
    CredentialRepository credentials(*m_db);
    const qint64 userId = addUser(QStringLiteral("victor"));
    const qint64 doomedUser = addUser(QStringLiteral("wendy"));
    const qint64 removed =
        credentials.insert(makeCredential(userId, QStringLiteral("kopokopo"))).value;
    const qint64 kept =
        credentials.insert(makeCredential(userId, QStringLiteral("instasend"))).value;
    const qint64 ofDoomedUser =
        credentials.insert(makeCredential(doomedUser, QStringLiteral("kopokopo"))).value;
    for (const qint64 id : {removed, kept, ofDoomedUser})
        QVERIFY(addCheck(id, kJan15, QStringLiteral("valid")));

    QCOMPARE(credentials.remove(removed, userId), WriteStatus::Ok);
    QVERIFY(UserRepository(*m_db).remove(doomedUser));
    const CredentialCheckRepository checks(*m_db);
    QVERIFY(checks.listFor(removed).isEmpty());
    QVERIFY(checks.listFor(ofDoomedUser).isEmpty());
    QCOMPARE(checks.listFor(kept).size(), 1);
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM credential_checks")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestRepositories::aCheckOfNoCredentialFails() {
    // REFERENCES payment_credentials(id): no check of a credential that is not there.
    QVERIFY(!addCheck(4242, kJan15, QStringLiteral("valid")));
    QVERIFY(CredentialCheckRepository(*m_db).listFor(4242).isEmpty());
}

// ---- revoked tokens -------------------------------------------------------------------------

void TestRepositories::revokeIsIdempotent() {
    RevokedTokenRepository tokens(*m_db);
    const QString jti = QStringLiteral("0123456789abcdef0123456789abcdef");
    QVERIFY(!tokens.isRevoked(jti));
    QVERIFY(tokens.revoke(jti, utc(kJan15)));
    QVERIFY(tokens.isRevoked(jti));
    QVERIFY(tokens.revoke(jti, utc(kJan15)));
    QVERIFY(tokens.revoke(jti, utc(kJan15 + 5)));
    QVERIFY(tokens.isRevoked(jti));
    QVERIFY(!tokens.isRevoked(QStringLiteral("ffffffffffffffffffffffffffffffff")));
    QCOMPARE(column(m_db->connection(), QStringLiteral("SELECT COUNT(*) FROM revoked_tokens")),
             QStringList{QStringLiteral("1")});
    QVERIFY(!tokens.revoke(QStringLiteral("x"), QDateTime()));
}

void TestRepositories::purgeExpiredTokens() {
    RevokedTokenRepository tokens(*m_db);
    QVERIFY(tokens.revoke(QStringLiteral("old1"), utc(kJan15 - 2000)));
    QVERIFY(tokens.revoke(QStringLiteral("old2"), utc(kJan15 - 1)));
    QVERIFY(tokens.revoke(QStringLiteral("now"), utc(kJan15)));
    QVERIFY(tokens.revoke(QStringLiteral("later"), utc(kJan15 + 1)));
    QCOMPARE(tokens.purgeExpired(utc(kJan15)), 2);
    QVERIFY(!tokens.isRevoked(QStringLiteral("old1")));
    QVERIFY(!tokens.isRevoked(QStringLiteral("old2")));
    QVERIFY(tokens.isRevoked(QStringLiteral("now")));
    QVERIFY(tokens.isRevoked(QStringLiteral("later")));
    QCOMPARE(tokens.purgeExpired(utc(kJan15)), 0);
    QCOMPARE(tokens.purgeExpired(utc(kJan15 + 10)), 2);
}

// ---- sessions -------------------------------------------------------------------------------

void TestRepositories::userWithSessionIsOneLookup() {
    const qint64 alice = addUser(QStringLiteral("alice"));
    const qint64 bob = addUser(QStringLiteral("bob"));
    QVERIFY(alice > 0 && bob > 0);
    const SessionRepository sessions(*m_db);
    SessionRecord session;
    session.sid = QStringLiteral("0123456789abcdef0123456789abcdef");
    session.userId = alice;
    session.tokenVersion = 3;
    session.createdAt = QDateTime::fromMSecsSinceEpoch(1'705'314'600'000, Qt::UTC);
    session.lastUsedAt = session.createdAt.addSecs(60);
    session.expiresAt = session.createdAt.addDays(1);
    session.remoteAddr = QStringLiteral("192.0.2.1");
    session.userAgent = QStringLiteral("tst_repositories");
    QVERIFY(sessions.insert(session));

    const auto found = sessions.findWithUser(alice, session.sid);
    QVERIFY(found.has_value());
    QCOMPARE(found->user.id, alice);
    QCOMPARE(found->user.username, QStringLiteral("alice"));
    QVERIFY(found->session.has_value());
    QCOMPARE(found->session->sid, session.sid);
    QCOMPARE(found->session->userId, alice);
    QCOMPARE(found->session->tokenVersion, qint64(3));
    QCOMPARE(found->session->lastUsedAt, session.lastUsedAt);
    QCOMPARE(found->session->remoteAddr, session.remoteAddr);
    QVERIFY(!found->session->passwordConfirmedAt.has_value());
    // The same as the two lookups it replaces.
    QCOMPARE(found->user.passwordHash, UserRepository(*m_db).findById(alice)->passwordHash);
    QCOMPARE(found->session->expiresAt, sessions.find(session.sid, alice)->expiresAt);

    // Another user's session is not theirs; no sid, no session; no user, nothing.
    const auto other = sessions.findWithUser(bob, session.sid);
    QVERIFY(other.has_value());
    QCOMPARE(other->user.id, bob);
    QVERIFY(!other->session.has_value());
    QVERIFY(!sessions.findWithUser(alice, QString())->session.has_value());
    QVERIFY(!sessions.findWithUser(alice + bob + 100, session.sid).has_value());
}

// ---- login throttle -------------------------------------------------------------------------

void TestRepositories::throttleCountsWithinWindow() {
    LoginThrottleRepository throttle(*m_db);
    const QString key = QStringLiteral("user:alice");
    QVERIFY(!throttle.find(key).has_value());
    const qint64 t0 = 1'705'314'600;
    for (int i = 1; i <= 5; ++i) {
        const auto record = throttle.countAttempt(key, t0 + i * 10, 300);
        QVERIFY(record.has_value());
        QCOMPARE(record->key, key);
        QCOMPARE(record->failures, i);
        QCOMPARE(record->windowStartSecs, t0 + 10); // the window began at the first failure
        QCOMPARE(record->lockedUntilSecs, qint64(0));
    }
    const auto found = throttle.find(key);
    QVERIFY(found.has_value());
    QCOMPARE(found->failures, 5);
    // Keys are independent.
    QCOMPARE(throttle.countAttempt(QStringLiteral("addr:10.0.0.1"), t0, 300)->failures, 1);
    QCOMPARE(throttle.find(key)->failures, 5);
}

void TestRepositories::throttleResetsAfterWindow() {
    LoginThrottleRepository throttle(*m_db);
    const QString key = QStringLiteral("addr:192.0.2.7");
    const qint64 t0 = 1'705'314'600;
    QCOMPARE(throttle.countAttempt(key, t0, 60)->failures, 1);
    QCOMPARE(throttle.countAttempt(key, t0 + 30, 60)->failures, 2);
    // Exactly at the window's end the window still holds (it began at now - window, not before).
    QCOMPARE(throttle.countAttempt(key, t0 + 60, 60)->failures, 3);
    // One second later it began before now - window: a new window starts now.
    const auto fresh = throttle.countAttempt(key, t0 + 61, 60);
    QVERIFY(fresh.has_value());
    QCOMPARE(fresh->failures, 1);
    QCOMPARE(fresh->windowStartSecs, t0 + 61);
    QCOMPARE(throttle.countAttempt(key, t0 + 62, 60)->failures, 2);
    QCOMPARE(throttle.find(key)->windowStartSecs, t0 + 61);
}

void TestRepositories::throttleLockAndClear() {
    LoginThrottleRepository throttle(*m_db);
    const QString key = QStringLiteral("user:bob");
    const qint64 t0 = 1'705'314'600;
    QVERIFY(throttle.countAttempt(key, t0, 300).has_value());
    QVERIFY(throttle.countAttempt(key, t0 + 1, 300).has_value());
    QVERIFY(throttle.lockUntil(key, t0 + 900, 1));
    auto record = throttle.find(key);
    QCOMPARE(record->lockedUntilSecs, t0 + 900);
    QCOMPARE(record->failures, 1); // what the lock leaves once it ends
    QCOMPARE(record->windowStartSecs, t0);
    // An attempt while locked keeps the lock and is not counted.
    const auto whileLocked = throttle.countAttempt(key, t0 + 2, 300);
    QCOMPARE(whileLocked->lockedUntilSecs, t0 + 900);
    QCOMPARE(whileLocked->failures, 1);
    // Taken back: one less, never below none.
    QVERIFY(throttle.forgive(key));
    QCOMPARE(throttle.find(key)->failures, 0);
    QVERIFY(throttle.forgive(key));
    QCOMPARE(throttle.find(key)->failures, 0);

    QVERIFY(throttle.clear(key));
    QVERIFY(!throttle.find(key).has_value());
    QVERIFY(throttle.clear(key)); // idempotent
    QCOMPARE(throttle.countAttempt(key, t0 + 3, 300)->failures, 1);

    // Locking a key that has no failures yet.
    const QString other = QStringLiteral("addr:203.0.113.9");
    QVERIFY(throttle.lockUntil(other, t0 + 60, 0));
    record = throttle.find(other);
    QVERIFY(record.has_value());
    QCOMPARE(record->failures, 0);
    QCOMPARE(record->lockedUntilSecs, t0 + 60);
    // Nothing is counted while it is locked; once the lock ends, the next attempt starts a window.
    QCOMPARE(throttle.countAttempt(other, t0 + 10, 300)->failures, 0);
    const auto next = throttle.countAttempt(other, t0 + 60, 300);
    QCOMPARE(next->failures, 1);
    QCOMPARE(next->windowStartSecs, t0 + 60);
    QCOMPARE(next->lockedUntilSecs, t0 + 60);
}

// ---- audit ----------------------------------------------------------------------------------

void TestRepositories::auditAppendAndLatest() {
    AuditRepository audit(*m_db);
    QCOMPARE(audit.count(), qint64(0));
    QVERIFY(audit.latest(10).isEmpty());
    const qint64 times[] = {kJan15 + 20, kJan15, kJan15 + 50, kJan15 + 20};
    for (int i = 0; i < 4; ++i) {
        AuditRecord event;
        event.at = utc(times[i]);
        event.action = QStringLiteral("login");
        event.outcome = QStringLiteral("ok");
        event.detail = QStringLiteral("event %1").arg(i);
        QVERIFY(audit.append(event));
    }
    QCOMPARE(audit.count(), qint64(4));
    const auto events = audit.latest(10);
    QCOMPARE(events.size(), 4);
    // Newest first; among equal times the later insert first.
    QCOMPARE(events[0].detail, QStringLiteral("event 2"));
    QCOMPARE(events[1].detail, QStringLiteral("event 3"));
    QCOMPARE(events[2].detail, QStringLiteral("event 0"));
    QCOMPARE(events[3].detail, QStringLiteral("event 1"));
    QCOMPARE(events[0].at, utc(kJan15 + 50));
    QVERIFY(events[1].id > events[2].id);

    const auto two = audit.latest(2);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two[0].detail, QStringLiteral("event 2"));
    QCOMPARE(two[1].detail, QStringLiteral("event 3"));
    QVERIFY(audit.latest(0).isEmpty());
    QVERIFY(audit.latest(-1).isEmpty());

    AuditRecord missingAction;
    missingAction.at = utc(kJan15);
    missingAction.outcome = QStringLiteral("ok");
    QVERIFY(!audit.append(missingAction));
    AuditRecord invalidTime;
    invalidTime.action = QStringLiteral("login");
    invalidTime.outcome = QStringLiteral("ok");
    QVERIFY(!audit.append(invalidTime));
    QCOMPARE(audit.count(), qint64(4));
}

void TestRepositories::auditKeepsOptionalFields() {
    AuditRepository audit(*m_db);
    const qint64 userId = addUser(QStringLiteral("uma"));
    AuditRecord full;
    full.at = utc(kJan15);
    full.actorId = userId;
    full.actorUsername = QStringLiteral("uma");
    full.action = QStringLiteral("private_key_revealed");
    full.credentialId = 12;
    full.provider = QStringLiteral("instasend");
    full.outcome = QStringLiteral("denied");
    full.remoteAddr = QStringLiteral("2001:db8::1");
    full.detail = QStringLiteral("not the owner");
    QVERIFY(audit.append(full));

    AuditRecord bare; // every optional field left out
    bare.at = utc(kJan15 + 1);
    bare.action = QStringLiteral("login");
    bare.outcome = QStringLiteral("failed");
    QVERIFY(audit.append(bare));

    const auto events = audit.latest(5);
    QCOMPARE(events.size(), 2);
    const AuditRecord& b = events[0];
    QCOMPARE(b.actorId, std::optional<qint64>());
    QCOMPARE(b.credentialId, std::optional<qint64>());
    QCOMPARE(b.actorUsername, QString());
    QCOMPARE(b.provider, QString());
    QCOMPARE(b.remoteAddr, QString());
    QCOMPARE(b.detail, QString());
    QCOMPARE(b.outcome, QStringLiteral("failed"));

    const AuditRecord& f = events[1];
    QVERIFY(f.id > 0);
    QCOMPARE(f.at, utc(kJan15));
    QCOMPARE(f.actorId, std::optional<qint64>(userId));
    QCOMPARE(f.actorUsername, QStringLiteral("uma"));
    QCOMPARE(f.action, QStringLiteral("private_key_revealed"));
    QCOMPARE(f.credentialId, std::optional<qint64>(12));
    QCOMPARE(f.provider, QStringLiteral("instasend"));
    QCOMPARE(f.outcome, QStringLiteral("denied"));
    QCOMPARE(f.remoteAddr, QStringLiteral("2001:db8::1"));
    QCOMPARE(f.detail, QStringLiteral("not the owner"));
}

// ---- transactions ---------------------------------------------------------------------------

void TestRepositories::transactionCommits() {
    UserRepository users(*m_db);
    const bool committed = m_db->transaction([&] {
        return users.insert(makeUser(QStringLiteral("victor"))).ok() &&
               users.insert(makeUser(QStringLiteral("wendy"))).ok();
    });
    QVERIFY(committed);
    QCOMPARE(users.count(), qint64(2));
    // Visible from another connection to the same file.
    QVERIFY(withRawConnection(m_db->config(), [](QSqlDatabase& raw) {
        QCOMPARE(column(raw, QStringLiteral("SELECT COUNT(*) FROM users")),
                 QStringList{QStringLiteral("2")});
    }));
}

void TestRepositories::failingSecondStatementLeavesNoRow() {
    UserRepository users(*m_db);
    const qint64 existing = addUser(QStringLiteral("xavier"));
    QVERIFY(existing > 0);
    WriteStatus second = WriteStatus::Ok;
    const bool committed = m_db->transaction([&] {
        if (!users.insert(makeUser(QStringLiteral("yolanda"))).ok())
            return false;
        second = users.insert(makeUser(QStringLiteral("xavier"))).status; // taken
        return second == WriteStatus::Ok;
    });
    QVERIFY(!committed);
    QCOMPARE(second, WriteStatus::Conflict);
    QVERIFY(!users.findByUsername(QStringLiteral("yolanda")).has_value());
    QCOMPARE(users.count(), qint64(1));
}

void TestRepositories::failingConstraintInTransactionLeavesNoRow() {
    UserRepository users(*m_db);
    CredentialRepository credentials(*m_db);
    const bool committed = m_db->transaction([&] {
        const auto user = users.insert(makeUser(QStringLiteral("zoe")));
        if (!user.ok())
            return false;
        return credentials.insert(makeCredential(user.value, QStringLiteral("kopokopo"), "prod"))
            .ok();
    });
    QVERIFY(!committed);
    QCOMPARE(users.count(), qint64(0));
    QCOMPARE(credentials.count(), qint64(0));
}

void TestRepositories::throwingWorkRollsBack() {
    UserRepository users(*m_db);
    bool committed = true;
    committed = m_db->transaction([&]() -> bool {
        users.insert(makeUser(QStringLiteral("thrower")));
        throw std::runtime_error("boom");
    });
    QVERIFY(!committed);
    QCOMPARE(users.count(), qint64(0));
}

void TestRepositories::nestedTransactionsJoinTheOuterOne() {
    UserRepository users(*m_db);
    bool inner = false;
    const bool outer = m_db->transaction([&] {
        if (!users.insert(makeUser(QStringLiteral("outer"))).ok())
            return false;
        inner =
            m_db->transaction([&] { return users.insert(makeUser(QStringLiteral("inner"))).ok(); });
        // The inner one has not committed on its own: another connection does not see it yet.
        bool seenOutside = true;
        withRawConnection(m_db->config(), [&](QSqlDatabase& raw) {
            seenOutside = column(raw, QStringLiteral("SELECT COUNT(*) FROM users")) !=
                          QStringList{QStringLiteral("0")};
        });
        return inner && !seenOutside;
    });
    QVERIFY(inner);
    QVERIFY(outer);
    QCOMPARE(users.count(), qint64(2));
}

void TestRepositories::failingNestedTransactionRollsBackTheOuterOne() {
    UserRepository users(*m_db);
    bool inner = true;
    const bool outer = m_db->transaction([&] {
        if (!users.insert(makeUser(QStringLiteral("outer"))).ok())
            return false;
        inner = m_db->transaction([&] {
            users.insert(makeUser(QStringLiteral("inner")));
            return false;
        });
        return true; // the outer work ignores the inner failure
    });
    QVERIFY(!inner);
    QVERIFY(!outer);
    QCOMPARE(users.count(), qint64(0));

    // An exception in the inner one does the same.
    const bool outer2 = m_db->transaction([&] {
        users.insert(makeUser(QStringLiteral("outer2")));
        const bool threw = m_db->transaction([]() -> bool { throw 42; });
        return !threw;
    });
    QVERIFY(!outer2);
    QCOMPARE(users.count(), qint64(0));
}

void TestRepositories::transactionIsUsableAfterRollback() {
    UserRepository users(*m_db);
    QVERIFY(!m_db->transaction([&] {
        users.insert(makeUser(QStringLiteral("first")));
        return false;
    }));
    QVERIFY(
        m_db->transaction([&] { return users.insert(makeUser(QStringLiteral("second"))).ok(); }));
    QCOMPARE(users.count(), qint64(1));
    QVERIFY(users.findByUsername(QStringLiteral("second")).has_value());
    // And outside of any transaction, statements autocommit again.
    QVERIFY(addUser(QStringLiteral("third")) > 0);
    QVERIFY(withRawConnection(m_db->config(), [](QSqlDatabase& raw) {
        QCOMPARE(column(raw, QStringLiteral("SELECT COUNT(*) FROM users")),
                 QStringList{QStringLiteral("2")});
    }));
}

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
