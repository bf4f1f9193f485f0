#pragma once

#include "core/vault/vaultoptions.h"

#include <QString>

namespace paycred {
class Clock;
}

namespace paycred::ui {

class Preferences;

// AppContext: what every window of the app is given, and what a test replaces: the preferences,
// the clock (countdowns, idle lock, expiry), how a new vault derives its keys, and the name the
// app's entries carry in the system keychain.
struct AppContext {
    Preferences& preferences;
    const Clock& clock;
    vault::VaultOptions vaultOptions = {};
    QString keychainService = QStringLiteral("PayCred");
};

} // namespace paycred::ui
