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
    using storage::CredentialRepository;
    using Row = storage::OwnedCredentialRecord;
    const storage::CredentialFilter where{filter.provider, filter.environment, filter.isActive,
                                          filter.userId, filter.ownerPart};
    const CredentialRepository repository(m_db);
    return Paging(kFields, Order::Id, request)
        .read<Owned>(
            [&](Order order, const storage::Slice& slice) {
                return repository.listWithOwners(where, order, slice);
            },
            [&] { return repository.countWithOwners(where); },
            [](Order order, const Row& row) {
                return Cursor{CredentialRepository::orderValue(order, row), row.credential.id};
            },
            [](const Row& row) {
                return Owned{Credential::from(row.credential), row.ownerUsername};
            });
}

} // namespace paycred::service
