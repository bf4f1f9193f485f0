#include "core/vault/vaultauditkey.h"

#include "core/crypto/aesgcm.h"
#include "core/crypto/digest.h"
#include "core/storage/database.h"
#include "core/storage/vaultmetarepository.h"
#include "core/vault/vaultmeta.h"

namespace paycred::vault {

namespace {
QByteArray associatedData(const QString& vaultId) {
    return QStringLiteral("paycred-vault/%1/audit-key/v1").arg(vaultId).toUtf8();
}
} // namespace

QString VaultAuditKey::seal(const crypto::Secret& auditKey, const crypto::Secret& masterKey,
                            const QString& vaultId) {
    const QByteArray sealed =
        crypto::AesGcm::seal(masterKey.view(), auditKey.view(), associatedData(vaultId));
    return QString::fromLatin1(sealed.toBase64());
}

std::optional<crypto::Secret> VaultAuditKey::open(const QString& sealed,
                                                  const crypto::Secret& masterKey,
                                                  const QString& vaultId) {
    auto key = crypto::AesGcm::open(masterKey.view(), QByteArray::fromBase64(sealed.toLatin1()),
                                    associatedData(vaultId));
    if (!key || key->size() != KeyBytes)
        return std::nullopt;
    return key;
}

std::optional<crypto::Secret> VaultAuditKey::loadOrCreate(const storage::Database& db,
                                                          const crypto::Secret& masterKey,
                                                          const QString& vaultId) {
    std::optional<crypto::Secret> key;
    const bool committed = db.transaction([&] {
        const storage::VaultMetaRepository meta(db);
        if (const auto sealed = meta.value(VaultMeta::auditKey())) {
            key = open(*sealed, masterKey, vaultId);
            return key.has_value();
        }
        crypto::Secret made(crypto::Digest::randomBytes(KeyBytes));
        const QString sealed = seal(made, masterKey, vaultId);
        if (sealed.isEmpty() || !meta.setValue(VaultMeta::auditKey(), sealed))
            return false;
        key = std::move(made);
        return true;
    });
    return committed ? std::move(key) : std::nullopt;
}

} // namespace paycred::vault
