#pragma once

#include "core/crypto/secret.h"

#include <QString>

namespace paycred::vault {

// ResumedSession: the tokens of a vault session opened with a remembered master key instead of
// a password — what a login would have answered, for the client to take over.
struct ResumedSession {
    bool ok = false;
    qint64 userId = 0;
    QString username;
    bool isSuperuser = false;
    crypto::Secret accessToken;
    crypto::Secret refreshToken;
    int expiresInSecs = 0;
};

} // namespace paycred::vault
