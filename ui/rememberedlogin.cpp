#include "ui/rememberedlogin.h"

#include "core/client/credentialsclient.h"
#include "core/client/embeddedtransport.h"
#include "core/crypto/secret.h"
#include "core/vault/keychainstore.h"
#include "core/vault/rememberedunlock.h"
#include "core/vault/vault.h"
#include "ui/appcontext.h"
#include "ui/connection.h"
#include "ui/logging.h"
#include "ui/preferences.h"

#include <QPointer>

#include <memory>

namespace paycred::ui {

namespace {

using Status = vault::RememberedUnlock::Status;

// The vault's work on the connection's own worker thread: that thread is stopped before the
// vault is destroyed, so closing the window in the middle cannot leave a thread using a vault
// that is gone.
vault::RememberedUnlock::Runner workerOf(const Connection& connection) {
    QPointer<client::EmbeddedTransport> worker(connection.embedded());
    return [worker](std::function<void()> work, std::function<void()> finished) {
        if (worker)
            worker->run(std::move(work), std::move(finished));
    };
}

} // namespace

RememberedLogin::RememberedLogin(AppContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_store(new vault::KeychainStore(context.keychainService, this))
    , m_unlock(new vault::RememberedUnlock(context.clock, context.keychainService,
                                           vault::RememberedUnlock::DefaultLifetime, this)) {}

RememberedLogin::~RememberedLogin() = default;

void RememberedLogin::setKeychainTimeout(std::chrono::milliseconds timeout) {
    m_store->setReadTimeout(timeout);
    m_unlock->setKeychainTimeout(timeout);
}

QString RememberedLogin::serverKey(const QString& serverUrl, const QString& username) {
    return QStringLiteral("server:%1:%2").arg(serverUrl, username);
}

QString RememberedLogin::unavailableMessage() {
    return tr("Your system keychain is not available, so PayCred cannot remember you; sign in "
              "with your password.");
}

void RememberedLogin::remember(Connection& connection, const QString& username,
                               std::function<void(QString)> done) {
    auto finish = [done = std::move(done)](QString message) {
        if (!message.isEmpty())
            qCInfo(lcUi) << "remember me did not work:" << message;
        if (done)
            done(std::move(message));
    };
    if (connection.mode() == Connection::Mode::Vault) {
        vault::Vault* vault = connection.vault();
        if (!vault || !vault->isUnlocked()) {
            finish(tr("The vault is locked, so there is nothing to remember."));
            return;
        }
        m_unlock->remember(*vault, username, workerOf(connection),
                           [finish](const vault::RememberedUnlock::Result& result) {
                               if (result.status == Status::Unavailable)
                                   finish(unavailableMessage());
                               else
                                   finish(result.ok() ? QString() : result.message);
                           });
        return;
    }
    QByteArray token = connection.session().refreshToken();
    if (token.isEmpty()) {
        finish(tr("The server gave no session to remember."));
        return;
    }
    m_store->write(serverKey(connection.serverUrl(), username), std::move(token),
                   [finish](const vault::KeychainStore::Reply& reply) {
                       finish(reply.ok() ? QString() : unavailableMessage());
                   });
}

void RememberedLogin::forget(const Connection& connection, const QString& username,
                             std::function<void(QString)> done) {
    auto finish = [done = std::move(done)](QString message) {
        if (!message.isEmpty())
            qCInfo(lcUi) << "could not forget a remembered login:" << message;
        if (done)
            done(std::move(message));
    };
    if (connection.mode() == Connection::Mode::Vault) {
        vault::Vault* vault = connection.vault();
        if (!vault || !vault->isOpen() || vault->id().isEmpty()) {
            finish({});
            return;
        }
        m_unlock->forget(*vault, username, workerOf(connection),
                         [finish](const vault::RememberedUnlock::Result& result) {
                             finish(result.ok() ? QString() : result.message);
                         });
        return;
    }
    m_store->remove(serverKey(connection.serverUrl(), username),
                    [finish](const vault::KeychainStore::Reply& reply) {
                        finish(reply.ok() ? QString() : unavailableMessage());
                    });
}

void RememberedLogin::restore(Connection& connection, const QString& username,
                              std::function<void(bool, QString)> done) {
    if (connection.mode() == Connection::Mode::Vault)
        restoreVault(connection, username, std::move(done));
    else
        restoreServer(connection, username, std::move(done));
}

void RememberedLogin::restoreServer(Connection& connection, const QString& username,
                                    std::function<void(bool, QString)> done) {
    QPointer<Connection> guard(&connection);
    const QString key = serverKey(connection.serverUrl(), username);
    m_store->read(key, [this, guard, username, key,
                        done = std::move(done)](vault::KeychainStore::Reply reply) mutable {
        if (!guard) {
            vault::KeychainStore::wipeInPlace(reply.data);
            return;
        }
        if (reply.status == vault::KeychainStore::Status::Unavailable) {
            done(false, unavailableMessage());
            return;
        }
        if (reply.status == vault::KeychainStore::Status::NotFound || reply.data.isEmpty()) {
            done(false, tr("PayCred does not remember you on this computer any more; sign in "
                           "with your password."));
            return;
        }
        guard->session().resume(username, std::move(reply.data));
        vault::KeychainStore::wipeInPlace(reply.data);
        QPointer<RememberedLogin> self(this);
        checkSession(*guard, [self, key, done](bool ok, bool rejected, QString message) {
            // A server that is down keeps the entry; one that refused the token does not.
            if (rejected && self)
                self->m_store->remove(key, [](const vault::KeychainStore::Reply&) {});
            done(ok, std::move(message));
        });
    });
}

void RememberedLogin::restoreVault(Connection& connection, const QString& username,
                                   std::function<void(bool, QString)> done) {
    vault::Vault* vault = connection.vault();
    if (vault && vault->isOpen()) {
        resumeVault(connection, username, std::move(done));
        return;
    }
    QPointer<Connection> guard(&connection);
    QPointer<RememberedLogin> self(this);
    connection.openVault(
        m_context.preferences.vaultPath(),
        [self, guard, username, done = std::move(done)](const vault::VaultStatus& status) {
            if (!self || !guard)
                return;
            if (!status.ok()) {
                done(false, status.message);
                return;
            }
            self->resumeVault(*guard, username, done);
        });
}

void RememberedLogin::resumeVault(Connection& connection, const QString& username,
                                  std::function<void(bool, QString)> done) {
    QPointer<Connection> guard(&connection);
    m_unlock->unlockVault(
        *connection.vault(), username, workerOf(connection),
        [self = QPointer<RememberedLogin>(this), guard,
         done = std::move(done)](const vault::RememberedUnlock::Unlocked& unlocked) {
            if (!guard || !self)
                return;
            if (!unlocked.ok()) {
                done(false, unlocked.status == Status::Unavailable ? unavailableMessage()
                            : unlocked.status == Status::Stale
                                ? tr("The remembered unlock no longer opens this vault; sign in "
                                     "with your password.")
                                : unlocked.message);
                return;
            }
            guard->session().adopt(client::Session::Grant::from(unlocked.session));
            self->checkSession(
                *guard, [done](bool ok, bool, QString message) { done(ok, std::move(message)); });
        });
}

void RememberedLogin::checkSession(Connection& connection, SessionCheck done) {
    // The list is on every server, the seed's included, and carries no secret.
    connection.client().listCredentials(
        [done = std::move(done)](const client::Result<QList<client::Credential>>& result) {
            if (result.ok()) {
                done(true, false, {});
                return;
            }
            if (result.error.kind == client::ApiError::Kind::Unauthorized) {
                done(false, true,
                     tr("Your remembered sign-in has ended; sign in with your password."));
                return;
            }
            done(false, false, result.error.message);
        });
}

} // namespace paycred::ui
