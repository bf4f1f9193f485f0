#include "core/service/audittrail.h"

#include "core/service/keysetpaging.h"
#include "core/storage/auditrepository.h"

namespace paycred::service {

namespace {
using Order = storage::AuditRepository::Order;
using Paging = KeysetPaging<Order>;

constexpr Paging::Field kFields[] = {
    {"at", Order::At, true},
};

// Without an ordering the trail reads newest first: the chain's order, backwards.
PageRequest newestFirstByDefault(PageRequest request) {
    if (request.ordering.isEmpty())
        request.descending = true;
    return request;
}
} // namespace

const QStringList& AuditTrail::orderings() {
    static const QStringList names = Paging::names(kFields);
    return names;
}

Page<AuditEvent> AuditTrail::list(const Filter& filter, const PageRequest& request) const {
    using storage::AuditRepository;
    const AuditRepository repository(m_db);
    return Paging(kFields, Order::Id, newestFirstByDefault(request))
        .read<AuditEvent>(
            [&](Order order, const storage::Slice& slice) {
                return repository.list(filter, order, slice);
            },
            [&] { return repository.count(filter); },
            [](Order order, const storage::AuditRecord& row) {
                return Cursor{AuditRepository::orderValue(order, row), row.id};
            },
            [](const storage::AuditRecord& row) { return AuditEvent::from(row); });
}

} // namespace paycred::service
