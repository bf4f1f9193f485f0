// Boost first: Qt's keyword macros must not meet Asio's headers.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "app/server/workerpool.h"

#include "app/server/httpserver.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace paycred::server {

namespace {
// Linux gives each thread its own nice value (setpriority on a thread id): only this pool's
// threads are lowered, once each, on their first job.
void lowerThisThread(int niceness) {
    if (niceness <= 0)
        return;
    const auto self = static_cast<id_t>(gettid());
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, self);
    if (errno != 0 || setpriority(PRIO_PROCESS, self, current + niceness) != 0)
        qCWarning(lcServer, "Cannot lower a worker thread's CPU priority: %s", strerror(errno));
}
} // namespace

struct WorkerPool::Threads {
    explicit Threads(int count)
        : pool(static_cast<std::size_t>(count)) {}
    boost::asio::thread_pool pool;
};

WorkerPool::WorkerPool(Options options)
    : m_options(options)
    , m_threads(std::make_unique<Threads>(std::max(1, options.threads))) {}

WorkerPool::~WorkerPool() {
    join();
}

bool WorkerPool::reserve() {
    const std::size_t before = m_load.fetch_add(1);
    if (m_options.capacity != 0 && before >= m_options.capacity) {
        m_load.fetch_sub(1);
        return false;
    }
    return true;
}

void WorkerPool::post(std::function<Then()> work) {
    boost::asio::post(m_threads->pool, [this, work = std::move(work)] {
        static thread_local const bool lowered = (lowerThisThread(m_options.niceness), true);
        (void)lowered;
        const Then then = work();
        m_load.fetch_sub(1);
        if (then)
            then();
    });
}

void WorkerPool::join() {
    m_threads->pool.join();
}

} // namespace paycred::server
