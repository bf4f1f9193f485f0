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

    // The page the request asks for: `rows(order, slice)` reads the rows (empty when reading
    // failed), `count()` counts the matches (first page only); `cursorOf(order, row)` is the Cursor
    // a row ends a page with, `item(row)` what it shows. A cursor that does not belong to the
    // request's ordering reads nothing.
    template <typename Item, typename ReadRows, typename Count, typename CursorOf, typename ItemOf>
    Page<Item> read(ReadRows rows, Count count, CursorOf cursorOf, ItemOf item) const {
        Page<Item> page;
        if (!m_ok) {
            page.error = Page<Item>::Error::BadCursor;
            return page;
        }
        const auto read = rows(m_order, m_slice);
        const bool first = !m_request.after;
        if (first)
            page.count = count();
        if (!read || (first && !page.count)) {
            page.error = Page<Item>::Error::StorageFailed;
            return page;
        }
        const qsizetype kept = std::min<qsizetype>(read->size(), m_request.size);
        if (kept > 0 && read->size() > kept)
            page.next = cursorOf(m_order, read->at(kept - 1));
        for (qsizetype i = 0; i < kept; ++i)
            page.items.append(item(read->at(i)));
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
