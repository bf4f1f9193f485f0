#pragma once

#include "core/api/apiresponse.h"
#include "core/client/adminclient.h"
#include "core/client/apierror.h"
#include "core/client/result.h"
#include "core/client/session.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace paycred::client {

// AdminApi: what every typed client of API.md §3 shares (AdminClient, UsersClient, …) — a request
// that belongs to §3 (its 404 hides the panel), a list's page target that stays on that list of
// this server, a page read from the answer, and the API's counts.
class AdminApi {
public:
    template <typename T> using Page = AdminClient::ListPage<T>;

    static Session::Request request(const QByteArray& method, const QByteArray& target);
    // `handler`, which does not run once `client` is gone.
    static Session::Handler guarded(QObject* client, Session::Handler handler);
    // Whether `target` is a page of the list at `listPath` on this server: a path under it (a
    // `next` that is an absolute URL would take the token elsewhere).
    static bool isPageOf(const QByteArray& target, const QByteArray& listPath);
    // A count of the API: a whole number, not negative.
    static std::optional<qint64> count(const QJsonValue& value);

    // {"count", "next", "results"} with each result read by `row`; nothing when the answer is not
    // a page, when a row is not one, or when `next` leaves this server's list.
    template <typename T, typename Row>
    static std::optional<Page<T>> page(const api::ApiResponse& response, const QByteArray& listPath,
                                       Row row) {
        const QJsonObject object = response.object();
        const QJsonValue results = object.value(QStringLiteral("results"));
        const QJsonValue next = object.value(QStringLiteral("next"));
        if (!results.isArray() || !(next.isNull() || next.isString()))
            return std::nullopt;
        Page<T> page;
        page.count = count(object.value(QStringLiteral("count")));
        page.next = next.toString().toUtf8();
        if (!page.next.isEmpty() && !isPageOf(page.next, listPath))
            return std::nullopt;
        for (const QJsonValue& item : results.toArray()) {
            std::optional<T> value = row(item.toObject());
            if (!value)
                return std::nullopt;
            page.results.append(std::move(*value));
        }
        return page;
    }

    // A target that is not a page of the list is never sent: `done` gets an Unexpected error
    // saying `message`, later, on `client`'s thread (never once `client` is gone).
    template <typename T>
    static void refuse(QObject* client, Callback<Page<T>> done, const QString& message) {
        QMetaObject::invokeMethod(
            client,
            [done = std::move(done), message] {
                if (done)
                    done(Result<Page<T>>::failure(
                        ApiError::make(ApiError::Kind::Unexpected, message)));
            },
            Qt::QueuedConnection);
    }
};

} // namespace paycred::client
