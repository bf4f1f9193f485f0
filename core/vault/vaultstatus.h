#pragma once

#include <QString>

namespace paycred::vault {

// VaultStatus: how a vault operation ended, with a sentence for the user saying what happened
// and what to do next.
struct VaultStatus {
    enum class Error {
        None,
        NotFound,      // no file at the path
        NotAVault,     // a file, but not a PayCred vault (not SQLite, or no vault metadata)
        TooNew,        // made by a newer PayCred
        Damaged,       // a vault whose metadata or keys cannot be read
        Exists,        // create() over an existing file
        WrongPassword, // unknown user or wrong password (the same answer for both)
        Locked,        // needs the vault unlocked
        Refused,       // the input breaks a rule (weak password, blank name, ...)
        Failed,        // the database or OpenSSL failed; nothing was changed
    };

    Error error = Error::None;
    QString message;

    bool ok() const { return error == Error::None; }
    static VaultStatus success() { return {}; }
    static VaultStatus failure(Error error, QString message) { return {error, std::move(message)}; }
};

} // namespace paycred::vault
