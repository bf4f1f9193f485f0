#include "core/service/keyrotation.h"

#include "core/crypto/keyring.h"
#include "core/service/auditlog.h"
#include "core/service/credentialsealer.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"

#include <QSet>

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

KeyRotation::Report KeyRotation::run(const crypto::KeyRing& ring, const Options& options) const {
    Report report;
    QSet<qint64> failed;
    QSet<qint64> busy;
    for (int pass = 0; pass < MaxPasses; ++pass) {
        int rewrittenThisPass = 0;
        busy.clear();
        for (const auto& row : storage::CredentialRepository(m_db).listAll()) {
            if (failed.contains(row.id))
                continue;
            if (options.mayContinue && !options.mayContinue()) {
                report.stopped = true;
                return report; // the next run goes on from here; it writes the event
            }
            QString failure;
            switch (rewrite(ring, row, options, &failure, &report.retried)) {
            case RowResult::Rewritten:
                ++report.rewritten;
                ++rewrittenThisPass;
                break;
            case RowResult::Failed:
                failed.insert(row.id);
                report.failures.append(failure);
                break;
            case RowResult::Busy:
                busy.insert(row.id);
                break;
            case RowResult::Unchanged:
                break;
            }
        }
        if (rewrittenThisPass == 0 && busy.isEmpty())
            break;
    }
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

} // namespace paycred::service
