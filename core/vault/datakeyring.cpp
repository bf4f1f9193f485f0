#include "core/vault/datakeyring.h"

#include "core/crypto/aesgcm.h"

namespace paycred::vault {

namespace {
QByteArray associatedData(const QString& vaultId) {
    return QStringLiteral("paycred-vault/%1/data-ring/v1").arg(vaultId).toUtf8();
}
} // namespace

QString DataKeyRing::seal(const crypto::KeyRing& ring, const crypto::Secret& masterKey,
                          const QString& vaultId) {
    QByteArray list;
    for (qsizetype i = 0; i < ring.size(); ++i) {
        QByteArray key = ring.key(i).toBase64();
        if (i > 0)
            list.append(',');
        list.append(key);
        crypto::wipe(key);
    }
    const QByteArray sealed = crypto::AesGcm::seal(masterKey.view(), list, associatedData(vaultId));
    crypto::wipe(list);
    return QString::fromLatin1(sealed.toBase64());
}

std::optional<crypto::KeyRing>
DataKeyRing::open(const QString& sealed, const crypto::Secret& masterKey, const QString& vaultId) {
    const auto list = crypto::AesGcm::open(
        masterKey.view(), QByteArray::fromBase64(sealed.toLatin1()), associatedData(vaultId));
    if (!list)
        return std::nullopt;
    return crypto::KeyRing::fromBase64List(list->view());
}

} // namespace paycred::vault
