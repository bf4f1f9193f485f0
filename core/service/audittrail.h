#pragma once

#include "core/service/auditevent.h"
#include "core/service/page.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::storage {
class Database;
}

namespace paycred::service {

// AuditTrail: the audit events for superusers (GET /admin/audit/), filtered, newest first
// unless asked otherwise, a page at a time. Read only: no event is ever changed or removed.
class AuditTrail {
public:
    explicit AuditTrail(const storage::Database& db)
        : m_db(db) {}

    // All set conditions hold at once; since <= at < until.
    struct Filter {
        std::optional<qint64> userId;
        std::optional<QString> action;
        std::optional<QString> outcome;
        std::optional<qint64> credentialId;
        std::optional<QString> environment;
        std::optional<QString> provider;
        std::optional<QDateTime> since;
        std::optional<QDateTime> until;
    };

    // The fields a page may be ordered by; without one, newest first (by id, descending).
    static const QStringList& orderings();
    // Counts the matches on the first page only (a later page has no count).
    Page<AuditEvent> list(const Filter& filter, const PageRequest& request) const;

private:
    const storage::Database& m_db;
};

} // namespace paycred::service
