#pragma once

#include "core/client/auditevent.h"
#include "core/client/listpage.h"
#include "core/client/listquery.h"
#include "core/client/result.h"
#include "core/client/session.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace paycred::client {

// AuditClient: the audit log of API.md §3 (superusers only) as typed, asynchronous calls over the
// same Session as the other typed clients, with the same callback rules — its events a page at a
// time (never following a `next` off this server), and the chain's verification, against a
// checkpoint when given one. It also names the filters' choices, from the core's own lists.
class AuditClient : public QObject {
    Q_OBJECT
public:
    // The chain's head at some moment, kept to check later that no newer event was removed.
    struct Checkpoint {
        qint64 id = 0;
        QString mac; // 64 hexadecimal digits
        friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
    };
    struct Verification {
        bool intact = false;
        qint64 events = 0;
        std::optional<Checkpoint> head;      // when intact, and there is an event
        std::optional<qint64> firstBrokenId; // when not intact
    };

    // The audit list's filters, as a person picks them; times in any time zone (sent as UTC).
    struct Filter {
        std::optional<qint64> userId;
        QString action;
        QString outcome;
        std::optional<qint64> credentialId;
        QString environment;
        QString provider;
        QDateTime since; // invalid: unset
        QDateTime until; // invalid: unset; events before it
        // The API's query items ("user", "action", …, "since", "until").
        QList<QPair<QString, QString>> items() const;
    };

    explicit AuditClient(Session& session, QObject* parent = nullptr);

    Session& session() const { return m_session; }

    // `target`: ListQuery::target(EventsPath) or a page's `next`.
    void events(const QByteArray& target, Callback<ListPage<AuditEvent>> done);
    void verify(std::optional<Checkpoint> checkpoint, Callback<Verification> done);

    // The choices of the filters: API.md §3's actions and outcomes, the environments.
    static const QStringList& actions();
    static const QStringList& outcomes();
    static QStringList environments();

    static constexpr char EventsPath[] = "/admin/audit/";

private:
    void submit(Session::Request request, Session::Handler handler);

    Session& m_session;
};

} // namespace paycred::client
