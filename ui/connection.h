#pragma once

#include "core/vault/vaultoptions.h"
#include "core/vault/vaultstatus.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace paycred {
class Clock;
}
namespace paycred::vault {
class Vault;
}
namespace paycred::client {
class AdminClient;
class CredentialsClient;
class Session;
class EmbeddedTransport;
class HttpTransport;
class Transport;
} // namespace paycred::client

namespace paycred::ui {

// Connection: where the app works — a PayCred server over HTTP(S), or the local vault in-process —
// and the one Session with the typed clients over it (CredentialsClient, and AdminClient for the
// Administration window). Owns the transport and, for a vault, the Vault itself; the clients go
// first when it is destroyed, then the session, the transport and the vault.
class Connection : public QObject {
    Q_OBJECT
public:
    enum class Mode { Vault, Server };
    using StatusCallback = std::function<void(vault::VaultStatus)>;

    // A server at `url`; `pinnedSha256` is the certificate the user pinned for it, if any (then
    // the only one accepted, see client::HttpTransport and CertificatePins);
    // `plainHttpConfirmed`: the user confirmed plain http:// to a host beyond loopback (without
    // it the transport refuses such a URL, see client::HttpTransport::isPlainBeyondLoopback).
    static std::unique_ptr<Connection>
    toServer(const QUrl& url, const QByteArray& pinnedSha256 = {}, bool plainHttpConfirmed = false);
    // A vault, not yet opened: openVault() or createVault() next. `clock` must outlive it.
    static std::unique_ptr<Connection> toVault(const Clock& clock,
                                               const vault::VaultOptions& options = {});
    ~Connection() override;

    Mode mode() const { return m_mode; }
    client::Session& session() const { return *m_session; }
    client::CredentialsClient& client() const { return *m_client; }
    // API.md §3 over the same session (a superuser's; anyone else gets 403).
    client::AdminClient& admin() const { return *m_admin; }
    client::Transport& transport() const;
    // For the status bar: "https://pay.example.com" or "local vault (/path/vault.paycred)".
    QString endpoint() const;
    // Server mode: the URL as the user gave it (the key of its pin and remembered login).
    QString serverUrl() const { return m_serverUrl; }

    // Null in the other mode.
    client::HttpTransport* http() const { return m_http; }
    client::EmbeddedTransport* embedded() const { return m_embedded; }
    vault::Vault* vault() const { return m_vault.get(); }

    // Vault mode, on the vault's worker thread (the GUI never waits): open the file, or create a
    // new vault there whose owner is a superuser (key derivation: about half a second). `done`
    // runs on this object's thread.
    void openVault(const QString& path, StatusCallback done);
    void createVault(const QString& path, const QString& owner, QString password,
                     StatusCallback done);

    // Forgets every decrypted secret: the client's session and, for a vault, its keys (every
    // token it issued stops working).
    void lock();

private:
    explicit Connection(Mode mode);
    void runOnVault(std::function<vault::VaultStatus()> work, StatusCallback done);
    void connectClient(std::unique_ptr<client::Transport> transport);

    Mode m_mode;
    QString m_serverUrl;
    // Destroyed in reverse order: clients, session, transport, vault.
    std::unique_ptr<vault::Vault> m_vault;
    std::unique_ptr<client::Transport> m_transport;
    std::unique_ptr<client::Session> m_session;
    std::unique_ptr<client::CredentialsClient> m_client;
    std::unique_ptr<client::AdminClient> m_admin;
    client::HttpTransport* m_http = nullptr;
    client::EmbeddedTransport* m_embedded = nullptr;
};

} // namespace paycred::ui
