#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace paycred::vault {
class KeychainStore;
class RememberedUnlock;
} // namespace paycred::vault

namespace paycred::ui {

struct AppContext;
class Connection;

// RememberedLogin: "Remember me" through the system keychain. A server login keeps its refresh
// token (key "server:<url>:<username>"); a vault keeps only the secret of an expiring
// remembered slot in the vault file, never its master key (vault::RememberedUnlock). Restoring
// resumes the session and checks it with one call before saying yes. A keychain that is missing,
// locked or slow is never an error the user must handle: every failure ends in "sign in with your
// password" and a sentence saying why.
class RememberedLogin : public QObject {
    Q_OBJECT
public:
    explicit RememberedLogin(AppContext& context, QObject* parent = nullptr);
    ~RememberedLogin() override;

    // Right after a successful login on `connection`: keeps what resumes it. `done` gets an empty
    // message on success, otherwise a sentence for the status bar.
    void remember(Connection& connection, const QString& username,
                  std::function<void(QString message)> done);
    // At start: resumes `username`'s session on `connection` (a vault connection is opened at the
    // preferences' vault path first, when it is not open yet). ok: the connection has a working
    // session. Otherwise `message` says why (empty when there is nothing worth saying).
    void restore(Connection& connection, const QString& username,
                 std::function<void(bool ok, QString message)> done);
    // Removes what remember() kept (log-out, password change, "Remember me" unticked). `done`,
    // when given, gets an empty message once it is gone, otherwise why it could not be removed.
    void forget(const Connection& connection, const QString& username,
                std::function<void(QString message)> done = {});

    // How long a keychain read may take before it counts as "not available" (10 s by default).
    void setKeychainTimeout(std::chrono::milliseconds timeout);

    // "server:<url>:<username>": the keychain key of a remembered server login.
    static QString serverKey(const QString& serverUrl, const QString& username);
    static QString unavailableMessage();

private:
    void restoreServer(Connection& connection, const QString& username,
                       std::function<void(bool, QString)> done);
    void restoreVault(Connection& connection, const QString& username,
                      std::function<void(bool, QString)> done);
    void resumeVault(Connection& connection, const QString& username,
                     std::function<void(bool, QString)> done);
    // ok; or not, and whether the server refused the session (rather than not answering).
    using SessionCheck = std::function<void(bool ok, bool rejected, QString message)>;
    void checkSession(Connection& connection, SessionCheck done);

    AppContext& m_context;
    vault::KeychainStore* m_store;
    vault::RememberedUnlock* m_unlock;
};

} // namespace paycred::ui
