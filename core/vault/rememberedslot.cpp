#include "core/vault/rememberedslot.h"

#include "core/crypto/aesgcm.h"
#include "core/crypto/digest.h"
#include "core/storage/database.h"
#include "core/storage/vaultmetarepository.h"
#include "core/vault/vaultmeta.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace paycred::vault {

namespace {

constexpr int SaltBytes = 16;
constexpr int Version = 1;

// The vault id is a UUID and the numbers are digits: with the username last, no two bindings
// make the same text.
QByteArray associatedData(const QString& vaultId, qint64 userId, qint64 expiresAt,
                          const QString& username) {
    return QStringLiteral("paycred-vault/%1/remembered/%2/%3/%4")
        .arg(vaultId)
        .arg(userId)
        .arg(expiresAt)
        .arg(username)
        .toUtf8();
}

crypto::Secret slotKey(const crypto::Secret& secret, const QByteArray& salt) {
    QByteArray key = crypto::Digest::hkdfSha256(
        secret.view(), salt, "paycred-vault/remembered-slot/v1", crypto::AesGcm::KeyBytes);
    crypto::Secret out(key);
    crypto::wipe(key);
    return out;
}

QJsonObject slotsIn(const storage::Database& db) {
    const auto text = storage::VaultMetaRepository(db).value(VaultMeta::rememberedSlots());
    return text ? QJsonDocument::fromJson(text->toUtf8()).object() : QJsonObject();
}

bool writeSlots(const storage::Database& db, const QJsonObject& table) {
    const storage::VaultMetaRepository meta(db);
    if (table.isEmpty())
        return meta.remove(VaultMeta::rememberedSlots());
    return meta.setValue(VaultMeta::rememberedSlots(),
                         QString::fromUtf8(QJsonDocument(table).toJson(QJsonDocument::Compact)));
}

// Reads, changes and writes the row in one transaction (BEGIN IMMEDIATE on SQLite), so two
// changes at once never lose one another.
bool change(const storage::Database& db, const std::function<bool(QJsonObject&)>& edit) {
    return db.transaction([&] {
        QJsonObject table = slotsIn(db);
        const QJsonObject before = table;
        if (!edit(table))
            return false;
        return table == before || writeSlots(db, table);
    });
}

std::optional<RememberedSlot> fromJson(qint64 userId, const QJsonObject& object) {
    if (object.value(QStringLiteral("v")).toInt() != Version)
        return std::nullopt;
    RememberedSlot slot;
    slot.userId = userId;
    slot.username = object.value(QStringLiteral("username")).toString();
    slot.expiresAt = object.value(QStringLiteral("expires")).toInteger();
    slot.salt = QByteArray::fromBase64(object.value(QStringLiteral("salt")).toString().toLatin1());
    slot.sealed =
        QByteArray::fromBase64(object.value(QStringLiteral("sealed")).toString().toLatin1());
    if (slot.username.isEmpty() || slot.expiresAt <= 0 || slot.salt.size() != SaltBytes ||
        slot.sealed.isEmpty())
        return std::nullopt;
    return slot;
}

} // namespace

std::optional<RememberedSlot> RememberedSlot::seal(const QString& vaultId, qint64 userId,
                                                   const QString& username, qint64 expiresAt,
                                                   const crypto::Secret& masterKey,
                                                   const crypto::Secret& secret) {
    if (vaultId.isEmpty() || username.isEmpty() || userId <= 0 || expiresAt <= 0 ||
        masterKey.isEmpty() || secret.size() != SecretBytes)
        return std::nullopt;
    RememberedSlot slot;
    slot.userId = userId;
    slot.username = username;
    slot.expiresAt = expiresAt;
    slot.salt = crypto::Digest::randomBytes(SaltBytes);
    const crypto::Secret key = slotKey(secret, slot.salt);
    if (slot.salt.size() != SaltBytes || key.isEmpty())
        return std::nullopt;
    slot.sealed = crypto::AesGcm::seal(key.view(), masterKey.view(),
                                       associatedData(vaultId, userId, expiresAt, username));
    if (slot.sealed.isEmpty())
        return std::nullopt;
    return slot;
}

std::optional<crypto::Secret> RememberedSlot::open(const QString& vaultId,
                                                   const crypto::Secret& secret) const {
    if (secret.size() != SecretBytes)
        return std::nullopt;
    const crypto::Secret key = slotKey(secret, salt);
    if (key.isEmpty())
        return std::nullopt;
    return crypto::AesGcm::open(key.view(), sealed,
                                associatedData(vaultId, userId, expiresAt, username));
}

std::optional<RememberedSlot> RememberedSlot::find(const storage::Database& db, qint64 userId) {
    const QJsonValue value = slotsIn(db).value(QString::number(userId));
    return value.isObject() ? fromJson(userId, value.toObject()) : std::nullopt;
}

bool RememberedSlot::save(const storage::Database& db, const RememberedSlot& slot) {
    return change(db, [&](QJsonObject& table) {
        table.insert(
            QString::number(slot.userId),
            QJsonObject{{QStringLiteral("v"), Version},
                        {QStringLiteral("username"), slot.username},
                        {QStringLiteral("expires"), slot.expiresAt},
                        {QStringLiteral("salt"), QString::fromLatin1(slot.salt.toBase64())},
                        {QStringLiteral("sealed"), QString::fromLatin1(slot.sealed.toBase64())}});
        return true;
    });
}

bool RememberedSlot::remove(const storage::Database& db, qint64 userId) {
    return change(db, [&](QJsonObject& table) {
        table.remove(QString::number(userId));
        return true;
    });
}

int RememberedSlot::removeExpired(const storage::Database& db, qint64 nowSecs) {
    int removed = 0;
    const bool ok = change(db, [&](QJsonObject& table) {
        for (const QString& user : table.keys()) {
            const QJsonObject slot = table.value(user).toObject();
            // A slot that cannot be read can never be opened either: it goes too.
            const auto read = fromJson(user.toLongLong(), slot);
            if (!read || read->expiresAt <= nowSecs) {
                table.remove(user);
                ++removed;
            }
        }
        return true;
    });
    return ok ? removed : -1;
}

int RememberedSlot::count(const storage::Database& db) {
    return int(slotsIn(db).size());
}

} // namespace paycred::vault
