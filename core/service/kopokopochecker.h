#pragma once

#include "core/service/providerchecker.h"

namespace paycred::service {

// KopoKopoChecker: KopoKopo's OAuth2 client credentials grant — the api_key is the client id,
// the private key the client secret. A token it obtains is revoked again at once.
class KopoKopoChecker : public ProviderChecker {
public:
    Outcome check(const Keys& keys, ProviderLink& link) const override;
    QString company() const override { return QStringLiteral("KopoKopo"); }
};

} // namespace paycred::service
