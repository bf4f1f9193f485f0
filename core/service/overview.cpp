#include "core/service/overview.h"

#include "core/service/environment.h"
#include "core/service/provider.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/userrepository.h"

namespace paycred::service {

Overview::Counts Overview::counts() const {
    Counts counts;
    for (const Provider& provider : Provider::all())
        counts.byProvider.insert(provider.id, {});
    const auto users = storage::UserRepository(m_db).countByActive();
    const auto groups = storage::CredentialRepository(m_db).countGroups();
    if (!users || !groups)
        return counts;
    counts.users = users->active + users->inactive;
    counts.activeUsers = users->active;
    for (const auto& group : *groups) {
        ProviderCounts& provider = counts.byProvider[group.provider];
        if (!group.isActive)
            provider.inactive += group.count;
        else if (group.environment == Environment::live())
            provider.live += group.count;
        else
            provider.sandbox += group.count;
        counts.credentials += group.count;
    }
    counts.ok = true;
    return counts;
}

} // namespace paycred::service
