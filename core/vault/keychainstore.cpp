#include "core/vault/keychainstore.h"

#include "core/crypto/secret.h"

#include <qt6keychain/keychain.h>

#include <QLoggingCategory>
#include <QTimer>

#include <openssl/crypto.h>

#include <memory>
#include <utility>

namespace paycred::vault {

namespace {

Q_LOGGING_CATEGORY(lcKeychain, "paycred.vault.keychain")

// One answer per call: whichever comes first of the job and the read timeout.
struct Pending {
    KeychainStore::Callback done;
    bool settled = false;

    void settle(KeychainStore::Reply reply) {
        if (settled)
            return;
        settled = true;
        if (done)
            done(std::move(reply));
    }
};

KeychainStore::Reply replyFor(const QKeychain::Job& job, bool missingIsOk) {
    KeychainStore::Reply reply;
    switch (job.error()) {
    case QKeychain::NoError:
        reply.status = KeychainStore::Status::Ok;
        return reply;
    case QKeychain::EntryNotFound:
        reply.status = missingIsOk ? KeychainStore::Status::Ok : KeychainStore::Status::NotFound;
        return reply;
    default:
        break;
    }
    reply.status = KeychainStore::Status::Unavailable;
    reply.errorCode = static_cast<int>(job.error());
    reply.errorText = job.errorString();
    // The key names a vault and a user, the text is QtKeychain's or libsecret's: no value.
    qCInfo(lcKeychain).noquote() << "keychain" << job.service() << "entry" << job.key()
                                 << "failed with error" << reply.errorCode << reply.errorText;
    return reply;
}

} // namespace

KeychainStore::KeychainStore(QString service, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service)) {}

KeychainStore::~KeychainStore() = default;

// Jobs have no parent: QtKeychain's backends keep a pointer to a running job until it finishes,
// so a job must never be deleted early; with autoDelete it deletes itself once finished.

void KeychainStore::read(const QString& key, Callback done) {
    auto pending = std::make_shared<Pending>(Pending{std::move(done)});
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [pending](QKeychain::Job* finished) {
        if (pending->settled)
            return;
        Reply reply = replyFor(*finished, false);
        if (reply.ok()) {
            const QByteArray held =
                static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData();
            reply.data = QByteArray(held.constData(), held.size()); // a copy that is ours alone
        }
        pending->settle(std::move(reply));
    });
    // Connected last, with the job as context: runs after the answer above, and also when this
    // store is already gone. The job's copy of the value is of no use to anyone any more.
    connect(job, &QKeychain::Job::finished, job, [](QKeychain::Job* finished) {
        QByteArray held = static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData();
        wipeInPlace(held);
    });
    QTimer::singleShot(m_readTimeout, this, [pending, service = m_service, key] {
        if (pending->settled)
            return;
        qCInfo(lcKeychain).noquote()
            << "keychain" << service << "entry" << key << "gave no answer in time";
        Reply reply;
        reply.status = Status::Unavailable;
        reply.errorText = QStringLiteral("The keychain did not answer in time.");
        pending->settle(std::move(reply));
    });
    job->start();
}

void KeychainStore::write(const QString& key, QByteArray data, Callback done) {
    auto pending = std::make_shared<Pending>(Pending{std::move(done)});
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setBinaryData(data); // shares `data`'s storage
    connect(job, &QKeychain::Job::finished, this,
            [pending](QKeychain::Job* finished) { pending->settle(replyFor(*finished, false)); });
    connect(job, &QKeychain::Job::finished, job,
            [data](QKeychain::Job*) mutable { wipeInPlace(data); });
    job->start();
}

void KeychainStore::remove(const QString& key, Callback done) {
    auto pending = std::make_shared<Pending>(Pending{std::move(done)});
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [pending](QKeychain::Job* finished) { pending->settle(replyFor(*finished, true)); });
    job->start();
}

void KeychainStore::wipeInPlace(QByteArray& bytes) {
    if (bytes.isEmpty() || !bytes.data_ptr().isMutable()) {
        crypto::wipe(bytes); // empty, or raw data owned elsewhere: wipe a private copy only
        return;
    }
    // Deliberately through constData(): data() would detach and wipe a copy instead.
    OPENSSL_cleanse(const_cast<char*>(bytes.constData()), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

} // namespace paycred::vault
