#include "core/client/session.h"

#include "core/client/apijson.h"
#include "core/client/logging.h"
#include "core/crypto/secret.h"
#include "core/vault/resumedsession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaObject>

#include <utility>

namespace paycred::client {

namespace {

constexpr char kLoginPath[] = "/users/login/";

QString featureMissingMessage() {
    return QStringLiteral("This server does not offer this feature.");
}
QString sessionExpiredMessage() {
    return QStringLiteral("Your session has expired. Log in again to continue.");
}
QString loggedOutMessage() {
    return QStringLiteral("You logged out before this request could be completed.");
}
QString otherUserMessage() {
    return QStringLiteral("Another user logged in before this request could be completed.");
}

bool isSuccess(const TransportResult& result) {
    return result.ok() && result.response.status >= 200 && result.response.status < 300;
}

// A 404 from a server that has no such route (DRF's {"detail": "Not found."}, or a plain page
// from a server without the URL), as opposed to the API's own {"error": ...} for a credential.
bool isMissingRoute(const TransportResult& result) {
    if (!result.ok() || result.response.status != 404)
        return false;
    const QJsonDocument document = QJsonDocument::fromJson(result.response.body);
    return !(document.isObject() && document.object().contains(QStringLiteral("error")));
}

ApiError expiredError(const ApiError& cause) {
    ApiError error = ApiError::make(ApiError::Kind::Unauthorized, sessionExpiredMessage(), 401);
    error.code = cause.code;
    return error;
}

std::optional<int> expiresInOf(const QJsonObject& answer) {
    const QJsonValue expiresIn = answer.value(QStringLiteral("expires_in"));
    return expiresIn.isDouble() ? std::optional<int>(expiresIn.toInt()) : std::nullopt;
}

// The session a login answer grants; the seed's server sends the tokens only, so `username` is
// who asked.
std::optional<Session::Grant> grantFrom(const api::ApiResponse& response, const QString& username) {
    const QJsonObject answer = response.object();
    QString access = answer.value(QStringLiteral("access_token")).toString();
    QString refresh = answer.value(QStringLiteral("refresh_token")).toString();
    Session::Grant grant;
    grant.accessToken = access.toUtf8();
    grant.refreshToken = refresh.toUtf8();
    crypto::wipe(access);
    crypto::wipe(refresh);
    if (grant.accessToken.isEmpty())
        return std::nullopt;
    const QJsonObject user = answer.value(QStringLiteral("user")).toObject();
    const QString name = user.value(QStringLiteral("username")).toString();
    grant.identity.username = name.isEmpty() ? username : name;
    grant.identity.userId = apijson::positiveId(user.value(QStringLiteral("id")));
    const QJsonValue superuser = user.value(QStringLiteral("is_superuser"));
    if (superuser.isBool())
        grant.identity.isSuperuser = superuser.toBool();
    grant.expiresInSecs = expiresInOf(answer);
    return grant;
}

} // namespace

// The tokens of one session. A call keeps the ones it was made with, so that an answer that
// comes after the session ended (or after logout() took them away) is about those.
struct Session::Tokens {
    QByteArray access;
    QByteArray refresh;
    quint64 accessSerial = 0;  // changes with the access token
    quint64 refreshSerial = 0; // changes with the refresh token
    bool refreshing = false;
    bool ended = false; // wiped: nothing to refresh any more

    bool any() const { return !access.isEmpty() || !refresh.isEmpty(); }

    Tokens() = default;
    Tokens(const Tokens&) = delete;
    Tokens& operator=(const Tokens&) = delete;
    ~Tokens() {
        crypto::wipe(access);
        crypto::wipe(refresh);
    }
};

// One call on its way: sent, waiting for a refresh, or replayed once.
struct Session::Call {
    api::ApiRequest request; // without Authorization: added when sent, with the token of then
    bool authenticated = false;
    Capability capability = nullptr;
    Handler handler;
    TokensPtr tokens;         // authenticated calls: the session they belong to
    quint64 accessSerial = 0; // the access token it was last sent with
    bool replayed = false;    // its one refresh (or resend with a newer token) is used up

    Call() = default;
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;
    ~Call() { crypto::wipe(request.body); }
};

Session::Grant::~Grant() {
    crypto::wipe(accessToken);
    crypto::wipe(refreshToken);
}

Session::Grant Session::Grant::from(const vault::ResumedSession& resumed) {
    Grant grant;
    grant.identity = {resumed.username, resumed.userId, resumed.isSuperuser};
    grant.accessToken = resumed.accessToken.reveal();
    grant.refreshToken = resumed.refreshToken.reveal();
    grant.expiresInSecs = resumed.expiresInSecs;
    return grant;
}

Session::Request::Request(QByteArray method, QByteArray path)
    : method(std::move(method))
    , path(std::move(path)) {}

Session::Request& Session::Request::json(const QJsonObject& object) {
    body = apijson::body(object);
    return *this;
}

Session::Request& Session::Request::anonymous() {
    authenticated = false;
    return *this;
}

Session::Request& Session::Request::extension(Capability of) {
    capability = of;
    return *this;
}

Session::Request& Session::Request::header(const QByteArray& name, const QByteArray& value) {
    headers.append({name, value});
    return *this;
}

Session::Session(Transport& transport, QObject* parent)
    : QObject(parent)
    , m_transport(&transport)
    , m_tokens(std::make_shared<Tokens>()) {}

Session::~Session() = default;

bool Session::isActive() const {
    return m_tokens->any();
}

QByteArray Session::refreshToken() const {
    return m_tokens->refresh;
}

// ---- Logging in and out ----------------------------------------------------------------------

void Session::login(const QString& username, QString password, Callback<Identity> done) {
    Request request("POST", kLoginPath);
    request.anonymous().json(
        {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
    crypto::wipe(password);
    send(std::move(request), [this, username, done = std::move(done)](
                                 const api::ApiResponse& response, const ApiError& error) {
        std::optional<Grant> grant;
        if (!error.isError())
            grant = grantFrom(response, username);
        if (!grant) {
            if (done)
                done(Result<Identity>::failure(
                    error.isError() ? error : ApiError::unexpectedBody(response.status)));
            return;
        }
        adopt(std::move(*grant));
        qCInfo(lcClient) << "logged in";
        if (done)
            done(Result<Identity>::success(m_identity));
    });
}

void Session::renew(QString password, Callback<Identity> done) {
    const TokensPtr before = m_tokens;
    login(m_identity.username, std::move(password),
          [this, before, done = std::move(done)](Result<Identity> result) {
              if (!result.ok())
                  expire(before, result.error);
              if (done)
                  done(std::move(result));
          });
}

void Session::adopt(Grant grant) {
    if (!isActive() || grant.identity.username != m_identity.username)
        endCurrent(ApiError::make(ApiError::Kind::Unauthorized, otherUserMessage()));
    Tokens& tokens = *m_tokens;
    crypto::wipe(tokens.access);
    crypto::wipe(tokens.refresh);
    tokens.access = std::exchange(grant.accessToken, {});
    tokens.refresh = std::exchange(grant.refreshToken, {});
    ++tokens.accessSerial;
    ++tokens.refreshSerial;
    m_identity = grant.identity;
    m_expiresInSecs = grant.expiresInSecs;
    if (tokens.refreshing) { // that refresh used the old refresh token: the new tokens will do
        tokens.refreshing = false;
        if (tokens.access.isEmpty())
            startRefresh(m_tokens);
        else
            replayWaiting(m_tokens);
    }
}

void Session::resume(const QString& username, QByteArray refreshToken) {
    Grant grant;
    grant.identity.username = username;
    grant.refreshToken = std::move(refreshToken);
    adopt(std::move(grant));
}

void Session::logout(Callback<QString> done) {
    // The logout request goes through the pipeline like any call, with tokens of its own: the
    // session here ends now, while the request may still need a refresh to be accepted.
    auto revoking = std::make_shared<Tokens>();
    revoking->access = m_tokens->access;
    revoking->refresh = m_tokens->refresh;
    endCurrent(ApiError::make(ApiError::Kind::Unauthorized, loggedOutMessage()));
    m_identity = {};
    qCInfo(lcClient) << "logged out";

    Handler answer = [done = std::move(done)](const api::ApiResponse& response,
                                              const ApiError& error) {
        const QString loggedOut = QStringLiteral("Logged out.");
        Result<QString> result;
        if (!error.isError())
            result.value = response.object().value(QStringLiteral("message")).toString(loggedOut);
        else if (error.kind == ApiError::Kind::NotFound ||   // no logout endpoint: local only
                 error.kind == ApiError::Kind::Unauthorized) // nothing left to revoke
            result.value = loggedOut;
        else
            result.error = error;
        if (done)
            done(std::move(result));
    };
    if (revoking->refresh.isEmpty()) { // nothing to revoke: answered without asking the server
        answerLater(std::move(answer),
                    ApiError::make(ApiError::Kind::Unauthorized, loggedOutMessage()));
        return;
    }
    Request request("POST", extension::LogoutPath);
    request.extension(&Capabilities::logout)
        .json({{QStringLiteral("refresh_token"), QString::fromLatin1(revoking->refresh)}});
    submit(std::move(request), revoking, std::move(answer));
}

void Session::clear() {
    endCurrent(ApiError::make(ApiError::Kind::Unauthorized, loggedOutMessage()));
    m_identity = {};
}

void Session::updateIdentity(const Identity& identity) {
    if (!isActive() || identity.username != m_identity.username)
        return;
    m_identity.userId = identity.userId;
    m_identity.isSuperuser = identity.isSuperuser;
}

// ---- The pipeline ----------------------------------------------------------------------------

void Session::send(Request request, Handler handler) {
    submit(std::move(request), m_tokens, std::move(handler));
}

void Session::send(Request request, const QObject* receiver, Handler handler) {
    send(std::move(request),
         [receiver = QPointer<const QObject>(receiver),
          handler = std::move(handler)](const api::ApiResponse& response, const ApiError& error) {
             if (receiver && handler)
                 handler(response, error);
         });
}

void Session::submit(Request request, TokensPtr tokens, Handler handler) {
    auto call = std::make_shared<Call>();
    call->request.method = std::move(request.method);
    call->request.target = std::move(request.path);
    call->request.body = std::exchange(request.body, {});
    call->request.headers = std::move(request.headers);
    call->authenticated = request.authenticated;
    call->capability = request.capability;
    call->handler = std::move(handler);
    if (call->authenticated)
        call->tokens = std::move(tokens);
    workStarted();
    start(call);
}

void Session::answerLater(Handler handler, const ApiError& error) {
    auto call = std::make_shared<Call>();
    call->handler = std::move(handler);
    workStarted();
    finishLater(call, error);
}

void Session::start(const CallPtr& call) {
    if (call->capability && !(m_capabilities.*(call->capability))) {
        finishLater(call, ApiError::make(ApiError::Kind::NotFound, featureMissingMessage()));
        return;
    }
    if (call->authenticated) {
        const Tokens& tokens = *call->tokens;
        // A refresh is under way, or a resumed session has no access token yet: wait for it.
        const bool resuming =
            tokens.access.isEmpty() && !tokens.refresh.isEmpty() && m_capabilities.refresh;
        if (tokens.refreshing || resuming) {
            waitForRefresh(call);
            return;
        }
    }
    dispatch(call);
}

void Session::dispatch(const CallPtr& call) {
    if (call->authenticated)
        call->accessSerial = call->tokens->accessSerial;
    transmit(call->request, call->authenticated ? call->tokens->access : QByteArray(),
             [this, call](const TransportResult& result) { received(call, result); });
}

void Session::transmit(api::ApiRequest request, const QByteArray& accessToken,
                       std::function<void(const TransportResult&)> done) {
    using Header = QPair<QByteArray, QByteArray>;
    request.headers.append(Header("Accept", "application/json"));
    if (!request.body.isEmpty())
        request.headers.append(Header("Content-Type", "application/json"));
    if (!accessToken.isEmpty())
        request.headers.append(Header("Authorization", "Bearer " + accessToken));
    if (!m_transport) {
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                TransportResult closed;
                closed.failure = TransportResult::Failure::Cancelled;
                closed.message = QStringLiteral(
                    "The connection to the server has been closed. Connect again to continue.");
                done(closed);
            },
            Qt::QueuedConnection);
    } else {
        qCDebug(lcClient).noquote() << request.method << request.target;
        QPointer<Session> self(this);
        m_transport->send(request, [self, done = std::move(done)](const TransportResult& result) {
            if (self)
                done(result);
        });
    }
    crypto::wipe(request.body);
    for (auto& header : request.headers) {
        if (header.first == "Authorization")
            crypto::wipe(header.second);
    }
}

void Session::received(const CallPtr& call, const TransportResult& result) {
    if (result.ok())
        qCDebug(lcClient).noquote()
            << call->request.method << call->request.target << "->" << result.response.status;
    else
        qCInfo(lcClient).noquote()
            << call->request.method << call->request.target << "failed:" << result.message;

    if (result.ok() && result.response.status == 401 && call->authenticated) {
        unauthorized(call, result);
        return;
    }
    if (isSuccess(result)) {
        finish(call, result.response, {});
        return;
    }
    ApiError error = ApiError::fromTransport(result);
    if (call->capability && isMissingRoute(result)) {
        markMissing(call->capability);
        error.message = featureMissingMessage();
    }
    finish(call, result.response, error);
}

void Session::unauthorized(const CallPtr& call, const TransportResult& result) {
    const ApiError error = ApiError::fromTransport(result);
    const TokensPtr tokens = call->tokens;
    if (tokens->ended || !tokens->any()) {
        // Not logged in, or the session this call was made in is over: nothing to refresh.
        finish(call, result.response, error);
        return;
    }
    if (!call->replayed) {
        if (call->accessSerial != tokens->accessSerial && !tokens->refreshing &&
            !tokens->access.isEmpty()) {
            // Sent with a token that has been replaced since: try once with the new one.
            call->replayed = true;
            dispatch(call);
            return;
        }
        if (!tokens->refresh.isEmpty() && m_capabilities.refresh) {
            waitForRefresh(call);
            return;
        }
    }
    expire(tokens, error);
    finish(call, result.response, expiredError(error));
}

void Session::waitForRefresh(const CallPtr& call) {
    call->replayed = true;
    m_waiting.append(call);
    if (!call->tokens->refreshing)
        startRefresh(call->tokens);
}

void Session::finish(const CallPtr& call, const api::ApiResponse& response, const ApiError& error) {
    if (call->handler)
        call->handler(response, error);
    workFinished();
}

void Session::finishLater(const CallPtr& call, const ApiError& error) {
    QMetaObject::invokeMethod(
        this, [this, call, error] { finish(call, {}, error); }, Qt::QueuedConnection);
}

QList<Session::CallPtr> Session::takeWaiting(const TokensPtr& tokens) {
    QList<CallPtr> taken;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if ((*it)->tokens == tokens) {
            taken.append(std::move(*it));
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
    return taken;
}

// ---- The one refresh -------------------------------------------------------------------------

void Session::startRefresh(const TokensPtr& tokens) {
    tokens->refreshing = true;
    const quint64 serial = tokens->refreshSerial;
    api::ApiRequest request;
    request.method = "POST";
    request.target = extension::RefreshPath;
    request.body =
        apijson::body({{QStringLiteral("refresh_token"), QString::fromLatin1(tokens->refresh)}});
    qCInfo(lcClient) << "refreshing the access token";
    transmit(std::move(request), {}, [this, tokens, serial](const TransportResult& result) {
        refreshed(tokens, serial, result);
    });
}

void Session::refreshed(const TokensPtr& tokens, quint64 refreshSerial,
                        const TransportResult& result) {
    // The session ended, or its refresh token changed meanwhile (a login): whoever did it has
    // dealt with the waiting calls, and this answer is about a token that is gone.
    if (tokens->ended || refreshSerial != tokens->refreshSerial)
        return;
    tokens->refreshing = false;

    if (isSuccess(result)) {
        const QJsonObject answer = result.response.object();
        QString access = answer.value(QStringLiteral("access_token")).toString();
        if (!access.isEmpty()) {
            crypto::wipe(tokens->access);
            tokens->access = access.toUtf8();
            crypto::wipe(access);
            ++tokens->accessSerial;
            if (tokens == m_tokens && expiresInOf(answer))
                m_expiresInSecs = expiresInOf(answer);
            qCInfo(lcClient) << "access token refreshed";
            replayWaiting(tokens);
            return;
        }
    }
    const bool missing = isMissingRoute(result);
    if (missing)
        markMissing(&Capabilities::refresh);
    const int status = result.ok() ? result.response.status : 0;
    if (missing || status == 400 || status == 401 || status == 403 || status == 404) {
        qCInfo(lcClient) << "the refresh token was refused (HTTP" << status << ")";
        expire(tokens, ApiError::fromTransport(result));
        return;
    }
    // No answer, a server error, or a success without a token: the session may still be good.
    const ApiError error =
        isSuccess(result) ? ApiError::unexpectedBody(status) : ApiError::fromTransport(result);
    for (const CallPtr& call : takeWaiting(tokens))
        finish(call, {}, error);
}

void Session::replayWaiting(const TokensPtr& tokens) {
    for (const CallPtr& call : takeWaiting(tokens))
        dispatch(call);
}

// ---- The end of a session --------------------------------------------------------------------

void Session::expire(const TokensPtr& tokens, const ApiError& cause) {
    const bool current = tokens == m_tokens;
    const bool hadSession = !tokens->ended && tokens->any();
    if (!current) {
        end(tokens, expiredError(cause));
        return;
    }
    endCurrent(expiredError(cause)); // the username stays, to ask for the password again
    if (hadSession) {
        qCInfo(lcClient) << "the session has expired";
        emit sessionExpired();
    }
}

void Session::end(const TokensPtr& tokens, const ApiError& reason) {
    crypto::wipe(tokens->access);
    crypto::wipe(tokens->refresh);
    tokens->ended = true;
    tokens->refreshing = false;
    for (const CallPtr& call : takeWaiting(tokens))
        finishLater(call, reason);
    if (tokens == m_tokens)
        m_tokens = std::make_shared<Tokens>();
}

void Session::endCurrent(const ApiError& reason) {
    end(m_tokens, reason);
    m_identity.userId.reset();
    m_identity.isSuperuser.reset();
    m_expiresInSecs.reset();
}

// ---- Capabilities and busy -------------------------------------------------------------------

void Session::markMissing(Capability capability) {
    Capabilities learnt;
    learnt.*capability = false;
    narrowCapabilities(learnt);
}

void Session::narrowCapabilities(const Capabilities& learnt) {
    const Capabilities narrowed = m_capabilities & learnt;
    if (narrowed == m_capabilities)
        return;
    m_capabilities = narrowed;
    qCInfo(lcClient) << "the server lacks optional endpoints; their features are hidden";
    emit capabilitiesChanged();
}

void Session::learnCapabilities(std::function<void()> done) {
    Request request("GET", extension::SchemaPath);
    request.anonymous();
    send(std::move(request),
         [this, done = std::move(done)](const api::ApiResponse& response, const ApiError& error) {
             if (error.kind == ApiError::Kind::NotFound) // no schema: the seed's own endpoints only
                 narrowCapabilities(Capabilities::none());
             else if (!error.isError())
                 narrowCapabilities(Capabilities::fromSchema(response.object()));
             if (done)
                 done();
         });
}

void Session::workStarted() {
    if (++m_pending == 1)
        emit busyChanged(true);
}

void Session::workFinished() {
    if (--m_pending == 0)
        emit busyChanged(false);
}

} // namespace paycred::client
