#pragma once

#include "core/client/apijson.h"
#include "core/client/listquery.h"
#include "core/client/session.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace paycred::client {

// ListPage<T>: one page of a §3 list — the items, where the next page is, and on a first page how
// many match — and how every typed client reads one and refuses a target that is not one.
template <typename T> struct ListPage {
    std::optional<qint64> count; // on a first page
    QByteArray next;             // where the next page is; empty at the end
    QList<T> results;

    // The page in `response`, each item read by `row` (nothing: not one); nothing when the answer
    // is not a page or its `next` leaves this server.
    template <typename Row>
    static std::optional<ListPage> read(const api::ApiResponse& response, Row row) {
        const QJsonObject object = response.object();
        const QJsonValue results = object.value(QStringLiteral("results"));
        const QJsonValue next = object.value(QStringLiteral("next"));
        if (!results.isArray() || !(next.isNull() || next.isString()))
            return std::nullopt;
        ListPage page;
        page.count = apijson::count(object.value(QStringLiteral("count")));
        page.next = next.toString().toUtf8();
        if (!page.next.isEmpty() && !ListQuery::isPath(page.next))
            return std::nullopt;
        for (const QJsonValue& item : results.toArray()) {
            std::optional<T> value = row(item.toObject());
            if (!value)
                return std::nullopt;
            page.results.append(std::move(*value));
        }
        return page;
    }

    // The handler of a page call: the page read with `row`.
    template <typename Row> static Session::Handler reader(Callback<ListPage> done, Row row) {
        return Session::typed<ListPage>(std::move(done), [row](const api::ApiResponse& response) {
            return read(response, row);
        });
    }

    // When `target` is not a page of the list at `path` on this server, answers `done` with
    // `message` (an Unexpected error; nothing is sent) and says so.
    static bool refuse(const QByteArray& target, const QByteArray& path, Callback<ListPage>& done,
                       const QString& message) {
        if (ListQuery::isPageOf(target, path))
            return false;
        reader(std::move(done), [](const QJsonObject&) { return std::optional<T>(); })(
            {}, ApiError::make(ApiError::Kind::Unexpected, message));
        return true;
    }
};

} // namespace paycred::client
