#include "core/service/provider.h"

#include "core/service/environment.h"
#include "core/service/intasendchecker.h"
#include "core/service/kopokopochecker.h"

namespace paycred::service {

const QList<Provider>& Provider::all() {
    static const KopoKopoChecker kopoKopo;
    static const IntaSendChecker intaSend;
    static const QList<Provider> registry = {
        {QStringLiteral("kopokopo"), QStringLiteral("KopoKopo"), &kopoKopo,
         QStringLiteral("https://sandbox.kopokopo.com"),
         QStringLiteral("https://app.kopokopo.com")},
        // The seed's id; the company spells itself IntaSend.
        {QStringLiteral("instasend"), QStringLiteral("InstaSend"), &intaSend,
         QStringLiteral("https://sandbox.intasend.com"),
         QStringLiteral("https://payment.intasend.com"), &IntaSendChecker::environmentOfKeys},
    };
    return registry;
}

const Provider* Provider::find(const QString& id) {
    for (const Provider& provider : all()) {
        if (provider.id == id)
            return &provider;
    }
    return nullptr;
}

QString Provider::displayNameOf(const QString& id) {
    const Provider* provider = find(id);
    return provider ? provider->displayName : id;
}

QString Provider::urlFor(const QString& environment) const {
    return environment == Environment::live() ? liveUrl : sandboxUrl;
}

QString Provider::contradictedEnvironment(QStringView apiKey, QStringView privateKey,
                                          const QString& environment) const {
    if (!environmentOfKeys)
        return {};
    const QString said = environmentOfKeys(apiKey.trimmed(), privateKey.trimmed());
    return said.isEmpty() || said == environment ? QString() : said;
}

} // namespace paycred::service
