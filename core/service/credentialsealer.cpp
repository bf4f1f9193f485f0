#include "core/service/credentialsealer.h"

#include "core/crypto/keyring.h"
#include "core/foundation/clock.h"
#include "core/service/credentialfields.h"
#include "core/service/privatekeydigest.h"
#include "core/storage/records.h"

namespace paycred::service {

namespace {
using Sealing = CredentialSealer::Sealing;

Sealing refused(Sealing::Problem problem, QString reason = {}) {
    Sealing sealing;
    sealing.problem = problem;
    sealing.reason = std::move(reason);
    return sealing;
}
} // namespace

void Sealing::applyTo(storage::CredentialChange& change) const {
    if (encryptedApiKey)
        change.encryptedApiKey = encryptedApiKey;
    if (encryptedPrivateKey)
        change.encryptedPrivateKey = encryptedPrivateKey;
    if (privateKeyDigest)
        change.privateKeyDigest = privateKeyDigest;
}

void Sealing::applyTo(storage::CredentialRecord& row) const {
    if (encryptedApiKey)
        row.encryptedApiKey = *encryptedApiKey;
    if (encryptedPrivateKey)
        row.encryptedPrivateKey = *encryptedPrivateKey;
    if (privateKeyDigest)
        row.privateKeyDigest = *privateKeyDigest;
}

QByteArray CredentialSealer::encrypt(const crypto::KeyRing& ring, const QString& text) const {
    QByteArray plain = text.toUtf8();
    QByteArray token = ring.encrypt(plain, m_clock.nowSecs());
    crypto::wipe(plain);
    return token;
}

Sealing CredentialSealer::sealChecked(const crypto::KeyRing& ring, const QString* apiKey,
                                      const QString* privateKey) const {
    QString api = apiKey ? CredentialFields::trimmed(*apiKey) : QString();
    QString key = privateKey ? CredentialFields::trimmed(*privateKey) : QString();
    const auto wipeBoth = [&] {
        crypto::wipe(api);
        crypto::wipe(key);
    };
    QString problem;
    if (apiKey)
        problem = CredentialFields::keyProblem(CredentialFields::Key::Api, api);
    if (problem.isEmpty() && privateKey)
        problem = CredentialFields::keyProblem(CredentialFields::Key::Private, key);
    if (!problem.isEmpty()) {
        wipeBoth();
        return refused(Sealing::Problem::BrokenRule, problem);
    }
    Sealing sealing;
    if (apiKey)
        sealing.encryptedApiKey = encrypt(ring, api);
    if (privateKey) {
        sealing.encryptedPrivateKey = encrypt(ring, key);
        sealing.privateKeyDigest = PrivateKeyDigest::compute(ring, key);
    }
    wipeBoth();
    const auto empty = [](const std::optional<QByteArray>& sealed) {
        return sealed && sealed->isEmpty();
    };
    if (empty(sealing.encryptedApiKey) || empty(sealing.encryptedPrivateKey) ||
        empty(sealing.privateKeyDigest))
        return refused(Sealing::Problem::Failed, QStringLiteral("the keys could not be encrypted"));
    return sealing;
}

Sealing CredentialSealer::seal(const crypto::KeyRing& ring, const QString& apiKey,
                               const QString& privateKey) const {
    return sealChecked(ring, &apiKey, &privateKey);
}

Sealing CredentialSealer::sealApiKey(const crypto::KeyRing& ring, const QString& apiKey) const {
    return sealChecked(ring, &apiKey, nullptr);
}

Sealing CredentialSealer::sealPrivateKey(const crypto::KeyRing& ring,
                                         const QString& privateKey) const {
    return sealChecked(ring, nullptr, &privateKey);
}

CredentialSealer::Opened CredentialSealer::open(const crypto::KeyRing& ring,
                                                const storage::CredentialRecord& row) const {
    Opened opened;
    const qint64 now = m_clock.nowSecs();
    auto privateKey = ring.decrypt(row.encryptedPrivateKey, now);
    auto apiKey = ring.decrypt(row.encryptedApiKey, now);
    if (!privateKey.ok() || !apiKey.ok())
        return opened;
    opened.privateKey = std::move(privateKey.plaintext);
    opened.apiKey = std::move(apiKey.plaintext);
    opened.ok = true;
    return opened;
}

Sealing CredentialSealer::reseal(const crypto::KeyRing& from, const crypto::KeyRing& to,
                                 const storage::CredentialRecord& row) const {
    const Opened opened = open(from, row);
    if (!opened.ok)
        return refused(Sealing::Problem::Unreadable,
                       QStringLiteral("its keys cannot be decrypted"));
    QString apiKey = QString::fromUtf8(opened.apiKey.view());
    QString privateKey = QString::fromUtf8(opened.privateKey.view());
    Sealing sealing = sealChecked(to, &apiKey, &privateKey);
    crypto::wipe(apiKey);
    crypto::wipe(privateKey);
    return sealing;
}

bool CredentialSealer::matches(const crypto::KeyRing& ring, const QString& privateKey,
                               const storage::CredentialRecord& row) {
    return PrivateKeyDigest::matches(ring, privateKey, row.privateKeyDigest);
}

bool CredentialSealer::isUnderPrimary(const crypto::KeyRing& ring,
                                      const storage::CredentialRecord& row) {
    return ring.keyIndexFor(row.encryptedPrivateKey) == 0 &&
           ring.keyIndexFor(row.encryptedApiKey) == 0;
}

} // namespace paycred::service
