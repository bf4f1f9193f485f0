#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace paycred::service {

// Cursor: where a page of a list starts — just after the row whose ordering value and id these
// are. Opaque to clients (the api encodes it); a list checks it fits its ordering.
struct Cursor {
    QVariant value; // the ordering field's value of the last row (text, or a number)
    qint64 id = 0;
};

// PageRequest: one page of a list by cursor (API.md §3): its size, its order (one field of the
// list's own, ties by id) and where it starts.
struct PageRequest {
    static constexpr int DefaultSize = 50;
    static constexpr int MaxSize = 500;

    int size = DefaultSize;
    QString ordering; // one of the list's fields; empty: by id
    bool descending = false;
    std::optional<Cursor> after;
};

// Page: the rows of one page, how many match in all (on the first page), and where the next
// page starts (none at the end).
template <typename T> struct Page {
    enum class Error { None, BadCursor, StorageFailed };
    Error error = Error::None;
    QList<T> items;
    std::optional<qint64> count;
    std::optional<Cursor> next;
    bool ok() const { return error == Error::None; }
};

} // namespace paycred::service
