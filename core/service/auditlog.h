#pragma once

#include "core/service/actor.h"
#include "core/service/auditaction.h"

#include <QString>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred {
class Clock;
}

namespace paycred::service {

// AuditLog: writes who did what to which credential, and how it ended. Never a secret.
class AuditLog {
public:
    enum class Outcome { Ok, Denied, Failed };

    struct Entry {
        Entry(AuditAction action, Outcome outcome = Outcome::Ok,
              std::optional<qint64> credentialId = std::nullopt, QString provider = {},
              QString detail = {})
            : action(action)
            , outcome(outcome)
            , credentialId(credentialId)
            , provider(std::move(provider))
            , detail(std::move(detail)) {}

        AuditAction action;
        Outcome outcome = Outcome::Ok;
        std::optional<qint64> credentialId;
        QString provider;
        QString detail;
    };

    AuditLog(const storage::Database& db, const Clock& clock)
        : m_db(db)
        , m_clock(clock) {}

    // Writes the event; inside a transaction, as part of it. False when it could not be written
    // (logged): a change it records should then roll back with it.
    bool record(const Actor& actor, const Entry& entry) const;
    // For events without an authenticated user (a failed login names who was tried in detail).
    bool recordAnonymous(const QString& remoteAddr, const Entry& entry) const;

    static QString outcomeName(Outcome outcome);

private:
    const storage::Database& m_db;
    const Clock& m_clock;
};

} // namespace paycred::service
