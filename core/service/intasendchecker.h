#pragma once

#include "core/service/providerchecker.h"

#include <QStringView>

namespace paycred::service {

// IntaSendChecker: a read-only call (the wallets list) with the secret key as the bearer token
// and the publishable key (the api_key) beside it.
class IntaSendChecker : public ProviderChecker {
public:
    Outcome check(const Keys& keys, ProviderLink& link) const override;
    QString company() const override { return QStringLiteral("IntaSend"); }

    // IntaSend's keys say their environment: ISPubKey_test_…/ISSecretKey_live_… ("sandbox",
    // "live"); empty when neither key says or the two disagree.
    static QString environmentOfKeys(QStringView apiKey, QStringView privateKey);
};

} // namespace paycred::service
