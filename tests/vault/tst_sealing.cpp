// One sealer: a credential with a 5-character private key is refused for the same reason by
// every path that writes keys — created through the API, imported from a backup, or re-encrypted
// by a key rotation (a row crafted around the rules) — and nothing of it is written.

#include "core/crypto/keyring.h"
#include "core/foundation/manualclock.h"
#include "core/service/activekeys.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/userrepository.h"
#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace paycred;
using vault::Backup;
using vault::Vault;

namespace {
const QString kOwner = QStringLiteral("owner");
const QString kPassword = QStringLiteral("owner-password-1");
const QString kReason = QStringLiteral("Private key must be at least 10 characters long");
const crypto::Scrypt::Parameters kCheapKdf{1u << 10, 8, 1};
const QString kPassphrase = QStringLiteral("a backup passphrase");
} // namespace

class TestSealing : public QObject {
    Q_OBJECT

private slots:
    void aShortKeyGetsTheSameReasonEverywhere() {
        QTemporaryDir dir;
        ManualClock clock(vaulttest::startTime());
        Vault source(clock, vaulttest::cheapOptions());
        EXPECT_VAULT_OK(source.create(dir.filePath("source.paycred"), kOwner, kPassword));
        const QByteArray token = vaulttest::login(source, kOwner, kPassword);
        QVERIFY(!token.isEmpty());

        // 1. Create, through the API.
        const auto created = vaulttest::call(source, "POST", "/payments/credentials/",
                                             {{"provider", "kopokopo"},
                                              {"api_key", "pk_test_kopokopo_1234567890"},
                                              {"private_key", "abcde"}},
                                             token);
        QCOMPARE(created.status, 400);
        QCOMPARE(created.object().value("non_field_errors").toArray().first().toString(), kReason);
        QCOMPARE(storage::CredentialRepository(source.database()).count(), qint64(0));

        // The same credential written around the rules, straight into the vault's table.
        const auto keys = source.keys().get();
        QVERIFY(keys);
        const auto owner = storage::UserRepository(source.database()).findByUsername(kOwner);
        QVERIFY(owner.has_value());
        storage::CredentialRecord crafted;
        crafted.userId = owner->id;
        crafted.provider = QStringLiteral("kopokopo");
        crafted.encryptedApiKey =
            keys->ring.encrypt("pk_test_kopokopo_1234567890", clock.nowSecs());
        crafted.encryptedPrivateKey = keys->ring.encrypt("abcde", clock.nowSecs());
        crafted.privateKeyDigest = QByteArray(64, '0');
        crafted.environment = QStringLiteral("sandbox");
        crafted.createdAt = crafted.updatedAt = clock.now();
        const auto inserted = storage::CredentialRepository(source.database()).insert(crafted);
        QVERIFY(inserted.ok());

        // 2. Import: the backup of that vault, into a new one with the same owner.
        const QString backupPath = dir.filePath("source.paycred-backup");
        EXPECT_VAULT_OK(Backup::exportTo(source, backupPath, kPassphrase, {}, kCheapKdf));
        Vault target(clock, vaulttest::cheapOptions());
        EXPECT_VAULT_OK(target.create(dir.filePath("target.paycred"), kOwner, kPassword));
        Backup::ImportReport report;
        EXPECT_VAULT_OK(
            Backup::importInto(target, backupPath, kPassphrase, Backup::Conflict::Skip, &report));
        QCOMPARE(report.imported, 0);
        QCOMPARE(report.skipped.size(), 1);
        QCOMPARE(report.skipped.first().provider, QStringLiteral("kopokopo"));
        QCOMPARE(report.skipped.first().reason, kReason);
        QCOMPARE(storage::CredentialRepository(target.database()).count(), qint64(0));

        // 3. Rotation: the row cannot be sealed again, so it is left as it was, readable.
        const vault::VaultStatus rotated = source.rotateDataKey();
        QVERIFY(!rotated.ok());
        QVERIFY2(rotated.message.contains(
                     QStringLiteral("credential %1: %2").arg(inserted.value).arg(kReason)),
                 qPrintable(rotated.message));
        const auto kept =
            storage::CredentialRepository(source.database()).findForUser(inserted.value, owner->id);
        QVERIFY(kept.has_value());
        QCOMPARE(kept->encryptedPrivateKey, crafted.encryptedPrivateKey);
        QVERIFY(source.keys().get()->ring.decrypt(kept->encryptedPrivateKey, clock.nowSecs()).ok());
        QVERIFY(source.rotationPending()); // the old key stays until every row is under the new
    }
};

QTEST_GUILESS_MAIN(TestSealing)
#include "tst_sealing.moc"
