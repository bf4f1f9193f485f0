#pragma once

#include "core/client/apierror.h"
#include "core/client/capabilities.h"
#include "core/client/result.h"
#include "core/client/transport.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QJsonObject;

namespace paycred::vault {
struct ResumedSession;
}

namespace paycred::client {

// Session: the logged-in state every typed client (credentials, admin) sends through — the tokens,
// who they are for, and what the server offers.
//
// - Every call returns at once; its handler runs later on this object's thread, exactly once
//   (never from inside the call itself, never after the session is destroyed).
// - It holds the tokens (never logged, wiped when the session ends), the username, and the
//   user's id and superuser flag when the server sends them (the seed's does not).
// - An authenticated call answered 401 refreshes the access token (POST /users/token/refresh/)
//   once and is replayed once; calls that hit the 401 together share one refresh. Logging out
//   goes the same way. When the refresh is refused or the server has no refresh endpoint,
//   sessionExpired() is emitted and the calls fail with ApiError::Kind::Unauthorized: the app
//   asks for the password again.
// - It works unchanged against a server with the seed's endpoints only: an extension endpoint
//   that answers 404 clears its flag in capabilities() (the feature is to be hidden) and its
//   call fails with NotFound, from then on without asking the server.
// Secrets passed in (passwords, tokens) are taken by value and wiped after use: std::move them in.
class Session : public QObject {
    Q_OBJECT
public:
    // Who the session is for.
    struct Identity {
        QString username;
        std::optional<qint64> userId;    // when the server sends "user" with the tokens
        std::optional<bool> isSuperuser; // likewise, or after GET /users/me/
    };

    // Tokens obtained elsewhere — by login(), or by a local vault resumed from a remembered
    // unlock — for adopt(). Wipes its tokens when destroyed.
    struct Grant {
        Identity identity;
        QByteArray accessToken;           // empty: the first authenticated call refreshes first
        QByteArray refreshToken;          // empty: the session ends when the access token does
        std::optional<int> expiresInSecs; // the access token's lifetime, when told

        Grant() = default;
        Grant(Grant&& other) noexcept = default;
        Grant& operator=(Grant&& other) noexcept = default;
        Grant(const Grant&) = delete;
        Grant& operator=(const Grant&) = delete;
        ~Grant();

        // What a local vault answered when it was resumed with a remembered unlock.
        static Grant from(const vault::ResumedSession& resumed);
    };

    // The extension endpoint a request belongs to.
    using Capability = bool Capabilities::*;

    // One request of a typed client. The session adds Accept, Content-Type and, for an
    // authenticated request, the Authorization of the moment it is sent.
    struct Request {
        QByteArray method;
        QByteArray path;
        QByteArray body; // JSON; wiped once the call is over
        bool authenticated = true;
        Capability capability = nullptr; // set: a 404 without the API's {"error"} hides it
        QList<QPair<QByteArray, QByteArray>> headers; // anything else ("If-Match")

        Request(QByteArray method, QByteArray path);
        Request& json(const QJsonObject& object); // the body
        Request& anonymous();                     // sent without a token
        Request& extension(Capability capability);
        Request& header(const QByteArray& name, const QByteArray& value);
    };

    // The answer of a call: `error.kind == None` with a 2xx `response`, or the error.
    using Handler = std::function<void(const api::ApiResponse& response, const ApiError& error)>;

    // The handler of a typed call: the error as it is, or the value `parse` reads from the
    // successful answer (an answer it cannot read is an Unexpected error).
    template <typename T, typename Parse> static Handler typed(Callback<T> done, Parse parse) {
        return [done = std::move(done), parse = std::move(parse)](const api::ApiResponse& response,
                                                                  const ApiError& error) {
            Result<T> result;
            if (error.isError())
                result.error = error;
            else if (std::optional<T> value = parse(response))
                result.value = std::move(value);
            else
                result.error = ApiError::unexpectedBody(response.status);
            if (done)
                done(std::move(result));
        };
    }

    // `transport` is not owned; calls made after it is destroyed fail with Kind::Network.
    explicit Session(Transport& transport, QObject* parent = nullptr);
    ~Session() override;

    // Whether there are tokens to call with (a resumed session has a refresh token only).
    bool isActive() const;
    // Kept after the session expired (to ask for the password again); empty after clear().
    Identity identity() const { return m_identity; }
    std::optional<int> expiresInSecs() const { return m_expiresInSecs; }
    Capabilities capabilities() const { return m_capabilities; }
    bool isBusy() const { return m_pending > 0; }
    // A copy of the refresh token, to remember it; the caller wipes it (crypto::wipe).
    QByteArray refreshToken() const;

    // §1: POST /users/login/; on success the session is the one the server granted (adopt()).
    void login(const QString& username, QString password, Callback<Identity> done);
    // Logs in again as this session's user after the server ended its tokens (a password
    // change). When that fails, the session expires (sessionExpired()).
    void renew(QString password, Callback<Identity> done);
    // Takes tokens obtained elsewhere. The same user's calls in flight go on with them; another
    // user's fail with Unauthorized.
    void adopt(Grant grant);
    // A remembered session (the system keychain): the first authenticated call refreshes.
    void resume(const QString& username, QByteArray refreshToken);
    // Asks the server which extensions it has (its schema, no token needed) so that the features
    // it lacks are hidden from the start; `done` runs once that is known, or cannot be (a network
    // error: each extension is then still learnt from its first 404).
    void learnCapabilities(std::function<void()> done);
    // Revokes the refresh token on the server when it can (refreshing the access token first
    // when it has expired, like any call); the local session ends at once, whatever the server
    // answers. The value is a message for the status bar.
    void logout(Callback<QString> done);
    // Forgets the session here, without telling the server (logout() tells it).
    void clear();

    // Sends `request` with the session's token, refreshing and replaying as above.
    void send(Request request, Handler handler);
    // The same for a typed client: `handler` does not run once `receiver` is gone.
    void send(Request request, const QObject* receiver, Handler handler);
    // What the server said about the user (GET /users/me/): kept when it names this
    // session's user.
    void updateIdentity(const Identity& identity);

signals:
    // The session ended on its own (the refresh token was refused, or cannot be refreshed):
    // ask for the password again. Once per session.
    void sessionExpired();
    void capabilitiesChanged();
    void busyChanged(bool busy);

private:
    struct Tokens;
    struct Call;
    using TokensPtr = std::shared_ptr<Tokens>;
    using CallPtr = std::shared_ptr<Call>;

    void submit(Request request, TokensPtr tokens, Handler handler);
    void answerLater(Handler handler, const ApiError& error);
    void start(const CallPtr& call);
    void dispatch(const CallPtr& call);
    void received(const CallPtr& call, const TransportResult& result);
    void unauthorized(const CallPtr& call, const TransportResult& result);
    void waitForRefresh(const CallPtr& call);
    QList<CallPtr> takeWaiting(const TokensPtr& tokens);
    void finish(const CallPtr& call, const api::ApiResponse& response, const ApiError& error);
    void finishLater(const CallPtr& call, const ApiError& error);
    void transmit(api::ApiRequest request, const QByteArray& accessToken,
                  std::function<void(const TransportResult&)> done);

    void startRefresh(const TokensPtr& tokens);
    void refreshed(const TokensPtr& tokens, quint64 refreshSerial, const TransportResult& result);
    void replayWaiting(const TokensPtr& tokens);
    void expire(const TokensPtr& tokens, const ApiError& cause);
    void end(const TokensPtr& tokens, const ApiError& reason);
    void endCurrent(const ApiError& reason);

    void markMissing(Capability capability);
    // Keeps only the capabilities `learnt` also has; capabilitiesChanged() when that is fewer.
    void narrowCapabilities(const Capabilities& learnt);
    void workStarted();
    void workFinished();

    QPointer<Transport> m_transport;
    Capabilities m_capabilities;
    TokensPtr m_tokens;       // the current ones, never ended; a call keeps those it was made with
    QList<CallPtr> m_waiting; // calls waiting for the refresh of their tokens
    Identity m_identity;
    std::optional<int> m_expiresInSecs;
    int m_pending = 0; // calls whose handler has not run yet
};

} // namespace paycred::client
