#pragma once

#include "core/storage/records.h"

#include <QList>

#include <optional>

namespace paycred::storage {

class Database;

// What a list of audit events keeps (all set conditions hold at once); `since` is inclusive,
// `until` exclusive.
struct AuditFilter {
    std::optional<qint64> actorId;
    std::optional<QString> action;
    std::optional<QString> outcome;
    std::optional<qint64> credentialId;
    std::optional<QString> environment;
    std::optional<QString> provider;
    std::optional<QDateTime> since;
    std::optional<QDateTime> until;
};

// AuditRepository: the append-only audit_events table and the one row of audit_chain, its head.
// Nothing here deletes or rewrites an event; seal() only fills in a pending event's mac once.
class AuditRepository {
public:
    explicit AuditRepository(const Database& db)
        : m_db(db) {}

    // Inserts `event` as it is (keyId and mac empty: pending) and returns its id.
    std::optional<qint64> insert(const AuditRecord& event) const;
    bool append(const AuditRecord& event) const { return insert(event).has_value(); }
    // Sets the key id and mac of the pending event `id`; false when it is not pending.
    bool seal(qint64 id, const QString& keyId, const QString& mac) const;

    // The head, locked for the rest of the transaction it is read in (an UPDATE takes the row
    // lock in every dialect; SQLite's write lock is taken by BEGIN IMMEDIATE already): every
    // writer of the chain waits here for the one before it. Nothing when the row is missing.
    std::optional<AuditHead> lockHead() const;
    // The head as it is, without a lock (for verifying).
    std::optional<AuditHead> head() const;
    bool advanceHead(qint64 lastId, const QString& lastMac) const;

    // Pending events after `afterId` (up to `upToId` when given), oldest first; nothing when
    // the database could not be read.
    std::optional<QList<AuditRecord>> pendingAfter(qint64 afterId,
                                                   std::optional<qint64> upToId) const;
    // At most `limit` events after `afterId`, oldest first (the chain's order); nothing when
    // the database could not be read.
    std::optional<QList<AuditRecord>> after(qint64 afterId, int limit) const;

    // Newest first; `limit` rows at most.
    QList<AuditRecord> latest(int limit) const;
    qint64 count() const;

    // The events `filter` keeps, a page at a time, ordered by `order` (ties by id).
    enum class Order { Id, At };
    std::optional<QList<AuditRecord>> list(const AuditFilter& filter, Order order,
                                           const Slice& slice) const;
    std::optional<qint64> count(const AuditFilter& filter) const;
    // The value `order` sorts `event` by, as a page's cursor keeps it.
    static QVariant orderValue(Order order, const AuditRecord& event);

private:
    const Database& m_db;
};

} // namespace paycred::storage
