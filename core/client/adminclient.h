#pragma once

#include "core/client/credential.h"
#include "core/client/listpage.h"
#include "core/client/listquery.h"
#include "core/client/result.h"
#include "core/client/session.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

#include <optional>

namespace paycred::client {

// AdminClient: API.md §3 (superusers only) as typed, asynchronous calls over the same Session as
// the CredentialsClient — the same callback rules. Lists come a page at a time: the first page
// from a ListQuery, every later one from the page before it (`next`). Against a server without
// §3 the first call answers NotFound and Capabilities::admin goes false (the panel is hidden).
class AdminClient : public QObject {
    Q_OBJECT
public:
    template <typename T> using ListPage = client::ListPage<T>;
    using ListQuery = client::ListQuery;

    struct ProviderCounts {
        qint64 sandbox = 0;
        qint64 live = 0;
        qint64 inactive = 0;
    };
    struct Stats {
        qint64 users = 0;
        qint64 activeUsers = 0;
        qint64 credentials = 0;
        QMap<QString, ProviderCounts> byProvider;
    };
    struct OwnedCredential {
        Credential credential;
        qint64 ownerId = 0;
        QString ownerUsername;
    };

    explicit AdminClient(Session& session, QObject* parent = nullptr);

    Session& session() const { return m_session; }

    void stats(Callback<Stats> done);
    // `target`: ListQuery::target("/admin/credentials/") or a page's `next`.
    void credentials(const QByteArray& target, Callback<ListPage<OwnedCredential>> done);
    void toggleCredential(qint64 id, Callback<Credential> done, const QByteArray& ifMatch = {});
    void deleteCredential(qint64 id, Callback<QString> done, const QByteArray& ifMatch = {});
    // The emergency switch: every active live credential off (of one user, or of everyone).
    // The value is how many were switched off.
    void deactivateLive(std::optional<qint64> userId, Callback<qint64> done);

    static constexpr char CredentialsPath[] = "/admin/credentials/";

private:
    void submit(Session::Request request, Session::Handler handler);

    Session& m_session;
};

} // namespace paycred::client
