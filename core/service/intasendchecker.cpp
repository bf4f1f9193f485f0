#include "core/service/intasendchecker.h"

#include "core/service/environment.h"
#include "core/service/providerlink.h"
#include "core/service/providerreplies.h"

namespace paycred::service {

namespace {

// What one key's prefix says: "sandbox", "live" or empty.
QString environmentOf(QStringView key, QLatin1String kind) {
    if (!key.startsWith(kind))
        return {};
    const QStringView rest = key.mid(kind.size());
    if (rest.startsWith(QLatin1String("_test_")))
        return Environment::sandbox();
    if (rest.startsWith(QLatin1String("_live_")))
        return Environment::live();
    return {};
}
} // namespace

QString IntaSendChecker::environmentOfKeys(QStringView apiKey, QStringView privateKey) {
    QString publishable = environmentOf(apiKey, QLatin1String("ISPubKey"));
    QString secret = environmentOf(privateKey, QLatin1String("ISSecretKey"));
    if (publishable.isEmpty())
        return secret;
    if (secret.isEmpty() || secret == publishable)
        return publishable;
    return {};
}

ProviderChecker::Outcome IntaSendChecker::check(const Keys& keys, ProviderLink& link) const {
    ProviderRequest request;
    request.path = QStringLiteral("/api/v1/wallets/");
    QByteArray bearer("Bearer ");
    bearer.append(keys.privateKey.view());
    // Moved into the request, which wipes them when it goes.
    request.headers = {{"Accept", "application/json"},
                       {"Authorization", std::move(bearer)},
                       {"INTASEND_PUBLIC_API_KEY", keys.apiKey.view().toByteArray()}};
    const ProviderReply reply = link.send(request);
    if (auto outcome = ProviderReplies::withoutVerdict(company(), reply))
        return *outcome;
    switch (reply.status) {
    case 200:
        // IntaSend documents the list as a JSON array (wallets-api.md, "List available wallets");
        // a paginated answer is an object: either is an answer.
        if (!ProviderReplies::isJson(reply))
            return ProviderReplies::notUnderstood(company(), QStringLiteral("not JSON"));
        return {Result::Valid, QStringLiteral("IntaSend accepted the keys.")};
    case 401:
        return {Result::Rejected,
                QStringLiteral("IntaSend rejected the keys: the secret key (private key) or the "
                               "publishable key (api key) is wrong or was revoked.")};
    case 403:
        return {Result::Valid,
                QStringLiteral("IntaSend accepted the keys, but they may not read wallets (HTTP "
                               "403); payments they are allowed may still work.")};
    default:
        return ProviderReplies::unexpectedStatus(company(), reply.status);
    }
}

} // namespace paycred::service
