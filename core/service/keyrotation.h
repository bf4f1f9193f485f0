#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

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

// KeyRotation: re-encrypts every stored credential under a ring's primary key, in batches of
// rows, each batch in its own transaction. Each row is resealed from what is stored and written
// only if nobody changed it meanwhile (a row that changed is read again and resealed); the write
// keeps the row's version and updated_at, since nothing the user sees changed. Where a run
// stands is the rows themselves (which key opens them), so a run stopped or killed anywhere
// loses nothing and the next one goes on. One keys_rotated event records each finished run.
// Used by a vault's data-key rotation and by the server's `rotate-keys`.
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
        // Rows per transaction. 1 suits a vault that pauses per row (no lock is held across the
        // pause); a server run takes larger batches for fewer commits.
        int batchSize = 1;
        // Told after each committed batch: rows of this pass handled so far, and the rows the
        // pass found under an older key.
        std::function<void(int done, int total)> progress;
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
    Report run(const crypto::KeyRing& ring, const Options& options) const;
    Report run(const crypto::KeyRing& ring) const { return run(ring, Options()); }

    // How many rows are not yet under `ring`'s primary key (what a run would rewrite); nothing
    // when the table cannot be read.
    std::optional<int> pending(const crypto::KeyRing& ring) const;

private:
    enum class RowResult { Unchanged, Rewritten, Busy, Failed };
    RowResult rewrite(const crypto::KeyRing& ring, const storage::CredentialRecord& listed,
                      const Options& options, QString* failure, int* retries) const;
    // One pass over the rows under an older key, a batch per transaction; false when it stopped.
    struct Pass;
    bool runPass(const crypto::KeyRing& ring, const Options& options, Pass& pass,
                 Report& report) const;

    const storage::Database& m_db;
    const CredentialSealer& m_sealer;
    const AuditLog& m_audit;
};

} // namespace paycred::service
