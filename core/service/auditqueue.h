#pragma once

#include "core/storage/records.h"

#include <QList>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace paycred::service {

// AuditQueue: group commit for audit events. Callers that each need one event written line up;
// the first in line writes every event waiting (its own first, at most `maxGroup`) with one call
// of the writer — one transaction for many events instead of one each — and every caller
// returns once its own event is written, with its own result. No thread of its own: the writer
// runs on the calling thread that leads. Nothing is lost: a caller returns only after its event
// was committed or refused.
class AuditQueue {
public:
    // Writes the events in order; returns one result per event.
    using Writer = std::function<QList<bool>(const QList<storage::AuditRecord>&)>;

    explicit AuditQueue(Writer writer, std::size_t maxGroup = 256);
    AuditQueue(const AuditQueue&) = delete;
    AuditQueue& operator=(const AuditQueue&) = delete;

    // Waits until `event` is written (by this thread or another); whether it was. An exception
    // of the writer reaches the caller that led the group; the others get false.
    bool append(storage::AuditRecord event);

private:
    struct Waiting;
    // Hands each waiting caller of `group` its result and wakes it, and the next leader.
    void finish(const std::vector<Waiting*>& group, const QList<bool>& results,
                const Waiting* leader);

    const Writer m_writer;
    const std::size_t m_maxGroup;
    std::mutex m_mutex;
    std::deque<Waiting*> m_line;
};

} // namespace paycred::service
