#pragma once

#include "core/api/apirequest.h"
#include "core/api/apiresponse.h"
#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"
#include "core/service/keyset.h"
#include "core/vault/resumedsession.h"
#include "core/vault/vaultoptions.h"
#include "core/vault/vaultstatus.h"

#include <QMutex>
#include <QString>

#include <memory>

namespace paycred::api {
class Router;
}
namespace paycred {
class Clock;
}
namespace paycred::service {
class ActiveKeys;
class Services;
} // namespace paycred::service
namespace paycred::storage {
class Database;
}

namespace paycred::vault {

class SlotPasswordStore;

// Vault: the offline store of the desktop app — a SQLite file with the server's schema whose
// secrets are readable only through a user's key slot. password → scrypt → slot key → (AES-GCM)
// master key → (AES-GCM) data-key ring. Logging in through its router opens the slot; lock()
// forgets every key. Thread-safe: handle() may be called from any thread.
class Vault {
public:
    static constexpr int FormatVersion = 1;

    explicit Vault(const Clock& clock, VaultOptions options = {});
    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    // Makes a new vault at `path` whose owner is a superuser; leaves it open and unlocked.
    VaultStatus create(const QString& path, const QString& ownerName, const QString& ownerPassword);
    // Opens an existing vault, locked. A half-done key rotation is finished at the next unlock.
    VaultStatus open(const QString& path);
    void close();

    bool isOpen() const;
    bool isUnlocked() const;
    QString path() const;
    QString id() const; // random, fixed at creation; names the vault in the keychain

    // The embedded API: API.md through the same Router as paycred-server. While locked only a
    // login (which unlocks), /health/, /providers/ and /api/schema/ answer; every token is
    // refused with 401. Counts as activity for the idle lock.
    api::ApiResponse handle(const api::ApiRequest& request);

    // Opens `username`'s slot with `password` (what a login does). WrongPassword costs the same
    // scrypt work for an unknown user.
    VaultStatus unlock(const QString& username, const QString& password);
    // Wipes the master key and the data-key ring; every token issued so far stops working.
    void lock();

    // The master key (empty when locked), for the vault's own tools (backup) and tests. Never
    // to be kept anywhere: it never changes, so whoever holds it opens every copy of the vault.
    crypto::Secret masterKey() const;
    // Resuming a session with the master key: the tokens a login would give (audited as a
    // login), or not ok when the key does not open the vault or the user has no slot or is
    // inactive.
    ResumedSession resume(const QString& username, const crypto::Secret& masterKey,
                          const QString& remoteAddress = QStringLiteral("local"));

    // Remember-unlock (RememberedUnlock): makes `username`'s remembered slot (RememberedSlot),
    // valid until `expiresAt` (Unix seconds), replacing the one they had, and returns the random
    // secret that opens it — the only thing the system keychain keeps. Empty when the vault is
    // locked, the user is unknown or inactive, or the slot could not be written.
    crypto::Secret rememberUnlock(const QString& username, qint64 expiresAt);
    // Removes `username`'s remembered slot: the secret opens nothing in this file any more. True
    // also when there was none. Needs no unlock. A password change (SlotPasswordStore) does it
    // too.
    bool forgetRemembered(const QString& username);
    // Resumes a session with `username`'s remembered slot opened by `secret`; not ok when there
    // is no slot, it has expired (it is then removed), or `secret` does not open it.
    ResumedSession resumeRemembered(const QString& username, const crypto::Secret& secret,
                                    const QString& remoteAddress = QStringLiteral("local"));

    // Re-encrypts every secret under a new data key; needs no password (the vault is unlocked).
    // Crash-safe: the ring keeps the old key until every row is rewritten, and an interrupted
    // rotation is finished at the next unlock.
    VaultStatus rotateDataKey();
    bool rotationPending() const;

    // SQLite's integrity check and, when unlocked, that every secret decrypts and every digest
    // matches its key. The message names what is wrong.
    VaultStatus checkIntegrity() const;

    // A consistent copy of the whole vault file (VACUUM INTO), for a backup.
    VaultStatus snapshot(const QString& targetPath) const;

    // The idle lock: activity moves the deadline; lockIfIdle() locks when it has passed (the
    // app calls it from a timer; the time comes from the clock).
    void touch();
    bool lockIfIdle();
    // The idle time (VaultOptions::idleLockSecs until changed); 0 never locks on idleness.
    void setIdleLockSecs(int secs);
    int idleLockSecs() const;

    // The core behind the router, for the vault's own tools (backup import); valid while open.
    const service::Services& services() const;
    const service::ActiveKeys& keys() const;
    const storage::Database& database() const;

private:
    friend class SlotPasswordStore;

    VaultStatus openDatabase(const QString& path, bool creating);
    VaultStatus acceptMasterKey(const crypto::Secret& masterKey);
    VaultStatus finishRotation();
    bool replaceKeys(service::KeySet keys);
    void wire(const crypto::Secret& throttleKey);

    const Clock& m_clock;
    VaultOptions m_options;
    mutable QMutex m_mutex;
    QString m_path;
    QString m_id;
    crypto::Secret m_masterKey;
    qint64 m_lastActivityMs = 0;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<service::ActiveKeys> m_keys;
    std::unique_ptr<SlotPasswordStore> m_passwords;
    std::unique_ptr<service::Services> m_services;
    std::unique_ptr<api::Router> m_router;
};

} // namespace paycred::vault
