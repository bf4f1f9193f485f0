#pragma once

#include "core/crypto/scrypt.h"
#include "core/vault/vaultstatus.h"

#include <QList>
#include <QString>

#include <functional>

namespace paycred::vault {

class Vault;

// Backup: a whole vault sealed into one passphrase-protected file (scrypt, AES-256-GCM), restored
// as a new vault or merged credential by credential into an unlocked one.
class Backup {
public:
    static constexpr int FormatVersion = 1;
    static constexpr int MinPassphraseLength = 10; // Unicode code points
    static constexpr int SaltBytes = 16;

    // Whether `passphrase` is long enough for exportTo() (in code points, as people count).
    static bool passphraseLongEnough(QStringView passphrase);

    // What importInto() does when the target user already has credentials for a provider.
    enum class Conflict { Skip, Replace };

    struct Skipped {
        QString username;
        QString provider;
        QString reason; // plain words: "no user named bob in this vault"
    };
    struct Written {
        QString username;
        QString provider;
        bool replaced = false; // false: imported as new
    };
    struct ImportReport {
        int imported = 0;
        int replaced = 0;
        QList<Written> written; // in the backup's credential order
        QList<Skipped> skipped; // likewise
    };

    // Writes one file: a versioned header (magic, format, scrypt parameters, salt, passphrase
    // check) and the AES-256-GCM sealed master key and consistent snapshot of `vault`, with the
    // header as associated data. Atomic, mode 0600. Needs the vault unlocked and a passphrase
    // of at least MinPassphraseLength characters. `progress` hears 0..100. `kdf` defaults to
    // Scrypt's default parameters.
    static VaultStatus exportTo(const Vault& vault, const QString& path, const QString& passphrase,
                                const std::function<void(int percent)>& progress = {},
                                const crypto::Scrypt::Parameters& kdf = {});

    // Writes the backed-up vault as a new vault file at `newVaultPath` (Exists when something is
    // already there). Its users log in with the passwords they had when the backup was made.
    static VaultStatus restoreToNew(const QString& backupPath, const QString& passphrase,
                                    const QString& newVaultPath);

    // Copies the backup's credentials into `vault` (unlocked), each to the user with the same
    // username, re-encrypted under the vault's data keys. All or nothing: one transaction.
    // `report` (may be null) says what was imported, replaced and skipped, and is left empty on
    // failure.
    static VaultStatus importInto(Vault& vault, const QString& backupPath,
                                  const QString& passphrase, Conflict conflict,
                                  ImportReport* report);
};

} // namespace paycred::vault
