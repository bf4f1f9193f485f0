#pragma once

#include "core/crypto/secret.h"
#include "core/vault/resumedsession.h"

#include <QByteArrayView>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace paycred {
class Clock;
}

namespace paycred::vault {

class KeychainStore;
class Vault;

// RememberedUnlock: "remember unlock" for a vault (opt-in, off by default), so the vault opens
// without the password for a limited time. The system keychain never holds the master key: it
// holds a random secret that opens only the user's separate, expiring remembered slot in the
// vault file (RememberedSlot, bound to the vault, the user and the expiry). Removing that slot
// (forget, log-out, a password change, or its time running out) makes the keychain entry
// worthless for the file. A keychain that is missing, locked or unreachable just means the
// password is asked: every failure is an answer with a sentence, never an error the user must
// deal with.
//
// The keychain entry: service = the service name, key = "vault:<vaultId>:<username>", value =
// {"v":2,"expires":<Unix secs>,"secret":"<base64 32 bytes>"}. The expiry there only spares a
// vault lookup; the one that counts is the slot's (authenticated with it, checked against the
// vault's clock). An expired or unreadable entry (among them the v1 entries of older versions,
// which held the master key itself) is deleted on recall.
//
// Who removes it: the app calls forget() when the user logs out, unticks "Remember me" or
// changes the password (the vault also drops the slot itself on every password change, a
// superuser's reset included). unlockVault() forgets an entry the vault no longer accepts.
//
// Asynchronous (QtKeychain jobs, and the vault's work through a Runner on its worker thread):
// every call returns at once; its callback runs later on this object's thread, from its event
// loop. A callback is not called once this object is destroyed. The secret is never logged, and
// the buffers that held it are overwritten.
class RememberedUnlock : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::seconds DefaultLifetime = std::chrono::hours(8);

    enum class Status {
        Ok,
        Missing,     // recall: nothing is remembered for this vault and user
        Expired,     // recall: it was, but its time is up (the entry has been deleted)
        Malformed,   // recall: the entry cannot be read (it has been deleted)
        Unavailable, // the keychain is missing, locked, refused or did not answer
        Refused,     // remember: nothing to remember (locked vault, no vault id or no username),
                     // or the vault could not keep the slot
        Stale,       // unlock: the vault no longer accepts what was remembered (now forgotten)
    };

    // How remember() and forget() ended.
    struct Result {
        Status status = Status::Unavailable;
        QString message; // a sentence for the user; empty when ok
        bool ok() const { return status == Status::Ok; }
    };

    // How recall() ended: the slot's secret when ok, otherwise empty with a sentence saying
    // that the password will be asked.
    struct Recall {
        crypto::Secret secret;
        Status status = Status::Unavailable;
        QString message;
        qint64 expiresAt = 0; // Unix seconds, when ok
        bool ok() const { return status == Status::Ok && !secret.isEmpty(); }
    };

    // Runs `work` off this object's thread (the vault's worker: EmbeddedTransport::run), then
    // `done` back on it.
    using Runner = std::function<void(std::function<void()> work, std::function<void()> done)>;

    explicit RememberedUnlock(const Clock& clock, QString serviceName = QStringLiteral("PayCred"),
                              std::chrono::seconds lifetime = DefaultLifetime,
                              QObject* parent = nullptr);
    ~RememberedUnlock() override;

    QString serviceName() const;
    std::chrono::seconds lifetime() const { return m_lifetime; }
    // How long recall() waits for the keychain before answering Unavailable (10 s by default).
    void setKeychainTimeout(std::chrono::milliseconds timeout);

    // Right after a successful login to `vault` (open and unlocked): makes the user's remembered
    // slot in the vault file for lifetime() from now (through `run`: it writes the file) and
    // keeps its secret in the keychain, replacing what was remembered for this vault and user.
    // Refused when the vault is locked or the slot could not be made; Unavailable when the
    // keychain did not take the secret (the new slot is then removed again). `vault` must stay
    // open until `done`.
    void remember(Vault& vault, const QString& username, const Runner& run,
                  std::function<void(Result)> done = {});
    // The keychain entry's secret (no vault is touched).
    void recall(const QString& vaultId, const QString& username, std::function<void(Recall)> done);
    // Removes the user's remembered slot from the vault file (through `run`) and then the
    // keychain entry; Ok also when there was none. Once the slot is gone the entry opens nothing
    // in the file even if the keychain cannot be reached (then not Ok, with a sentence). Call on
    // log-out, when "Remember me" is unticked and after a password change.
    void forget(Vault& vault, const QString& username, const Runner& run,
                std::function<void(Result)> done = {});

    // The keychain halves of remember() and forget() alone, for tests and for a vault that is
    // not open: an entry written without the vault's slot opens nothing; removing only the
    // entry leaves the slot in the file until it expires.
    void writeEntry(const QString& vaultId, const QString& username, const crypto::Secret& secret,
                    qint64 expiresAt, std::function<void(Result)> done = {});
    void forgetEntry(const QString& vaultId, const QString& username,
                     std::function<void(Result)> done = {});

    // How unlockVault() ended: the session on success; otherwise not ok, with a sentence saying
    // that the password will be asked.
    struct Unlocked {
        ResumedSession session;
        Status status = Status::Unavailable;
        QString message;
        bool ok() const { return status == Status::Ok && session.ok; }
    };
    // The one way a remembered unlock opens a vault: recall(), then Vault::resumeRemembered()
    // through `run` (it opens the slot, takes the vault's lock and database and may finish a key
    // rotation: not on the GUI thread). Nothing remembered, a keychain that is not available, or
    // a secret the vault refuses (expired, forgotten, another copy of the file: the entry and
    // any slot are then forgotten) all end in "ask for the password". `vault` must be open and
    // must outlive the call.
    void unlockVault(Vault& vault, const QString& username, const Runner& run,
                     std::function<void(Unlocked)> done);

    // "vault:<vaultId>:<username>", with ':' and '%' in either written as %3A and %25.
    static QString entryKey(const QString& vaultId, const QString& username);

    // The stored value and its reading, exposed for tests. encode() returns a buffer the caller
    // owns wiping; decode() reads only what encode() writes (a flat JSON object whose strings
    // have no escapes) and leaves `bytes` as it is.
    struct Decoded {
        bool valid = false;
        crypto::Secret secret;
        qint64 expiresAt = 0;
    };
    static QByteArray encode(const crypto::Secret& secret, qint64 expiresAt);
    static Decoded decode(QByteArrayView bytes);

    static QString messageFor(Status status);

private:
    const Clock& m_clock;
    std::chrono::seconds m_lifetime;
    KeychainStore* m_store;
};

} // namespace paycred::vault
