#include "core/client/capabilities.h"

#include <QJsonObject>

#include <algorithm>

namespace paycred::client {

namespace {

using Flag = bool Capabilities::*;

struct Endpoint {
    Flag flag;
    const char* path; // a path the schema lists, or a prefix of one ending in '/'
};

const Endpoint Endpoints[] = {
    {&Capabilities::me, extension::MePath},
    {&Capabilities::providers, extension::ProvidersPath},
    {&Capabilities::refresh, extension::RefreshPath},
    {&Capabilities::logout, extension::LogoutPath},
    {&Capabilities::verifyPassword, extension::VerifyPasswordPath},
    {&Capabilities::changePassword, extension::ChangePasswordPath},
    {&Capabilities::sessions, extension::SessionsPath},
    {&Capabilities::admin, extension::AdminPrefix},
    {&Capabilities::providerChecks, extension::CheckPath},
};

} // namespace

Capabilities Capabilities::fromSchema(const QJsonObject& schema) {
    Capabilities found;
    const QJsonObject paths = schema.value(QLatin1String("paths")).toObject();
    if (paths.isEmpty())
        return found;
    const QStringList listed = paths.keys();
    for (const Endpoint& endpoint : Endpoints) {
        const QLatin1String path(endpoint.path);
        found.*endpoint.flag = std::any_of(
            listed.begin(), listed.end(), [&](const QString& key) { return key.startsWith(path); });
    }
    return found;
}

Capabilities Capabilities::none() {
    Capabilities nothing;
    for (const Endpoint& endpoint : Endpoints)
        nothing.*endpoint.flag = false;
    return nothing;
}

Capabilities Capabilities::operator&(const Capabilities& other) const {
    Capabilities both;
    for (const Endpoint& endpoint : Endpoints)
        both.*endpoint.flag = this->*endpoint.flag && other.*endpoint.flag;
    return both;
}

} // namespace paycred::client
