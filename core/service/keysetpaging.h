#pragma once

#include "core/service/page.h"
#include "core/storage/records.h"

#include <QStringList>

#include <algorithm>
#include <span>

namespace paycred::service {

// KeysetPaging: what every cursor-paged list of API.md §3 does around its repository — finds
// the field a request orders by, turns its cursor into the storage slice that starts just after
// it (one row more than the page, to know whether another follows), and makes the page of the
// rows read: at most the size asked, the next cursor at its last row, the count on the first.
template <typename Order> class KeysetPaging {
public:
    struct Field {
        const char* name;
        Order order;
        bool numeric; // a time: its cursor value is a number
    };

    // `fields`: the list's orderings; a request without one is ordered by `byId`.
    KeysetPaging(std::span<const Field> fields, Order byId, const PageRequest& request)
        : m_request(request)
        , m_order(byId) {
        m_slice.descending = request.descending;
        m_slice.limit = request.size + 1;
        bool numeric = true;
        if (!request.ordering.isEmpty()) {
            const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& f) {
                return request.ordering == QLatin1String(f.name);
            });
            if (field == fields.end()) {
                m_ok = false;
                return;
            }
            m_order = field->order;
            numeric = field->numeric;
        }
        if (request.after) {
            const auto value = columnValue(numeric, request.after->value);
            m_ok = value && request.after->id > 0;
            if (m_ok) {
                m_slice.afterValue = *value;
                m_slice.afterId = request.after->id;
            }
        }
    }

    // The names a request may order by, in the list's order.
    static QStringList names(std::span<const Field> fields) {
        QStringList list;
        for (const Field& field : fields)
            list.append(QLatin1String(field.name));
        return list;
    }

    // False when the request's ordering or cursor does not belong to this list: read nothing.
    bool ok() const { return m_ok; }
    Order order() const { return m_order; }
    const storage::Slice& slice() const { return m_slice; }
    // Only the first page is counted.
    bool firstPage() const { return !m_request.after; }

    // The page of `rows` (read with slice(); empty when reading failed), `count` on the first
    // page. `cursorOf(row)` is the Cursor a row ends a page with, `item(row)` what it shows.
    template <typename Item, typename Row, typename CursorOf, typename ItemOf>
    Page<Item> page(const std::optional<QList<Row>>& rows, const std::optional<qint64>& count,
                    CursorOf cursorOf, ItemOf item) const {
        Page<Item> page;
        if (!m_ok) {
            page.error = Page<Item>::Error::BadCursor;
            return page;
        }
        if (!rows || (firstPage() && !count)) {
            page.error = Page<Item>::Error::StorageFailed;
            return page;
        }
        if (firstPage())
            page.count = count;
        const qsizetype kept = std::min<qsizetype>(rows->size(), m_request.size);
        if (kept > 0 && rows->size() > kept)
            page.next = cursorOf(rows->at(kept - 1));
        for (qsizetype i = 0; i < kept; ++i)
            page.items.append(item(rows->at(i)));
        return page;
    }

private:
    // A cursor's value as the column holds it, or nothing when it cannot be one.
    static std::optional<QVariant> columnValue(bool numeric, const QVariant& value) {
        if (!numeric)
            return value.typeId() == QMetaType::QString ? std::optional(value) : std::nullopt;
        bool ok = false;
        const qint64 number = value.toLongLong(&ok);
        return ok && value.typeId() != QMetaType::QString ? std::optional(QVariant(number))
                                                          : std::nullopt;
    }

    PageRequest m_request;
    Order m_order;
    storage::Slice m_slice;
    bool m_ok = true;
};

} // namespace paycred::service
