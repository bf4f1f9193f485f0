#pragma once

#include "core/client/apierror.h"
#include "core/client/capabilities.h"
#include "core/client/credential.h"
#include "core/client/transport.h"
#include "core/crypto/secret.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace paycred::client {

// CredentialsClient: API.md as typed, asynchronous calls over any Transport, for the UI.
//
// - Every call returns at once; its callback runs later on this object's thread, exactly once
//   (never from inside the call itself, never after the client is destroyed).
// - It holds the session: the tokens (never logged, wiped when the session ends), the username,
//   and the user's id and superuser flag when the server sends them (the seed's does not).
// - An authenticated call answered 401 refreshes the access token (POST /users/token/refresh/)
//   once and is replayed once; calls that hit the 401 together share one refresh. When the
//   refresh is refused or the server has no refresh endpoint, sessionExpired() is emitted and
//   the calls fail with ApiError::Kind::Unauthorized: the app asks for the password again.
// - It works unchanged against a server with the seed's endpoints only: an extension endpoint
//   that answers 404 clears its flag in capabilities() (the feature is to be hidden) and its
//   call fails with NotFound; providers() then answers the built-in list instead.
// Secrets passed in (passwords, keys) are taken by value and wiped after use: std::move them in.
class CredentialsClient : public QObject {
    Q_OBJECT
public:
    // What a call gives its callback: a value, or an error (error.kind != None).
    template <typename T> struct Result {
        std::optional<T> value;
        ApiError error;
        bool ok() const { return !error.isError() && value.has_value(); }
    };
    template <typename T> using Callback = std::function<void(Result<T>)>;

    struct Session {
        QString username;
        std::optional<qint64> userId;     // when the server sends "user" with the tokens
        std::optional<bool> isSuperuser;  // likewise, or after me()
        std::optional<int> expiresInSecs; // the access token's lifetime, when sent
    };
    struct Account { // GET /users/me/
        qint64 id = 0;
        QString username;
        bool isSuperuser = false;
        bool isActive = true;
        QDateTime dateJoined;
        std::optional<QDateTime> lastLogin;
    };
    struct Provider {
        QString id;          // "kopokopo"
        QString displayName; // "KopoKopo"
        friend bool operator==(const Provider&, const Provider&) = default;
    };
    struct NewCredential {
        QString provider;
        QString apiKey;
        QString privateKey;
        QString environment; // empty: the server's default (sandbox)
    };
    struct Change { // only what is set is sent
        std::optional<QString> apiKey;
        std::optional<QString> environment;
        std::optional<bool> isActive;
    };
    struct RevealedKey {
        qint64 credentialId = 0;
        QString provider;
        QString providerDisplay;
        crypto::Secret privateKey;
        std::optional<QString> apiKey; // an extension: the seed's server does not send it
    };

    // `transport` is not owned; calls made after it is destroyed fail with Kind::Network.
    explicit CredentialsClient(Transport& transport, QObject* parent = nullptr);
    ~CredentialsClient() override;

    bool hasSession() const;
    Session session() const;
    Capabilities capabilities() const { return m_capabilities; }
    bool isBusy() const { return m_pending > 0; }
    // kopokopo → KopoKopo, instasend → InstaSend: what providers() answers without /providers/.
    static QList<Provider> builtInProviders();

    // Forgets the session here, without telling the server (logout() tells it).
    void clearSession();
    // A remembered session (the system keychain): the first authenticated call refreshes.
    void resumeSession(const QString& username, QByteArray refreshToken);
    // A copy of the refresh token, to remember it; the caller wipes it (crypto::wipe).
    QByteArray refreshToken() const { return m_refreshToken; }

    // §1 Authentication
    void login(const QString& username, QString password, Callback<Session> done);
    // Revokes the refresh token on the server when it can; the local session ends at once,
    // whatever the server answers. The value is a message for the status bar.
    void logout(Callback<QString> done);
    void me(Callback<Account> done);
    // On success the session goes on: the client logs in again with the new password (the
    // server ends every session of the user when the password changes).
    void changePassword(QString oldPassword, QString newPassword, Callback<QString> done);
    void verifyPassword(QString password, Callback<bool> done);
    void providers(Callback<QList<Provider>> done);

    // §2 Payment credentials
    void listCredentials(Callback<QList<Credential>> done);
    void credential(qint64 id, Callback<Credential> done);
    void credentialForProvider(const QString& provider, Callback<Credential> done);
    void createCredential(NewCredential credential, Callback<Credential> done);
    void updateCredential(qint64 id, Change change, Callback<Credential> done);
    void replacePrivateKey(qint64 id, QString privateKey, Callback<Credential> done);
    void revealPrivateKey(qint64 id, Callback<RevealedKey> done);
    void verifyPrivateKey(qint64 id, QString privateKey, Callback<bool> done);
    void toggleStatus(qint64 id, Callback<Credential> done);
    void deleteCredential(qint64 id, Callback<QString> done); // the server's message

signals:
    // The session ended on its own (the refresh token was refused, or cannot be refreshed):
    // ask for the password again. Once per session.
    void sessionExpired();
    void capabilitiesChanged();
    void busyChanged(bool busy);

private:
    struct Call;
    struct LogoutState;
    using CallPtr = std::shared_ptr<Call>;
    // The answer of a call: `error.kind == None` with a 2xx `response`, or the error.
    using Handler = std::function<void(const api::ApiResponse& response, const ApiError& error)>;
    using Capability = bool Capabilities::*;

    void submit(const QByteArray& method, const QByteArray& path, QByteArray body,
                bool authenticated, Capability capability, Handler handler);
    void start(const CallPtr& call);
    void send(const CallPtr& call);
    void received(const CallPtr& call, const TransportResult& result);
    void unauthorized(const CallPtr& call, const TransportResult& result);
    void finish(const CallPtr& call, const api::ApiResponse& response, const ApiError& error);
    void finishLater(const CallPtr& call, const ApiError& error);
    void transmit(api::ApiRequest request, const QByteArray& accessToken,
                  std::function<void(const TransportResult&)> done);

    void startRefresh();
    void refreshed(quint64 refreshSerial, const TransportResult& result);
    void replayWaiting();
    void expireSession(const ApiError& cause);
    void endSession(const ApiError& reason);
    void storeSession(const QString& username, QByteArray accessToken, QByteArray refreshToken);

    void logoutStep(const std::shared_ptr<LogoutState>& state, bool mayRefresh);
    void finishLogout(const std::shared_ptr<LogoutState>& state, Result<QString> result);
    void markMissing(Capability capability);
    void workStarted();
    void workFinished();

    QPointer<Transport> m_transport;
    Capabilities m_capabilities;

    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    QString m_username;
    std::optional<qint64> m_userId;
    std::optional<bool> m_isSuperuser;
    std::optional<int> m_expiresInSecs;
    quint64 m_generation = 0;    // changes when the session ends or another user logs in
    quint64 m_accessSerial = 0;  // changes with the access token
    quint64 m_refreshSerial = 0; // changes with the refresh token

    bool m_refreshing = false;
    QList<CallPtr> m_waiting; // calls waiting for the refresh in flight
    int m_pending = 0;        // calls whose callback has not run yet
};

} // namespace paycred::client
