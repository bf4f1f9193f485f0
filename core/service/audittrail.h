#pragma once

#include "core/service/auditevent.h"
#include "core/service/page.h"
#include "core/storage/auditrepository.h"

#include <QString>
#include <QStringList>

namespace paycred::service {

// AuditTrail: the audit events for superusers (GET /admin/audit/), filtered, newest first
// unless asked otherwise, a page at a time. Read only: no event is ever changed or removed.
class AuditTrail {
public:
    explicit AuditTrail(const storage::Database& db)
        : m_db(db) {}

    // The storage's own filter: all set conditions hold at once; since <= at < until.
    using Filter = storage::AuditFilter;

    // The fields a page may be ordered by; without one, newest first (by id, descending).
    static const QStringList& orderings();
    // Counts the matches on the first page only (a later page has no count).
    Page<AuditEvent> list(const Filter& filter, const PageRequest& request) const;

private:
    const storage::Database& m_db;
};

} // namespace paycred::service
