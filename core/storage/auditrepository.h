#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// AuditRepository: the append-only audit_events table.
class AuditRepository {
public:
    explicit AuditRepository(const Database& db)
        : m_db(db) {}

    bool append(const AuditRecord& event) const;
    // Newest first; `limit` rows at most.
    QList<AuditRecord> latest(int limit) const;
    qint64 count() const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
