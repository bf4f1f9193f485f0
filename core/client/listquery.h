#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace paycred::client {

// ListQuery: the first page of one of API.md §3's lists — its filters, its ordering and its size —
// and the rule for every later page's target: a `next` is followed only while it stays a path of
// this server (an absolute URL would take the token elsewhere).
struct ListQuery {
    QList<QPair<QString, QString>> filters; // name → value, as the API names them; empty: unset
    QString ordering;                       // "-created_at"
    int pageSize = 0;                       // 0: the server's default

    // "/admin/credentials/?provider=kopokopo&ordering=-created_at&page_size=100"
    QByteArray target(const QByteArray& path) const;

    // A path on this server ("/admin/…"), not a URL of another one.
    static bool isPath(const QByteArray& target);
    // A page of the list at `path` on this server: its first page or a `next`.
    static bool isPageOf(const QByteArray& target, const QByteArray& path);
};

} // namespace paycred::client
