// vaultrotator <vault-path> <username> <password> <pause-ms>
//
// A helper of tst_vault_crash: opens the vault, unlocks it, prints "rotating", rotates the data
// key with a pause after every row (so the test can kill it in the middle), then prints "done".
// Exit codes: 0 done, 2 usage, 3 open failed, 4 unlock failed, 5 rotation failed.

#include "core/foundation/systemclock.h"
#include "core/vault/vault.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

using namespace paycred;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool numeric = false;
    const int pauseMs = args.size() == 5 ? args.at(4).toInt(&numeric) : 0;
    if (args.size() != 5 || !numeric || pauseMs < 0) {
        std::fputs("usage: vaultrotator <vault-path> <username> <password> <pause-ms>\n", stderr);
        return 2;
    }

    const SystemClock clock;
    vault::VaultOptions options;
    options.scrypt = {1u << 10, 8, 1};
    options.rotationPauseMsPerRow = pauseMs;
    vault::Vault v(clock, options);

    const vault::VaultStatus opened = v.open(args.at(1));
    if (!opened.ok()) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(opened.message));
        return 3;
    }
    const vault::VaultStatus unlocked = v.unlock(args.at(2), args.at(3));
    if (!unlocked.ok()) {
        std::fprintf(stderr, "unlock failed: %s\n", qPrintable(unlocked.message));
        return 4;
    }
    std::fputs("rotating\n", stdout);
    std::fflush(stdout);
    const vault::VaultStatus rotated = v.rotateDataKey();
    if (!rotated.ok()) {
        std::fprintf(stderr, "rotation failed: %s\n", qPrintable(rotated.message));
        return 5;
    }
    std::fputs("done\n", stdout);
    std::fflush(stdout);
    return 0;
}
