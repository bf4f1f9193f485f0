#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>

namespace paycred::server {

// WorkerPool: threads that run jobs handed to them, at most `capacity` at a time running or
// waiting: past that a job is refused at once instead of queueing without end, so a flood of
// slow work (password hashes) is answered "busy" while other pools keep serving. Its threads
// may run at a lower CPU priority (a higher nice value) than the rest of the process.
class WorkerPool {
public:
    struct Options {
        int threads = 1;
        std::size_t capacity = 0; // jobs running or waiting; 0: no bound
        int niceness = 0;         // added to the process's nice value on each of its threads
    };

    explicit WorkerPool(Options options);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Takes a place for one job; false when the pool is full. Each place taken is given back by
    // the job posted into it, after it ran.
    bool reserve();
    // What a job hands on once its work is done (its answer to the I/O thread); may be empty.
    using Then = std::function<void()>;
    // Runs `work`, which must not throw, on one of the threads, later, in a place reserve() took.
    // The place is free again before what `work` returns runs: a client that holds its answer
    // never finds its own place still taken (its next request is not refused for it).
    void post(std::function<Then()> work);
    // Waits until every job posted has run and the threads have ended.
    void join();

    std::size_t capacity() const { return m_options.capacity; }

private:
    struct Threads;
    const Options m_options;
    std::atomic<std::size_t> m_load{0};
    std::unique_ptr<Threads> m_threads;
};

} // namespace paycred::server
