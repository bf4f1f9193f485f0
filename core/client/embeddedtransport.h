#pragma once

#include "core/client/transport.h"

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

class QThread;

namespace paycred::vault {
class Vault;
}

namespace paycred::client {

// EmbeddedTransport: reaches the API of a local vault in-process — Vault::handle() on one worker
// thread of its own, the answer delivered back on the transport's thread.
//
// - One long-lived worker thread runs every request and every run() in the order they were
//   given (QtSql connections belong to the thread that opened them, so it is always the same
//   one). The caller's thread never waits for the vault: a login's key derivation (~0.5 s) runs
//   while its event loop keeps going.
// - A check with a provider (Route::Work::Provider) waits on the network for seconds: it runs on
//   a small pool of its own (ProviderThreads threads, ProviderQueue more waiting; past that it
//   is answered 503 at once, as API.md says), so it never holds the vault's worker.
// - run() work may replace what a check is using (open, create and restore close the vault's
//   core first): it starts only once no check is running, and no check starts while it runs.
// - Callbacks are queued to the thread the transport lives in.
// - Destroying the transport stops accepting work, lets the request being handled finish, joins
//   the worker thread and then, from the destructor: delivers what finished but was not yet
//   delivered, and answers every request that never ran with Failure::Cancelled. Such a callback
//   must not use the transport; a send() from it is answered Cancelled at once.
// - send() and run() are called on the transport's thread. The vault is not owned and must
//   outlive the transport.
class EmbeddedTransport : public Transport {
    Q_OBJECT
public:
    explicit EmbeddedTransport(vault::Vault& vault, QObject* parent = nullptr);
    ~EmbeddedTransport() override;

    void send(const api::ApiRequest& request, Callback done) override;
    // "local vault (/home/me/.local/share/PayCred/vault.paycred)"
    QString endpoint() const override;

    // The vault, for what the API does not do (lock, rotate, back up, check). Vault is
    // thread-safe, but unlock(), create(), rotateDataKey(), checkIntegrity() and snapshot()
    // derive keys or touch every row and take long: call them through run(), not on the GUI
    // thread. Cheap calls (isOpen, isUnlocked, path, lock) may be made from anywhere.
    vault::Vault& vault() const { return m_vault; }

    // Runs `work` on the worker thread, after everything sent before it and once no provider
    // check is running (those may take up to their time limit), then `done` (if any) on the
    // transport's thread. `work` must not touch objects of the caller's thread that are
    // not thread-safe; pass results to `done` through what both capture (e.g. a shared_ptr).
    // When the transport is destroyed before `work` started, neither runs (both are dropped);
    // when `work` ran, `done` is called, from the destructor at the latest.
    void run(std::function<void()> work, std::function<void()> done = {});

    static constexpr int ProviderThreads = 2;
    static constexpr std::size_t ProviderQueue = 2;

    // Requests and run()s given and not yet delivered (queued, running or finished).
    int pendingCount() const { return static_cast<int>(m_jobs.size()); }

private:
    struct Job {
        std::function<void()> deliver; // on the transport's thread, once `work` ran
        std::function<void()> cancel;  // on the transport's thread, when `work` never ran
    };
    struct Work {
        quint64 id = 0;
        std::function<void()> work; // on the worker thread
        bool exclusive = false;     // a run(): never beside a provider check
    };

    // One line of work: a queue and the threads that take from it.
    struct Lane {
        std::deque<Work> queue;
        QWaitCondition wake;
        std::size_t load = 0; // queued or running
        std::vector<QThread*> threads;
    };

    void enqueue(Lane& lane, std::function<void()> work, Job job, bool exclusive = false);
    void startLane(Lane& lane, int threads, const QString& name);
    void workerLoop(Lane& lane);
    // Under m_mutex: takes the next work `lane` may start now, waiting for it; false when stopping.
    bool take(Lane& lane, QMutexLocker<QMutex>& lock, Work& next);
    // Under m_mutex: what taking or finishing `work` on `lane` means for the other lane.
    void begin(const Lane& lane, const Work& work, QMutexLocker<QMutex>& lock);
    void end(Lane& lane, const Work& work);
    // Answers `done` with 503 busy, later, on the transport's thread.
    void refuseBusy(const std::shared_ptr<Callback>& callback);
    void deliverFinished();
    QString cancelledMessage() const;

    vault::Vault& m_vault;
    quint64 m_nextId = 1;
    bool m_closing = false;
    // The transport's thread only.
    std::unordered_map<quint64, Job> m_jobs;

    // Shared with the worker, under m_mutex.
    QMutex m_mutex;
    Lane m_vaultLane;                // everything but provider checks, in order, on one thread
    Lane m_providerLane;             // provider checks
    std::vector<quint64> m_finished; // ran, not yet delivered, in order
    bool m_stopping = false;
    int m_checksRunning = 0;         // on the provider lane now
    bool m_exclusiveRunning = false; // a run() on the vault lane now: no check may start
    QWaitCondition m_checksDone;     // m_checksRunning went to 0
};

} // namespace paycred::client
