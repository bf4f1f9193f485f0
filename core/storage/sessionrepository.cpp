#include "core/storage/sessionrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlsupport.h"
#include "core/storage/userrepository.h"

namespace paycred::storage {

namespace {
const QString kColumns = QStringLiteral(
    "sid, user_id, token_version, created_at, last_used_at, expires_at, remote_addr, user_agent, "
    "password_confirmed_at");

SessionRecord recordOf(const QSqlQuery& query, int first = 0) {
    SessionRecord session;
    session.sid = query.value(first).toString();
    session.userId = query.value(first + 1).toLongLong();
    session.tokenVersion = query.value(first + 2).toLongLong();
    session.createdAt = detail::fromMsecs(query.value(first + 3));
    session.lastUsedAt = detail::fromMsecs(query.value(first + 4));
    session.expiresAt = detail::fromMsecs(query.value(first + 5));
    session.remoteAddr = query.value(first + 6).toString();
    session.userAgent = query.value(first + 7).toString();
    session.passwordConfirmedAt = detail::optionalFromMsecs(query.value(first + 8));
    return session;
}

constexpr int UserColumnCount = 8; // UserRepository::columns()
} // namespace

bool SessionRepository::insert(const SessionRecord& session) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("INSERT INTO sessions (%1) VALUES (:sid, :userId, "
                                        ":tokenVersion, :createdAt, :lastUsedAt, :expiresAt, "
                                        ":remoteAddr, :userAgent, NULL)")
                             .arg(kColumns),
                         "prepare a new session"))
        return false;
    query.bindValue(QStringLiteral(":sid"), session.sid);
    query.bindValue(QStringLiteral(":userId"), session.userId);
    query.bindValue(QStringLiteral(":tokenVersion"), session.tokenVersion);
    query.bindValue(QStringLiteral(":createdAt"), detail::msecs(session.createdAt));
    query.bindValue(QStringLiteral(":lastUsedAt"), detail::msecs(session.lastUsedAt));
    query.bindValue(QStringLiteral(":expiresAt"), detail::msecs(session.expiresAt));
    // A null QString would bind NULL: the columns hold '' when nothing is known.
    query.bindValue(QStringLiteral(":remoteAddr"),
                    session.remoteAddr.isNull() ? QStringLiteral("") : session.remoteAddr);
    query.bindValue(QStringLiteral(":userAgent"),
                    session.userAgent.isNull() ? QStringLiteral("") : session.userAgent);
    return detail::exec(query, "start a session");
}

std::optional<SessionRecord> SessionRepository::find(const QString& sid, qint64 userId) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(
        query,
        QStringLiteral("SELECT %1 FROM sessions WHERE sid = :sid AND user_id = :userId")
            .arg(kColumns),
        "prepare a session lookup");
    query.bindValue(QStringLiteral(":sid"), sid);
    query.bindValue(QStringLiteral(":userId"), userId);
    detail::execRead(query, "look up a session");
    if (!query.next())
        return std::nullopt;
    return recordOf(query);
}

std::optional<UserSessionRecord> SessionRepository::findWithUser(qint64 userId,
                                                                 const QString& sid) const {
    // Built once: this runs for every authenticated request.
    static const QString sql = [] {
        QStringList sessionColumns = kColumns.split(QStringLiteral(", "));
        for (QString& name : sessionColumns)
            name.prepend(QStringLiteral("s."));
        return QStringLiteral("SELECT %1, %2 FROM users u LEFT JOIN sessions s ON s.sid = :sid "
                              "AND s.user_id = u.id WHERE u.id = :userId")
            .arg(UserRepository::columns(QStringLiteral("u.")),
                 sessionColumns.join(QStringLiteral(", ")));
    }();
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query, sql, "prepare a user and session lookup");
    query.bindValue(QStringLiteral(":sid"), sid);
    query.bindValue(QStringLiteral(":userId"), userId);
    detail::execRead(query, "look up a user and their session");
    if (!query.next())
        return std::nullopt;
    UserSessionRecord found;
    found.user = UserRepository::read(query, 0);
    if (!query.isNull(UserColumnCount))
        found.session = recordOf(query, UserColumnCount);
    return found;
}

QList<SessionRecord> SessionRepository::listLive(qint64 userId, qint64 tokenVersion,
                                                 const QDateTime& now) const {
    QSqlQuery query(m_db.connection());
    detail::prepareRead(query,
                        QStringLiteral("SELECT %1 FROM sessions WHERE user_id = :userId AND "
                                       "token_version = :tokenVersion AND expires_at > :now "
                                       "ORDER BY created_at, sid")
                            .arg(kColumns),
                        "prepare the list of sessions");
    query.bindValue(QStringLiteral(":userId"), userId);
    query.bindValue(QStringLiteral(":tokenVersion"), tokenVersion);
    query.bindValue(QStringLiteral(":now"), detail::msecs(now));
    detail::execRead(query, "list sessions");
    QList<SessionRecord> sessions;
    while (query.next())
        sessions.append(recordOf(query));
    return sessions;
}

bool SessionRepository::touch(const QString& sid, const QDateTime& now,
                              const QDateTime& staleBefore) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("UPDATE sessions SET last_used_at = :now WHERE sid = :sid "
                                        "AND last_used_at <= :staleBefore"),
                         "prepare a session's last use"))
        return false;
    query.bindValue(QStringLiteral(":now"), detail::msecs(now));
    query.bindValue(QStringLiteral(":sid"), sid);
    query.bindValue(QStringLiteral(":staleBefore"), detail::msecs(staleBefore));
    return detail::exec(query, "record a session's last use");
}

bool SessionRepository::confirmPassword(const QString& sid, qint64 userId,
                                        const QDateTime& at) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query,
                         QStringLiteral("UPDATE sessions SET password_confirmed_at = :at WHERE "
                                        "sid = :sid AND user_id = :userId"),
                         "prepare a session's password confirmation"))
        return false;
    query.bindValue(QStringLiteral(":at"), detail::msecs(at));
    query.bindValue(QStringLiteral(":sid"), sid);
    query.bindValue(QStringLiteral(":userId"), userId);
    return detail::execWriteOne(query, "record a session's password confirmation") ==
           WriteStatus::Ok;
}

bool SessionRepository::end(const QString& sid, qint64 userId) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(
            query, QStringLiteral("DELETE FROM sessions WHERE sid = :sid AND user_id = :userId"),
            "prepare the end of a session"))
        return false;
    query.bindValue(QStringLiteral(":sid"), sid);
    query.bindValue(QStringLiteral(":userId"), userId);
    return detail::execWriteOne(query, "end a session") == WriteStatus::Ok;
}

int SessionRepository::endAll(qint64 userId) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("DELETE FROM sessions WHERE user_id = :userId"),
                         "prepare the end of every session"))
        return -1;
    query.bindValue(QStringLiteral(":userId"), userId);
    if (!detail::exec(query, "end every session"))
        return -1;
    return query.numRowsAffected();
}

int SessionRepository::purgeExpired(const QDateTime& now) const {
    QSqlQuery query(m_db.connection());
    if (!detail::prepare(query, QStringLiteral("DELETE FROM sessions WHERE expires_at < :now"),
                         "prepare the purge of expired sessions"))
        return 0;
    query.bindValue(QStringLiteral(":now"), detail::msecs(now));
    if (!detail::exec(query, "purge expired sessions"))
        return 0;
    return query.numRowsAffected();
}

} // namespace paycred::storage
