#pragma once

#include "core/storage/records.h"

#include <QString>

#include <memory>
#include <optional>

namespace paycred::crypto {
class Secret;
}
namespace paycred::storage {
class AuditRepository;
class Database;
} // namespace paycred::storage

namespace paycred::service {

class ActiveKeys;
class AuditKeys;
class AuditQueue;

// AuditChain: the audit events as one chain over the whole database (API.md §3). Each event
// carries the id of the audit key that sealed it and an HMAC-SHA256 over its own fields and the
// previous event's mac; the head (a row of its own) names the newest. Appending locks the head
// in the transaction that writes the event, so threads and processes take turns on it. Events
// appended outside a transaction are written in groups (AuditQueue): the threads of one process
// line up for one transaction that writes all their events, instead of waiting on the
// database's lock for one each. Thread-safe (each thread works on its own connection).
class AuditChain {
public:
    // What becomes of an event written while no audit key is at hand.
    enum class PendingEvents {
        // A server always has its key: only the events from before the chain (schema < 4) wait,
        // and are chained once; any other event without a mac is a break.
        LegacyOnly,
        // A vault has its audit key only while unlocked: events written while it is locked
        // (failed logins) wait, and are chained at the next unlock.
        ChainAtUnlock,
    };

    AuditChain(const storage::Database& db, const ActiveKeys& keys, PendingEvents pending);
    ~AuditChain();
    AuditChain(const AuditChain&) = delete;
    AuditChain& operator=(const AuditChain&) = delete;

    // Appends `event` (id, key id and mac are set here) in the caller's transaction, or, outside
    // one, with the events other threads append meanwhile in one transaction of their own: locks
    // the head, chains the pending events that are due, inserts and seals each event and
    // advances the head. Returns once the event is committed. Without an audit key the event is
    // written pending. False when it could not be written (logged).
    bool append(storage::AuditRecord event) const;
    // Chains the pending events that are due, in one transaction: how many, or nothing when
    // there is no key or the database refused.
    std::optional<int> chainPending() const;

    struct Checkpoint {
        qint64 id = 0;
        QString mac;
    };
    struct Verification {
        enum class Status { Verified, NoKey, StorageFailed } status = Status::StorageFailed;
        bool intact = false;
        qint64 events = 0;        // how many events the log holds
        storage::AuditHead head;  // with intact: the newest event (the checkpoint to keep)
        qint64 firstBrokenId = 0; // without: the first event that fails, or the one the head
                                  // or the checkpoint names when events after the last good
                                  // one are missing
    };
    // Walks the whole chain, oldest first: every event must be sealed by a known key, its mac
    // must match its fields and the previous mac, the head must name the last one, and the
    // checkpoint (a head recorded earlier), when given, must be in the chain as it was.
    Verification verify(const std::optional<Checkpoint>& checkpoint = std::nullopt) const;

    // The mac of `event` (its id and key id included) after `previousMac`, in lower-case hex.
    static QString macOf(const crypto::Secret& key, const storage::AuditRecord& event,
                         const QString& previousMac);

private:
    // Writes `events` in the current transaction (or one of its own); true when all were.
    bool write(QList<storage::AuditRecord> events) const;
    // A group from the queue: in one transaction, or, when that fails, each in its own (so only
    // the event at fault fails).
    QList<bool> writeGroup(const QList<storage::AuditRecord>& events) const;
    // Chains the due pending events after `head` (which it advances): how many, or nothing
    // when a read or write failed.
    std::optional<int> chainDue(const storage::AuditRepository& repository, const AuditKeys& keys,
                                storage::AuditHead& head) const;

    const storage::Database& m_db;
    const ActiveKeys& m_keys;
    PendingEvents m_pending;
    std::unique_ptr<AuditQueue> m_queue;
};

} // namespace paycred::service
