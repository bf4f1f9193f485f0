#include "core/storage/credentialrepository.h"
#include "core/storage/database.h"
#include "core/storage/loginthrottlerepository.h"
#include "core/storage/userrepository.h"
#include "tests/storage/storagetestsupport.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <functional>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

using namespace paycred::storage;
using namespace paycred::storagetest;

class TestConcurrency : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void eachThreadHasItsOwnConnection();
    void threadConnectionsCloseWhenTheThreadEnds();
    void sameCredentialFromManyThreads();
    void sameUsernameFromManyThreads();
    void concurrentFailuresAreCountedExactly();
    void readThenWriteTransactionsDoNotFail();

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<Database> m_db;
};

void TestConcurrency::init() {
    m_db = std::make_unique<Database>(
        testConfig(m_dir.filePath(QStringLiteral("concurrent%1.sqlite3").arg(++m_files))));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void TestConcurrency::cleanup() {
    const DatabaseConfig config = m_db ? m_db->config() : DatabaseConfig();
    m_db.reset();
    dropTestDatabase(config);
}

void TestConcurrency::eachThreadHasItsOwnConnection() {
    constexpr int kThreads = 4;
    std::vector<QString> names(kThreads);
    std::vector<int> pinged(kThreads, 0);
    std::vector<int> sameThread(kThreads, 0);
    runTogether(kThreads, [&](int i) {
        const QSqlDatabase db = m_db->connection();
        names[i] = db.connectionName();
        pinged[i] = m_db->ping() ? 1 : 0;
        sameThread[i] = db.driver()->thread() == QThread::currentThread() ? 1 : 0;
    });
    const QString mainName = m_db->connection().connectionName();
    for (int i = 0; i < kThreads; ++i) {
        QVERIFY(!names[i].isEmpty());
        QCOMPARE(pinged[i], 1);
        QCOMPARE(sameThread[i], 1);
        QVERIFY(names[i] != mainName);
        for (int j = 0; j < i; ++j)
            QVERIFY(names[i] != names[j]);
    }
}

void TestConcurrency::threadConnectionsCloseWhenTheThreadEnds() {
    const QStringList before = QSqlDatabase::connectionNames();
    QString inThread;
    bool pinged = false;
    std::thread worker([&] {
        pinged = m_db->ping();
        inThread = m_db->connection().connectionName();
    });
    worker.join();
    QVERIFY(pinged);
    QVERIFY(!inThread.isEmpty());
    QVERIFY(before.size() >= 1); // this thread's own connection, from init()
    QVERIFY(!QSqlDatabase::connectionNames().contains(inThread));
    QCOMPARE(QSqlDatabase::connectionNames(), before);

    // A Database destroyed while a thread is still alive leaves nothing behind either, and the
    // thread's exit does not trip over it.
    std::latch used(1);
    std::latch destroyed(1);
    bool latePinged = false;
    std::thread late([&] {
        latePinged = m_db->ping();
        used.count_down();
        destroyed.wait();
    });
    used.wait();
    m_db.reset();
    destroyed.count_down();
    late.join();
    QVERIFY(latePinged);
    QVERIFY(QSqlDatabase::connectionNames().isEmpty());
}

void TestConcurrency::sameCredentialFromManyThreads() {
    constexpr int kThreads = 8;
    constexpr int kRounds = 10;
    for (int round = 0; round < kRounds; ++round) {
        const auto user =
            UserRepository(*m_db).insert(makeUser(QStringLiteral("racer%1").arg(round)));
        QVERIFY(user.ok());
        std::vector<WriteStatus> statuses(kThreads, WriteStatus::Failed);
        std::vector<qint64> ids(kThreads, 0);
        runTogether(kThreads, [&](int i) {
            const auto result = CredentialRepository(*m_db).insert(
                makeCredential(user.value, QStringLiteral("kopokopo"),
                               i % 2 ? QStringLiteral("live") : QStringLiteral("sandbox")));
            statuses[i] = result.status;
            ids[i] = result.value;
        });
        const auto ok = std::count(statuses.begin(), statuses.end(), WriteStatus::Ok);
        const auto conflict = std::count(statuses.begin(), statuses.end(), WriteStatus::Conflict);
        QCOMPARE(ok, 1);
        QCOMPARE(conflict, kThreads - 1);
        const auto winner = std::find(statuses.begin(), statuses.end(), WriteStatus::Ok);
        const qint64 id = ids[winner - statuses.begin()];
        QVERIFY(id > 0);
        const auto stored = CredentialRepository(*m_db).listForUser(user.value);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored[0].id, id);
    }
}

void TestConcurrency::sameUsernameFromManyThreads() {
    constexpr int kThreads = 8;
    std::vector<WriteStatus> statuses(kThreads, WriteStatus::Failed);
    runTogether(kThreads, [&](int i) {
        statuses[i] = UserRepository(*m_db).insert(makeUser(QStringLiteral("sameName"))).status;
    });
    QCOMPARE(std::count(statuses.begin(), statuses.end(), WriteStatus::Ok), 1);
    QCOMPARE(std::count(statuses.begin(), statuses.end(), WriteStatus::Conflict), kThreads - 1);
    QCOMPARE(UserRepository(*m_db).count(), qint64(1));
}

void TestConcurrency::concurrentFailuresAreCountedExactly() {
    constexpr int kThreads = 4;
    constexpr int kEach = 25;
    const QString key = QStringLiteral("user:target");
    const qint64 now = 1'705'314'600;
    std::vector<std::vector<int>> seen(kThreads);
    std::vector<int> missing(kThreads, 0);
    runTogether(kThreads, [&](int i) {
        LoginThrottleRepository throttle(*m_db);
        for (int n = 0; n < kEach; ++n) {
            // Every call is within the window that the first one opened.
            const auto record = throttle.countAttempt(key, now + n, 3600);
            if (record)
                seen[i].push_back(record->failures);
            else
                ++missing[i];
        }
    });
    for (int i = 0; i < kThreads; ++i)
        QCOMPARE(missing[i], 0);
    const auto record = LoginThrottleRepository(*m_db).find(key);
    QVERIFY(record.has_value());
    QCOMPARE(record->failures, kThreads * kEach);
    QCOMPARE(record->windowStartSecs, now);
    // Each call read back its own count: every value 1..100 exactly once.
    std::vector<int> all;
    for (const auto& values : seen)
        all.insert(all.end(), values.begin(), values.end());
    std::sort(all.begin(), all.end());
    QCOMPARE(int(all.size()), kThreads * kEach);
    for (int n = 0; n < kThreads * kEach; ++n)
        QCOMPARE(all[n], n + 1);
}

void TestConcurrency::readThenWriteTransactionsDoNotFail() {
    // A transaction that reads before it writes: with a deferred BEGIN, SQLite would answer
    // SQLITE_BUSY at once (no busy wait) when another connection wrote in between.
    constexpr int kThreads = 8;
    constexpr int kEach = 10;
    std::vector<int> failures(kThreads, 0);
    runTogether(kThreads, [&](int i) {
        UserRepository users(*m_db);
        for (int n = 0; n < kEach; ++n) {
            const bool committed = m_db->transaction([&] {
                const qint64 before = users.count();
                if (users.findByUsername(QStringLiteral("t%1-%2").arg(i).arg(n)))
                    return false;
                QThread::usleep(200);
                // SQLite's writers are serialised from BEGIN IMMEDIATE on, so nobody else's row
                // can appear in between; PostgreSQL (read committed) lets the others commit.
                return users.insert(makeUser(QStringLiteral("t%1-%2").arg(i).arg(n))).ok() &&
                       (!m_db->isSqlite() || users.count() == before + 1);
            });
            if (!committed)
                ++failures[i];
        }
    });
    for (int i = 0; i < kThreads; ++i)
        QCOMPARE(failures[i], 0);
    QCOMPARE(UserRepository(*m_db).count(), qint64(kThreads * kEach));
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
