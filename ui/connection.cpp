#include "ui/connection.h"

#include "core/client/adminclient.h"
#include "core/client/credentialsclient.h"
#include "core/client/embeddedtransport.h"
#include "core/client/httptransport.h"
#include "core/client/session.h"
#include "core/crypto/secret.h"
#include "core/vault/vault.h"

#include <QDir>
#include <QFileInfo>

namespace paycred::ui {

Connection::Connection(Mode mode)
    : m_mode(mode) {}

Connection::~Connection() {
    // Explicit so the order does not depend on member order alone: the client's callbacks may
    // still be queued on the transport.
    m_admin.reset();
    m_client.reset();
    m_session.reset();
    m_transport.reset();
    m_vault.reset();
}

std::unique_ptr<Connection> Connection::toServer(const QUrl& url, const QByteArray& pinnedSha256,
                                                 bool plainHttpConfirmed) {
    std::unique_ptr<Connection> connection(new Connection(Mode::Server));
    connection->m_serverUrl = url.toString();
    auto http = std::make_unique<client::HttpTransport>(url);
    http->setTrustedCertificateSha256(pinnedSha256);
    if (plainHttpConfirmed)
        http->allowPlainHttp();
    connection->m_http = http.get();
    connection->connectClient(std::move(http));
    return connection;
}

std::unique_ptr<Connection> Connection::toVault(const Clock& clock,
                                                const vault::VaultOptions& options) {
    std::unique_ptr<Connection> connection(new Connection(Mode::Vault));
    connection->m_vault = std::make_unique<vault::Vault>(clock, options);
    auto embedded = std::make_unique<client::EmbeddedTransport>(*connection->m_vault);
    connection->m_embedded = embedded.get();
    connection->connectClient(std::move(embedded));
    return connection;
}

void Connection::connectClient(std::unique_ptr<client::Transport> transport) {
    m_transport = std::move(transport);
    m_session = std::make_unique<client::Session>(*m_transport);
    m_client = std::make_unique<client::CredentialsClient>(*m_session);
    m_admin = std::make_unique<client::AdminClient>(*m_session);
}

client::Transport& Connection::transport() const {
    return *m_transport;
}

QString Connection::endpoint() const {
    return m_transport->endpoint();
}

void Connection::runOnVault(std::function<vault::VaultStatus()> work, StatusCallback done) {
    Q_ASSERT(m_embedded);
    auto status = std::make_shared<vault::VaultStatus>();
    m_embedded->run([work = std::move(work), status] { *status = work(); },
                    [done = std::move(done), status] {
                        if (done)
                            done(*status);
                    });
}

void Connection::openVault(const QString& path, StatusCallback done) {
    vault::Vault* vault = m_vault.get();
    runOnVault([vault, path] { return vault->open(path); }, std::move(done));
}

void Connection::createVault(const QString& path, const QString& owner, QString password,
                             StatusCallback done) {
    vault::Vault* vault = m_vault.get();
    auto secret = std::make_shared<QString>(std::move(password));
    runOnVault(
        [vault, path, owner, secret] {
            // The app's data folder may not exist yet on a first run; only its owner may enter.
            const QString folder = QFileInfo(path).absolutePath();
            if (QDir().mkpath(folder))
                QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner);
            vault::VaultStatus status = vault->create(path, owner, *secret);
            crypto::wipe(*secret);
            return status;
        },
        std::move(done));
}

void Connection::lock() {
    m_session->clear();
    if (m_vault)
        m_vault->lock();
}

} // namespace paycred::ui
