#pragma once

#include "core/crypto/secret.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace paycred {
class Clock;
}
namespace paycred::crypto {
class KeyRing;
}
namespace paycred::storage {
struct CredentialChange;
struct CredentialRecord;
} // namespace paycred::storage

namespace paycred::service {

// CredentialSealer: the one way a credential's keys become what is stored — trimmed, checked
// against the key rules (CredentialFields), Fernet-encrypted under the ring's primary key, with
// the keyed digest beside the private key — and back again. Every path that writes keys uses
// it: create, update, replace, a key rotation, a backup import.
class CredentialSealer {
public:
    explicit CredentialSealer(const Clock& clock)
        : m_clock(clock) {}

    // Sealed columns, or why there are none.
    struct Sealing {
        enum class Problem {
            None,
            BrokenRule, // a key breaks a rule: `reason` is the rule's sentence
            Unreadable, // the stored keys cannot be decrypted with the ring
            Failed,     // encryption failed (OpenSSL)
        };
        Problem problem = Problem::None;
        QString reason;
        std::optional<QByteArray> encryptedApiKey;
        std::optional<QByteArray> encryptedPrivateKey;
        std::optional<QByteArray> privateKeyDigest;

        bool ok() const { return problem == Problem::None; }
        // Sets the sealed columns on a write.
        void applyTo(storage::CredentialChange& change) const;
        void applyTo(storage::CredentialRecord& row) const;
    };

    // Both keys of a new credential; the api key's rule is checked first.
    Sealing seal(const crypto::KeyRing& ring, const QString& apiKey,
                 const QString& privateKey) const;
    Sealing sealApiKey(const crypto::KeyRing& ring, const QString& apiKey) const;
    Sealing sealPrivateKey(const crypto::KeyRing& ring, const QString& privateKey) const;
    // The stored keys of `row`, opened with any key of `from`, checked and sealed again under
    // `to`'s primary key (a rotation: from == to; an import: the backup's ring to the vault's).
    Sealing reseal(const crypto::KeyRing& from, const crypto::KeyRing& to,
                   const storage::CredentialRecord& row) const;

    struct Opened {
        crypto::Secret apiKey;
        crypto::Secret privateKey;
        bool ok = false;
    };
    // The keys of `row` in the clear (get-private-key); not ok when no key of `ring` opens them.
    Opened open(const crypto::KeyRing& ring, const storage::CredentialRecord& row) const;
    // Whether `privateKey` (trimmed, as every key is received) is the one `row` keeps, by digest,
    // in constant time per key; never decrypts.
    static bool matches(const crypto::KeyRing& ring, const QString& privateKey,
                        const storage::CredentialRecord& row);
    // True when `row`'s keys are already under `ring`'s primary key.
    static bool isUnderPrimary(const crypto::KeyRing& ring, const storage::CredentialRecord& row);

private:
    Sealing sealChecked(const crypto::KeyRing& ring, const QString* apiKey,
                        const QString* privateKey) const;
    QByteArray encrypt(const crypto::KeyRing& ring, const QString& text) const;

    const Clock& m_clock;
};

} // namespace paycred::service
