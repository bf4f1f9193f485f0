#include "core/service/keyrotation.h"

#include "core/crypto/keyring.h"
#include "core/service/auditlog.h"
#include "core/service/credentialsealer.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"

#include <QSet>

#include <algorithm>

namespace paycred::service {

namespace {
// A row changed by a writer between our read and our write is read again; after this many
// tries the writer wins this pass, and the next pass comes back to it.
constexpr int MaxTriesPerRow = 5;
// Passes over the table: the first rewrites; later ones only catch rows written meanwhile, by a
// request that still held the old ring.
constexpr int MaxPasses = 3;

QString failureOf(qint64 id, const QString& reason) {
    return QStringLiteral("credential %1: %2").arg(id).arg(reason);
}
} // namespace

KeyRotation::RowResult KeyRotation::rewrite(const crypto::KeyRing& ring,
                                            const storage::CredentialRecord& listed,
                                            const Options& options, QString* failure,
                                            int* retries) const {
    const storage::CredentialRepository credentials(m_db);
    std::optional<storage::CredentialRecord> row = listed;
    for (int attempt = 0; attempt < MaxTriesPerRow; ++attempt) {
        if (!row || CredentialSealer::isUnderPrimary(ring, *row))
            return RowResult::Unchanged; // deleted, or rewritten by someone else meanwhile
        const auto sealing = m_sealer.reseal(ring, ring, *row);
        if (!sealing.ok()) {
            *failure = failureOf(row->id, sealing.reason);
            return RowResult::Failed;
        }
        if (options.beforeWrite)
            options.beforeWrite(row->id);
        const auto status =
            credentials.reencrypt(row->id, row->version, *sealing.encryptedApiKey,
                                  *sealing.encryptedPrivateKey, *sealing.privateKeyDigest);
        if (status == storage::WriteStatus::Ok)
            return RowResult::Rewritten;
        if (status != storage::WriteStatus::NoMatch) {
            *failure = failureOf(row->id, QStringLiteral("the database refused the write"));
            return RowResult::Failed;
        }
        ++*retries; // changed since we read it: read it again
        row = credentials.findForUser(row->id, row->userId);
    }
    return RowResult::Busy;
}

// What one pass over the table keeps: rows that failed for good (skipped by later passes) and
// rows that kept changing (tried again by the next pass).
struct KeyRotation::Pass {
    QSet<qint64> failed;
    QSet<qint64> busy;
    int rewritten = 0;
};

bool KeyRotation::runPass(const crypto::KeyRing& ring, const Options& options, Pass& pass,
                          Report& report) const {
    QList<storage::CredentialRecord> rows;
    for (auto& row : storage::CredentialRepository(m_db).listAll()) {
        if (!pass.failed.contains(row.id) && !CredentialSealer::isUnderPrimary(ring, row))
            rows.append(std::move(row));
    }
    const int total = static_cast<int>(rows.size());
    const int batchSize = std::max(1, options.batchSize);
    for (int first = 0; first < total; first += batchSize) {
        const int last = std::min(total, first + batchSize);
        // What this batch did, kept apart until it commits.
        Report batch;
        QSet<qint64> batchFailed;
        QSet<qint64> batchBusy;
        // Asked before the batch's transaction begins (a vault's pause holds no lock), then
        // before each further row of it.
        if (options.mayContinue && !options.mayContinue()) {
            report.stopped = true;
            return false; // the next run goes on from here
        }
        int done = first;
        const bool committed = m_db.transaction([&] {
            for (int i = first; i < last; ++i, ++done) {
                if (i > first && options.mayContinue && !options.mayContinue()) {
                    batch.stopped = true;
                    return true; // keep the rows done; the next run goes on from here
                }
                QString failure;
                switch (rewrite(ring, rows.at(i), options, &failure, &batch.retried)) {
                case RowResult::Rewritten:
                    ++batch.rewritten;
                    break;
                case RowResult::Failed:
                    batchFailed.insert(rows.at(i).id);
                    batch.failures.append(failure);
                    break;
                case RowResult::Busy:
                    batchBusy.insert(rows.at(i).id);
                    break;
                case RowResult::Unchanged:
                    break;
                }
            }
            return true;
        });
        if (!committed) {
            // Nothing of the batch was written: its rows stay under their key, readable, and
            // the next run takes them again.
            report.failures.append(
                QStringLiteral("credentials %1 to %2: the database did not commit the batch")
                    .arg(rows.at(first).id)
                    .arg(rows.at(last - 1).id));
            for (int i = first; i < last; ++i)
                pass.failed.insert(rows.at(i).id);
            continue;
        }
        report.rewritten += batch.rewritten;
        report.retried += batch.retried;
        report.failures += batch.failures;
        pass.rewritten += batch.rewritten;
        pass.failed += batchFailed;
        pass.busy += batchBusy;
        if (options.progress)
            options.progress(done, total);
        if (batch.stopped) {
            report.stopped = true;
            return false;
        }
    }
    return true;
}

KeyRotation::Report KeyRotation::run(const crypto::KeyRing& ring, const Options& options) const {
    Report report;
    Pass pass;
    for (int round = 0; round < MaxPasses; ++round) {
        pass.rewritten = 0;
        pass.busy.clear();
        if (!runPass(ring, options, pass, report))
            return report; // stopped: the next run goes on from here; it writes the event
        if (pass.rewritten == 0 && pass.busy.isEmpty())
            break;
    }
    const QSet<qint64>& busy = pass.busy;
    for (const qint64 id : std::as_const(busy))
        report.failures.append(failureOf(id, QStringLiteral("it kept changing during the rotation; "
                                                            "run the rotation again")));

    QString detail = options.detail;
    if (!report.failures.isEmpty())
        detail = QStringLiteral("%1; not re-encrypted: %2")
                     .arg(detail, report.failures.join(QStringLiteral(", ")));
    m_audit.record(AuditLog::system(),
                   {AuditAction::KeysRotated,
                    report.failures.isEmpty() ? AuditLog::Outcome::Ok : AuditLog::Outcome::Failed,
                    std::nullopt, QString(), detail});
    return report;
}

std::optional<int> KeyRotation::pending(const crypto::KeyRing& ring) const {
    if (!m_db.ping())
        return std::nullopt;
    int count = 0;
    for (const auto& row : storage::CredentialRepository(m_db).listAll())
        count += CredentialSealer::isUnderPrimary(ring, row) ? 0 : 1;
    return count;
}

} // namespace paycred::service
