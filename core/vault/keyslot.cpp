#include "core/vault/keyslot.h"

#include "core/crypto/aesgcm.h"
#include "core/crypto/digest.h"

namespace paycred::vault {

namespace {
constexpr int SaltBytes = 16;
const QString Kdf = QStringLiteral("scrypt");

QByteArray associatedData(const QString& vaultId, qint64 userId) {
    return QStringLiteral("paycred-vault/%1/slot/%2").arg(vaultId).arg(userId).toUtf8();
}

crypto::Secret slotKey(const QString& password, const QByteArray& salt,
                       const crypto::Scrypt::Parameters& parameters) {
    QByteArray text = password.toUtf8();
    crypto::Secret key = crypto::Scrypt::derive(text, salt, parameters, crypto::AesGcm::KeyBytes);
    crypto::wipe(text);
    return key;
}
} // namespace

crypto::Scrypt::Parameters KeySlot::parametersOf(const storage::KeySlotRecord& slot) {
    return {slot.cost, slot.blockSize, slot.parallelism};
}

std::optional<storage::KeySlotRecord> KeySlot::seal(qint64 userId, const QString& vaultId,
                                                    const crypto::Secret& masterKey,
                                                    const QString& password,
                                                    const crypto::Scrypt::Parameters& parameters,
                                                    const QDateTime& now) {
    if (masterKey.isEmpty() || !parameters.isValid())
        return std::nullopt;
    const QByteArray salt = crypto::Digest::randomBytes(SaltBytes);
    const crypto::Secret key = slotKey(password, salt, parameters);
    if (key.isEmpty())
        return std::nullopt;
    const QByteArray sealed =
        crypto::AesGcm::seal(key.view(), masterKey.view(), associatedData(vaultId, userId));
    if (sealed.isEmpty())
        return std::nullopt;
    storage::KeySlotRecord slot;
    slot.userId = userId;
    slot.kdf = Kdf;
    slot.cost = parameters.n;
    slot.blockSize = parameters.r;
    slot.parallelism = parameters.p;
    slot.salt = salt.toBase64();
    slot.sealedMasterKey = sealed.toBase64();
    slot.updatedAt = now;
    return slot;
}

std::optional<crypto::Secret> KeySlot::open(const storage::KeySlotRecord& slot,
                                            const QString& vaultId, const QString& password) {
    const auto parameters = parametersOf(slot);
    if (slot.kdf != Kdf || !parameters.isValid())
        return std::nullopt;
    const crypto::Secret key = slotKey(password, QByteArray::fromBase64(slot.salt), parameters);
    if (key.isEmpty())
        return std::nullopt;
    return crypto::AesGcm::open(key.view(), QByteArray::fromBase64(slot.sealedMasterKey),
                                associatedData(vaultId, slot.userId));
}

void KeySlot::spend(const QString& password, const crypto::Scrypt::Parameters& parameters) {
    const QByteArray salt(SaltBytes, '\0');
    const crypto::Secret unused = slotKey(password, salt, parameters);
    // Also the AES-GCM open a real slot would try, so nothing but the answer differs.
    const QByteArray sealed(crypto::AesGcm::NonceBytes + 32 + crypto::AesGcm::TagBytes, '\0');
    if (!unused.isEmpty())
        (void)crypto::AesGcm::open(unused.view(), sealed, associatedData({}, 0));
}

} // namespace paycred::vault
