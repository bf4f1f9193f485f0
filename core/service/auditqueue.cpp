#include "core/service/auditqueue.h"

#include <algorithm>
#include <exception>

namespace paycred::service {

struct AuditQueue::Waiting {
    explicit Waiting(storage::AuditRecord event)
        : event(std::move(event)) {}
    storage::AuditRecord event;
    bool done = false;
    bool ok = false;
    std::condition_variable wake;
};

AuditQueue::AuditQueue(Writer writer, std::size_t maxGroup)
    : m_writer(std::move(writer))
    , m_maxGroup(std::max<std::size_t>(1, maxGroup)) {}

bool AuditQueue::append(storage::AuditRecord event) {
    Waiting self(std::move(event));
    std::unique_lock lock(m_mutex);
    m_line.push_back(&self);
    self.wake.wait(lock, [&] { return self.done || m_line.front() == &self; });
    if (self.done)
        return self.ok;

    // First in line: write for everyone behind, as far as one group goes.
    const std::size_t count = std::min(m_line.size(), m_maxGroup);
    const std::vector<Waiting*> group(m_line.begin(), m_line.begin() + std::ptrdiff_t(count));
    lock.unlock();
    QList<storage::AuditRecord> events;
    events.reserve(qsizetype(count));
    for (const Waiting* waiting : group)
        events.append(waiting->event);
    QList<bool> results;
    std::exception_ptr failure;
    try {
        results = m_writer(events);
    } catch (...) {
        failure = std::current_exception();
    }
    if (results.size() != qsizetype(count))
        results = QList<bool>(qsizetype(count), false);
    lock.lock();
    finish(group, results, &self);
    lock.unlock();
    if (failure)
        std::rethrow_exception(failure);
    return results.first();
}

void AuditQueue::finish(const std::vector<Waiting*>& group, const QList<bool>& results,
                        const Waiting* leader) {
    // Under the lock; a follower's Waiting lives on its stack: not touched once it is done.
    for (std::size_t i = 0; i < group.size(); ++i) {
        m_line.pop_front();
        Waiting* waiting = group[i];
        waiting->ok = results.at(qsizetype(i));
        waiting->done = true;
        if (waiting != leader)
            waiting->wake.notify_one();
    }
    if (!m_line.empty())
        m_line.front()->wake.notify_one();
}

} // namespace paycred::service
