#pragma once

#include <QString>

#include <optional>

namespace paycred::storage {

class Database;

// VaultMetaRepository: the vault_meta table, named values that describe a vault.
class VaultMetaRepository {
public:
    explicit VaultMetaRepository(const Database& db)
        : m_db(db) {}

    std::optional<QString> value(const QString& name) const;
    bool setValue(const QString& name, const QString& value) const; // insert or replace
    bool remove(const QString& name) const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
