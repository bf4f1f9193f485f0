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

// RememberedUnlock: "remember unlock" for a vault (opt-in, off by default). A vault's master key
// is kept in the system keychain for a limited time, so the vault opens without the password
// until then. A keychain that is missing, locked or unreachable just means the password is
// asked: every failure is an answer with a sentence, never an error the user must deal with.
//
// The keychain entry: service = the service name, key = "vault:<vaultId>:<username>", value =
// {"v":1,"expires":<Unix secs>,"key":"<base64 master key>"}. The expiry is checked on recall
// against the injected clock; an expired (or unreadable) entry is deleted.
//
// Who removes the entry: the app calls forget() when the user logs out and after the user
// changes the password (the master key does not change with the password, so the keychain
// cannot notice). unlockVault() forgets an entry the vault no longer accepts.
//
// Asynchronous (QtKeychain jobs): every call returns at once; its callback runs later on this
// object's thread, from its event loop. A callback is not called once this object is
// destroyed. The master key is never logged, and the buffers that held it are overwritten.
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
        Refused,     // remember: nothing to remember (no key, no vault id or no username)
        Stale,       // unlock: the vault no longer accepts what was remembered (now forgotten)
    };

    // How remember() and forget() ended.
    struct Result {
        Status status = Status::Unavailable;
        QString message; // a sentence for the user; empty when ok
        bool ok() const { return status == Status::Ok; }
    };

    // How recall() ended: the master key when ok, otherwise empty with a sentence saying that
    // the password will be asked.
    struct Recall {
        crypto::Secret masterKey;
        Status status = Status::Unavailable;
        QString message;
        qint64 expiresAt = 0; // Unix seconds, when ok
        bool ok() const { return status == Status::Ok && !masterKey.isEmpty(); }
    };

    explicit RememberedUnlock(const Clock& clock, QString serviceName = QStringLiteral("PayCred"),
                              std::chrono::seconds lifetime = DefaultLifetime,
                              QObject* parent = nullptr);
    ~RememberedUnlock() override;

    QString serviceName() const;
    std::chrono::seconds lifetime() const { return m_lifetime; }
    // How long recall() waits for the keychain before answering Unavailable (10 s by default).
    void setKeychainTimeout(std::chrono::milliseconds timeout);

    // Keeps `masterKey` (Vault::masterKey() right after a successful login) for lifetime() from
    // now, replacing what was remembered for this vault and user.
    void remember(const QString& vaultId, const QString& username, const crypto::Secret& masterKey,
                  std::function<void(Result)> done = {});
    void recall(const QString& vaultId, const QString& username, std::function<void(Recall)> done);
    // Removes the entry (Ok also when there was none). Call on log-out and after a password
    // change.
    void forget(const QString& vaultId, const QString& username,
                std::function<void(Result)> done = {});

    // Runs `work` off this object's thread (the vault's worker: EmbeddedTransport::run), then
    // `done` back on it.
    using Runner = std::function<void(std::function<void()> work, std::function<void()> done)>;
    // How unlockVault() ended: the session on success; otherwise not ok, with a sentence saying
    // that the password will be asked.
    struct Unlocked {
        ResumedSession session;
        Status status = Status::Unavailable;
        QString message;
        bool ok() const { return status == Status::Ok && session.ok; }
    };
    // The one way a remembered unlock opens a vault: recall(), then Vault::resume() through
    // `run` (it derives no key, but takes the vault's lock and database and may finish a key
    // rotation: not on the GUI thread). Nothing remembered, a keychain that is not available, or
    // a key the vault refuses (that entry is then forgotten) all end in "ask for the password".
    // `vault` must be open and must outlive the call.
    void unlockVault(Vault& vault, const QString& username, const Runner& run,
                     std::function<void(Unlocked)> done);

    // "vault:<vaultId>:<username>", with ':' and '%' in either written as %3A and %25.
    static QString entryKey(const QString& vaultId, const QString& username);

    // The stored value and its reading, exposed for tests. encode() returns a buffer the caller
    // owns wiping; decode() reads only what encode() writes (a flat JSON object whose strings
    // have no escapes) and leaves `bytes` as it is.
    struct Decoded {
        bool valid = false;
        crypto::Secret masterKey;
        qint64 expiresAt = 0;
    };
    static QByteArray encode(const crypto::Secret& masterKey, qint64 expiresAt);
    static Decoded decode(QByteArrayView bytes);

    static QString messageFor(Status status);

private:
    const Clock& m_clock;
    std::chrono::seconds m_lifetime;
    KeychainStore* m_store;
};

} // namespace paycred::vault
