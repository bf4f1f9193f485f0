#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// KeySlotRepository: the vault's key_slots table, one slot per user.
class KeySlotRepository {
public:
    explicit KeySlotRepository(const Database& db)
        : m_db(db) {}

    std::optional<KeySlotRecord> find(qint64 userId) const;
    QList<KeySlotRecord> list() const;
    bool save(const KeySlotRecord& slot) const; // insert or replace
    bool remove(qint64 userId) const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
