#pragma once

#include "core/crypto/secret.h"
#include "core/service/actor.h"
#include "core/service/auditaction.h"
#include "core/service/credential.h"
#include "core/service/fielderrors.h"
#include "core/service/precondition.h"
#include "core/storage/records.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace paycred {
class Clock;
}
namespace paycred::crypto {
class KeyRing;
}
namespace paycred::storage {
class Database;
}

namespace paycred::service {

class ActiveKeys;
class AuditLog;
class CredentialSealer;
struct KeySet;

// CredentialService: a user's payment credentials — only ever their own. Keys are sealed by the
// CredentialSealer, verified by keyed digest, and every use is audited. Each write changes only
// what it changes, scoped to the owner, in one transaction with its audit event.
class CredentialService {
public:
    CredentialService(const storage::Database& db, const ActiveKeys& keys,
                      const CredentialSealer& sealer, const AuditLog& audit, const Clock& clock);

    // Changed: the credential is not at a version the request's precondition allows (412).
    // Locked: a vault locked while the request ran; no key is at hand.
    enum class Error { None, NotFound, Invalid, Changed, DecryptFailed, StorageFailed, Locked };

    struct Outcome {
        Error error = Error::None;
        Credential credential;
        FieldErrors errors; // with Error::Invalid, in DRF's field shape
        QString message;    // with Error::Invalid, for the seed's {"error": ...} answers
        bool ok() const { return error == Error::None; }
    };

    // A credential the caller was allowed to reach, read once for the request that acts on it.
    struct Found {
        Error error = Error::NotFound;
        storage::CredentialRecord row;
        bool ok() const { return error == Error::None; }
        Credential credential() const { return Credential::from(row); }
    };

    // Field-valid input (types, blanks and choices read by the caller); keys are checked here.
    struct NewCredential {
        QString provider;
        QString apiKey;
        QString privateKey;
        QString environment;
    };
    struct Change {
        std::optional<QString> apiKey;
        std::optional<QString> environment;
        std::optional<bool> isActive;
    };

    QList<Credential> list(const Actor& actor) const;
    Outcome find(const Actor& actor, qint64 id) const;
    // The caller's credential `id`, looked up for `action`. When it is not theirs (or does not
    // exist) the attempt is written to the audit log as `action` denied.
    Found findOrAuditDenial(const Actor& actor, qint64 id, AuditAction action) const;
    // Any user's credential `id`, for a superuser (API.md §3) — found for nobody else. Audited
    // as `action` denied when there is none.
    Found findForSuperuser(const Actor& actor, qint64 id, AuditAction action) const;
    Outcome findByProvider(const Actor& actor, const QString& provider) const;

    Outcome create(const Actor& actor, const NewCredential& input) const;
    Outcome update(const Actor& actor, const Found& found, const Change& change,
                   const Precondition& precondition) const;
    Outcome replacePrivateKey(const Actor& actor, const Found& found, const QString& privateKey,
                              const Precondition& precondition) const;
    Outcome toggle(const Actor& actor, qint64 id, const Precondition& precondition) const;
    Outcome remove(const Actor& actor, qint64 id, const Precondition& precondition) const;
    // The same on a credential found for `actor` (their own, or any for a superuser).
    Outcome toggle(const Actor& actor, const Found& found, const Precondition& precondition) const;
    Outcome remove(const Actor& actor, const Found& found, const Precondition& precondition) const;

    struct Deactivated {
        bool ok = false;
        qint64 count = 0;
    };
    // The emergency switch (API.md §3), for a superuser: every active live credential of
    // `userId` (or of everyone) off in one statement, each row's version bumped, with one
    // live_credentials_deactivated event, in one transaction. Sandbox credentials are untouched.
    Deactivated deactivateLive(const Actor& actor, std::optional<qint64> userId) const;

    struct Revealed {
        Error error = Error::None;
        Credential credential;
        crypto::Secret privateKey;
        crypto::Secret apiKey;
    };
    Revealed reveal(const Actor& actor, qint64 id) const;

    struct Verification {
        Error error = Error::None;
        Credential credential;
        bool valid = false;
    };
    // Compares keyed digests in constant time; never decrypts.
    Verification verify(const Actor& actor, const Found& found, const QString& privateKey) const;

    // A backup's credential (`source`, sealed under `sourceRing`) copied to user `ownerId` under
    // the keys in force, through the same rules as create. With `replace`, an existing
    // credential for that provider is overwritten; otherwise it is skipped. `detail` goes into
    // the audit event ("imported from backup").
    struct Imported {
        enum class Result { Created, Replaced, Skipped, Failed } result = Result::Failed;
        QString reason; // with Skipped: why, in plain words
        Credential credential;
    };
    Imported importCredential(const Actor& importer, qint64 ownerId,
                              const storage::CredentialRecord& source,
                              const crypto::KeyRing& sourceRing, bool replace,
                              const QString& detail) const;

private:
    // Writes `change` to the found credential (under `precondition`) with its audit event, in
    // one transaction.
    Outcome write(const Actor& actor, const storage::CredentialRecord& found,
                  storage::CredentialChange change, const Precondition& precondition,
                  AuditAction action,
                  const std::function<QString(const Credential&)>& detail) const;
    // The keys in force for acting on `found`; null, with `error` saying why, when it was not
    // found or a vault locked meanwhile.
    std::shared_ptr<const KeySet> keysFor(const Found& found, Error& error) const;
    // Why a conditional write to `found` matched no row: changed meanwhile, or gone.
    Error missedWrite(const storage::CredentialRecord& found,
                      const Precondition& precondition) const;
    // The Found answer for `row`, or a denial of `action` on `id` written to the audit log.
    Found foundOrDenied(const Actor& actor, qint64 id, AuditAction action,
                        std::optional<storage::CredentialRecord> row) const;

    const storage::Database& m_db;
    const ActiveKeys& m_keys;
    const CredentialSealer& m_sealer;
    const AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace paycred::service
