#pragma once

#include "core/client/credentialsclient.h"
#include "core/client/session.h"

#include <QList>
#include <QString>
#include <QTest>

#include <optional>

namespace paycred::test {

// OtherApp: another person's app on the same backend — a Session of its own (and a
// CredentialsClient on it) over a shared or separate transport — to sign in as the users a test
// made and see what the server now lets them do. Each call waits for its answer (20 s at most;
// then a Timeout error).
struct OtherApp {
    explicit OtherApp(client::Transport& transport)
        : session(transport) {}

    client::Session session;
    client::CredentialsClient client{session};

    client::Result<client::Session::Identity> login(const QString& username,
                                                    const QString& password) {
        return wait<client::Session::Identity>(
            [&](auto done) { session.login(username, password, std::move(done)); });
    }
    client::Result<QList<client::Credential>> list() {
        return wait<QList<client::Credential>>(
            [&](auto done) { client.listCredentials(std::move(done)); });
    }

    client::Result<client::Credential> create(client::CredentialsClient::NewCredential credential) {
        return wait<client::Credential>(
            [&](auto done) { client.createCredential(std::move(credential), std::move(done)); });
    }
    client::Result<client::CredentialsClient::RevealedKey> reveal(qint64 id) {
        return wait<client::CredentialsClient::RevealedKey>(
            [&](auto done) { client.revealPrivateKey(id, std::move(done)); });
    }
    client::Result<bool> verify(qint64 id, const QString& privateKey) {
        return wait<bool>(
            [&](auto done) { client.verifyPrivateKey(id, privateKey, std::move(done)); });
    }

private:
    template <typename T, typename Start> static client::Result<T> wait(Start start) {
        auto result = std::make_shared<std::optional<client::Result<T>>>();
        start(client::Callback<T>([result](client::Result<T> r) { *result = std::move(r); }));
        if (!QTest::qWaitFor([&] { return result->has_value(); }, 20000))
            return client::Result<T>::failure(client::ApiError::make(
                client::ApiError::Kind::Timeout, QStringLiteral("no answer came")));
        return std::move(**result);
    }
};

} // namespace paycred::test
