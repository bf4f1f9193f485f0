#include "core/storage/keyslotrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlsupport.h"

namespace paycred::storage {

namespace {
const QString SelectSlot = QStringLiteral(
    "SELECT user_id, kdf, cost, block_size, parallelism, salt, sealed_master_key, updated_at "
    "FROM key_slots");

KeySlotRecord slotFrom(const QSqlQuery& query) {
    KeySlotRecord slot;
    slot.userId = query.value(0).toLongLong();
    slot.kdf = query.value(1).toString();
    slot.cost = query.value(2).toULongLong();
    slot.blockSize = query.value(3).toUInt();
    slot.parallelism = query.value(4).toUInt();
    slot.salt = detail::bytesFrom(query.value(5));
    slot.sealedMasterKey = detail::bytesFrom(query.value(6));
    slot.updatedAt = detail::fromMsecs(query.value(7));
    return slot;
}
} // namespace

std::optional<KeySlotRecord> KeySlotRepository::find(qint64 userId) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, SelectSlot + QStringLiteral(" WHERE user_id = :userId"),
                        "prepare a key slot lookup");
    query.bindValue(QStringLiteral(":userId"), userId);
    detail::execRead(query, "look up a key slot");
    if (!query.next())
        return std::nullopt;
    return slotFrom(query);
}

QList<KeySlotRecord> KeySlotRepository::list() const {
    QList<KeySlotRecord> all;
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, SelectSlot + QStringLiteral(" ORDER BY user_id"),
                        "prepare the key slot list");
    detail::execRead(query, "list the key slots");
    while (query.next())
        all.append(slotFrom(query));
    return all;
}

bool KeySlotRepository::save(const KeySlotRecord& slot) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query,
            QStringLiteral(
                "INSERT INTO key_slots (user_id, kdf, cost, block_size, parallelism, salt, "
                "sealed_master_key, updated_at) VALUES (:userId, :kdf, :cost, :blockSize, "
                ":parallelism, :salt, :sealed, :updatedAt) ON CONFLICT (user_id) DO UPDATE SET "
                "kdf = excluded.kdf, cost = excluded.cost, block_size = excluded.block_size, "
                "parallelism = excluded.parallelism, salt = excluded.salt, "
                "sealed_master_key = excluded.sealed_master_key, updated_at = excluded.updated_at"),
            "prepare a key slot write"))
        return false;
    query.bindValue(QStringLiteral(":userId"), slot.userId);
    query.bindValue(QStringLiteral(":kdf"), slot.kdf);
    query.bindValue(QStringLiteral(":cost"), QVariant::fromValue<qint64>(qint64(slot.cost)));
    query.bindValue(QStringLiteral(":blockSize"), slot.blockSize);
    query.bindValue(QStringLiteral(":parallelism"), slot.parallelism);
    query.bindValue(QStringLiteral(":salt"), detail::text(slot.salt));
    query.bindValue(QStringLiteral(":sealed"), detail::text(slot.sealedMasterKey));
    query.bindValue(QStringLiteral(":updatedAt"), detail::msecs(slot.updatedAt));
    return detail::exec(query, "write a key slot");
}

bool KeySlotRepository::remove(qint64 userId) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("DELETE FROM key_slots WHERE user_id = :userId"),
                         "prepare a key slot removal"))
        return false;
    query.bindValue(QStringLiteral(":userId"), userId);
    return detail::exec(query, "remove a key slot");
}

} // namespace paycred::storage
