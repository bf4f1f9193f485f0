#include "core/service/audittrail.h"

#include "core/storage/auditrepository.h"

namespace paycred::service {

namespace {
using Order = storage::AuditRepository::Order;
} // namespace

const QStringList& AuditTrail::orderings() {
    static const QStringList names{QStringLiteral("at")};
    return names;
}

Page<AuditEvent> AuditTrail::list(const Filter& filter, const PageRequest& request) const {
    Page<AuditEvent> page;
    if (!request.ordering.isEmpty() && !orderings().contains(request.ordering)) {
        page.error = Page<AuditEvent>::Error::BadCursor;
        return page;
    }
    const Order order = request.ordering.isEmpty() ? Order::Id : Order::At;
    storage::Slice slice;
    // Without an ordering, newest first: the chain's order, backwards.
    slice.descending = request.ordering.isEmpty() || request.descending;
    slice.limit = request.size + 1; // one more says whether there is a next page
    if (request.after) {
        bool ok = false;
        const qint64 value = request.after->value.toLongLong(&ok);
        if (!ok || request.after->value.typeId() == QMetaType::QString || request.after->id <= 0) {
            page.error = Page<AuditEvent>::Error::BadCursor;
            return page;
        }
        slice.afterValue = QVariant(value);
        slice.afterId = request.after->id;
    }
    const storage::AuditFilter where{filter.userId,       filter.action,      filter.outcome,
                                     filter.credentialId, filter.environment, filter.since,
                                     filter.until};
    const storage::AuditRepository repository(m_db);
    auto rows = repository.list(where, order, slice);
    if (!request.after)
        page.count = repository.count(where);
    if (!rows || (!request.after && !page.count)) {
        page.error = Page<AuditEvent>::Error::StorageFailed;
        return page;
    }
    if (rows->size() > request.size) {
        rows->resize(request.size);
        page.next =
            Cursor{storage::AuditRepository::orderValue(order, rows->last()), rows->last().id};
    }
    for (const auto& row : std::as_const(*rows))
        page.items.append(AuditEvent::from(row));
    return page;
}

} // namespace paycred::service
