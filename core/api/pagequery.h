#pragma once

#include "core/api/apiresponse.h"
#include "core/service/fielderrors.h"
#include "core/service/page.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace paycred::api {

struct RequestContext;

// PageQuery: the cursor pagination every list of API.md §3 shares — page_size (default 50,
// 1..500), ordering (one of the list's fields, "-" for descending; ties by id) and the opaque
// cursor that `next` carries — and the {"count", "next", "results"} answer.
class PageQuery {
public:
    // The page the query asks for; what is wrong with it goes into `errors`.
    static service::PageRequest read(const QJsonObject& query, const QStringList& orderings,
                                     service::FieldErrors& errors);

    // The answer for `page`, each row written by `row`; a page that failed gives its error.
    template <typename T>
    static ApiResponse answer(const RequestContext& context, const service::PageRequest& request,
                              const service::Page<T>& page,
                              const std::function<QJsonObject(const T&)>& row) {
        if (!page.ok())
            return failure(page.error == service::Page<T>::Error::BadCursor);
        QJsonArray results;
        for (const T& item : page.items)
            results.append(row(item));
        return answer(context, request, page.count, page.next, results);
    }

    // The cursor `next` carries: the ordering it belongs to, and the row the page ends with.
    static QString encodeCursor(const service::PageRequest& request, const service::Cursor& at);

private:
    static ApiResponse answer(const RequestContext& context, const service::PageRequest& request,
                              const std::optional<qint64>& count,
                              const std::optional<service::Cursor>& next,
                              const QJsonArray& results);
    static ApiResponse failure(bool badCursor);
};

} // namespace paycred::api
