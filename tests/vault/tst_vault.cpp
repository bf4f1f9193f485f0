// The local vault end to end: create, log in (which unlocks), credentials through the embedded
// router, lock, reopen, password changes, users and their key slots, data-key rotation, the
// integrity check, the idle lock and remember-unlock (masterKey/resume).

#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/foundation/manualclock.h"
#include "core/service/activekeys.h"
#include "core/service/services.h"
#include "core/storage/database.h"
#include "core/storage/keyslotrepository.h"
#include "core/storage/userrepository.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <thread>

using namespace paycred;
using namespace paycred::vaulttest;
using vault::Vault;
using vault::VaultStatus;
using Error = vault::VaultStatus::Error;

namespace {

const QString kOwner = QStringLiteral("owner");
const QString kOwnerPassword = QStringLiteral("correct horse battery staple");
const QString kNewPassword = QStringLiteral("a much better passphrase 42");
const QString kBob = QStringLiteral("bob");
const QString kBobPassword = QStringLiteral("bob's own passphrase");

const QString kKopoApi = QStringLiteral("pk_live_kopokopo_API_0001abc");
const QString kKopoPrivate = QStringLiteral("sk_live_kopokopo_PRIVATE_0001xyz");
const QString kInstaApi = QStringLiteral("pk_test_instasend_API_0002abc");
const QString kInstaPrivate = QStringLiteral("sk_test_instasend_PRIVATE_0002xyz");
const QString kBobApi = QStringLiteral("pk_test_bob_instasend_API_0003");
const QString kBobPrivate = QStringLiteral("sk_test_bob_instasend_PRIVATE_0003");

const QJsonObject kInvalidLogin{{"error", "Invalid username or password"}};

// One vault in its own temporary folder, on a manual clock.
struct Fixture {
    explicit Fixture(vault::VaultOptions options = cheapOptions())
        : clock(startTime())
        , vault(clock, std::move(options)) {}

    QString path() const { return dir.filePath(QStringLiteral("vault.paycred")); }

    QTemporaryDir dir;
    ManualClock clock;
    Vault vault;
};

struct Ciphertexts {
    QByteArray privateKey;
    QByteArray apiKey;
    QByteArray digest;
};

// id → the stored encrypted columns, read through the vault's own connection.
QMap<qint64, Ciphertexts> storedCiphertexts(const Vault& v) {
    QMap<qint64, Ciphertexts> out;
    QSqlQuery query(v.database().connection());
    if (!query.exec(QStringLiteral("SELECT id, encrypted_private_key, encrypted_api_key, "
                                   "private_key_digest FROM payment_credentials ORDER BY id")))
        return out;
    while (query.next()) {
        out.insert(query.value(0).toLongLong(),
                   {query.value(1).toByteArray(), query.value(2).toByteArray(),
                    query.value(3).toByteArray()});
    }
    return out;
}

QString primaryFingerprint(const Vault& v) {
    const auto keys = v.keys().get();
    if (!keys || keys->ring.isEmpty())
        return {};
    return keys->ring.primary().fingerprint();
}

} // namespace

// Reveals credential `id_` with `token_` and compares both keys (never printing them).
#define EXPECT_REVEALS(v_, token_, id_, api_, private_)                                            \
    do {                                                                                           \
        const ::paycred::vaulttest::Revealed r_ = ::paycred::vaulttest::reveal(v_, token_, id_);   \
        QVERIFY2(                                                                                  \
            r_.status == 200,                                                                      \
            qPrintable(QStringLiteral("get-private-key of %1: %2").arg(id_).arg(r_.bodyText)));    \
        QVERIFY2(                                                                                  \
            r_.privateKey == (private_),                                                           \
            qPrintable(                                                                            \
                QStringLiteral("credential %1: the private key is not the one stored").arg(id_))); \
        QVERIFY2(                                                                                  \
            r_.apiKey == (api_),                                                                   \
            qPrintable(                                                                            \
                QStringLiteral("credential %1: the api key is not the one stored").arg(id_)));     \
    } while (false)

#define EXPECT_VERIFIES(v_, token_, id_, private_, expected_)                                      \
    do {                                                                                           \
        const std::optional<bool> ok_ =                                                            \
            ::paycred::vaulttest::verifyKey(v_, token_, id_, private_);                            \
        QVERIFY2(                                                                                  \
            ok_.has_value(),                                                                       \
            qPrintable(QStringLiteral("verify of credential %1 did not answer 200").arg(id_)));    \
        QVERIFY2(*ok_ == (expected_),                                                              \
                 qPrintable(QStringLiteral("verify of credential %1 answered is_valid=%2")         \
                                .arg(id_)                                                          \
                                .arg(*ok_ ? "true" : "false")));                                   \
    } while (false)

class TestVault : public QObject {
    Q_OBJECT

private slots:
    void lifecycleEndToEnd();
    void openStartsLockedAndLoginUnlocks();
    void reopenWithTheSameObject();
    void unlockDirectly();
    void unknownUserAndWrongPasswordAnswerAlike();
    void changePasswordRewrapsTheSlot();
    void wrongOldPasswordChangesNothing();
    void secondUserHasItsOwnSlot();
    void userCreationWhileLockedFails();
    void deletingUserDeletesItsSlot();
    void noPasswordHashIsKept();
    void slotsKeepTheirScryptParameters();
    void rotateDataKey();
    void rotateWhileLockedIsRefused();
    void rotationKeepsConcurrentWrites();
    void lockDuringRotationStaysLocked();
    void integrityOfAGoodVault();
    void integrityReportsUndecryptableCiphertext();
    void integrityReportsWrongDigest();
    void idleLock();
    void idleLockHonoursItsOption();
    void idleLockCanBeChangedOrTurnedOff();
    void handleCountsAsActivity();
    void masterKeyAndResume();
    void resumeAfterReopen();
    void createOverExistingPathIsRefused();
    void createRefusesBadOwner();
};

void TestVault::lifecycleEndToEnd() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    QVERIFY(f.vault.isOpen());
    QVERIFY(f.vault.isUnlocked());
    QCOMPARE(f.vault.path(), f.path());
    QVERIFY(!f.vault.id().isEmpty());
    QVERIFY(QFile::exists(f.path()));

    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY2(!token.isEmpty(), "the owner could not log in to a new vault");

    const auto me = call(f.vault, "GET", "/users/me/", {}, token);
    EXPECT_STATUS(me, 200);
    QCOMPARE(me.object().value("username").toString(), kOwner);
    QCOMPARE(me.object().value("is_superuser").toBool(false), true);
    QCOMPARE(me.object().value("is_active").toBool(false), true);

    const qint64 kopo =
        createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate, "live");
    QVERIFY2(kopo > 0, "POST /payments/credentials/ (kopokopo) was refused");
    const qint64 insta = createCredential(f.vault, token, "instasend", kInstaApi, kInstaPrivate);
    QVERIFY2(insta > 0, "POST /payments/credentials/ (instasend) was refused");
    EXPECT_REVEALS(f.vault, token, kopo, kKopoApi, kKopoPrivate);
    EXPECT_REVEALS(f.vault, token, insta, kInstaApi, kInstaPrivate);

    f.vault.lock();
    QVERIFY(f.vault.isOpen());
    QVERIFY(!f.vault.isUnlocked());
    QVERIFY(f.vault.masterKey().isEmpty());

    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
    EXPECT_STATUS(call(f.vault, "GET", "/payments/credentials/", {}, token), 401);
    EXPECT_STATUS(call(f.vault, "GET", apitest::credentialPath(kopo, "get-private-key"), {}, token),
                  401);
    EXPECT_STATUS(call(f.vault, "POST", apitest::credentialPath(kopo, "verify"),
                       {{"private_key", kKopoPrivate}}, token),
                  401);

    const auto health = call(f.vault, "GET", "/health/");
    EXPECT_STATUS(health, 200);
    QCOMPARE(health.object().value("status").toString(), QStringLiteral("ok"));
    EXPECT_STATUS(call(f.vault, "GET", "/providers/"), 200);

    EXPECT_JSON_NO_CHALLENGE(loginResponse(f.vault, kOwner, QStringLiteral("not the password")),
                             401, kInvalidLogin);
    QVERIFY2(!f.vault.isUnlocked(), "a wrong password unlocked the vault");
    EXPECT_JSON_NO_CHALLENGE(loginResponse(f.vault, QStringLiteral("nobody"), kOwnerPassword), 401,
                             kInvalidLogin);
    QVERIFY2(!f.vault.isUnlocked(), "an unknown user unlocked the vault");

    const auto relogin = loginResponse(f.vault, kOwner, kOwnerPassword);
    EXPECT_STATUS(relogin, 200);
    QVERIFY2(f.vault.isUnlocked(), "a successful login did not unlock the vault");
    const QByteArray token2 = relogin.object().value("access_token").toString().toUtf8();
    QVERIFY(!token2.isEmpty());

    QCOMPARE(credentialIds(f.vault, token2), (QList<qint64>{kopo, insta}));
    EXPECT_REVEALS(f.vault, token2, kopo, kKopoApi, kKopoPrivate);
    EXPECT_REVEALS(f.vault, token2, insta, kInstaApi, kInstaPrivate);
    EXPECT_VERIFIES(f.vault, token2, kopo, kKopoPrivate, true);
    EXPECT_VERIFIES(f.vault, token2, insta, kInstaPrivate, true);
    EXPECT_VERIFIES(f.vault, token2, kopo, kInstaPrivate, false);

    // Tokens issued before the lock stay dead after the next unlock.
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
}

void TestVault::openStartsLockedAndLoginUnlocks() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QString id = f.vault.id();
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(kopo > 0);
    f.vault.close();
    QVERIFY(!f.vault.isOpen());
    QVERIFY(!f.vault.isUnlocked());

    Vault other(f.clock, cheapOptions());
    EXPECT_VAULT_OK(other.open(f.path()));
    QVERIFY(other.isOpen());
    QVERIFY2(!other.isUnlocked(), "open() left the vault unlocked");
    QVERIFY(other.masterKey().isEmpty());
    QCOMPARE(other.id(), id);
    QCOMPARE(other.path(), f.path());
    EXPECT_STATUS(call(other, "GET", "/users/me/", {}, token), 401);
    EXPECT_STATUS(call(other, "GET", "/health/"), 200);

    const QByteArray token2 = login(other, kOwner, kOwnerPassword);
    QVERIFY2(!token2.isEmpty(), "logging in to an opened vault failed");
    QVERIFY(other.isUnlocked());
    QVERIFY(!other.masterKey().isEmpty());
    EXPECT_REVEALS(other, token2, kopo, kKopoApi, kKopoPrivate);
    EXPECT_VERIFIES(other, token2, kopo, kKopoPrivate, true);
    // A token of the earlier session does not work in this one.
    EXPECT_STATUS(call(other, "GET", "/users/me/", {}, token), 401);
}

void TestVault::reopenWithTheSameObject() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(kopo > 0);
    f.vault.close();
    EXPECT_VAULT_OK(f.vault.open(f.path()));
    QVERIFY(!f.vault.isUnlocked());
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
    const QByteArray token2 = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!token2.isEmpty());
    EXPECT_REVEALS(f.vault, token2, kopo, kKopoApi, kKopoPrivate);
}

void TestVault::unlockDirectly() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(kopo > 0);
    f.vault.lock();

    EXPECT_VAULT_ERROR(f.vault.unlock(kOwner, QStringLiteral("wrong password!")),
                       Error::WrongPassword);
    QVERIFY(!f.vault.isUnlocked());
    EXPECT_VAULT_ERROR(f.vault.unlock(QStringLiteral("nobody"), kOwnerPassword),
                       Error::WrongPassword);
    QVERIFY(!f.vault.isUnlocked());
    EXPECT_VAULT_ERROR(f.vault.unlock(kOwner, QString()), Error::WrongPassword);
    QVERIFY(!f.vault.isUnlocked());

    EXPECT_VAULT_OK(f.vault.unlock(kOwner, kOwnerPassword));
    QVERIFY(f.vault.isUnlocked());
    QVERIFY(!f.vault.masterKey().isEmpty());
    const QByteArray token2 = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!token2.isEmpty());
    EXPECT_REVEALS(f.vault, token2, kopo, kKopoApi, kKopoPrivate);

    // unlock() on an unlocked vault checks the password too.
    EXPECT_VAULT_ERROR(f.vault.unlock(kOwner, QStringLiteral("wrong password!")),
                       Error::WrongPassword);
}

void TestVault::unknownUserAndWrongPasswordAnswerAlike() {
    // There is no counter for scrypt work: the answers themselves must be indistinguishable.
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const auto created = f.vault.services().users().create(kBob, kBobPassword, false);
    QVERIFY2(created.ok(), qPrintable(created.error));

    const auto compareAnswers = [&](const char* when) {
        const auto wrong = loginResponse(f.vault, kOwner, QStringLiteral("not the password"));
        const auto unknown = loginResponse(f.vault, QStringLiteral("nobody"), kOwnerPassword);
        QVERIFY2(wrong.status == 401, qPrintable(QStringLiteral("%1, wrong password: %2")
                                                     .arg(QLatin1String(when), describe(wrong))));
        QVERIFY2(unknown.status == 401,
                 qPrintable(QStringLiteral("%1, unknown user: %2")
                                .arg(QLatin1String(when), describe(unknown))));
        QCOMPARE(apitest::bodyText(wrong), apitest::jsonText(kInvalidLogin));
        QCOMPARE(unknown.body, wrong.body);
        QCOMPARE(unknown.header("Content-Type"), wrong.header("Content-Type"));
    };
    compareAnswers("unlocked");
    if (QTest::currentTestFailed())
        return;
    f.vault.lock();
    compareAnswers("locked");
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!f.vault.isUnlocked());

    // An inactive user gets the same answer, even with the right password.
    EXPECT_VAULT_OK(f.vault.unlock(kOwner, kOwnerPassword));
    const storage::UserRepository users(f.vault.database());
    QVERIFY(users.setActive(*created.id, false) == storage::WriteStatus::Ok);
    const auto inactive = loginResponse(f.vault, kBob, kBobPassword);
    EXPECT_JSON_NO_CHALLENGE(inactive, 401, kInvalidLogin);
}

void TestVault::changePasswordRewrapsTheSlot() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(kopo > 0);
    const auto ownerRow = storage::UserRepository(f.vault.database()).findByUsername(kOwner);
    QVERIFY(ownerRow.has_value());
    const auto slotBefore = storage::KeySlotRepository(f.vault.database()).find(ownerRow->id);
    QVERIFY2(slotBefore.has_value(), "the owner has no key slot");

    const auto changed =
        call(f.vault, "POST", "/users/change-password/",
             {{"old_password", kOwnerPassword}, {"new_password", kNewPassword}}, token);
    EXPECT_JSON(changed, 200, QJsonObject{{"message", "Password changed successfully"}});

    const auto slotAfter = storage::KeySlotRepository(f.vault.database()).find(ownerRow->id);
    QVERIFY2(slotAfter.has_value(), "the owner's key slot is gone after a password change");
    QVERIFY2(slotAfter->sealedMasterKey != slotBefore->sealedMasterKey,
             "the slot was not rewrapped by the password change");

    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
    EXPECT_JSON_NO_CHALLENGE(loginResponse(f.vault, kOwner, kOwnerPassword), 401, kInvalidLogin);
    const QByteArray token2 = login(f.vault, kOwner, kNewPassword);
    QVERIFY2(!token2.isEmpty(), "the new password does not log in");
    EXPECT_REVEALS(f.vault, token2, kopo, kKopoApi, kKopoPrivate);
    EXPECT_VERIFIES(f.vault, token2, kopo, kKopoPrivate, true);

    // The slot, not only the session: after a lock only the new password opens it.
    f.vault.lock();
    EXPECT_VAULT_ERROR(f.vault.unlock(kOwner, kOwnerPassword), Error::WrongPassword);
    QVERIFY(!f.vault.isUnlocked());
    EXPECT_JSON_NO_CHALLENGE(loginResponse(f.vault, kOwner, kOwnerPassword), 401, kInvalidLogin);
    QVERIFY(!f.vault.isUnlocked());
    EXPECT_VAULT_OK(f.vault.unlock(kOwner, kNewPassword));
    const QByteArray token3 = login(f.vault, kOwner, kNewPassword);
    QVERIFY(!token3.isEmpty());
    EXPECT_REVEALS(f.vault, token3, kopo, kKopoApi, kKopoPrivate);

    // And it was written to the file.
    f.vault.close();
    EXPECT_VAULT_OK(f.vault.open(f.path()));
    EXPECT_VAULT_ERROR(f.vault.unlock(kOwner, kOwnerPassword), Error::WrongPassword);
    const QByteArray token4 = login(f.vault, kOwner, kNewPassword);
    QVERIFY2(!token4.isEmpty(), "the new password does not open the reopened vault");
    EXPECT_REVEALS(f.vault, token4, kopo, kKopoApi, kKopoPrivate);
}

void TestVault::wrongOldPasswordChangesNothing() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const auto ownerRow = storage::UserRepository(f.vault.database()).findByUsername(kOwner);
    QVERIFY(ownerRow.has_value());
    const auto slotBefore = storage::KeySlotRepository(f.vault.database()).find(ownerRow->id);
    QVERIFY(slotBefore.has_value());

    const auto refused =
        call(f.vault, "POST", "/users/change-password/",
             {{"old_password", "not my password"}, {"new_password", kNewPassword}}, token);
    EXPECT_JSON(refused, 400, QJsonObject{{"old_password", QJsonArray{"Wrong password."}}});
    const auto weak = call(f.vault, "POST", "/users/change-password/",
                           {{"old_password", kOwnerPassword}, {"new_password", "short"}}, token);
    EXPECT_STATUS(weak, 400);

    const auto slotAfter = storage::KeySlotRepository(f.vault.database()).find(ownerRow->id);
    QVERIFY(slotAfter.has_value());
    QVERIFY2(slotAfter->sealedMasterKey == slotBefore->sealedMasterKey,
             "a refused password change rewrote the slot");
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 200);
    f.vault.lock();
    EXPECT_VAULT_OK(f.vault.unlock(kOwner, kOwnerPassword));
}

void TestVault::secondUserHasItsOwnSlot() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray ownerToken = login(f.vault, kOwner, kOwnerPassword);
    const qint64 ownerCredential =
        createCredential(f.vault, ownerToken, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(ownerCredential > 0);

    const auto created = f.vault.services().users().create(kBob, kBobPassword, false);
    QVERIFY2(
        created.ok(),
        qPrintable(QStringLiteral("creating a user while unlocked failed: %1").arg(created.error)));
    const qint64 bobId = *created.id;
    const auto ownerRow = storage::UserRepository(f.vault.database()).findByUsername(kOwner);
    QVERIFY(ownerRow.has_value());

    const storage::KeySlotRepository keySlots(f.vault.database());
    QCOMPARE(keySlots.list().size(), 2);
    const auto bobSlot = keySlots.find(bobId);
    const auto ownerSlot = keySlots.find(ownerRow->id);
    QVERIFY2(bobSlot.has_value(), "the new user got no key slot");
    QVERIFY(ownerSlot.has_value());
    QVERIFY(!bobSlot->sealedMasterKey.isEmpty());
    QVERIFY2(bobSlot->sealedMasterKey != ownerSlot->sealedMasterKey,
             "two users' slots hold the same sealed bytes");
    QVERIFY2(bobSlot->salt != ownerSlot->salt, "two slots share a salt");

    const QByteArray bobToken = login(f.vault, kBob, kBobPassword);
    QVERIFY2(!bobToken.isEmpty(), "the second user cannot log in");
    const auto me = call(f.vault, "GET", "/users/me/", {}, bobToken);
    EXPECT_STATUS(me, 200);
    QCOMPARE(me.object().value("username").toString(), kBob);
    QCOMPARE(me.object().value("is_superuser").toBool(true), false);

    QCOMPARE(credentialIds(f.vault, bobToken), QList<qint64>{});
    const qint64 bobCredential =
        createCredential(f.vault, bobToken, "instasend", kBobApi, kBobPrivate);
    QVERIFY(bobCredential > 0);
    QCOMPARE(credentialIds(f.vault, bobToken), QList<qint64>{bobCredential});
    QCOMPARE(credentialIds(f.vault, ownerToken), QList<qint64>{ownerCredential});
    EXPECT_JSON(call(f.vault, "GET", apitest::credentialPath(ownerCredential, "get-private-key"),
                     {}, bobToken),
                404, QJsonObject{{"error", apitest::kNotFound}});
    EXPECT_JSON(call(f.vault, "GET", apitest::credentialPath(bobCredential, "get-private-key"), {},
                     ownerToken),
                404, QJsonObject{{"error", apitest::kNotFound}});

    // Bob's slot opens the vault on its own.
    f.vault.lock();
    const QByteArray bobToken2 = login(f.vault, kBob, kBobPassword);
    QVERIFY2(!bobToken2.isEmpty(), "the second user's login did not unlock the vault");
    QVERIFY(f.vault.isUnlocked());
    EXPECT_REVEALS(f.vault, bobToken2, bobCredential, kBobApi, kBobPrivate);
    QCOMPARE(credentialIds(f.vault, bobToken2), QList<qint64>{bobCredential});
    f.vault.lock();
    EXPECT_VAULT_OK(f.vault.unlock(kBob, kBobPassword));
    const QByteArray ownerToken2 = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!ownerToken2.isEmpty());
    EXPECT_REVEALS(f.vault, ownerToken2, ownerCredential, kKopoApi, kKopoPrivate);
}

void TestVault::userCreationWhileLockedFails() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    f.vault.lock();

    const auto created =
        f.vault.services().users().create(QStringLiteral("carol"), kBobPassword, false);
    QVERIFY2(!created.ok(), "a user was created in a locked vault");
    QVERIFY(!created.error.isEmpty());
    const storage::UserRepository users(f.vault.database());
    QCOMPARE(users.count(), qint64(1));
    QVERIFY(!users.findByUsername(QStringLiteral("carol")).has_value());
    QCOMPARE(storage::KeySlotRepository(f.vault.database()).list().size(), 1);
    EXPECT_JSON_NO_CHALLENGE(loginResponse(f.vault, QStringLiteral("carol"), kBobPassword), 401,
                             kInvalidLogin);
    QVERIFY(!f.vault.isUnlocked());

    // Unlocked, the same call works: it was the lock that refused it.
    EXPECT_VAULT_OK(f.vault.unlock(kOwner, kOwnerPassword));
    const auto again =
        f.vault.services().users().create(QStringLiteral("carol"), kBobPassword, false);
    QVERIFY2(again.ok(), qPrintable(again.error));
    QVERIFY(!login(f.vault, QStringLiteral("carol"), kBobPassword).isEmpty());
}

void TestVault::deletingUserDeletesItsSlot() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const auto created = f.vault.services().users().create(kBob, kBobPassword, false);
    QVERIFY2(created.ok(), qPrintable(created.error));
    const qint64 bobId = *created.id;
    const QByteArray bobToken = login(f.vault, kBob, kBobPassword);
    QVERIFY(createCredential(f.vault, bobToken, "instasend", kBobApi, kBobPrivate) > 0);
    const storage::KeySlotRepository keySlots(f.vault.database());
    QVERIFY(keySlots.find(bobId).has_value());

    QVERIFY(storage::UserRepository(f.vault.database()).remove(bobId));
    QVERIFY2(!keySlots.find(bobId).has_value(), "the deleted user's key slot is still there");
    QCOMPARE(keySlots.list().size(), 1);

    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, bobToken), 401);
    EXPECT_JSON_NO_CHALLENGE(loginResponse(f.vault, kBob, kBobPassword), 401, kInvalidLogin);
    f.vault.lock();
    EXPECT_VAULT_ERROR(f.vault.unlock(kBob, kBobPassword), Error::WrongPassword);
    EXPECT_JSON_NO_CHALLENGE(loginResponse(f.vault, kBob, kBobPassword), 401, kInvalidLogin);
    QVERIFY2(!f.vault.isUnlocked(), "a deleted user's password still unlocks the vault");
    EXPECT_VAULT_OK(f.vault.unlock(kOwner, kOwnerPassword));
}

void TestVault::noPasswordHashIsKept() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const auto created = f.vault.services().users().create(kBob, kBobPassword, false);
    QVERIFY2(created.ok(), qPrintable(created.error));
    const QByteArray token = login(f.vault, kBob, kBobPassword);
    EXPECT_STATUS(call(f.vault, "POST", "/users/change-password/",
                       {{"old_password", kBobPassword}, {"new_password", kNewPassword}}, token),
                  200);
    QVERIFY(!login(f.vault, kOwner, kOwnerPassword).isEmpty());

    QSqlQuery query(f.vault.database().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT username, password_hash FROM users")));
    int count = 0;
    while (query.next()) {
        ++count;
        QVERIFY2(query.value(1).toString() == QLatin1String("!"),
                 qPrintable(QStringLiteral("users.password_hash of %1 is not \"!\"")
                                .arg(query.value(0).toString())));
    }
    QCOMPARE(count, 2);
}

void TestVault::slotsKeepTheirScryptParameters() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const auto keySlots = storage::KeySlotRepository(f.vault.database()).list();
    QCOMPARE(keySlots.size(), 1);
    const storage::KeySlotRecord& slot = keySlots.front();
    QCOMPARE(slot.kdf, QStringLiteral("scrypt"));
    QCOMPARE(slot.cost, quint64(1u << 10));
    QCOMPARE(slot.blockSize, quint32(8));
    QCOMPARE(slot.parallelism, quint32(1));
    QVERIFY(!slot.salt.isEmpty());
    QVERIFY(!slot.sealedMasterKey.isEmpty());

    // A vault made with other parameters opens with the slot's own parameters.
    f.vault.close();
    vault::VaultOptions other = cheapOptions();
    other.scrypt = {1u << 11, 8, 1};
    Vault reopened(f.clock, other);
    EXPECT_VAULT_OK(reopened.open(f.path()));
    EXPECT_VAULT_OK(reopened.unlock(kOwner, kOwnerPassword));
}

void TestVault::rotateDataKey() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const auto created = f.vault.services().users().create(kBob, kBobPassword, false);
    QVERIFY2(created.ok(), qPrintable(created.error));
    const QByteArray ownerToken = login(f.vault, kOwner, kOwnerPassword);
    const QByteArray bobToken = login(f.vault, kBob, kBobPassword);
    struct Known {
        QByteArray token;
        qint64 id;
        QString api;
        QString priv;
    };
    QList<Known> known{
        {ownerToken, 0, kKopoApi, kKopoPrivate},
        {ownerToken, 0, kInstaApi, kInstaPrivate},
        {bobToken, 0, kBobApi, kBobPrivate},
        {bobToken, 0, QStringLiteral("pk_test_bob_kopokopo_API_0004"),
         QStringLiteral("sk_test_bob_kopokopo_PRIVATE_0004")},
    };
    const QStringList providers{"kopokopo", "instasend", "instasend", "kopokopo"};
    for (int i = 0; i < known.size(); ++i) {
        known[i].id =
            createCredential(f.vault, known[i].token, providers[i], known[i].api, known[i].priv);
        QVERIFY2(known[i].id > 0, qPrintable(QStringLiteral("credential %1 refused").arg(i)));
    }
    QVERIFY(!f.vault.rotationPending());

    const auto before = storedCiphertexts(f.vault);
    QCOMPARE(before.size(), 4);
    const QString fingerprintBefore = primaryFingerprint(f.vault);
    QVERIFY(!fingerprintBefore.isEmpty());

    EXPECT_VAULT_OK(f.vault.rotateDataKey());
    QVERIFY2(!f.vault.rotationPending(), "a finished rotation is still pending");
    QVERIFY(f.vault.isUnlocked());
    const QString fingerprintAfter = primaryFingerprint(f.vault);
    QVERIFY2(fingerprintAfter != fingerprintBefore, "the primary data key did not change");

    const auto after = storedCiphertexts(f.vault);
    QCOMPARE(after.keys(), before.keys());
    const auto keys = f.vault.keys().get();
    QVERIFY(keys != nullptr);
    // The old key is gone once every row is rewritten.
    for (qsizetype i = 0; i < keys->ring.size(); ++i)
        QVERIFY2(keys->ring.key(i).fingerprint() != fingerprintBefore,
                 "the ring still holds the old data key after a finished rotation");
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const Ciphertexts& now = after.value(it.key());
        QVERIFY2(now.privateKey != it->privateKey,
                 qPrintable(
                     QStringLiteral("credential %1: private key not re-encrypted").arg(it.key())));
        QVERIFY2(
            now.apiKey != it->apiKey,
            qPrintable(QStringLiteral("credential %1: api key not re-encrypted").arg(it.key())));
        QVERIFY2(keys->ring.keyIndexFor(now.privateKey) == std::optional<qsizetype>(0),
                 qPrintable(QStringLiteral("credential %1: private key not under the new primary")
                                .arg(it.key())));
        QVERIFY2(
            keys->ring.keyIndexFor(now.apiKey) == std::optional<qsizetype>(0),
            qPrintable(
                QStringLiteral("credential %1: api key not under the new primary").arg(it.key())));
    }
    for (const Known& k : known) {
        EXPECT_REVEALS(f.vault, k.token, k.id, k.api, k.priv);
        EXPECT_VERIFIES(f.vault, k.token, k.id, k.priv, true);
        EXPECT_VERIFIES(f.vault, k.token, k.id, k.priv + QStringLiteral("x"), false);
    }
    EXPECT_VAULT_OK(f.vault.checkIntegrity());

    // The new ring was sealed to the file: a fresh unlock and a reopen read every secret.
    f.vault.lock();
    const QByteArray ownerToken2 = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!ownerToken2.isEmpty());
    EXPECT_REVEALS(f.vault, ownerToken2, known[0].id, known[0].api, known[0].priv);
    EXPECT_REVEALS(f.vault, ownerToken2, known[1].id, known[1].api, known[1].priv);

    // A second rotation on top of the first.
    EXPECT_VAULT_OK(f.vault.rotateDataKey());
    QVERIFY(!f.vault.rotationPending());
    f.vault.close();
    EXPECT_VAULT_OK(f.vault.open(f.path()));
    QVERIFY(!f.vault.rotationPending());
    const QByteArray bobToken2 = login(f.vault, kBob, kBobPassword);
    QVERIFY(!bobToken2.isEmpty());
    EXPECT_REVEALS(f.vault, bobToken2, known[2].id, known[2].api, known[2].priv);
    EXPECT_REVEALS(f.vault, bobToken2, known[3].id, known[3].api, known[3].priv);
    EXPECT_VERIFIES(f.vault, bobToken2, known[3].id, known[3].priv, true);
    EXPECT_VAULT_OK(f.vault.checkIntegrity());
}

void TestVault::rotateWhileLockedIsRefused() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate) > 0);
    const auto before = storedCiphertexts(f.vault);
    f.vault.lock();
    EXPECT_VAULT_ERROR(f.vault.rotateDataKey(), Error::Locked);
    QVERIFY(!f.vault.isUnlocked());
    QVERIFY(!f.vault.rotationPending());
    const auto after = storedCiphertexts(f.vault);
    QCOMPARE(after.size(), 1);
    QVERIFY(after.first().privateKey == before.first().privateKey);
    QVERIFY(after.first().apiKey == before.first().apiKey);

    Vault closed(f.clock, cheapOptions());
    EXPECT_VAULT_ERROR(closed.rotateDataKey(), Error::Locked);
}

namespace {

// Users u1..u<count/2>, each with a kopokopo and an instasend credential: the tokens by user and
// the credentials in id order.
struct Many {
    QMap<QString, QByteArray> tokens;
    struct Credential {
        QString user;
        qint64 id = 0;
        QString api;
        QString priv;
    };
    QList<Credential> credentials;
};

} // namespace

// Fills `many` (a macro: it fails the calling test).
#define MAKE_MANY(vault_, many_, users_)                                                           \
    do {                                                                                           \
        for (int u_ = 1; u_ <= (users_); ++u_) {                                                   \
            const QString name_ = QStringLiteral("u%1").arg(u_);                                   \
            const auto made_ = (vault_).services().users().create(name_, kBobPassword, false);     \
            QVERIFY2(made_.ok(), qPrintable(made_.error));                                         \
            const QByteArray token_ = login(vault_, name_, kBobPassword);                          \
            QVERIFY(!token_.isEmpty());                                                            \
            (many_).tokens.insert(name_, token_);                                                  \
            for (const char* provider_ : {"kopokopo", "instasend"}) {                              \
                Many::Credential c_{name_, 0,                                                      \
                                    QStringLiteral("pk_test_%1_%2_api").arg(name_, provider_),     \
                                    QStringLiteral("sk_test_%1_%2_priv").arg(name_, provider_)};   \
                c_.id =                                                                            \
                    createCredential(vault_, token_, QLatin1String(provider_), c_.api, c_.priv);   \
                QVERIFY(c_.id > 0);                                                                \
                (many_).credentials.append(c_);                                                    \
            }                                                                                      \
        }                                                                                          \
    } while (false)

void TestVault::rotationKeepsConcurrentWrites() {
    // handle() may run on any thread while a rotation rewrites rows: a change acknowledged
    // during the rotation must survive it.
    vault::VaultOptions options = cheapOptions();
    options.rotationPauseMsPerRow = 40;
    Fixture f(options);
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    Many many;
    MAKE_MANY(f.vault, many, 5);
    const Many::Credential last = many.credentials.last(); // rewritten last

    VaultStatus rotated;
    std::thread rotation([&] { rotated = f.vault.rotateDataKey(); });
    QElapsedTimer waited;
    waited.start();
    while (!f.vault.rotationPending() && waited.elapsed() < 5000)
        QThread::msleep(2);
    const bool sawRotation = f.vault.rotationPending();
    const QByteArray token = many.tokens.value(last.user);
    const QString newPrivate = QStringLiteral("sk_test_changed_during_rotation_0001");
    const QString newApi = QStringLiteral("pk_test_changed_during_rotation_0001");
    const auto replaced =
        call(f.vault, "POST", apitest::credentialPath(last.id, "update-private-key"),
             {{"private_key", newPrivate}}, token);
    const auto updated =
        call(f.vault, "PUT", apitest::credentialPath(last.id), {{"api_key", newApi}}, token);
    const bool stillRotating = f.vault.rotationPending();
    rotation.join();

    QVERIFY2(sawRotation, "the rotation never showed as pending");
    QVERIFY2(stillRotating, "the rotation ended before the concurrent writes: the test proves "
                            "nothing (slow machine?)");
    EXPECT_STATUS(replaced, 200);
    EXPECT_STATUS(updated, 200);
    QVERIFY2(rotated.ok(), qPrintable(statusText(rotated)));
    QVERIFY(!f.vault.rotationPending());
    EXPECT_REVEALS(f.vault, token, last.id, newApi, newPrivate);
    EXPECT_VERIFIES(f.vault, token, last.id, newPrivate, true);
    for (qsizetype i = 0; i + 1 < many.credentials.size(); ++i) {
        const Many::Credential& c = many.credentials.at(i);
        EXPECT_REVEALS(f.vault, many.tokens.value(c.user), c.id, c.api, c.priv);
    }
    EXPECT_VAULT_OK(f.vault.checkIntegrity());
}

void TestVault::lockDuringRotationStaysLocked() {
    vault::VaultOptions options = cheapOptions();
    options.rotationPauseMsPerRow = 40;
    Fixture f(options);
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    Many many;
    MAKE_MANY(f.vault, many, 4);
    const Many::Credential first = many.credentials.first();
    const QByteArray token = many.tokens.value(first.user);

    VaultStatus rotated;
    std::thread rotation([&] { rotated = f.vault.rotateDataKey(); });
    QElapsedTimer waited;
    waited.start();
    while (!f.vault.rotationPending() && waited.elapsed() < 5000)
        QThread::msleep(2);
    QVERIFY(f.vault.rotationPending());
    f.vault.lock();
    rotation.join();

    QVERIFY(!f.vault.isUnlocked());
    QVERIFY(f.vault.masterKey().isEmpty());
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
    EXPECT_STATUS(
        call(f.vault, "GET", apitest::credentialPath(first.id, "get-private-key"), {}, token), 401);

    QVERIFY2(!f.vault.keys().isSet(), "the rotation put the keys back after lock()");

    // Whatever the rotation did, the next unlock finishes it and every secret reads.
    const QByteArray token2 = login(f.vault, first.user, kBobPassword);
    QVERIFY(!token2.isEmpty());
    QVERIFY(!f.vault.rotationPending());
    for (const Many::Credential& c : std::as_const(many.credentials)) {
        const QByteArray t = c.user == first.user ? token2 : login(f.vault, c.user, kBobPassword);
        EXPECT_REVEALS(f.vault, t, c.id, c.api, c.priv);
    }
    EXPECT_VAULT_OK(f.vault.checkIntegrity());
}

void TestVault::integrityOfAGoodVault() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    EXPECT_VAULT_OK(f.vault.checkIntegrity());
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate) > 0);
    QVERIFY(createCredential(f.vault, token, "instasend", kInstaApi, kInstaPrivate) > 0);
    EXPECT_VAULT_OK(f.vault.checkIntegrity());
    f.vault.lock();
    EXPECT_VAULT_OK(f.vault.checkIntegrity());
}

void TestVault::integrityReportsUndecryptableCiphertext() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    const qint64 insta = createCredential(f.vault, token, "instasend", kInstaApi, kInstaPrivate);
    QVERIFY(kopo > 0 && insta > 0);

    // A well-formed Fernet token under a key the vault never had.
    const crypto::KeyRing foreign({crypto::FernetKey::generate()});
    const QByteArray alien = foreign.encrypt(QByteArrayView("sk_test_not_from_this_vault_0"),
                                             f.clock.now().toSecsSinceEpoch());
    int changed = -1;
    QString sqlError;
    QVERIFY(withRawConnection(f.path(), [&](QSqlDatabase& db) {
        changed = execSql(db,
                          QStringLiteral("UPDATE payment_credentials SET encrypted_private_key = ? "
                                         "WHERE id = ?"),
                          {QString::fromLatin1(alien), kopo}, &sqlError);
    }));
    QVERIFY2(changed == 1, qPrintable(sqlError));

    const VaultStatus status = f.vault.checkIntegrity();
    QVERIFY2(!status.ok(), "checkIntegrity() found nothing wrong with an undecryptable secret");
    QVERIFY(!status.message.trimmed().isEmpty());

    // The damaged row answers like the API says; the other one is untouched.
    EXPECT_JSON(call(f.vault, "GET", apitest::credentialPath(kopo, "get-private-key"), {}, token),
                500, QJsonObject{{"error", "Failed to decrypt private key: Invalid token"}});
    EXPECT_REVEALS(f.vault, token, insta, kInstaApi, kInstaPrivate);
}

void TestVault::integrityReportsWrongDigest() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(kopo > 0);
    EXPECT_VAULT_OK(f.vault.checkIntegrity());

    int changed = -1;
    QString sqlError;
    QVERIFY(withRawConnection(f.path(), [&](QSqlDatabase& db) {
        changed = execSql(
            db,
            QStringLiteral("UPDATE payment_credentials SET private_key_digest = ? WHERE id = ?"),
            {QString(64, QLatin1Char('0')), kopo}, &sqlError);
    }));
    QVERIFY2(changed == 1, qPrintable(sqlError));
    const VaultStatus status = f.vault.checkIntegrity();
    QVERIFY2(!status.ok(), "checkIntegrity() did not notice a digest that matches no key");
    QVERIFY(!status.message.trimmed().isEmpty());
}

void TestVault::idleLock() {
    QCOMPARE(vault::VaultOptions{}.idleLockSecs, 5 * 60);
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!token.isEmpty());

    f.vault.touch();
    f.clock.advance(4 * 60 * 1000);
    QVERIFY2(!f.vault.lockIfIdle(), "locked after 4 minutes of a 5 minute idle lock");
    QVERIFY(f.vault.isUnlocked());
    f.clock.advance(60 * 1000 + 1000);
    QVERIFY2(f.vault.lockIfIdle(), "not locked after 5 minutes and 1 second idle");
    QVERIFY(!f.vault.isUnlocked());
    QVERIFY(f.vault.masterKey().isEmpty());
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
    EXPECT_STATUS(call(f.vault, "GET", "/payments/credentials/", {}, token), 401);

    // A login unlocks again.
    const QByteArray token2 = login(f.vault, kOwner, kOwnerPassword);
    QVERIFY(!token2.isEmpty());
    QVERIFY(f.vault.isUnlocked());
    QVERIFY2(!f.vault.lockIfIdle(), "locked right after the login that unlocked it");
}

void TestVault::idleLockHonoursItsOption() {
    vault::VaultOptions options = cheapOptions();
    options.idleLockSecs = 60;
    Fixture f(options);
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    f.vault.touch();
    f.clock.advance(59 * 1000);
    QVERIFY(!f.vault.lockIfIdle());
    f.clock.advance(2 * 1000);
    QVERIFY(f.vault.lockIfIdle());
    QVERIFY(!f.vault.isUnlocked());
}

void TestVault::idleLockCanBeChangedOrTurnedOff() {
    Fixture f(cheapOptions());
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    f.vault.setIdleLockSecs(30);
    QCOMPARE(f.vault.idleLockSecs(), 30);
    f.vault.touch();
    f.clock.advance(31 * 1000);
    QVERIFY(f.vault.lockIfIdle());

    EXPECT_VAULT_OK(f.vault.unlock(kOwner, kOwnerPassword));
    f.vault.setIdleLockSecs(0); // never
    f.clock.advance(24 * 60 * 60 * 1000);
    QVERIFY(!f.vault.lockIfIdle());
    QVERIFY(f.vault.isUnlocked());
    f.vault.setIdleLockSecs(-5);
    QCOMPARE(f.vault.idleLockSecs(), 0);
}

void TestVault::handleCountsAsActivity() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    f.vault.touch();
    f.clock.advance(4 * 60 * 1000);
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 200);
    f.clock.advance(4 * 60 * 1000); // 8 minutes after touch(), 4 after the request
    QVERIFY2(!f.vault.lockIfIdle(), "a request through handle() did not count as activity");
    QVERIFY(f.vault.isUnlocked());
    EXPECT_STATUS(call(f.vault, "GET", "/payments/credentials/", {}, token), 200);
    f.clock.advance(5 * 60 * 1000 + 1000);
    QVERIFY(f.vault.lockIfIdle());
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
}

void TestVault::masterKeyAndResume() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(kopo > 0);
    const crypto::Secret masterKey = f.vault.masterKey();
    QVERIFY2(!masterKey.isEmpty(), "masterKey() is empty while unlocked");
    QVERIFY(masterKey.size() >= 16);

    f.vault.lock();
    QVERIFY2(f.vault.masterKey().isEmpty(), "masterKey() is not empty after lock()");

    const auto wrong =
        f.vault.resume(kOwner, crypto::Secret(crypto::Digest::randomBytes(int(masterKey.size()))));
    QVERIFY2(!wrong.ok, "resume() with a wrong key gave a session");
    QVERIFY(wrong.accessToken.isEmpty() && wrong.refreshToken.isEmpty());
    QVERIFY2(!f.vault.isUnlocked(), "resume() with a wrong key unlocked the vault");
    const auto empty = f.vault.resume(kOwner, crypto::Secret());
    QVERIFY(!empty.ok);
    QVERIFY(!f.vault.isUnlocked());
    QVERIFY2(!f.vault.resume(QStringLiteral("nobody"), masterKey).ok,
             "resume() gave a session to a user who does not exist");
    QVERIFY(!f.vault.isUnlocked());

    const auto resumed = f.vault.resume(kOwner, masterKey);
    QVERIFY2(resumed.ok, "resume() with the right key gave no session");
    QVERIFY(f.vault.isUnlocked());
    QCOMPARE(resumed.username, kOwner);
    QVERIFY(resumed.userId > 0);
    QVERIFY(resumed.isSuperuser);
    QCOMPARE(resumed.expiresInSecs, f.vault.services().auth().accessLifetimeSecs());
    QVERIFY(!resumed.refreshToken.isEmpty());
    const QByteArray token2 = resumed.accessToken.reveal();
    QVERIFY(!token2.isEmpty());
    const auto me = call(f.vault, "GET", "/users/me/", {}, token2);
    EXPECT_STATUS(me, 200);
    QCOMPARE(me.object().value("username").toString(), kOwner);
    EXPECT_REVEALS(f.vault, token2, kopo, kKopoApi, kKopoPrivate);

    const crypto::Secret again = f.vault.masterKey();
    QVERIFY2(crypto::Digest::constantTimeEquals(again.view(), masterKey.view()),
             "the master key changed across lock and resume");
    // Tokens of the locked session stay dead.
    EXPECT_STATUS(call(f.vault, "GET", "/users/me/", {}, token), 401);
}

void TestVault::resumeAfterReopen() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    const QByteArray token = login(f.vault, kOwner, kOwnerPassword);
    const qint64 kopo = createCredential(f.vault, token, "kopokopo", kKopoApi, kKopoPrivate);
    QVERIFY(kopo > 0);
    const crypto::Secret masterKey = f.vault.masterKey();
    f.vault.close();

    Vault other(f.clock, cheapOptions());
    EXPECT_VAULT_OK(other.open(f.path()));
    const auto resumed = other.resume(kOwner, masterKey);
    QVERIFY(resumed.ok);
    QVERIFY(other.isUnlocked());
    const QByteArray token2 = resumed.accessToken.reveal();
    EXPECT_REVEALS(other, token2, kopo, kKopoApi, kKopoPrivate);
}

void TestVault::createOverExistingPathIsRefused() {
    Fixture f;
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
    f.vault.close();
    const QByteArray vaultBytes = readFile(f.path());
    QVERIFY(!vaultBytes.isEmpty());

    Vault second(f.clock, cheapOptions());
    EXPECT_VAULT_ERROR(second.create(f.path(), QStringLiteral("intruder"), kBobPassword),
                       Error::Exists);
    QVERIFY(!second.isOpen());
    QVERIFY2(readFile(f.path()) == vaultBytes, "create() over a vault changed its file");

    const QString other = f.dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(other, "my notes, not a vault\n"));
    EXPECT_VAULT_ERROR(second.create(other, kOwner, kOwnerPassword), Error::Exists);
    QCOMPARE(readFile(other), QByteArray("my notes, not a vault\n"));

    // The original still opens for its owner only.
    EXPECT_VAULT_OK(second.open(f.path()));
    EXPECT_VAULT_ERROR(second.unlock(QStringLiteral("intruder"), kBobPassword),
                       Error::WrongPassword);
    EXPECT_VAULT_OK(second.unlock(kOwner, kOwnerPassword));
}

void TestVault::createRefusesBadOwner() {
    Fixture f;
    const QList<QPair<QString, QString>> bad{
        {kOwner, QStringLiteral("short")},
        {kOwner, QStringLiteral("12345678901234")},
        {kOwner, QString()},
        {QString(), kOwnerPassword},
        {QStringLiteral("   "), kOwnerPassword},
        {QStringLiteral("no spaces allowed"), kOwnerPassword},
    };
    for (const auto& [name, password] : bad) {
        const VaultStatus status = f.vault.create(f.path(), name, password);
        QVERIFY2(status.error == Error::Refused,
                 qPrintable(QStringLiteral("create() with owner \"%1\" and a bad password or name: "
                                           "expected Refused, got %2")
                                .arg(name, statusText(status))));
        QVERIFY(!status.message.trimmed().isEmpty());
        QVERIFY(!f.vault.isOpen());
        for (const char* suffix : {"-wal", "-shm", "-journal"})
            QVERIFY2(!QFile::exists(f.path() + QLatin1String(suffix)),
                     qPrintable(QStringLiteral("a refused create() left %1 behind")
                                    .arg(QLatin1String(suffix))));
        QVERIFY2(
            !QFile::exists(f.path()),
            qPrintable(
                QStringLiteral("a refused create() (owner \"%1\") left a file behind").arg(name)));
    }
    EXPECT_VAULT_OK(f.vault.create(f.path(), kOwner, kOwnerPassword));
}

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
