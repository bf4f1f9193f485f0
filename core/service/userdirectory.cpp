#include "core/service/userdirectory.h"

#include "core/service/keysetpaging.h"
#include "core/service/loginthrottle.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/userrepository.h"

namespace paycred::service {

namespace {
using Order = storage::UserRepository::Order;
using Paging = KeysetPaging<Order>;

constexpr Paging::Field kFields[] = {
    {"username", Order::Username, false},
    {"date_joined", Order::DateJoined, true},
    {"last_login", Order::LastLogin, true},
};
} // namespace

const QStringList& UserDirectory::orderings() {
    static const QStringList names = Paging::names(kFields);
    return names;
}

UserDirectory::Listed UserDirectory::listed(const User& user, qint64 credentialsCount) const {
    return {user, credentialsCount, m_throttle.lockedUntil(user.username)};
}

Page<UserDirectory::Listed> UserDirectory::list(const Filter& filter,
                                                const PageRequest& request) const {
    using storage::UserRepository;
    using Row = storage::ListedUserRecord;
    const storage::UserFilter where{filter.usernamePart, filter.isActive, filter.isSuperuser};
    const UserRepository repository(m_db);
    return Paging(kFields, Order::Id, request)
        .read<Listed>(
            [&](Order order, const storage::Slice& slice) {
                return repository.listPage(where, order, slice);
            },
            [&] { return repository.countMatching(where); },
            [](Order order, const Row& row) {
                return Cursor{UserRepository::orderValue(order, row), row.user.id};
            },
            [this](const Row& row) { return listed(User::from(row.user), row.credentialsCount); });
}

std::optional<UserDirectory::Listed> UserDirectory::find(qint64 id) const {
    const auto row = storage::UserRepository(m_db).findById(id);
    if (!row)
        return std::nullopt;
    storage::CredentialFilter owned;
    owned.userId = id;
    const auto count = storage::CredentialRepository(m_db).countWithOwners(owned);
    if (!count)
        return std::nullopt;
    return listed(User::from(*row), *count);
}

} // namespace paycred::service
