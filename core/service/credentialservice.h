#pragma once

#include "core/crypto/keyring.h"
#include "core/crypto/secret.h"
#include "core/service/actor.h"
#include "core/service/fielderrors.h"
#include "core/storage/records.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred {
class Clock;
}

namespace paycred::service {

class AuditLog;
class ActiveKeys;
struct KeySet;

// CredentialService: a user's payment credentials — only ever their own. Keys are encrypted
// under the key ring, verified by keyed digest, and every use is audited.
class CredentialService {
public:
    static constexpr int MinKeyLength = 10;
    static constexpr int MaxKeyLength = 255;

    CredentialService(const storage::Database& db, const ActiveKeys& keys, const AuditLog& audit,
                      const Clock& clock);

    // Locked: a vault locked while the request ran; no key is at hand.
    enum class Error { None, NotFound, Invalid, DecryptFailed, StorageFailed, Locked };

    struct Outcome {
        Error error = Error::None;
        storage::CredentialRecord credential;
        FieldErrors errors; // with Error::Invalid, in DRF's field shape
        QString message;    // with Error::Invalid, for the seed's {"error": ...} answers
        bool ok() const { return error == Error::None; }
    };

    // Field-valid input (types, blanks, lengths and choices checked by the caller); keys trimmed.
    struct NewCredential {
        QString provider;
        QString apiKey;
        QString privateKey;
        QString environment;
    };
    struct Change {
        std::optional<QString> apiKey; // trimmed
        std::optional<QString> environment;
        std::optional<bool> isActive;
    };

    QList<storage::CredentialRecord> list(const Actor& actor) const;
    // The caller's credential `id`. When it is not theirs and `deniedAction` is given, the
    // attempt is audited as denied under that action.
    Outcome find(const Actor& actor, qint64 id, const QString& deniedAction = {}) const;
    Outcome findByProvider(const Actor& actor, const QString& provider) const;
    Outcome create(const Actor& actor, const NewCredential& input) const;
    Outcome update(const Actor& actor, qint64 id, const Change& change) const;
    Outcome replacePrivateKey(const Actor& actor, qint64 id, const QString& privateKey) const;
    Outcome toggle(const Actor& actor, qint64 id) const;
    Outcome remove(const Actor& actor, qint64 id) const;

    struct Revealed {
        Error error = Error::None;
        storage::CredentialRecord credential;
        crypto::Secret privateKey;
        crypto::Secret apiKey;
    };
    Revealed reveal(const Actor& actor, qint64 id) const;

    struct Verification {
        Error error = Error::None;
        storage::CredentialRecord credential;
        bool valid = false;
    };
    // Compares keyed digests in constant time; never decrypts.
    Verification verify(const Actor& actor, qint64 id, const QString& privateKey) const;

private:
    QByteArray encrypt(const crypto::KeyRing& ring, const QString& text) const;
    // find(), plus the keys in force (Error::Locked when a vault locked meanwhile).
    Outcome findWithKeys(const Actor& actor, qint64 id, const QString& deniedAction,
                         std::shared_ptr<const KeySet>& keys) const;
    void audit(const Actor& actor, const QString& action, const storage::CredentialRecord& row,
               bool ok = true, const QString& detail = {}) const;
    Outcome save(const Actor& actor, storage::CredentialRecord row, const QString& action,
                 const QString& detail = {}) const;

    const storage::Database& m_db;
    const ActiveKeys& m_keys;
    const AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace paycred::service
