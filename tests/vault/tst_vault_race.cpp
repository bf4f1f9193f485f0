// Unlocking and locking at once: however a lock() falls against an unlock, a vault that says it
// is locked has no active keys (no data ring, no JWT key, no audit key), so no token verifies.
// Each round one thread unlocks while another waits for the vault to say "unlocked" and locks it
// at that very moment — the instant an unlock that installs its keys outside the lock loses.

#include "core/foundation/manualclock.h"
#include "core/service/activekeys.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace paycred;
using namespace paycred::vaulttest;
using vault::Vault;

namespace {
const QString kOwner = QStringLiteral("owner");
const QString kOwnerPassword = QStringLiteral("correct horse battery staple");
constexpr int kRounds = 300;
} // namespace

class TestVaultRace : public QObject {
    Q_OBJECT

private slots:
    void lockDuringUnlockLeavesNoKeys();
};

void TestVaultRace::lockDuringUnlockLeavesNoKeys() {
    QTemporaryDir dir;
    ManualClock clock(startTime());
    Vault v(clock, cheapOptions());
    EXPECT_VAULT_OK(v.create(dir.filePath("vault.paycred"), kOwner, kOwnerPassword));
    const QByteArray token = login(v, kOwner, kOwnerPassword);
    QVERIFY(!token.isEmpty());
    v.lock();

    int lockedWithKeys = 0;
    int lockedRounds = 0;
    int tokensAccepted = 0;
    for (int round = 0; round < kRounds; ++round) {
        std::atomic<bool> unlocked{false};
        std::atomic<bool> go{false};
        std::thread locker([&] {
            while (!go.load())
                std::this_thread::yield();
            // Locks the moment the vault says it is unlocked (or once the unlock is over).
            while (!v.isUnlocked() && !unlocked.load())
                ;
            v.lock();
        });
        go = true;
        // A login unlocks; it may lose to the lock (then it gives no token): either is fine.
        const QByteArray roundToken = login(v, kOwner, kOwnerPassword);
        unlocked = true;
        locker.join();

        if (v.isUnlocked()) { // the lock came first and the unlock after it: consistent
            v.lock();
            continue;
        }
        ++lockedRounds;
        if (v.keys().isSet())
            ++lockedWithKeys;
        if (!roundToken.isEmpty() && call(v, "GET", "/users/me/", {}, roundToken).status != 401)
            ++tokensAccepted;
        v.lock(); // the next round starts from a locked vault, whatever this one left
    }
    // Whatever happened, the vault ends locked and answers no token.
    v.lock();
    QVERIFY2(lockedWithKeys == 0 && tokensAccepted == 0,
             qPrintable(QStringLiteral("in %1 of %2 locked rounds the vault reported itself locked "
                                       "with its keys still active; in %3 it accepted a token")
                            .arg(lockedWithKeys)
                            .arg(lockedRounds)
                            .arg(tokensAccepted)));
    QVERIFY(lockedRounds > 0);
    QCOMPARE(call(v, "GET", "/users/me/", {}, token).status, 401);
}

QTEST_GUILESS_MAIN(TestVaultRace)
#include "tst_vault_race.moc"
