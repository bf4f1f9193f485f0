#include "core/service/auditchain.h"

#include "core/crypto/digest.h"
#include "core/crypto/secret.h"
#include "core/service/activekeys.h"
#include "core/service/auditkeys.h"
#include "core/service/auditqueue.h"
#include "core/service/logging.h"
#include "core/storage/auditrepository.h"
#include "core/storage/database.h"

#include <QtEndian>

namespace paycred::service {

namespace {
using storage::AuditHead;
using storage::AuditRecord;
using storage::AuditRepository;

// Events read per query while verifying: a million events never sit in memory at once.
constexpr int PageSize = 2000;
// How often verify() follows a head that moved on while it walked (events written meanwhile)
// before it settles for the events it has checked.
constexpr int MaxHeadRounds = 100;

// Each field as its length (4 bytes, big-endian) and its UTF-8 bytes: no two different events
// give the same input, whatever their texts contain.
void appendField(QByteArray& out, const QByteArray& field) {
    const quint32 length = qToBigEndian(static_cast<quint32>(field.size()));
    out.append(reinterpret_cast<const char*>(&length), sizeof length);
    out.append(field);
}

QByteArray optionalNumber(const std::optional<qint64>& value) {
    return value ? QByteArray::number(*value) : QByteArray();
}

bool sameMac(const QString& a, const QString& b) {
    return crypto::Digest::constantTimeEquals(a.toLatin1(), b.toLatin1());
}
} // namespace

QString AuditChain::macOf(const crypto::Secret& key, const AuditRecord& event,
                          const QString& previousMac) {
    QByteArray input("paycred-audit-chain/v1");
    appendField(input, QByteArray::number(event.id));
    appendField(input, QByteArray::number(event.at.toMSecsSinceEpoch()));
    appendField(input, optionalNumber(event.actorId));
    appendField(input, event.actorUsername.toUtf8());
    appendField(input, event.action.toUtf8());
    appendField(input, optionalNumber(event.credentialId));
    appendField(input, event.provider.toUtf8());
    appendField(input, event.environment.toUtf8());
    appendField(input, event.outcome.toUtf8());
    appendField(input, event.remoteAddr.toUtf8());
    appendField(input, event.detail.toUtf8());
    appendField(input, event.keyId.toUtf8());
    appendField(input, previousMac.toLatin1());
    return QString::fromLatin1(crypto::Digest::hmacSha256(key.view(), input).toHex());
}

std::optional<int> AuditChain::chainDue(const AuditRepository& repository, const AuditKeys& keys,
                                        AuditHead& head) const {
    const auto upTo = m_pending == PendingEvents::LegacyOnly
                          ? std::optional<qint64>(head.legacyUntil)
                          : std::nullopt;
    if (upTo && head.lastId >= *upTo)
        return 0;
    const auto pending = repository.pendingAfter(head.lastId, upTo);
    if (!pending)
        return std::nullopt;
    for (AuditRecord event : *pending) {
        event.keyId = keys.primaryId();
        const QString mac = macOf(keys.primary(), event, head.lastMac);
        if (!repository.seal(event.id, event.keyId, mac))
            return std::nullopt;
        head.lastId = event.id;
        head.lastMac = mac;
    }
    if (!pending->isEmpty() && !repository.advanceHead(head.lastId, head.lastMac))
        return std::nullopt;
    return int(pending->size());
}

AuditChain::AuditChain(const storage::Database& db, const ActiveKeys& keys, PendingEvents pending)
    : m_db(db)
    , m_keys(keys)
    , m_pending(pending)
    , m_queue(std::make_unique<AuditQueue>(
          [this](const QList<AuditRecord>& events) { return writeGroup(events); })) {}

AuditChain::~AuditChain() = default;

bool AuditChain::append(AuditRecord event) const {
    // Part of the caller's change: written (or rolled back) with it.
    if (m_db.inTransaction())
        return write({std::move(event)});
    return m_queue->append(std::move(event));
}

QList<bool> AuditChain::writeGroup(const QList<AuditRecord>& events) const {
    if (write(events))
        return QList<bool>(events.size(), true);
    QList<bool> results;
    results.reserve(events.size());
    for (const AuditRecord& event : events)
        results.append(events.size() > 1 && write({event}));
    return results;
}

bool AuditChain::write(QList<AuditRecord> events) const {
    return m_db.transaction([&] {
        const AuditRepository repository(m_db);
        auto head = repository.lockHead();
        if (!head) {
            qCCritical(lcService, "The audit chain's head (table audit_chain) is missing or "
                                  "cannot be read: no event can be written. Restore the "
                                  "database from a backup, or investigate who changed it.");
            return false;
        }
        // Read under the head's lock: an unlock that chains the pending events waits for this
        // transaction, so an event written pending here is never left behind.
        const auto keys = m_keys.get();
        const bool sealing = keys && !keys->audit.isEmpty();
        if (sealing && !chainDue(repository, keys->audit, *head))
            return false;
        for (AuditRecord& event : events) {
            event.keyId.clear();
            event.mac.clear();
            const auto id = repository.insert(event);
            if (!id)
                return false;
            if (!sealing)
                continue;
            event.id = *id;
            event.keyId = keys->audit.primaryId();
            const QString mac = macOf(keys->audit.primary(), event, head->lastMac);
            if (!repository.seal(event.id, event.keyId, mac))
                return false;
            head->lastId = *id;
            head->lastMac = mac;
        }
        return !sealing || repository.advanceHead(head->lastId, head->lastMac);
    });
}

std::optional<int> AuditChain::chainPending() const {
    std::optional<int> chained;
    const bool committed = m_db.transaction([&] {
        const AuditRepository repository(m_db);
        auto head = repository.lockHead();
        const auto keys = m_keys.get();
        if (!head || !keys || keys->audit.isEmpty())
            return false;
        chained = chainDue(repository, keys->audit, *head);
        return chained.has_value();
    });
    return committed ? chained : std::nullopt;
}

AuditChain::Verification AuditChain::verify(const std::optional<Checkpoint>& checkpoint) const {
    Verification result;
    const auto keys = m_keys.get();
    if (!keys || keys->audit.isEmpty()) {
        result.status = Verification::Status::NoKey;
        return result;
    }
    const AuditKeys& audit = keys->audit;
    const AuditRepository repository(m_db);

    AuditHead last; // the newest event that checked out
    qint64 walked = 0;
    bool checkpointSeen = false;
    std::optional<qint64> broken;
    // Checks every event after `last`; false when the database could not be read.
    const auto walk = [&]() {
        while (!broken) {
            const auto page = repository.after(last.lastId, PageSize);
            if (!page)
                return false;
            if (page->isEmpty())
                return true;
            for (const AuditRecord& event : *page) {
                if (checkpoint && !checkpointSeen && event.id > checkpoint->id) {
                    broken = checkpoint->id; // the checkpoint's event is gone
                    return true;
                }
                const crypto::Secret* key = audit.find(event.keyId);
                if (!key || event.mac.isEmpty() ||
                    !sameMac(macOf(*key, event, last.lastMac), event.mac)) {
                    broken = event.id;
                    return true;
                }
                if (checkpoint && event.id == checkpoint->id) {
                    checkpointSeen = true;
                    if (!sameMac(event.mac, checkpoint->mac)) {
                        broken = event.id;
                        return true;
                    }
                }
                last.lastId = event.id;
                last.lastMac = event.mac;
                ++walked;
            }
        }
        return true;
    };

    if (!walk())
        return result;
    // The head must name the last event; when it is ahead, events may have been written since
    // the walk began: walk on, and only a head that stays ahead names events that are missing.
    for (int round = 0; !broken && round < MaxHeadRounds; ++round) {
        const auto head = repository.head();
        if (!head) {
            broken = last.lastId;
            break;
        }
        if (head->lastId == last.lastId) {
            if (!sameMac(head->lastMac, last.lastMac))
                broken = head->lastId;
            break;
        }
        if (head->lastId < last.lastId) {
            // Events after the head verify: the head was set back behind the server's back.
            const auto next = repository.after(head->lastId, 1);
            if (!next)
                return result;
            broken = next->isEmpty() ? last.lastId : next->first().id;
            break;
        }
        const qint64 before = last.lastId;
        if (!walk())
            return result;
        if (!broken && last.lastId == before)
            broken = head->lastId; // the head names events the log no longer has
    }
    if (!broken && checkpoint && !checkpointSeen)
        broken = checkpoint->id;

    result.status = Verification::Status::Verified;
    result.intact = !broken;
    if (result.intact) {
        result.events = walked;
        result.head = last;
        return result;
    }
    result.firstBrokenId = *broken;
    result.events = repository.count();
    return result;
}

} // namespace paycred::service
