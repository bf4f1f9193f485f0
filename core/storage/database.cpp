#include "core/storage/database.h"

#include "core/foundation/storageunavailable.h"
#include "core/storage/databaseurl.h"
#include "core/storage/logging.h"
#include "core/storage/migrations.h"
#include "core/storage/sqlsupport.h"

#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace paycred::storage {

// The connection names one Database created. Shared (not owned) with the per-thread clean-up
// below, which may run after the Database is gone.
struct Database::Registry {
    QMutex mutex;
    QStringList names;
    std::timed_mutex writer; // SQLite: held by this instance's transaction in progress, if any

    void add(const QString& name) {
        const QMutexLocker lock(&mutex);
        if (!names.contains(name))
            names.append(name);
    }
    // Removes one connection (when this instance still owns it).
    void release(const QString& name) {
        const QMutexLocker lock(&mutex);
        if (names.removeOne(name))
            QSqlDatabase::removeDatabase(name);
    }
    void releaseAll() {
        const QMutexLocker lock(&mutex);
        for (const QString& name : std::as_const(names))
            QSqlDatabase::removeDatabase(name);
        names.clear();
    }
};

namespace {

std::atomic<quint64> g_nextInstance{1};
std::atomic<quint64> g_nextThread{1};

// A number for this thread that is never reused in this process (native thread ids are, and a
// connection must never be handed to a thread other than the one that made it).
quint64 threadSequence() {
    thread_local const quint64 sequence = g_nextThread.fetch_add(1);
    return sequence;
}

// Set when this thread's ThreadConnections is gone (at its exit; for the main thread before the
// destructors of static objects run, which may destroy a Database): trivially destructible, so
// it can still be read then.
thread_local bool t_threadConnectionsGone = false;

// Closes this thread's connections when the thread exits, so a pool that replaces its threads
// does not accumulate open connections. Runs on the exiting thread, after its last query.
struct ThreadConnections {
    struct Entry {
        std::weak_ptr<Database::Registry> registry;
        QString name;
        quint64 instance = 0;
        // This thread's handle, kept so that the usual call costs no lookup in QtSql's global
        // (locked) list of connections; dropped before the connection is removed.
        QSqlDatabase handle;
    };
    std::vector<Entry> entries;

    Entry* find(quint64 instance) {
        for (Entry& entry : entries) {
            if (entry.instance == instance)
                return &entry;
        }
        return nullptr;
    }
    ~ThreadConnections() {
        t_threadConnectionsGone = true;
        for (Entry& entry : entries) {
            entry.handle = QSqlDatabase();
            if (const auto alive = entry.registry.lock())
                alive->release(entry.name);
        }
    }
};

ThreadConnections& threadConnections() {
    thread_local ThreadConnections connections;
    return connections;
}

// Per-thread transaction nesting, per Database instance.
struct TransactionState {
    int depth = 0;
    bool rollbackOnly = false;
};

std::unordered_map<quint64, TransactionState>& transactionStates() {
    thread_local std::unordered_map<quint64, TransactionState> states;
    return states;
}

bool execPragma(QSqlDatabase& db, const QString& sql, QString* reply, QString* error) {
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *error = detail::driverText(query.lastError());
        return false;
    }
    if (reply && query.next())
        *reply = query.value(0).toString();
    return true;
}

// True when a connection no longer answers, e.g. after PostgreSQL restarted: it is then closed
// and opened again. Asked only outside a transaction, after a statement failed.
bool isDead(QSqlDatabase& db) {
    QSqlQuery query(db);
    return !query.exec(QStringLiteral("SELECT 1"));
}

// Runs `work`; an exception counts as a failure. StorageUnavailable goes on up (after the
// caller rolled back), so that the request fails as a whole with 503 instead of taking a failed
// read for "no such row".
bool runWork(const std::function<bool()>& work) {
    try {
        return work();
    } catch (const StorageUnavailable&) {
        throw;
    } catch (const std::exception&) {
        // The message is not logged: it could quote data.
        qCWarning(lcStorage, "A transaction's work threw an exception; it is rolled back.");
    } catch (...) {
        qCWarning(lcStorage, "A transaction's work threw an exception; it is rolled back.");
    }
    return false;
}

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_id(g_nextInstance.fetch_add(1))
    , m_registry(std::make_shared<Registry>()) {
    m_prefix = QStringLiteral("paycred-db%1-").arg(m_id);
}

Database::~Database() {
    // This thread's handle goes first; another thread's, should one still hold one, is disabled
    // by QtSql when its connection is removed.
    if (!t_threadConnectionsGone) {
        auto& entries = threadConnections().entries;
        std::erase_if(entries, [this](const auto& entry) { return entry.instance == m_id; });
    }
    m_registry->releaseAll();
}

QString Database::connectionName() const {
    return m_prefix + QStringLiteral("t%1").arg(threadSequence());
}

bool Database::isSqlite() const {
    return m_config.driver.compare(QLatin1String("QSQLITE"), Qt::CaseInsensitive) == 0;
}

QString Database::describe() const {
    if (isSqlite())
        return QStringLiteral("the SQLite database \"%1\"").arg(m_config.name);
    QString where = m_config.host.isEmpty() ? QStringLiteral("localhost") : m_config.host;
    if (m_config.port > 0)
        where += QLatin1Char(':') + QString::number(m_config.port);
    return QStringLiteral("the %1 database \"%2\" on %3")
        .arg(m_config.driver == QLatin1String("QPSQL") ? QStringLiteral("PostgreSQL")
                                                       : m_config.driver,
             m_config.name, where);
}

bool Database::inTransaction() const {
    const auto& states = transactionStates();
    const auto state = states.find(m_id);
    return state != states.end() && state->second.depth > 0;
}

QSqlDatabase Database::connection() const {
    return ensureConnection(nullptr);
}

QSqlDatabase Database::ensureConnection(QString* error) const {
    if (t_threadConnectionsGone)
        return lookUpConnection(error);
    // The usual case: this thread's open connection, and nothing failed since the last check.
    ThreadConnections::Entry* cached = threadConnections().find(m_id);
    if (cached && cached->handle.isOpen() && (!detail::connectionSuspect() || inTransaction()))
        return cached->handle;
    QSqlDatabase db = lookUpConnection(error);
    cached = threadConnections().find(m_id);
    if (cached)
        cached->handle = db;
    return db;
}

QSqlDatabase Database::lookUpConnection(QString* error) const {
    const QString name = connectionName();
    QSqlDatabase db;
    if (QSqlDatabase::contains(name)) {
        db = QSqlDatabase::database(name, false);
        // The usual case costs one thread-local read: nothing failed since the last check.
        if (db.isOpen() && (!detail::connectionSuspect() || inTransaction()))
            return db;
        detail::clearConnectionSuspect();
        if (db.isOpen() && !isDead(db))
            return db;
        db.close();
    } else {
        if (!QSqlDatabase::isDriverAvailable(m_config.driver)) {
            const QString reason =
                QStringLiteral("Cannot open %1: the Qt SQL driver %2 is not installed.")
                    .arg(describe(), m_config.driver);
            qCWarning(lcStorage).noquote() << reason;
            if (error)
                *error = reason;
            return {};
        }
        db = QSqlDatabase::addDatabase(m_config.driver, name);
        m_registry->add(name);
        auto& entries = threadConnections().entries;
        std::erase_if(entries, [](const auto& entry) { return entry.registry.expired(); });
        entries.push_back({m_registry, name, m_id, {}});
        db.setDatabaseName(m_config.name);
        if (!isSqlite()) {
            if (!m_config.host.isEmpty())
                db.setHostName(m_config.host);
            if (m_config.port > 0)
                db.setPort(m_config.port);
            if (!m_config.user.isEmpty())
                db.setUserName(m_config.user);
            if (!m_config.password.isEmpty())
                db.setPassword(m_config.password);
            db.setConnectOptions(DatabaseUrl::connectOptions(m_config));
        }
    }

    if (!db.open()) {
        const QString reason = QStringLiteral("Cannot open %1: %2.")
                                   .arg(describe(), detail::driverText(db.lastError()));
        qCWarning(lcStorage).noquote() << reason;
        if (error)
            *error = reason;
        return db;
    }
    QString configureError;
    if (!configure(db, &configureError)) {
        db.close();
        const QString reason =
            QStringLiteral("Cannot open %1: %2.").arg(describe(), configureError);
        qCWarning(lcStorage).noquote() << reason;
        if (error)
            *error = reason;
    }
    return db;
}

bool Database::configure(QSqlDatabase& db, QString* error) const {
    if (!isSqlite())
        return true;
    // The busy timeout first, so that switching to WAL waits for a lock held by another
    // connection instead of failing.
    const int busyMs = std::max(0, m_config.busyTimeoutMs);
    if (!execPragma(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(busyMs), nullptr, error))
        return false;
    QString mode;
    if (!execPragma(db, QStringLiteral("PRAGMA journal_mode = WAL"), &mode, error))
        return false;
    if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0 &&
        m_config.name != QLatin1String(":memory:")) {
        qCWarning(lcStorage).noquote()
            << QStringLiteral("%1 stays in journal mode \"%2\" instead of WAL.")
                   .arg(describe(), mode);
    }
    if (!execPragma(db, QStringLiteral("PRAGMA foreign_keys = ON"), nullptr, error))
        return false;
    if (!execPragma(db, QStringLiteral("PRAGMA synchronous = NORMAL"), nullptr, error))
        return false;
    return true;
}

bool Database::open(QString* error) {
    QString reason;
    QSqlDatabase db = ensureConnection(&reason);
    if (!db.isOpen()) {
        if (error)
            *error = reason;
        return false;
    }
    if (!Migrations::apply(db, &reason)) {
        qCWarning(lcStorage).noquote() << reason;
        if (error)
            *error = reason;
        return false;
    }
    return true;
}

int Database::schemaVersion() const {
    return Migrations::currentVersion(connection());
}

bool Database::ping() const {
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return false;
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT 1")) && query.next() && query.value(0).toInt() == 1;
}

bool Database::transaction(const std::function<bool()>& work) const {
    auto& states = transactionStates();
    if (auto it = states.find(m_id); it != states.end() && it->second.depth > 0) {
        // Part of the outer transaction on this thread.
        ++it->second.depth;
        const auto leave = [&states, this](bool ok) {
            // `states` may have been rehashed by `work`; look the entry up again.
            TransactionState& state = states[m_id];
            --state.depth;
            if (!ok)
                state.rollbackOnly = true;
            return ok;
        };
        try {
            return leave(runWork(work));
        } catch (const StorageUnavailable&) {
            leave(false);
            throw;
        }
    }

    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        qCWarning(lcStorage).noquote()
            << QStringLiteral("Cannot begin a transaction: %1 is not open.").arg(describe());
        return false;
    }
    bool begun = false;
    // SQLite has one writer at a time: this process's writers take turns on a mutex, woken the
    // moment it is free, instead of polling the database's lock in SQLite's busy handler, which
    // sleeps up to 100 ms between tries (other processes still meet that handler).
    std::unique_lock<std::timed_mutex> writer(m_registry->writer, std::defer_lock);
    if (isSqlite()) {
        // As long as the busy timeout would have let it wait for the database's lock.
        if (!writer.try_lock_for(std::chrono::milliseconds(std::max(0, m_config.busyTimeoutMs)))) {
            qCWarning(lcStorage, "Cannot begin a transaction: another one of this process held "
                                 "the database for longer than the busy timeout.");
            return false;
        }
        QSqlQuery begin(db);
        begun = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!begun)
            detail::logFailure("begin a transaction", begin.lastError());
    } else {
        begun = db.transaction();
        if (!begun)
            detail::logFailure("begin a transaction", db.lastError());
    }
    if (!begun)
        return false;

    states[m_id] = TransactionState{1, false};
    bool ok = false;
    try {
        ok = runWork(work);
    } catch (const StorageUnavailable&) {
        states.erase(m_id);
        db.rollback(); // may fail too on a dead connection: nothing was committed either way
        throw;
    }
    const bool rollbackOnly = states[m_id].rollbackOnly;
    states.erase(m_id);

    if (ok && !rollbackOnly) {
        if (db.commit())
            return true;
        detail::logFailure("commit a transaction", db.lastError());
    }
    if (!db.rollback())
        detail::logFailure("roll back a transaction", db.lastError());
    return false;
}

} // namespace paycred::storage
