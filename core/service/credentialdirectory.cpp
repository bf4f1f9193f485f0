#include "core/service/credentialdirectory.h"

#include "core/storage/credentialrepository.h"

namespace paycred::service {

namespace {
using Order = storage::CredentialRepository::Order;

struct Field {
    const char* name;
    Order order;
    bool numeric; // a time: its cursor value is a number
};
constexpr Field kFields[] = {
    {"provider", Order::Provider, false},   {"environment", Order::Environment, false},
    {"owner", Order::Owner, false},         {"created_at", Order::CreatedAt, true},
    {"updated_at", Order::UpdatedAt, true},
};

std::optional<Field> fieldNamed(const QString& name) {
    if (name.isEmpty())
        return Field{"", Order::Id, true};
    for (const Field& field : kFields) {
        if (name == QLatin1String(field.name))
            return field;
    }
    return std::nullopt;
}

// A cursor's value as the column holds it, or nothing when it cannot be one.
std::optional<QVariant> columnValue(const Field& field, const QVariant& value) {
    if (!field.numeric)
        return value.typeId() == QMetaType::QString ? std::optional(value) : std::nullopt;
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    return ok && value.typeId() != QMetaType::QString ? std::optional(QVariant(number))
                                                      : std::nullopt;
}
} // namespace

const QStringList& CredentialDirectory::orderings() {
    static const QStringList names = [] {
        QStringList list;
        for (const Field& field : kFields)
            list.append(QLatin1String(field.name));
        return list;
    }();
    return names;
}

Page<CredentialDirectory::Owned> CredentialDirectory::list(const Filter& filter,
                                                           const PageRequest& request) const {
    Page<Owned> page;
    const auto field = fieldNamed(request.ordering);
    if (!field) {
        page.error = Page<Owned>::Error::BadCursor;
        return page;
    }
    storage::Slice slice;
    slice.descending = request.descending;
    slice.limit = request.size + 1; // one more says whether there is a next page
    if (request.after) {
        const auto value = columnValue(*field, request.after->value);
        if (!value || request.after->id <= 0) {
            page.error = Page<Owned>::Error::BadCursor;
            return page;
        }
        slice.afterValue = *value;
        slice.afterId = request.after->id;
    }
    const storage::CredentialFilter where{filter.provider, filter.environment, filter.isActive,
                                          filter.userId, filter.ownerPart};
    const storage::CredentialRepository repository(m_db);
    auto rows = repository.listWithOwners(where, field->order, slice);
    if (!request.after)
        page.count = repository.countWithOwners(where);
    if (!rows || (!request.after && !page.count)) {
        page.error = Page<Owned>::Error::StorageFailed;
        return page;
    }
    if (rows->size() > request.size) {
        rows->resize(request.size);
        const auto& last = rows->last();
        page.next = Cursor{storage::CredentialRepository::orderValue(field->order, last),
                           last.credential.id};
    }
    for (const auto& row : std::as_const(*rows))
        page.items.append({Credential::from(row.credential), row.ownerUsername});
    return page;
}

} // namespace paycred::service
