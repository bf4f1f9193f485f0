#pragma once

#include "core/client/credential.h"
#include "core/client/result.h"
#include "core/client/session.h"
#include "core/crypto/secret.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringView>

#include <optional>

namespace paycred::client {

// CredentialsClient: API.md's account and credential endpoints as typed, asynchronous calls over
// a Session, for the UI.
//
// - Every call returns at once; its callback runs later on this object's thread, exactly once
//   (never from inside the call itself, never after the client or its session is destroyed).
// - The session sends them: the token, the shared refresh, sessionExpired(), capabilities() and
//   busyChanged() are the session's. Other typed clients (administration) may share it.
// - Against a server with the seed's endpoints only, providers() answers builtInProviders().
// - A call that changes one credential may carry the entity tag of the answer it was read from
//   (Credential::entityTag): it is sent as If-Match, and when the credential has changed since,
//   the call fails with ApiError::Kind::Changed and nothing is changed.
// Secrets passed in (passwords, keys) are taken by value and wiped after use: std::move them in.
class CredentialsClient : public QObject {
    Q_OBJECT
public:
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

    // One answer of a provider about a credential's keys (API.md §2 check, an extension).
    struct ProviderCheck {
        enum class Result { Valid, Rejected, Unreachable, NotCheckable };
        qint64 credentialId = 0;
        QString provider;
        QString environment;
        Result result = Result::Unreachable;
        QString message; // the server's sentence, in English
        QDateTime checkedAt;
    };

    // `session` is not owned and must outlive the client.
    explicit CredentialsClient(Session& session, QObject* parent = nullptr);

    Session& session() const { return m_session; }
    // What providers() answers without /providers/: the provider registry.
    static QList<Provider> builtInProviders();
    // The environment `apiKey` and `privateKey` of `provider` say they are for by their own text
    // (IntaSend's ISPubKey_live_…), when that is not `environment`; empty when they agree or say
    // nothing. The registry's rule, for a warning before the keys are saved.
    static QString contradictedEnvironment(const QString& provider, QStringView apiKey,
                                           QStringView privateKey, const QString& environment);

    // §1 Authentication (login and logout are the session's)
    void me(Callback<Account> done);
    // On success the session goes on: it logs in again with the new password (the server ends
    // every session of the user when the password changes).
    void changePassword(QString oldPassword, QString newPassword, Callback<QString> done);
    void verifyPassword(QString password, Callback<bool> done);
    void providers(Callback<QList<Provider>> done);

    // §2 Payment credentials. `ifMatch`: the entity tag the change is meant for (none: any).
    void listCredentials(Callback<QList<Credential>> done);
    void credential(qint64 id, Callback<Credential> done);
    void credentialForProvider(const QString& provider, Callback<Credential> done);
    void createCredential(NewCredential credential, Callback<Credential> done);
    void updateCredential(qint64 id, Change change, Callback<Credential> done,
                          const QByteArray& ifMatch = {});
    void replacePrivateKey(qint64 id, QString privateKey, Callback<Credential> done,
                           const QByteArray& ifMatch = {});
    void revealPrivateKey(qint64 id, Callback<RevealedKey> done);
    void verifyPrivateKey(qint64 id, QString privateKey, Callback<bool> done);
    void toggleStatus(qint64 id, Callback<Credential> done, const QByteArray& ifMatch = {});
    // The value is the server's message.
    void deleteCredential(qint64 id, Callback<QString> done, const QByteArray& ifMatch = {});
    // Asks the provider, from where the keys are, whether they work; the keys never come here.
    // Takes up to the server's time limit (seconds), never the caller's thread.
    void checkWithProvider(qint64 id, Callback<ProviderCheck> done);
    // The last checks of credential `id`, newest first.
    void providerChecks(qint64 id, Callback<QList<ProviderCheck>> done);

private:
    // Sends through the session; `handler` does not run once this client is gone.
    void submit(Session::Request request, Session::Handler handler);

    Session& m_session;
};

} // namespace paycred::client
