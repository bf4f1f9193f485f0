#include "core/client/credentialsclient.h"

#include "core/client/apijson.h"
#include "core/service/provider.h"
#include "core/service/providerchecker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QUrl>

#include <utility>

namespace paycred::client {

namespace {

using apijson::oneCredential;
using apijson::positiveId;
using apijson::timestamp;
using Request = Session::Request;

QByteArray credentialPath(qint64 id, const char* action = nullptr) {
    QByteArray path = "/payments/credentials/" + QByteArray::number(id) + '/';
    if (action)
        path += QByteArray(action) + '/';
    return path;
}

// A change to one credential, conditional on `ifMatch` when there is one.
Request conditional(const QByteArray& method, const QByteArray& path, const QByteArray& ifMatch) {
    Request request(method, path);
    if (!ifMatch.isEmpty())
        request.header("If-Match", ifMatch);
    return request;
}

std::optional<QList<Credential>> credentialsFrom(const api::ApiResponse& response) {
    const QJsonDocument document = response.document();
    if (!document.isArray())
        return std::nullopt;
    const QJsonArray array = document.array();
    QList<Credential> credentials;
    for (const auto& item : array) {
        auto credential = apijson::credential(item);
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
        providers.append({id, object.value(QStringLiteral("display_name"))
                                  .toString(service::Provider::displayNameOf(id))});
    }
    return providers;
}

std::optional<CredentialsClient::Account> accountFrom(const api::ApiResponse& response) {
    const QJsonObject object = response.object();
    const auto id = positiveId(object.value(QStringLiteral("id")));
    const QString username = object.value(QStringLiteral("username")).toString();
    if (!id || username.isEmpty())
        return std::nullopt;
    CredentialsClient::Account account;
    account.id = *id;
    account.username = username;
    account.isSuperuser = object.value(QStringLiteral("is_superuser")).toBool();
    account.isActive = object.value(QStringLiteral("is_active")).toBool(true);
    account.dateJoined = timestamp(object.value(QStringLiteral("date_joined")));
    const QDateTime lastLogin = timestamp(object.value(QStringLiteral("last_login")));
    if (lastLogin.isValid())
        account.lastLogin = lastLogin;
    return account;
}

std::optional<CredentialsClient::RevealedKey> revealedFrom(const api::ApiResponse& response,
                                                           qint64 id) {
    const QJsonObject object = response.object();
    const QJsonValue key = object.value(QStringLiteral("private_key"));
    if (!key.isString())
        return std::nullopt;
    CredentialsClient::RevealedKey revealed;
    revealed.credentialId = positiveId(object.value(QStringLiteral("credentials_id"))).value_or(id);
    revealed.provider = object.value(QStringLiteral("provider")).toString();
    revealed.providerDisplay = object.value(QStringLiteral("provider_display"))
                                   .toString(service::Provider::displayNameOf(revealed.provider));
    QString text = key.toString();
    revealed.privateKey = crypto::Secret::fromUtf8(text);
    crypto::wipe(text);
    const QJsonValue apiKey = object.value(QStringLiteral("api_key"));
    if (apiKey.isString())
        revealed.apiKey = apiKey.toString();
    return revealed;
}

std::optional<bool> isValidFrom(const api::ApiResponse& response) {
    const QJsonValue valid = response.object().value(QStringLiteral("is_valid"));
    return valid.isBool() ? std::optional<bool>(valid.toBool()) : std::nullopt;
}

QString messageFrom(const api::ApiResponse& response, const QString& fallback) {
    return response.object().value(QStringLiteral("message")).toString(fallback);
}

// A call whose answer is its message, `fallback` when it has none.
Session::Handler message(Callback<QString> done, const QString& fallback) {
    return Session::typed<QString>(std::move(done), [fallback](const api::ApiResponse& response) {
        return std::optional<QString>(messageFrom(response, fallback));
    });
}

std::optional<CredentialsClient::ProviderCheck> checkFrom(const QJsonValue& value) {
    using Check = CredentialsClient::ProviderCheck;
    const QJsonObject object = value.toObject();
    const auto id = positiveId(object.value(QStringLiteral("credentials_id")));
    const QJsonValue result = object.value(QStringLiteral("result"));
    const QDateTime checkedAt = timestamp(object.value(QStringLiteral("checked_at")));
    if (!id || !result.isString() || !checkedAt.isValid())
        return std::nullopt;
    Check check;
    check.credentialId = *id;
    check.provider = object.value(QStringLiteral("provider")).toString();
    check.environment = object.value(QStringLiteral("environment")).toString();
    // Spelt as the service spells them; an unknown one is taken as "could not be asked".
    switch (service::ProviderChecker::resultNamed(result.toString())) {
    case service::ProviderChecker::Result::Valid:
        check.result = Check::Result::Valid;
        break;
    case service::ProviderChecker::Result::Rejected:
        check.result = Check::Result::Rejected;
        break;
    case service::ProviderChecker::Result::NotCheckable:
        check.result = Check::Result::NotCheckable;
        break;
    case service::ProviderChecker::Result::Unreachable:
        check.result = Check::Result::Unreachable;
        break;
    }
    check.message = object.value(QStringLiteral("message")).toString();
    check.checkedAt = checkedAt;
    return check;
}

std::optional<QList<CredentialsClient::ProviderCheck>>
checksFrom(const api::ApiResponse& response) {
    const QJsonDocument document = response.document();
    if (!document.isArray())
        return std::nullopt;
    QList<CredentialsClient::ProviderCheck> checks;
    for (const auto& item : document.array()) {
        auto check = checkFrom(item);
        if (!check)
            return std::nullopt;
        checks.append(std::move(*check));
    }
    return checks;
}

} // namespace

QString CredentialsClient::contradictedEnvironment(const QString& provider, QStringView apiKey,
                                                   QStringView privateKey,
                                                   const QString& environment) {
    const service::Provider* entry = service::Provider::find(provider);
    return entry ? entry->contradictedEnvironment(apiKey, privateKey, environment) : QString();
}

CredentialsClient::CredentialsClient(Session& session, QObject* parent)
    : QObject(parent)
    , m_session(session) {}

QList<CredentialsClient::Provider> CredentialsClient::builtInProviders() {
    QList<Provider> providers;
    for (const service::Provider& provider : service::Provider::all())
        providers.append({provider.id, provider.displayName});
    return providers;
}

void CredentialsClient::submit(Session::Request request, Session::Handler handler) {
    m_session.send(std::move(request), this, std::move(handler));
}

// ---- §1 Authentication -----------------------------------------------------------------------

void CredentialsClient::me(Callback<Account> done) {
    submit(Request("GET", extension::MePath).extension(&Capabilities::me),
           Session::typed<Account>(std::move(done), [this](const api::ApiResponse& response) {
               std::optional<Account> account = accountFrom(response);
               if (account)
                   m_session.updateIdentity({account->username, account->id, account->isSuperuser});
               return account;
           }));
}

void CredentialsClient::changePassword(QString oldPassword, QString newPassword,
                                       Callback<QString> done) {
    Request request("POST", extension::ChangePasswordPath);
    request.extension(&Capabilities::changePassword)
        .json({{QStringLiteral("old_password"), oldPassword},
               {QStringLiteral("new_password"), newPassword}});
    crypto::wipe(oldPassword);
    const crypto::Secret replacement = crypto::Secret::fromUtf8(newPassword);
    crypto::wipe(newPassword);
    submit(std::move(request), [this, replacement, done = std::move(done)](
                                   const api::ApiResponse& response, const ApiError& error) {
        if (error.isError()) {
            if (done)
                done(Result<QString>::failure(error));
            return;
        }
        const QString text = messageFrom(response, QStringLiteral("Password changed successfully"));
        if (!m_session.isActive()) {
            if (done)
                done(Result<QString>::success(text));
            return;
        }
        // The server has ended every session of this user: the session starts a new one.
        QByteArray password = replacement.reveal();
        m_session.renew(QString::fromUtf8(password),
                        [self = QPointer<CredentialsClient>(this), text,
                         done](const Result<Session::Identity>&) {
                            if (self && done)
                                done(Result<QString>::success(text));
                        });
        crypto::wipe(password);
    });
}

void CredentialsClient::verifyPassword(QString password, Callback<bool> done) {
    Request request("POST", extension::VerifyPasswordPath);
    request.extension(&Capabilities::verifyPassword).json({{QStringLiteral("password"), password}});
    crypto::wipe(password);
    submit(std::move(request), Session::typed<bool>(std::move(done), isValidFrom));
}

void CredentialsClient::providers(Callback<QList<Provider>> done) {
    submit(Request("GET", extension::ProvidersPath).anonymous().extension(&Capabilities::providers),
           [done = std::move(done)](const api::ApiResponse& response, const ApiError& error) {
               if (error.kind == ApiError::Kind::NotFound) { // a server without /providers/
                   if (done)
                       done(Result<QList<Provider>>::success(builtInProviders()));
                   return;
               }
               Session::typed<QList<Provider>>(done, providersFrom)(response, error);
           });
}

// ---- §2 Payment credentials ------------------------------------------------------------------

void CredentialsClient::listCredentials(Callback<QList<Credential>> done) {
    submit(Request("GET", "/payments/credentials/"),
           Session::typed<QList<Credential>>(std::move(done), credentialsFrom));
}

void CredentialsClient::credential(qint64 id, Callback<Credential> done) {
    submit(Request("GET", credentialPath(id)),
           Session::typed<Credential>(std::move(done), oneCredential));
}

void CredentialsClient::credentialForProvider(const QString& provider, Callback<Credential> done) {
    submit(
        Request("GET", "/payments/credentials/provider/" + QUrl::toPercentEncoding(provider) + '/'),
        Session::typed<Credential>(std::move(done), oneCredential));
}

void CredentialsClient::createCredential(NewCredential credential, Callback<Credential> done) {
    QJsonObject body{{QStringLiteral("provider"), credential.provider},
                     {QStringLiteral("api_key"), credential.apiKey},
                     {QStringLiteral("private_key"), credential.privateKey}};
    if (!credential.environment.isEmpty())
        body.insert(QStringLiteral("environment"), credential.environment);
    crypto::wipe(credential.apiKey);
    crypto::wipe(credential.privateKey);
    submit(Request("POST", "/payments/credentials/").json(body),
           Session::typed<Credential>(std::move(done), oneCredential));
}

void CredentialsClient::updateCredential(qint64 id, Change change, Callback<Credential> done,
                                         const QByteArray& ifMatch) {
    QJsonObject body;
    if (change.apiKey) {
        body.insert(QStringLiteral("api_key"), *change.apiKey);
        crypto::wipe(*change.apiKey);
    }
    if (change.environment)
        body.insert(QStringLiteral("environment"), *change.environment);
    if (change.isActive)
        body.insert(QStringLiteral("is_active"), *change.isActive);
    submit(conditional("PUT", credentialPath(id), ifMatch).json(body),
           Session::typed<Credential>(std::move(done), oneCredential));
}

void CredentialsClient::replacePrivateKey(qint64 id, QString privateKey, Callback<Credential> done,
                                          const QByteArray& ifMatch) {
    Request request = conditional("POST", credentialPath(id, "update-private-key"), ifMatch);
    request.json({{QStringLiteral("private_key"), privateKey}});
    crypto::wipe(privateKey);
    submit(std::move(request), Session::typed<Credential>(std::move(done), oneCredential));
}

void CredentialsClient::revealPrivateKey(qint64 id, Callback<RevealedKey> done) {
    submit(Request("GET", credentialPath(id, "get-private-key")),
           Session::typed<RevealedKey>(std::move(done), [id](const api::ApiResponse& response) {
               return revealedFrom(response, id);
           }));
}

void CredentialsClient::verifyPrivateKey(qint64 id, QString privateKey, Callback<bool> done) {
    Request request("POST", credentialPath(id, "verify"));
    request.json({{QStringLiteral("private_key"), privateKey}});
    crypto::wipe(privateKey);
    submit(std::move(request), Session::typed<bool>(std::move(done), isValidFrom));
}

void CredentialsClient::toggleStatus(qint64 id, Callback<Credential> done,
                                     const QByteArray& ifMatch) {
    submit(conditional("POST", credentialPath(id, "toggle-status"), ifMatch),
           Session::typed<Credential>(std::move(done), oneCredential));
}

void CredentialsClient::deleteCredential(qint64 id, Callback<QString> done,
                                         const QByteArray& ifMatch) {
    submit(conditional("DELETE", credentialPath(id), ifMatch),
           message(std::move(done), QStringLiteral("The credentials were deleted.")));
}

void CredentialsClient::checkWithProvider(qint64 id, Callback<ProviderCheck> done) {
    Request request("POST", credentialPath(id, "check"));
    request.extension(&Capabilities::providerChecks);
    submit(std::move(request),
           Session::typed<ProviderCheck>(std::move(done), [](const api::ApiResponse& response) {
               return checkFrom(response.document().object());
           }));
}

void CredentialsClient::providerChecks(qint64 id, Callback<QList<ProviderCheck>> done) {
    Request request("GET", credentialPath(id, "checks"));
    request.extension(&Capabilities::providerChecks);
    submit(std::move(request), Session::typed<QList<ProviderCheck>>(std::move(done), checksFrom));
}

} // namespace paycred::client
