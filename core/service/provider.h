#pragma once

#include <QList>
#include <QString>

namespace paycred::service {

// Provider: a payment provider PayCred keeps keys for. Adding one is one entry in provider.cpp.
struct Provider {
    QString id;          // "kopokopo": stored and sent in the API
    QString displayName; // "KopoKopo": shown to people

    static const QList<Provider>& all();
    static const Provider* find(const QString& id);
    // The display name, or the id itself for a provider no longer in the registry.
    static QString displayNameOf(const QString& id);
};

} // namespace paycred::service
