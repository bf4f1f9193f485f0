#pragma once

#include <QStringList>

namespace paycred::server {

// RotateKeysCommand: `paycred-server rotate-keys` — re-encrypts every credential still under a
// retired encryption key with the primary one (service::KeyRotation), a batch per transaction,
// with a progress line on standard error, while servers go on serving. Killed or stopped, it
// loses nothing; run again, it goes on. At the end it says whether any row still needs a
// retired key, i.e. whether the retired keys can be removed.
class RotateKeysCommand {
public:
    static constexpr int DefaultBatchSize = 100;
    static int run(const QStringList& arguments);
};

} // namespace paycred::server
