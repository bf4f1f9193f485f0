#pragma once

#include "app/server/setting.h"

#include "core/service/providerchecksettings.h"

#include <QStringList>

#include <functional>

namespace paycred::server {

// ProviderCheckConfig: the server's settings for checking credentials with their providers
// (API.md §2 check), the only place their base URLs can be changed:
// - PAYCRED_PROVIDER_CHECKS (INI provider_checks) = on (the default) | off: off for a deployment
//   that allows no outbound connections; every check then answers not_checkable, saying so.
// - PAYCRED_<PROVIDER>_<ENVIRONMENT>_URL (INI kopokopo_sandbox_url, instasend_live_url, …): an
//   https:// base URL instead of the provider's own, e.g. an egress proxy in front of it.
// - PAYCRED_PROVIDER_CHECK_TIMEOUT (provider_check_timeout) = SECONDS, 1–25 (default 10): the
//   time limit of one whole check.
// - PAYCRED_PROVIDER_CA_FILE (provider_ca_file): PEM certificates trusted beside the system's,
//   for an egress proxy that re-signs (or a test's stand-in provider).
class ProviderCheckConfig {
public:
    using Lookup = std::function<Setting(const QString& envName)>;

    // The INI keys of every setting above.
    static QStringList iniKeys();
    // Reads them into `settings`; a bad value is said in `problems`.
    static void read(const Lookup& lookup, service::ProviderCheckSettings& settings,
                     QStringList& problems);
};

} // namespace paycred::server
