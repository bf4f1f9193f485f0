#pragma once

#include "core/service/actor.h"
#include "core/service/auditaction.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace paycred {
class Clock;
}

namespace paycred::service {

class AuditChain;
struct Credential;

// AuditLog: writes who did what to which credential, and how it ended, as the next link of the
// AuditChain. Never a secret, never what an unknown user typed as a username.
class AuditLog {
public:
    enum class Outcome { Ok, Denied, Failed };

    struct Entry {
        Entry(AuditAction action, Outcome outcome = Outcome::Ok,
              std::optional<qint64> credentialId = std::nullopt, QString provider = {},
              QString detail = {}, QString environment = {})
            : action(action)
            , outcome(outcome)
            , credentialId(credentialId)
            , provider(std::move(provider))
            , detail(std::move(detail))
            , environment(std::move(environment)) {}
        // An event about `credential`: its id, provider and environment.
        static Entry about(AuditAction action, const Credential& credential,
                           Outcome outcome = Outcome::Ok, QString detail = {});

        AuditAction action;
        Outcome outcome = Outcome::Ok;
        std::optional<qint64> credentialId;
        QString provider;
        QString detail;
        QString environment; // of the credential it touched: "live", "sandbox", or empty
    };

    AuditLog(const AuditChain& chain, const Clock& clock)
        : m_chain(chain)
        , m_clock(clock) {}

    // Writes the event; inside a transaction, as part of it. False when it could not be written
    // (logged): a change it records should then roll back with it.
    bool record(const Actor& actor, const Entry& entry) const;
    // For events without an authenticated user (a failed login of an unknown user).
    bool recordAnonymous(const QString& remoteAddr, const Entry& entry) const;

    static QString outcomeName(Outcome outcome);
    // "ok", "denied", "failed".
    static const QStringList& outcomeNames();
    // The actor of events the system itself causes (a key rotation, the command line).
    static Actor system();

private:
    const AuditChain& m_chain;
    const Clock& m_clock;
};

} // namespace paycred::service
