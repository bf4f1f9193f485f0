#include "core/storage/vaultmetarepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlsupport.h"

namespace paycred::storage {

std::optional<QString> VaultMetaRepository::value(const QString& name) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("SELECT value FROM vault_meta WHERE name = :name"),
                         "prepare a vault metadata lookup"))
        return std::nullopt;
    query.bindValue(QStringLiteral(":name"), name);
    if (!detail::exec(query, "read vault metadata") || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

bool VaultMetaRepository::setValue(const QString& name, const QString& value) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("INSERT INTO vault_meta (name, value) VALUES (:name, "
                                        ":value) ON CONFLICT (name) DO UPDATE SET value = "
                                        "excluded.value"),
                         "prepare a vault metadata write"))
        return false;
    query.bindValue(QStringLiteral(":name"), name);
    query.bindValue(QStringLiteral(":value"), value);
    return detail::exec(query, "write vault metadata");
}

bool VaultMetaRepository::remove(const QString& name) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("DELETE FROM vault_meta WHERE name = :name"),
                         "prepare a vault metadata removal"))
        return false;
    query.bindValue(QStringLiteral(":name"), name);
    return detail::exec(query, "remove vault metadata");
}

} // namespace paycred::storage
