#pragma once

// How the dialogs name a credential, its provider and its environment, so every window says it
// the same way ("KopoKopo (Sandbox)") with the same icons.

#include "core/client/credential.h"

#include <QIcon>
#include <QString>

namespace paycred::ui {

// ":/icons/provider-<id>.svg", or the generic provider icon when there is none for `provider`.
QIcon providerIcon(const QString& provider);
// ":/icons/live.svg" or ":/icons/sandbox.svg".
QIcon environmentIcon(const QString& environment);
// "Sandbox" / "Live"; an unknown value as it is.
QString environmentName(const QString& environment);
// "KopoKopo (Sandbox)".
QString credentialName(const client::Credential& credential);

} // namespace paycred::ui
