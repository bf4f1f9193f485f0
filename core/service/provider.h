#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace paycred::service {

class ProviderChecker;

// Provider: a payment provider PayCred keeps keys for. Adding one is one entry in provider.cpp
// and, if its keys can be checked with it, one ProviderChecker.
struct Provider {
    QString id;          // "kopokopo": stored and sent in the API
    QString displayName; // "KopoKopo": shown to people
    // How to ask the provider whether a pair of keys works; null when it cannot be asked.
    const ProviderChecker* checker = nullptr;
    // Where its API is, per environment (a server's configuration may point elsewhere).
    QString sandboxUrl;
    QString liveUrl;
    // The environment the keys' own text names ("sandbox", "live"), or empty when they name
    // none (or disagree); null when this provider's keys never say.
    QString (*environmentOfKeys)(QStringView apiKey, QStringView privateKey) = nullptr;

    QString urlFor(const QString& environment) const;
    // The environment `apiKey` and `privateKey` say they are for, when it is not `environment`:
    // empty when they agree or say nothing.
    QString contradictedEnvironment(QStringView apiKey, QStringView privateKey,
                                    const QString& environment) const;

    static const QList<Provider>& all();
    static const Provider* find(const QString& id);
    // The display name, or the id itself for a provider no longer in the registry.
    static QString displayNameOf(const QString& id);
};

} // namespace paycred::service
