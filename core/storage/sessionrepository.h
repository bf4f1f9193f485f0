#pragma once

#include "core/storage/records.h"

#include <QList>

namespace paycred::storage {

class Database;

// SessionRepository: the sessions table — one row per login, deleted when the session ends.
class SessionRepository {
public:
    explicit SessionRepository(const Database& db)
        : m_db(db) {}

    bool insert(const SessionRecord& session) const;
    // The session `sid` of `userId`; none when it ended (or belongs to someone else).
    // Throws StorageUnavailable when the database cannot say: never "no session" by mistake.
    std::optional<SessionRecord> find(const QString& sid, qint64 userId) const;
    // The user `userId` with their session `sid` (none when it ended, is someone else's, or
    // `sid` is empty), in one statement; nothing when there is no such user. Throws
    // StorageUnavailable when the database cannot say.
    std::optional<UserSessionRecord> findWithUser(qint64 userId, const QString& sid) const;
    // The sessions of `userId` begun under `tokenVersion` that have not expired, oldest first.
    QList<SessionRecord> listLive(qint64 userId, qint64 tokenVersion, const QDateTime& now) const;
    // Sets last_used_at to `now` when it is older than `staleBefore` (always when `staleBefore`
    // equals `now`): one write per session per interval, whichever instance comes first.
    bool touch(const QString& sid, const QDateTime& now, const QDateTime& staleBefore) const;
    bool confirmPassword(const QString& sid, qint64 userId, const QDateTime& at) const;
    // Ends one session of `userId`; false when there was none of that sid for that user.
    bool end(const QString& sid, qint64 userId) const;
    // Ends every session of `userId`; how many there were, or -1 when the write failed.
    int endAll(qint64 userId) const;
    int purgeExpired(const QDateTime& now) const;

private:
    const Database& m_db;
};

} // namespace paycred::storage
