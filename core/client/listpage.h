#pragma once

#include "core/client/apijson.h"
#include "core/client/listquery.h"
#include "core/client/session.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaObject>
#include <QObject>
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
    // is not a page or its `next` leaves this server's list at `path`.
    template <typename Row>
    static std::optional<ListPage> read(const api::ApiResponse& response, const QByteArray& path,
                                        Row row) {
        const QJsonObject object = response.object();
        const QJsonValue results = object.value(QStringLiteral("results"));
        const QJsonValue next = object.value(QStringLiteral("next"));
        if (!results.isArray() || !(next.isNull() || next.isString()))
            return std::nullopt;
        ListPage page;
        page.count = apijson::count(object.value(QStringLiteral("count")));
        page.next = next.toString().toUtf8();
        if (!page.next.isEmpty() && !ListQuery::isPageOf(page.next, path))
            return std::nullopt;
        for (const QJsonValue& item : results.toArray()) {
            std::optional<T> value = row(item.toObject());
            if (!value)
                return std::nullopt;
            page.results.append(std::move(*value));
        }
        return page;
    }

    // The handler of a page call of the list at `path`: the page read with `row`.
    template <typename Row>
    static Session::Handler reader(Callback<ListPage> done, const QByteArray& path, Row row) {
        return Session::typed<ListPage>(
            std::move(done),
            [path, row](const api::ApiResponse& response) { return read(response, path, row); });
    }

    // When `target` is not a page of the list at `path` on this server, nothing is sent and
    // `done` gets an Unexpected error saying `message` — later, on `client`'s thread, as every
    // answer comes (never inside the call, never once `client` is gone); true then.
    static bool refuse(QObject* client, const QByteArray& target, const QByteArray& path,
                       Callback<ListPage>& done, const QString& message) {
        if (ListQuery::isPageOf(target, path))
            return false;
        QMetaObject::invokeMethod(
            client,
            [done = std::move(done), message] {
                if (done)
                    done(Result<ListPage>::failure(
                        ApiError::make(ApiError::Kind::Unexpected, message)));
            },
            Qt::QueuedConnection);
        return true;
    }
};

} // namespace paycred::client
