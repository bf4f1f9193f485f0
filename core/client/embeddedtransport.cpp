#include "core/client/embeddedtransport.h"

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
    m_thread = QThread::create([this] { workerLoop(); });
    m_thread->setObjectName(QStringLiteral("paycred-vault"));
    m_thread->start();
}

EmbeddedTransport::~EmbeddedTransport() {
    m_closing = true;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait(); // the request being handled, if any, finishes first
    delete m_thread;
    m_thread = nullptr;

    std::vector<quint64> finished;
    std::deque<Work> neverRan;
    {
        QMutexLocker lock(&m_mutex);
        finished = std::exchange(m_finished, {});
        neverRan = std::exchange(m_queue, {});
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
    vault::Vault* target = &m_vault;
    enqueue(
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
        std::move(job));
}

void EmbeddedTransport::enqueue(std::function<void()> work, Job job) {
    const quint64 id = m_nextId++;
    m_jobs.emplace(id, std::move(job));
    QMutexLocker lock(&m_mutex);
    m_queue.push_back({id, std::move(work)});
    m_wake.wakeOne();
}

void EmbeddedTransport::workerLoop() {
    for (;;) {
        Work next;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_stopping)
                return; // what is still queued is cancelled by the destructor
            next = std::move(m_queue.front());
            m_queue.pop_front();
        }
        next.work();
        {
            QMutexLocker lock(&m_mutex);
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
