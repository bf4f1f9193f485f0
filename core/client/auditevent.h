#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::client {

// AuditEvent: one event of the audit log as API.md §3 lists it — who (the event's own copy of the
// actor, or nobody), what, which credential in which environment, how it ended and from where —
// read from and written back to the API's JSON, field for field, in one place.
struct AuditEvent {
    struct Actor {
        std::optional<qint64> id; // none: the system, or a user who was never one of the database
        QString username;
        friend bool operator==(const Actor&, const Actor&) = default;
    };

    qint64 id = 0;
    QDateTime at; // UTC
    std::optional<Actor> actor;
    QString action; // API.md §3's spelling ("private_key_revealed")
    std::optional<qint64> credentialId;
    QString provider;
    QString environment; // "live" | "sandbox" | "" (no credential)
    QString outcome;     // "ok" | "denied" | "failed"
    QString remoteAddr;
    QString detail;

    bool isLive() const { return environment == QLatin1String("live"); }

    // The event the API sent; nothing when it is not one.
    static std::optional<AuditEvent> fromJson(const QJsonObject& object);
    // The API's object for it (times in UTC, ISO 8601).
    QJsonObject toJson() const;

    // The event as flat text cells (the actor in two), in the order of fieldNames(): a table's
    // or a CSV file's row.
    QStringList cells() const;
    // "id", "at", "actor_id", "actor_username", "action", … (the API's names).
    static const QStringList& fieldNames();

    friend bool operator==(const AuditEvent&, const AuditEvent&) = default;
};

} // namespace paycred::client
