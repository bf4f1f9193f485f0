#pragma once

#include "core/crypto/scrypt.h"
#include "core/service/servicesettings.h"

namespace paycred::vault {

// VaultOptions: how a vault derives slot keys and runs its embedded core.
struct VaultOptions {
    // For new and rewritten slots; a slot keeps the parameters it was made with. N = 2^17,
    // r = 6 (96 MiB) takes about 0.5 s on the 2-core reference machine (bench/results/).
    crypto::Scrypt::Parameters scrypt{1u << 17, 6, 1};
    // Token lifetimes, throttling and password rules of the embedded core; its keys are ignored
    // (a vault's keys come from its key slots).
    service::ServiceSettings settings;
    // Lock after this long without activity (touch()); 0: never.
    int idleLockSecs = 5 * 60;
    // Testing only: a pause after each row a key rotation rewrites, so a crash test can kill
    // the process in the middle of one.
    int rotationPauseMsPerRow = 0;
};

} // namespace paycred::vault
