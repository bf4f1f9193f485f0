#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace paycred::storage {
struct AuditRecord;
}

namespace paycred::service {

// AuditEvent: what the API may say about one audit event (API.md §3) — who, what, which
// credential in which environment, how it ended and from where. Its seal (key id, mac) is the
// chain's business.
struct AuditEvent {
    qint64 id = 0;
    QDateTime at;
    std::optional<qint64> actorId;
    QString actorUsername; // the event's own copy: a deleted user's name stays
    QString action;
    std::optional<qint64> credentialId;
    QString provider;
    QString environment; // "live" | "sandbox" | "" (no credential)
    QString outcome;     // "ok" | "denied" | "failed"
    QString remoteAddr;
    QString detail;

    static AuditEvent from(const storage::AuditRecord& row);
};

} // namespace paycred::service
