#include "core/client/credentialsclient.h"

#include "core/client/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaObject>
#include <QUrl>

#include <cmath>
#include <utility>

namespace paycred::client {

namespace {

constexpr char kRefreshPath[] = "/users/token/refresh/";
constexpr char kLogoutPath[] = "/users/logout/";

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

QByteArray jsonBody(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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

QByteArray credentialPath(qint64 id, const char* action = nullptr) {
    QByteArray path = "/payments/credentials/" + QByteArray::number(id) + '/';
    if (action)
        path += QByteArray(action) + '/';
    return path;
}

std::optional<qint64> positiveId(const QJsonValue& value) {
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 1 || number != std::floor(number))
        return std::nullopt;
    return value.toInteger();
}

// ISO 8601 as API.md writes it ("Z", optional fractional seconds); a time without an offset is
// taken as UTC, which is what the API always means.
QDateTime timestamp(const QJsonValue& value) {
    QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        return {};
    if (at.timeSpec() == Qt::LocalTime)
        at.setTimeSpec(Qt::UTC);
    return at.toUTC();
}

std::optional<Credential> credentialFrom(const QJsonValue& value) {
    const QJsonObject object = value.toObject();
    const auto id = positiveId(object.value(QStringLiteral("id")));
    const QString provider = object.value(QStringLiteral("provider")).toString();
    if (!value.isObject() || !id || provider.isEmpty())
        return std::nullopt;
    Credential credential;
    credential.id = *id;
    credential.provider = provider;
    credential.providerDisplay =
        object.value(QStringLiteral("provider_display")).toString(provider);
    credential.environment = object.value(QStringLiteral("environment")).toString();
    credential.isActive = object.value(QStringLiteral("is_active")).toBool();
    credential.createdAt = timestamp(object.value(QStringLiteral("created_at")));
    credential.updatedAt = timestamp(object.value(QStringLiteral("updated_at")));
    const QJsonValue live = object.value(QStringLiteral("is_live"));
    credential.isLive =
        live.isBool() ? live.toBool() : credential.environment == QLatin1String("live");
    return credential;
}

std::optional<QList<Credential>> credentialsFrom(const api::ApiResponse& response) {
    const QJsonDocument document = response.document();
    if (!document.isArray())
        return std::nullopt;
    const QJsonArray array = document.array();
    QList<Credential> credentials;
    for (const auto& item : array) {
        auto credential = credentialFrom(item);
        if (!credential)
            return std::nullopt;
        credentials.append(std::move(*credential));
    }
    return credentials;
}

std::optional<QList<CredentialsClient::Provider>> providersFrom(const api::ApiResponse& response) {
    const QJsonDocument document = response.document();
    if (!document.isArray())
        return std::nullopt;
    const QJsonArray array = document.array();
    QList<CredentialsClient::Provider> providers;
    for (const auto& item : array) {
        const QJsonObject object = item.toObject();
        const QString id = object.value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            return std::nullopt;
        providers.append({id, object.value(QStringLiteral("display_name")).toString(id)});
    }
    return providers;
}

std::optional<bool> isValidFrom(const api::ApiResponse& response) {
    const QJsonValue valid = response.object().value(QStringLiteral("is_valid"));
    return valid.isBool() ? std::optional<bool>(valid.toBool()) : std::nullopt;
}

std::optional<QString> messageFrom(const api::ApiResponse& response, const QString& fallback) {
    return response.object().value(QStringLiteral("message")).toString(fallback);
}

// The callback of a typed call: the error as it is, or the value `parse` reads from the
// successful answer (an answer it cannot read is an Unexpected error).
template <typename T, typename Parse> auto typed(CredentialsClient::Callback<T> done, Parse parse) {
    return [done = std::move(done), parse = std::move(parse)](const api::ApiResponse& response,
                                                              const ApiError& error) {
        CredentialsClient::Result<T> result;
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

template <typename T> CredentialsClient::Result<T> success(T value) {
    CredentialsClient::Result<T> result;
    result.value = std::move(value);
    return result;
}

template <typename T> CredentialsClient::Result<T> failure(const ApiError& error) {
    CredentialsClient::Result<T> result;
    result.error = error;
    return result;
}

ApiError expiredError(const ApiError& cause) {
    ApiError error = ApiError::make(ApiError::Kind::Unauthorized, sessionExpiredMessage(), 401);
    error.code = cause.code;
    return error;
}

} // namespace

// One typed call on its way: sent, waiting for a refresh, or replayed once.
struct CredentialsClient::Call {
    api::ApiRequest request; // without Authorization: added when sent, with the token of then
    bool authenticated = false;
    Capability capability = nullptr;
    Handler handler;
    quint64 generation = 0;   // the session it belongs to
    quint64 accessSerial = 0; // the access token it was last sent with
    bool replayed = false;    // its one refresh (or resend with a newer token) is used up

    Call() = default;
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;
    ~Call() { crypto::wipe(request.body); }
};

// A logout under way: the session's tokens, already gone from the client.
struct CredentialsClient::LogoutState {
    QByteArray accessToken;
    QByteArray refreshToken;
    Callback<QString> done;

    LogoutState() = default;
    LogoutState(const LogoutState&) = delete;
    LogoutState& operator=(const LogoutState&) = delete;
    ~LogoutState() {
        crypto::wipe(accessToken);
        crypto::wipe(refreshToken);
    }
};

CredentialsClient::CredentialsClient(Transport& transport, QObject* parent)
    : QObject(parent)
    , m_transport(&transport) {}

CredentialsClient::~CredentialsClient() {
    crypto::wipe(m_accessToken);
    crypto::wipe(m_refreshToken);
}

bool CredentialsClient::hasSession() const {
    return !m_accessToken.isEmpty() || !m_refreshToken.isEmpty();
}

CredentialsClient::Session CredentialsClient::session() const {
    return {m_username, m_userId, m_isSuperuser, m_expiresInSecs};
}

QList<CredentialsClient::Provider> CredentialsClient::builtInProviders() {
    return {{QStringLiteral("kopokopo"), QStringLiteral("KopoKopo")},
            {QStringLiteral("instasend"), QStringLiteral("InstaSend")}};
}

void CredentialsClient::clearSession() {
    endSession(ApiError::make(ApiError::Kind::Unauthorized, loggedOutMessage()));
    m_username.clear();
}

void CredentialsClient::resumeSession(const QString& username, QByteArray refreshToken) {
    endSession(ApiError::make(ApiError::Kind::Unauthorized, otherUserMessage()));
    m_username = username;
    m_refreshToken = std::move(refreshToken);
}

// ---- §1 Authentication -----------------------------------------------------------------------

void CredentialsClient::login(const QString& username, QString password, Callback<Session> done) {
    QByteArray body =
        jsonBody({{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
    crypto::wipe(password);
    submit("POST", "/users/login/", std::move(body), false, nullptr,
           [this, username, done = std::move(done)](const api::ApiResponse& response,
                                                    const ApiError& error) {
               if (error.isError()) {
                   if (done)
                       done(failure<Session>(error));
                   return;
               }
               const QJsonObject answer = response.object();
               QString access = answer.value(QStringLiteral("access_token")).toString();
               QString refresh = answer.value(QStringLiteral("refresh_token")).toString();
               if (access.isEmpty()) {
                   crypto::wipe(refresh);
                   if (done)
                       done(failure<Session>(ApiError::unexpectedBody(response.status)));
                   return;
               }
               const QJsonObject user = answer.value(QStringLiteral("user")).toObject();
               QString name = user.value(QStringLiteral("username")).toString();
               storeSession(name.isEmpty() ? username : name, access.toUtf8(), refresh.toUtf8());
               crypto::wipe(access);
               crypto::wipe(refresh);
               m_userId = positiveId(user.value(QStringLiteral("id")));
               const QJsonValue superuser = user.value(QStringLiteral("is_superuser"));
               m_isSuperuser =
                   superuser.isBool() ? std::optional<bool>(superuser.toBool()) : std::nullopt;
               const QJsonValue expiresIn = answer.value(QStringLiteral("expires_in"));
               m_expiresInSecs =
                   expiresIn.isDouble() ? std::optional<int>(expiresIn.toInt()) : std::nullopt;
               qCInfo(lcClient) << "logged in";
               if (done)
                   done(success(session()));
           });
}

void CredentialsClient::logout(Callback<QString> done) {
    workStarted();
    auto state = std::make_shared<LogoutState>();
    state->accessToken = m_accessToken;
    state->refreshToken = m_refreshToken;
    state->done = std::move(done);
    endSession(ApiError::make(ApiError::Kind::Unauthorized, loggedOutMessage()));
    m_username.clear();
    qCInfo(lcClient) << "logged out";
    if (state->refreshToken.isEmpty() || !m_capabilities.logout) {
        QMetaObject::invokeMethod(
            this, [this, state] { finishLogout(state, success(QStringLiteral("Logged out."))); },
            Qt::QueuedConnection);
        return;
    }
    logoutStep(state, true);
}

void CredentialsClient::logoutStep(const std::shared_ptr<LogoutState>& state, bool mayRefresh) {
    api::ApiRequest request;
    request.method = "POST";
    request.target = kLogoutPath;
    request.body =
        jsonBody({{QStringLiteral("refresh_token"), QString::fromLatin1(state->refreshToken)}});
    transmit(
        std::move(request), state->accessToken,
        [this, state, mayRefresh](const TransportResult& result) {
            const QString loggedOut = QStringLiteral("Logged out.");
            if (isSuccess(result)) {
                finishLogout(state, success(*messageFrom(result.response, loggedOut)));
            } else if (isMissingRoute(result)) {
                markMissing(&Capabilities::logout);
                finishLogout(state, success(loggedOut));
            } else if (result.ok() && result.response.status == 401 && mayRefresh &&
                       m_capabilities.refresh) {
                // The access token has expired: get one more to revoke the refresh token with.
                api::ApiRequest refresh;
                refresh.method = "POST";
                refresh.target = kRefreshPath;
                refresh.body = jsonBody(
                    {{QStringLiteral("refresh_token"), QString::fromLatin1(state->refreshToken)}});
                transmit(
                    std::move(refresh), {}, [this, state, loggedOut](const TransportResult& r) {
                        const QString access = r.ok() ? r.response.object()
                                                            .value(QStringLiteral("access_token"))
                                                            .toString()
                                                      : QString();
                        if (isSuccess(r) && !access.isEmpty()) {
                            crypto::wipe(state->accessToken);
                            state->accessToken = access.toUtf8();
                            logoutStep(state, false);
                        } else if (isMissingRoute(r)) {
                            markMissing(&Capabilities::refresh);
                            finishLogout(state, success(loggedOut));
                        } else if (r.ok()) { // refused: the refresh token is no longer good anyway
                            finishLogout(state, success(loggedOut));
                        } else {
                            finishLogout(state, failure<QString>(ApiError::fromTransport(r)));
                        }
                    });
            } else if (result.ok() && result.response.status == 401) {
                // The server no longer accepts this session: there is nothing left to revoke.
                finishLogout(state, success(loggedOut));
            } else {
                finishLogout(state, failure<QString>(ApiError::fromTransport(result)));
            }
        });
}

void CredentialsClient::finishLogout(const std::shared_ptr<LogoutState>& state,
                                     Result<QString> result) {
    if (state->done)
        state->done(std::move(result));
    workFinished();
}

void CredentialsClient::me(Callback<Account> done) {
    submit("GET", "/users/me/", {}, true, &Capabilities::me,
           typed<Account>(std::move(done), [this](const api::ApiResponse& response) {
               const QJsonObject object = response.object();
               const auto id = positiveId(object.value(QStringLiteral("id")));
               const QString username = object.value(QStringLiteral("username")).toString();
               if (!id || username.isEmpty())
                   return std::optional<Account>();
               Account account;
               account.id = *id;
               account.username = username;
               account.isSuperuser = object.value(QStringLiteral("is_superuser")).toBool();
               account.isActive = object.value(QStringLiteral("is_active")).toBool(true);
               account.dateJoined = timestamp(object.value(QStringLiteral("date_joined")));
               const QDateTime lastLogin = timestamp(object.value(QStringLiteral("last_login")));
               if (lastLogin.isValid())
                   account.lastLogin = lastLogin;
               if (hasSession() && account.username == m_username) {
                   m_userId = account.id;
                   m_isSuperuser = account.isSuperuser;
               }
               return std::optional<Account>(account);
           }));
}

void CredentialsClient::changePassword(QString oldPassword, QString newPassword,
                                       Callback<QString> done) {
    QByteArray body = jsonBody({{QStringLiteral("old_password"), oldPassword},
                                {QStringLiteral("new_password"), newPassword}});
    crypto::wipe(oldPassword);
    const crypto::Secret replacement = crypto::Secret::fromUtf8(newPassword);
    crypto::wipe(newPassword);
    submit("POST", "/users/change-password/", std::move(body), true, &Capabilities::changePassword,
           [this, replacement, done = std::move(done)](const api::ApiResponse& response,
                                                       const ApiError& error) {
               if (error.isError()) {
                   if (done)
                       done(failure<QString>(error));
                   return;
               }
               const QString message =
                   *messageFrom(response, QStringLiteral("Password changed successfully"));
               if (!hasSession()) {
                   if (done)
                       done(success(message));
                   return;
               }
               // The server has ended every session of this user: start a new one.
               QByteArray password = replacement.reveal();
               login(m_username, QString::fromUtf8(password),
                     [this, message, done](const Result<Session>& relogin) {
                         if (!relogin.ok())
                             expireSession(relogin.error);
                         if (done)
                             done(success(message));
                     });
               crypto::wipe(password);
           });
}

void CredentialsClient::verifyPassword(QString password, Callback<bool> done) {
    QByteArray body = jsonBody({{QStringLiteral("password"), password}});
    crypto::wipe(password);
    submit("POST", "/users/verify-password/", std::move(body), true, &Capabilities::verifyPassword,
           typed<bool>(std::move(done), isValidFrom));
}

void CredentialsClient::providers(Callback<QList<Provider>> done) {
    submit("GET", "/providers/", {}, false, &Capabilities::providers,
           [done = std::move(done)](const api::ApiResponse& response, const ApiError& error) {
               if (error.kind == ApiError::Kind::NotFound) { // a server without /providers/
                   if (done)
                       done(success(builtInProviders()));
                   return;
               }
               typed<QList<Provider>>(done, providersFrom)(response, error);
           });
}

// ---- §2 Payment credentials ------------------------------------------------------------------

void CredentialsClient::listCredentials(Callback<QList<Credential>> done) {
    submit("GET", "/payments/credentials/", {}, true, nullptr,
           typed<QList<Credential>>(std::move(done), credentialsFrom));
}

void CredentialsClient::credential(qint64 id, Callback<Credential> done) {
    submit("GET", credentialPath(id), {}, true, nullptr,
           typed<Credential>(std::move(done), [](const api::ApiResponse& response) {
               return credentialFrom(response.object());
           }));
}

void CredentialsClient::credentialForProvider(const QString& provider, Callback<Credential> done) {
    submit("GET", "/payments/credentials/provider/" + QUrl::toPercentEncoding(provider) + '/', {},
           true, nullptr, typed<Credential>(std::move(done), [](const api::ApiResponse& response) {
               return credentialFrom(response.object());
           }));
}

void CredentialsClient::createCredential(NewCredential credential, Callback<Credential> done) {
    QJsonObject body{{QStringLiteral("provider"), credential.provider},
                     {QStringLiteral("api_key"), credential.apiKey},
                     {QStringLiteral("private_key"), credential.privateKey}};
    if (!credential.environment.isEmpty())
        body.insert(QStringLiteral("environment"), credential.environment);
    crypto::wipe(credential.apiKey);
    crypto::wipe(credential.privateKey);
    submit("POST", "/payments/credentials/", jsonBody(body), true, nullptr,
           typed<Credential>(std::move(done), [](const api::ApiResponse& response) {
               return credentialFrom(response.object());
           }));
}

void CredentialsClient::updateCredential(qint64 id, Change change, Callback<Credential> done) {
    QJsonObject body;
    if (change.apiKey) {
        body.insert(QStringLiteral("api_key"), *change.apiKey);
        crypto::wipe(*change.apiKey);
    }
    if (change.environment)
        body.insert(QStringLiteral("environment"), *change.environment);
    if (change.isActive)
        body.insert(QStringLiteral("is_active"), *change.isActive);
    submit("PUT", credentialPath(id), jsonBody(body), true, nullptr,
           typed<Credential>(std::move(done), [](const api::ApiResponse& response) {
               return credentialFrom(response.object());
           }));
}

void CredentialsClient::replacePrivateKey(qint64 id, QString privateKey,
                                          Callback<Credential> done) {
    QByteArray body = jsonBody({{QStringLiteral("private_key"), privateKey}});
    crypto::wipe(privateKey);
    submit("POST", credentialPath(id, "update-private-key"), std::move(body), true, nullptr,
           typed<Credential>(std::move(done), [](const api::ApiResponse& response) {
               return credentialFrom(response.object().value(QStringLiteral("credentials")));
           }));
}

void CredentialsClient::revealPrivateKey(qint64 id, Callback<RevealedKey> done) {
    submit("GET", credentialPath(id, "get-private-key"), {}, true, nullptr,
           typed<RevealedKey>(std::move(done), [id](const api::ApiResponse& response) {
               const QJsonObject object = response.object();
               const QJsonValue key = object.value(QStringLiteral("private_key"));
               if (!key.isString())
                   return std::optional<RevealedKey>();
               RevealedKey revealed;
               revealed.credentialId =
                   positiveId(object.value(QStringLiteral("credentials_id"))).value_or(id);
               revealed.provider = object.value(QStringLiteral("provider")).toString();
               revealed.providerDisplay =
                   object.value(QStringLiteral("provider_display")).toString(revealed.provider);
               QString text = key.toString();
               revealed.privateKey = crypto::Secret::fromUtf8(text);
               crypto::wipe(text);
               const QJsonValue apiKey = object.value(QStringLiteral("api_key"));
               if (apiKey.isString())
                   revealed.apiKey = apiKey.toString();
               return std::optional<RevealedKey>(std::move(revealed));
           }));
}

void CredentialsClient::verifyPrivateKey(qint64 id, QString privateKey, Callback<bool> done) {
    QByteArray body = jsonBody({{QStringLiteral("private_key"), privateKey}});
    crypto::wipe(privateKey);
    submit("POST", credentialPath(id, "verify"), std::move(body), true, nullptr,
           typed<bool>(std::move(done), isValidFrom));
}

void CredentialsClient::toggleStatus(qint64 id, Callback<Credential> done) {
    submit("POST", credentialPath(id, "toggle-status"), {}, true, nullptr,
           typed<Credential>(std::move(done), [](const api::ApiResponse& response) {
               return credentialFrom(response.object().value(QStringLiteral("credentials")));
           }));
}

void CredentialsClient::deleteCredential(qint64 id, Callback<QString> done) {
    submit("DELETE", credentialPath(id), {}, true, nullptr,
           typed<QString>(std::move(done), [](const api::ApiResponse& response) {
               return messageFrom(response, QStringLiteral("The credentials were deleted."));
           }));
}

// ---- The pipeline ----------------------------------------------------------------------------

void CredentialsClient::submit(const QByteArray& method, const QByteArray& path, QByteArray body,
                               bool authenticated, Capability capability, Handler handler) {
    auto call = std::make_shared<Call>();
    call->request.method = method;
    call->request.target = path;
    call->request.body = std::move(body);
    call->authenticated = authenticated;
    call->capability = capability;
    call->handler = std::move(handler);
    workStarted();
    start(call);
}

void CredentialsClient::start(const CallPtr& call) {
    if (call->capability && !(m_capabilities.*(call->capability))) {
        finishLater(call, ApiError::make(ApiError::Kind::NotFound, featureMissingMessage()));
        return;
    }
    if (call->authenticated) {
        call->generation = m_generation;
        // A refresh is under way, or a resumed session has no access token yet: wait for it.
        const bool resuming =
            m_accessToken.isEmpty() && !m_refreshToken.isEmpty() && m_capabilities.refresh;
        if (m_refreshing || resuming) {
            call->replayed = true;
            m_waiting.append(call);
            if (!m_refreshing)
                startRefresh();
            return;
        }
    }
    send(call);
}

void CredentialsClient::send(const CallPtr& call) {
    call->accessSerial = m_accessSerial;
    transmit(call->request, call->authenticated ? m_accessToken : QByteArray(),
             [this, call](const TransportResult& result) { received(call, result); });
}

void CredentialsClient::transmit(api::ApiRequest request, const QByteArray& accessToken,
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
        QPointer<CredentialsClient> self(this);
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

void CredentialsClient::received(const CallPtr& call, const TransportResult& result) {
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

void CredentialsClient::unauthorized(const CallPtr& call, const TransportResult& result) {
    const ApiError error = ApiError::fromTransport(result);
    if (call->generation != m_generation || !hasSession()) {
        // Not logged in, or the session this call was made in is over: nothing to refresh.
        finish(call, result.response, error);
        return;
    }
    if (!call->replayed) {
        if (call->accessSerial != m_accessSerial && !m_refreshing && !m_accessToken.isEmpty()) {
            // Sent with a token that has been replaced since: try once with the new one.
            call->replayed = true;
            send(call);
            return;
        }
        if (!m_refreshToken.isEmpty() && m_capabilities.refresh) {
            call->replayed = true;
            m_waiting.append(call);
            if (!m_refreshing)
                startRefresh();
            return;
        }
    }
    expireSession(error);
    finish(call, result.response, expiredError(error));
}

void CredentialsClient::finish(const CallPtr& call, const api::ApiResponse& response,
                               const ApiError& error) {
    if (call->handler)
        call->handler(response, error);
    workFinished();
}

void CredentialsClient::finishLater(const CallPtr& call, const ApiError& error) {
    QMetaObject::invokeMethod(
        this, [this, call, error] { finish(call, {}, error); }, Qt::QueuedConnection);
}

// ---- The session -----------------------------------------------------------------------------

void CredentialsClient::startRefresh() {
    m_refreshing = true;
    const quint64 serial = m_refreshSerial;
    api::ApiRequest request;
    request.method = "POST";
    request.target = kRefreshPath;
    request.body =
        jsonBody({{QStringLiteral("refresh_token"), QString::fromLatin1(m_refreshToken)}});
    qCInfo(lcClient) << "refreshing the access token";
    transmit(std::move(request), {},
             [this, serial](const TransportResult& result) { refreshed(serial, result); });
}

void CredentialsClient::refreshed(quint64 refreshSerial, const TransportResult& result) {
    // The refresh token changed meanwhile (login, logout): whoever changed it has dealt with
    // the waiting calls, and this answer is about a token that is gone.
    if (refreshSerial != m_refreshSerial)
        return;
    m_refreshing = false;

    if (isSuccess(result)) {
        const QJsonObject answer = result.response.object();
        QString access = answer.value(QStringLiteral("access_token")).toString();
        if (!access.isEmpty()) {
            crypto::wipe(m_accessToken);
            m_accessToken = access.toUtf8();
            crypto::wipe(access);
            ++m_accessSerial;
            const QJsonValue expiresIn = answer.value(QStringLiteral("expires_in"));
            if (expiresIn.isDouble())
                m_expiresInSecs = expiresIn.toInt();
            qCInfo(lcClient) << "access token refreshed";
            replayWaiting();
            return;
        }
    }
    if (isMissingRoute(result))
        markMissing(&Capabilities::refresh);

    const int status = result.ok() ? result.response.status : 0;
    if (isMissingRoute(result) || status == 400 || status == 401 || status == 403 ||
        status == 404) {
        qCInfo(lcClient) << "the refresh token was refused (HTTP" << status << ")";
        expireSession(ApiError::fromTransport(result));
        return;
    }
    // No answer, a server error, or a success without a token: the session may still be good.
    const ApiError error =
        isSuccess(result) ? ApiError::unexpectedBody(status) : ApiError::fromTransport(result);
    const QList<CallPtr> waiting = std::exchange(m_waiting, {});
    for (const CallPtr& call : waiting)
        finish(call, {}, error);
}

void CredentialsClient::replayWaiting() {
    const QList<CallPtr> waiting = std::exchange(m_waiting, {});
    for (const CallPtr& call : waiting)
        send(call);
}

void CredentialsClient::expireSession(const ApiError& cause) {
    const bool hadSession = hasSession();
    endSession(expiredError(cause));
    if (hadSession) {
        qCInfo(lcClient) << "the session has expired";
        emit sessionExpired();
    }
}

void CredentialsClient::endSession(const ApiError& reason) {
    crypto::wipe(m_accessToken);
    crypto::wipe(m_refreshToken);
    m_userId.reset();
    m_isSuperuser.reset();
    m_expiresInSecs.reset();
    ++m_generation;
    ++m_accessSerial;
    ++m_refreshSerial;
    m_refreshing = false;
    const QList<CallPtr> waiting = std::exchange(m_waiting, {});
    for (const CallPtr& call : waiting)
        finishLater(call, reason);
}

void CredentialsClient::storeSession(const QString& username, QByteArray accessToken,
                                     QByteArray refreshToken) {
    const bool sameUser = hasSession() && username == m_username;
    if (!sameUser)
        endSession(ApiError::make(ApiError::Kind::Unauthorized, otherUserMessage()));
    crypto::wipe(m_accessToken);
    crypto::wipe(m_refreshToken);
    m_username = username;
    m_accessToken = std::move(accessToken);
    m_refreshToken = std::move(refreshToken);
    ++m_accessSerial;
    ++m_refreshSerial;
    if (m_refreshing) { // that refresh used the old refresh token: the new access token will do
        m_refreshing = false;
        replayWaiting();
    }
}

void CredentialsClient::markMissing(Capability capability) {
    if (!(m_capabilities.*capability))
        return;
    m_capabilities.*capability = false;
    qCInfo(lcClient) << "the server lacks an optional endpoint; its feature is hidden";
    emit capabilitiesChanged();
}

void CredentialsClient::workStarted() {
    if (++m_pending == 1)
        emit busyChanged(true);
}

void CredentialsClient::workFinished() {
    if (--m_pending == 0)
        emit busyChanged(false);
}

} // namespace paycred::client
