// The router with a fixed valid token: the input's first line is "METHOD /target", the second
// the Content-Type, the rest the body, sent as the superuser (Authorization: Bearer <token>).
// The services are built as tests/support/testbackend builds them, on a SQLite file that is
// emptied back to one superuser after every input, with cheap password hashing.
#include "fuzz/fuzztarget.h"

#include "core/api/apirequest.h"
#include "core/api/router.h"
#include "core/crypto/digest.h"
#include "core/crypto/fernetkey.h"
#include "core/crypto/keyring.h"
#include "core/foundation/manualclock.h"
#include "core/service/auditkeys.h"
#include "core/service/services.h"
#include "core/service/servicesettings.h"
#include "core/service/userservice.h"
#include "core/storage/database.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdlib>
#include <memory>

namespace paycred::fuzz {

namespace {

const QString Username = QStringLiteral("fuzzadmin");
const QString Password = QStringLiteral("fuzz-password-1");

class FuzzBackend {
public:
    FuzzBackend() {
        if (!m_dir.isValid())
            std::abort();
        storage::DatabaseConfig config;
        config.name = m_dir.filePath(QStringLiteral("fuzz.sqlite3"));
        m_db = std::make_unique<storage::Database>(config);
        QString error;
        if (!m_db->open(&error))
            qFatal("fuzz router: cannot open the database: %s", qPrintable(error));
        // A fixed key: the token stays valid across resets (same user id, same clock).
        service::ServiceSettings settings;
        settings.secretKey = crypto::Secret(QByteArray(32, 'k'));
        settings.keyRing = crypto::KeyRing({crypto::FernetKey::generate()});
        settings.auditKeys = service::AuditKeys({crypto::Secret(QByteArray(32, 'a'))});
        settings.passwordIterations = 1;
        m_services = std::make_unique<service::Services>(*m_db, std::move(settings), m_clock);
        m_router = std::make_unique<api::Router>(*m_services);
        QSqlQuery tables(m_db->connection());
        if (!tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                        "name NOT IN ('schema_migrations', 'sqlite_sequence')")))
            std::abort();
        while (tables.next())
            m_tables << tables.value(0).toString();
        // Resets are many: no waiting for the disk (the file is thrown away anyway).
        QSqlQuery pragma(m_db->connection());
        pragma.exec(QStringLiteral("PRAGMA synchronous = OFF"));
        pragma.finish();
        m_pristine = snapshot();
        addSuperuser();
        m_token = login();
        if (m_token.isEmpty())
            qFatal("fuzz router: cannot log in");
        // The token's session goes with the emptied tables (and with its user): kept to be
        // written back after every reset.
        QSqlQuery session(m_db->connection());
        if (!session.exec(QStringLiteral("SELECT * FROM sessions")) || !session.next())
            qFatal("fuzz router: the login started no session");
        m_session = session.record();
        // The token must outlive a reset, or every input would stop at 401.
        reset();
        api::ApiRequest me;
        me.method = "GET";
        me.target = "/users/me/";
        me.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + m_token)));
        const int status = m_router->handle(me).status;
        if (status != 200)
            qFatal("fuzz router: the token does not outlive a reset (%d)", status);
        reset();
    }

    // Most inputs change nothing (refused before any write): only those that did are undone.
    void run(const api::ApiRequest& request) {
        const qint64 before = totalChanges();
        (void)m_router->handle(request);
        if (totalChanges() != before)
            reset();
    }
    const QByteArray& token() const { return m_token; }

private:
    // The rows every table holds right after migrating (the audit chain's anchor, say).
    QHash<QString, qint64> snapshot() const {
        QHash<QString, qint64> counts;
        for (const QString& table : m_tables) {
            QSqlQuery count(m_db->connection());
            if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(table)) ||
                !count.next())
                std::abort();
            counts.insert(table, count.value(0).toLongLong());
        }
        return counts;
    }

    // Rows written on this connection so far (SQLite's total_changes()).
    qint64 totalChanges() const {
        QSqlQuery changes(m_db->connection());
        if (!changes.exec(QStringLiteral("SELECT total_changes()")) || !changes.next())
            std::abort();
        return changes.value(0).toLongLong();
    }

    void addSuperuser() {
        const auto created = m_services->users().create(Username, Password, true);
        if (!created.ok())
            qFatal("fuzz router: cannot create the superuser");
    }

    QByteArray login() {
        api::ApiRequest request;
        request.method = "POST";
        request.target = "/users/login/";
        request.remoteAddress = QStringLiteral("127.0.0.1");
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = QJsonDocument(QJsonObject{{"username", Username}, {"password", Password}})
                           .toJson(QJsonDocument::Compact);
        const auto response = m_router->handle(request);
        return response.object().value("access_token").toString().toUtf8();
    }

    // Back to the state after construction, in one transaction: every table emptied (or, for
    // the few that start with rows, truncated to them), ids restarted, the superuser again.
    void reset() {
        QSqlQuery sql(m_db->connection());
        sql.exec(QStringLiteral("BEGIN"));
        for (const QString& table : m_tables) {
            const qint64 keep = m_pristine.value(table);
            if (keep == 0)
                sql.exec(QStringLiteral("DELETE FROM \"%1\"").arg(table));
            else
                sql.exec(QStringLiteral("DELETE FROM \"%1\" WHERE rowid NOT IN (SELECT rowid FROM "
                                        "\"%1\" ORDER BY rowid LIMIT %2)")
                             .arg(table)
                             .arg(keep));
        }
        sql.exec(QStringLiteral("DELETE FROM sqlite_sequence"));
        // As tests/support/testbackend empties a database: the audit chain starts again.
        sql.exec(
            QStringLiteral("UPDATE audit_chain SET last_id = 0, last_mac = '', legacy_until = 0"));
        sql.exec(QStringLiteral("COMMIT"));
        addSuperuser();
        restoreSession();
    }

    void restoreSession() {
        if (m_session.isEmpty())
            return; // still constructing: the login makes it
        QStringList names;
        QStringList places;
        for (int i = 0; i < m_session.count(); ++i) {
            names << m_session.fieldName(i);
            places << QStringLiteral("?");
        }
        QSqlQuery insert(m_db->connection());
        insert.prepare(QStringLiteral("INSERT INTO sessions (%1) VALUES (%2)")
                           .arg(names.join(u','), places.join(u',')));
        for (int i = 0; i < m_session.count(); ++i)
            insert.addBindValue(m_session.value(i));
        if (!insert.exec())
            qFatal("fuzz router: cannot restore the session");
    }

    // In memory where there is a tmpfs: the database is rewritten after every input.
    QTemporaryDir m_dir{QDir(QStringLiteral("/dev/shm")).exists()
                            ? QStringLiteral("/dev/shm/paycred-fuzz-XXXXXX")
                            : QDir::tempPath() + QStringLiteral("/paycred-fuzz-XXXXXX")};
    ManualClock m_clock{QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC)};
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<service::Services> m_services;
    std::unique_ptr<api::Router> m_router;
    QStringList m_tables;
    QHash<QString, qint64> m_pristine;
    QByteArray m_token;
    QSqlRecord m_session;
};

} // namespace

void fuzzRouter(QByteArrayView input) {
    static FuzzBackend backend;
    const qsizetype first = input.indexOf('\n');
    const QByteArrayView line = first < 0 ? input : input.first(first);
    const QByteArrayView rest = first < 0 ? QByteArrayView() : input.sliced(first + 1);
    const qsizetype second = rest.indexOf('\n');
    api::ApiRequest request;
    const qsizetype space = line.indexOf(' ');
    request.method = (space < 0 ? line : line.first(space)).toByteArray();
    request.target = space < 0 ? QByteArray("/") : line.sliced(space + 1).toByteArray();
    request.remoteAddress = QStringLiteral("127.0.0.1");
    request.headers.append(
        qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + backend.token())));
    if (second >= 0) {
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray(rest.first(second).toByteArray())));
        request.body = rest.sliced(second + 1).toByteArray();
    } else {
        request.body = rest.toByteArray();
    }
    backend.run(request);
}

} // namespace paycred::fuzz
