#include "core/service/provider.h"

namespace paycred::service {

const QList<Provider>& Provider::all() {
    static const QList<Provider> registry = {
        {QStringLiteral("kopokopo"), QStringLiteral("KopoKopo")},
        {QStringLiteral("instasend"), QStringLiteral("InstaSend")},
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

} // namespace paycred::service
