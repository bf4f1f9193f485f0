// The superusers' lists (API.md §3) read every page through an index: for each ordering, both
// directions, the first page and one after a cursor, SQLite's own counters for the statements
// the repositories ran show no sort and no full scan; so do the audit filters' counts and the
// stats. The time this saves is measured in bench/ (bench/results/admin_scale.txt), not here.
// SQLite's counters are read through its trace hook on the connection QSQLITE opened.

#include "core/storage/auditrepository.h"
#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/userrepository.h"
#include "tests/storage/storagetestsupport.h"

#include <QSqlDriver>
#include <QTest>

#include <functional>
#include <initializer_list>
#include <limits>

#include <sqlite3.h>

using namespace paycred;
using namespace paycred::storagetest;

Q_DECLARE_METATYPE(paycred::storage::AuditFilter)

namespace {

// What SQLite counted for one statement it ran.
struct Statement {
    QString sql;
    int sorts = 0;
    int fullScanSteps = 0;
    int autoIndexes = 0;
};

int profile(unsigned type, void* context, void* statement, void*) {
    if (type != SQLITE_TRACE_PROFILE)
        return 0;
    auto* ran = static_cast<QList<Statement>*>(context);
    auto* stmt = static_cast<sqlite3_stmt*>(statement);
    ran->append({QString::fromUtf8(sqlite3_sql(stmt)),
                 sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_SORT, 0),
                 sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0),
                 sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_AUTOINDEX, 0)});
    return 0;
}

QString described(const QList<Statement>& statements) {
    QStringList lines;
    for (const Statement& s : statements)
        lines << QStringLiteral("sorts=%1 full-scan steps=%2 automatic indexes=%3: %4")
                     .arg(s.sorts)
                     .arg(s.fullScanSteps)
                     .arg(s.autoIndexes)
                     .arg(s.sql.simplified());
    return lines.join(u'\n');
}

} // namespace

class TestListIndexes : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    QList<Statement> m_ran;

    // Runs `read` and returns what SQLite counted for the statements it ran.
    QList<Statement> traced(const std::function<void()>& read) {
        m_ran.clear();
        read();
        return m_ran;
    }

    // The statements ran, and none of them sorted or built a temporary index, or stepped
    // through more rows of a table or index in its order than `maxSteps` (a page read through
    // an index steps through the page and stops; a scan steps through everything).
    static bool seeks(const QList<Statement>& statements, int maxSteps, QString* why) {
        *why = described(statements);
        if (statements.isEmpty())
            return false;
        return std::all_of(statements.begin(), statements.end(), [&](const Statement& s) {
            return s.sorts == 0 && s.autoIndexes == 0 && s.fullScanSteps <= maxSteps;
        });
    }

    bool exec(const QString& sql) {
        QSqlQuery query(m_db->connection());
        if (!query.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return !query.lastError().isValid();
    }

    // Rows "name" and "-name" for each ordering.
    template <typename Order>
    static void orderingRows(std::initializer_list<std::pair<const char*, Order>> orders) {
        QTest::addColumn<Order>("order");
        QTest::addColumn<bool>("descending");
        for (const auto& [name, order] : orders) {
            QTest::addRow("%s", name) << order << false;
            QTest::addRow("-%s", name) << order << true;
        }
    }

    // The first page and the one after its cursor, as `list` reads them: both must seek.
    template <typename Row>
    void pagesSeek(bool descending,
                   const std::function<std::optional<QList<Row>>(const storage::Slice&)>& list,
                   const std::function<QVariant(const Row&)>& orderValue,
                   const std::function<qint64(const Row&)>& idOf) {
        storage::Slice slice;
        slice.descending = descending;
        slice.limit = 51;
        std::optional<QList<Row>> first;
        QString why;
        QVERIFY2(seeks(traced([&] { first = list(slice); }), slice.limit, &why), qPrintable(why));
        QVERIFY(first && first->size() == 51);
        slice.afterValue = orderValue(first->last());
        slice.afterId = idOf(first->last());
        std::optional<QList<Row>> next;
        QVERIFY2(seeks(traced([&] { next = list(slice); }), slice.limit, &why), qPrintable(why));
        QVERIFY(next && next->size() == 51);
        QVERIFY(idOf(next->first()) != idOf(first->last()));
    }

private slots:
    void initTestCase() {
        m_db = std::make_unique<storage::Database>(
            sqliteConfig(m_dir.filePath(QStringLiteral("lists.sqlite3"))));
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        // Enough rows that a scan would show in the counters; made with SQL, the fastest way.
        QVERIFY(exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
            "INSERT INTO users (username, password_hash, is_superuser, is_active, date_joined, "
            "last_login) SELECT 'user' || i, '!', i % 50 = 0, i % 7 <> 0, 1705314600000 + i * "
            "997 % 400 * 1000, CASE WHEN i % 3 = 0 THEN NULL ELSE 1705314600000 + i * 13 % 400 "
            "END FROM n")));
        QVERIFY(exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800) "
            "INSERT INTO payment_credentials (user_id, provider, encrypted_api_key, "
            "encrypted_private_key, private_key_digest, environment, is_active, created_at, "
            "updated_at) SELECT 1 + i % 400, CASE WHEN i <= 400 THEN 'kopokopo' ELSE "
            "'instasend' END, 'x', 'x', 'd' || i, CASE i % 3 WHEN 0 THEN 'live' ELSE 'sandbox' "
            "END, i % 5 <> "
            "0, 1705314600000 + i * 31 % 800, 1705314600000 + i * 17 % 800 FROM n")));
        QVERIFY(exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
            "INSERT INTO audit_events (at, actor_id, actor_username, action, credential_id, "
            "provider, outcome, environment) SELECT 1705314600000 + i, 1 + i % 400, 'user' || "
            "(1 + i % 400), CASE i % 4 WHEN 0 THEN 'login' WHEN 1 THEN 'private_key_revealed' "
            "WHEN 2 THEN 'credential_verified' ELSE 'logout' END, 1 + i % 800, 'kopokopo', CASE "
            "i % 9 WHEN 0 THEN 'denied' WHEN 1 THEN 'failed' ELSE 'ok' END, CASE i % 3 WHEN 0 "
            "THEN 'live' ELSE 'sandbox' END FROM n")));
        const QVariant handle = m_db->connection().driver()->handle();
        QVERIFY(handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0);
        sqlite3* connection = *static_cast<sqlite3* const*>(handle.constData());
        QVERIFY(connection);
        QCOMPARE(sqlite3_trace_v2(connection, SQLITE_TRACE_PROFILE, profile, &m_ran), SQLITE_OK);
    }

    void credentialOrderings_data() {
        using Order = storage::CredentialRepository::Order;
        orderingRows<Order>({{"id", Order::Id},
                             {"provider", Order::Provider},
                             {"environment", Order::Environment},
                             {"owner", Order::Owner},
                             {"created_at", Order::CreatedAt},
                             {"updated_at", Order::UpdatedAt}});
    }
    void credentialOrderings() {
        using Repository = storage::CredentialRepository;
        using Row = storage::OwnedCredentialRecord;
        QFETCH(Repository::Order, order);
        QFETCH(bool, descending);
        const Repository repository(*m_db);
        pagesSeek<Row>(
            descending,
            [&](const storage::Slice& slice) {
                return repository.listWithOwners({}, order, slice);
            },
            [&](const Row& row) { return Repository::orderValue(order, row); },
            [](const Row& row) { return row.credential.id; });
    }

    void userOrderings_data() {
        using Order = storage::UserRepository::Order;
        orderingRows<Order>({{"id", Order::Id},
                             {"username", Order::Username},
                             {"date_joined", Order::DateJoined},
                             {"last_login", Order::LastLogin}});
    }
    void userOrderings() {
        using Repository = storage::UserRepository;
        using Row = storage::ListedUserRecord;
        QFETCH(Repository::Order, order);
        QFETCH(bool, descending);
        const Repository repository(*m_db);
        // The page's users; their credentials are counted through the user_id index.
        pagesSeek<Row>(
            descending,
            [&](const storage::Slice& slice) { return repository.listPage({}, order, slice); },
            [&](const Row& row) { return Repository::orderValue(order, row); },
            [](const Row& row) { return row.user.id; });
    }

    void auditFilters_data() {
        QTest::addColumn<storage::AuditFilter>("filter");
        storage::AuditFilter action;
        action.action = QStringLiteral("private_key_revealed");
        storage::AuditFilter outcome;
        outcome.outcome = QStringLiteral("denied");
        storage::AuditFilter environment;
        environment.environment = QStringLiteral("live");
        storage::AuditFilter liveReveals = action; // who revealed a live key
        liveReveals.environment = QStringLiteral("live");
        storage::AuditFilter nothingMatches;
        nothingMatches.action = QStringLiteral("user_unlocked");
        nothingMatches.environment = QStringLiteral("live");
        QTest::newRow("none") << storage::AuditFilter{};
        QTest::newRow("action") << action;
        QTest::newRow("outcome") << outcome;
        QTest::newRow("environment") << environment;
        QTest::newRow("action and environment") << liveReveals;
        storage::AuditFilter provider;
        provider.provider = QStringLiteral("kopokopo");
        QTest::newRow("provider") << provider;
        QTest::newRow("an action that never happened") << nothingMatches;
    }
    void auditFilters() {
        QFETCH(storage::AuditFilter, filter);
        const storage::AuditRepository repository(*m_db);
        storage::Slice slice;
        slice.descending = true; // newest first, as the trail reads
        slice.limit = 51;
        QString why;
        std::optional<QList<storage::AuditRecord>> page;
        std::optional<qint64> count;
        QVERIFY2(seeks(traced([&] {
                           page =
                               repository.list(filter, storage::AuditRepository::Order::Id, slice);
                       }),
                       slice.limit, &why),
                 qPrintable(why));
        // A filtered count reads the index's range of the matches, never the whole table.
        const bool filtered =
            filter.action || filter.outcome || filter.environment || filter.provider;
        QVERIFY2(seeks(traced([&] { count = repository.count(filter); }),
                       filtered ? 0 : std::numeric_limits<int>::max(), &why),
                 qPrintable(why));
        QVERIFY(page && count);
        QCOMPARE(qint64(page->size()), std::min<qint64>(*count, 51));
    }

    void statsCountThroughAnIndex() {
        QString why;
        std::optional<QList<storage::CredentialRepository::Group>> groups;
        const QList<Statement> ran =
            traced([&] { groups = storage::CredentialRepository(*m_db).countGroups(); });
        QVERIFY(groups && !groups->isEmpty());
        // A covering index in the GROUP BY's order: no sort. (Counting every row is the job.)
        QVERIFY2(!ran.isEmpty() && ran.first().sorts == 0 && ran.first().autoIndexes == 0,
                 qPrintable(described(ran)));
    }
};

QTEST_GUILESS_MAIN(TestListIndexes)
#include "tst_listindexes.moc"
