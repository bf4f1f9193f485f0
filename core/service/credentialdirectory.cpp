#include "core/service/credentialdirectory.h"

#include "core/service/keysetpaging.h"
#include "core/storage/credentialrepository.h"

namespace paycred::service {

namespace {
using Order = storage::CredentialRepository::Order;
using Paging = KeysetPaging<Order>;

constexpr Paging::Field kFields[] = {
    {"provider", Order::Provider, false},   {"environment", Order::Environment, false},
    {"owner", Order::Owner, false},         {"created_at", Order::CreatedAt, true},
    {"updated_at", Order::UpdatedAt, true},
};
} // namespace

const QStringList& CredentialDirectory::orderings() {
    static const QStringList names = Paging::names(kFields);
    return names;
}

Page<CredentialDirectory::Owned> CredentialDirectory::list(const Filter& filter,
                                                           const PageRequest& request) const {
    const Paging paging(kFields, Order::Id, request);
    const storage::CredentialFilter where{filter.provider, filter.environment, filter.isActive,
                                          filter.userId, filter.ownerPart};
    const storage::CredentialRepository repository(m_db);
    std::optional<QList<storage::OwnedCredentialRecord>> rows;
    std::optional<qint64> count;
    if (paging.ok()) {
        rows = repository.listWithOwners(where, paging.order(), paging.slice());
        if (paging.firstPage())
            count = repository.countWithOwners(where);
    }
    return paging.page<Owned>(
        rows, count,
        [&](const storage::OwnedCredentialRecord& row) {
            return Cursor{storage::CredentialRepository::orderValue(paging.order(), row),
                          row.credential.id};
        },
        [](const storage::OwnedCredentialRecord& row) {
            return Owned{Credential::from(row.credential), row.ownerUsername};
        });
}

} // namespace paycred::service
