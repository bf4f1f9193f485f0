#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace paycred::crypto {
class KeyRing;
}
namespace paycred::storage {
class Database;
struct CredentialRecord;
} // namespace paycred::storage

namespace paycred::service {

class AuditLog;
class CredentialSealer;

// KeyRotation: re-encrypts every stored credential under a ring's primary key, row by row. Each
// row is resealed from what is stored and written only if nobody changed it meanwhile (a row
// that changed is read again and resealed); the write keeps the row's version and updated_at,
// since nothing the user sees changed. One keys_rotated event records each finished run. Used by
// a vault's data-key rotation and by the server's.
class KeyRotation {
public:
    KeyRotation(const storage::Database& db, const CredentialSealer& sealer, const AuditLog& audit)
        : m_db(db)
        , m_sealer(sealer)
        , m_audit(audit) {}

    struct Options {
        // Asked before each row; false stops the run where it is (a vault that locked): nothing
        // is lost, and a later run goes on from there.
        std::function<bool()> mayContinue;
        // Told before each row's conditional write (a seam for tests that race a writer
        // against the rotation).
        std::function<void(qint64 credentialId)> beforeWrite;
        // The audit event's detail, e.g. the new key's fingerprint.
        QString detail;
    };

    struct Report {
        int rewritten = 0;    // rows now under the primary key that were not
        int retried = 0;      // conditional writes that found the row changed and went again
        QStringList failures; // "credential 3: Private key must be at least 10 characters long"
        bool stopped = false; // mayContinue() said no
        bool complete() const { return failures.isEmpty() && !stopped; }
    };

    // Rewrites every row not yet under `ring`'s primary key (the ring must still hold the keys
    // the rows are under). Passes are repeated until one finds nothing left to rewrite, so a row
    // written meanwhile under an older key is caught too.
    Report run(const crypto::KeyRing& ring, const Options& options = {}) const;

private:
    enum class RowResult { Unchanged, Rewritten, Busy, Failed };
    RowResult rewrite(const crypto::KeyRing& ring, const storage::CredentialRecord& listed,
                      const Options& options, QString* failure, int* retries) const;

    const storage::Database& m_db;
    const CredentialSealer& m_sealer;
    const AuditLog& m_audit;
};

} // namespace paycred::service
