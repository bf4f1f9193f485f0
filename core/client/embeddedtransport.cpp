#include "core/client/embeddedtransport.h"

#include "core/api/errorresponse.h"
#include "core/api/router.h"
#include "core/client/logging.h"
#include "core/vault/vault.h"

#include <QDir>
#include <QJsonObject>
#include <QMetaObject>
#include <QMutexLocker>
#include <QPointer>
#include <QThread>

#include <algorithm>
#include <exception>
#include <memory>
#include <utility>

namespace paycred::client {

namespace {

// What the router answers for a failure it did not foresee, when handle() itself throws.
api::ApiResponse internalError() {
    return api::ApiResponse::json(
        500, QJsonObject{{QStringLiteral("error"),
                          QStringLiteral("The local vault could not answer this request.")}});
}

} // namespace

EmbeddedTransport::EmbeddedTransport(vault::Vault& vault, QObject* parent)
    : Transport(parent)
    , m_vault(vault) {
    startLane(m_vaultLane, 1, QStringLiteral("paycred-vault"));
    startLane(m_providerLane, ProviderThreads, QStringLiteral("paycred-check"));
}

void EmbeddedTransport::startLane(Lane& lane, int threads, const QString& name) {
    for (int i = 0; i < threads; ++i) {
        QThread* thread = QThread::create([this, &lane] { workerLoop(lane); });
        thread->setObjectName(name);
        thread->start();
        lane.threads.push_back(thread);
    }
}

EmbeddedTransport::~EmbeddedTransport() {
    m_closing = true;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_vaultLane.wake.wakeAll();
        m_providerLane.wake.wakeAll();
    }
    // A provider check in flight gives up at once (HttpsProviderLink watches for this); the
    // requests being handled, if any, finish first.
    for (QThread* thread : m_providerLane.threads)
        thread->requestInterruption();
    for (Lane* lane : {&m_vaultLane, &m_providerLane}) {
        for (QThread* thread : std::exchange(lane->threads, {})) {
            thread->wait();
            delete thread;
        }
    }

    std::vector<quint64> finished;
    std::deque<Work> neverRan;
    {
        QMutexLocker lock(&m_mutex);
        finished = std::exchange(m_finished, {});
        neverRan = std::exchange(m_vaultLane.queue, {});
        for (Work& work : std::exchange(m_providerLane.queue, {}))
            neverRan.push_back(std::move(work));
    }
    auto jobs = std::exchange(m_jobs, {});
    for (const quint64 id : finished) {
        auto node = jobs.extract(id);
        if (!node.empty() && node.mapped().deliver)
            node.mapped().deliver();
    }
    if (!neverRan.empty())
        qCDebug(lcClient) << neverRan.size() << "queued vault request(s) cancelled: closing";
    std::vector<quint64> rest;
    rest.reserve(jobs.size());
    for (const auto& [id, job] : jobs)
        rest.push_back(id);
    std::sort(rest.begin(), rest.end());
    for (const quint64 id : rest) {
        if (const auto& cancel = jobs.at(id).cancel)
            cancel();
    }
}

QString EmbeddedTransport::endpoint() const {
    return QStringLiteral("local vault (%1)").arg(QDir::toNativeSeparators(m_vault.path()));
}

QString EmbeddedTransport::cancelledMessage() const {
    return tr("The request to the local vault was cancelled because the vault was closed.");
}

void EmbeddedTransport::send(const api::ApiRequest& request, Callback done) {
    auto response = std::make_shared<api::ApiResponse>();
    if (m_closing) {
        // Only reachable from a callback run by the destructor.
        if (done) {
            TransportResult result;
            result.failure = TransportResult::Failure::Cancelled;
            result.response.status = 0;
            result.message = cancelledMessage();
            done(result);
        }
        return;
    }
    auto callback = std::make_shared<Callback>(std::move(done));
    Job job;
    job.deliver = [response, callback] {
        TransportResult result;
        result.response = std::move(*response);
        if (*callback)
            (*callback)(result);
    };
    job.cancel = [callback, message = cancelledMessage()] {
        TransportResult result;
        result.failure = TransportResult::Failure::Cancelled;
        result.response.status = 0;
        result.message = message;
        if (*callback)
            (*callback)(result);
    };
    const bool providerWork = api::Router::workOf(request) == api::Route::Work::Provider;
    if (providerWork) {
        QMutexLocker lock(&m_mutex);
        if (m_providerLane.load >= ProviderThreads + ProviderQueue) {
            lock.unlock();
            return refuseBusy(callback);
        }
    }
    vault::Vault* target = &m_vault;
    enqueue(
        providerWork ? m_providerLane : m_vaultLane,
        [target, request, response] {
            try {
                *response = target->handle(request);
            } catch (const std::exception&) {
                // The text could quote the request: not logged.
                qCWarning(lcClient, "The vault threw while answering a request.");
                *response = internalError();
            } catch (...) {
                qCWarning(lcClient, "The vault threw while answering a request.");
                *response = internalError();
            }
        },
        std::move(job));
}

void EmbeddedTransport::run(std::function<void()> work, std::function<void()> done) {
    if (m_closing)
        return;
    Job job;
    job.deliver = std::move(done);
    enqueue(
        m_vaultLane,
        [work = std::move(work)] {
            if (!work)
                return;
            try {
                work();
            } catch (const std::exception&) {
                qCWarning(lcClient, "Work run on the vault's thread threw an exception.");
            } catch (...) {
                qCWarning(lcClient, "Work run on the vault's thread threw an exception.");
            }
        },
        std::move(job), true);
}

void EmbeddedTransport::refuseBusy(const std::shared_ptr<Callback>& callback) {
    // Delivered like any answer, in order with them (and by the destructor at the latest).
    const quint64 id = m_nextId++;
    Job job;
    job.deliver = [callback] {
        TransportResult result;
        result.response = api::Router::withStandardHeaders(api::ErrorResponse::busy());
        if (*callback)
            (*callback)(result);
    };
    job.cancel = job.deliver;
    m_jobs.emplace(id, std::move(job));
    {
        QMutexLocker lock(&m_mutex);
        m_finished.push_back(id);
    }
    QMetaObject::invokeMethod(
        this, [this] { deliverFinished(); }, Qt::QueuedConnection);
}

void EmbeddedTransport::enqueue(Lane& lane, std::function<void()> work, Job job, bool exclusive) {
    const quint64 id = m_nextId++;
    m_jobs.emplace(id, std::move(job));
    QMutexLocker lock(&m_mutex);
    lane.queue.push_back({id, std::move(work), exclusive});
    ++lane.load;
    lane.wake.wakeOne();
}

bool EmbeddedTransport::take(Lane& lane, QMutexLocker<QMutex>& lock, Work& next) {
    const bool checks = &lane == &m_providerLane;
    while (!m_stopping && (lane.queue.empty() || (checks && m_exclusiveRunning)))
        lane.wake.wait(lock.mutex());
    if (m_stopping)
        return false; // what is still queued is cancelled by the destructor
    next = std::move(lane.queue.front());
    lane.queue.pop_front();
    begin(lane, next, lock);
    return true;
}

void EmbeddedTransport::begin(const Lane& lane, const Work& work, QMutexLocker<QMutex>& lock) {
    if (&lane == &m_providerLane) {
        ++m_checksRunning;
        return;
    }
    if (!work.exclusive)
        return;
    // No check starts from now on; those running end within their time limit.
    m_exclusiveRunning = true;
    while (m_checksRunning > 0)
        m_checksDone.wait(lock.mutex());
}

void EmbeddedTransport::end(Lane& lane, const Work& work) {
    --lane.load;
    if (&lane == &m_providerLane) {
        if (--m_checksRunning == 0)
            m_checksDone.wakeAll();
        return;
    }
    if (work.exclusive) {
        m_exclusiveRunning = false;
        m_providerLane.wake.wakeAll();
    }
}

void EmbeddedTransport::workerLoop(Lane& lane) {
    for (;;) {
        Work next;
        {
            QMutexLocker lock(&m_mutex);
            if (!take(lane, lock, next))
                return;
        }
        next.work();
        {
            QMutexLocker lock(&m_mutex);
            end(lane, next);
            m_finished.push_back(next.id);
        }
        // Safe while the transport lives: its destructor joins this thread before QObject's
        // destructor drops the posted call.
        QMetaObject::invokeMethod(
            this, [this] { deliverFinished(); }, Qt::QueuedConnection);
    }
}

void EmbeddedTransport::deliverFinished() {
    const QPointer<EmbeddedTransport> alive(this);
    for (;;) {
        quint64 id = 0;
        {
            QMutexLocker lock(&m_mutex);
            if (m_finished.empty())
                return;
            id = m_finished.front();
            m_finished.erase(m_finished.begin());
        }
        auto node = m_jobs.extract(id);
        if (!node.empty() && node.mapped().deliver)
            node.mapped().deliver(); // may destroy this transport
        if (!alive)
            return;
    }
}

} // namespace paycred::client
