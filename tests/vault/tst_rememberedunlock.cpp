// Remember-unlock (RememberedUnlock) against a real Secret Service: main() runs the suite again
// inside a private D-Bus session with an unlocked gnome-keyring in a throw-away HOME
// (with-keychain.sh), so the user's own keychain is never touched. Unavailable keychains are
// played by child processes of this binary (--probe). No case prints a key: key bytes are
// compared with QVERIFY2, never QCOMPARE.

#include "core/crypto/digest.h"
#include "core/crypto/secret.h"
#include "core/foundation/manualclock.h"
#include "core/vault/rememberedslot.h"
#include "core/vault/rememberedunlock.h"
#include "core/vault/vault.h"
#include "tests/support/rerun.h"
#include "tests/vault/vaulttestsupport.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QPointer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

using namespace paycred;
using vault::RememberedUnlock;
using Status = RememberedUnlock::Status;
using namespace std::chrono_literals;

namespace paycred::vault {

inline const char* statusName(RememberedUnlock::Status status) {
    switch (status) {
    case RememberedUnlock::Status::Ok:
        return "Ok";
    case RememberedUnlock::Status::Missing:
        return "Missing";
    case RememberedUnlock::Status::Expired:
        return "Expired";
    case RememberedUnlock::Status::Malformed:
        return "Malformed";
    case RememberedUnlock::Status::Unavailable:
        return "Unavailable";
    case RememberedUnlock::Status::Refused:
        return "Refused";
    case RememberedUnlock::Status::Stale:
        return "Stale";
    }
    return "<unknown Status>";
}

// So QCOMPARE names the statuses (found by argument-dependent lookup).
inline char* toString(const RememberedUnlock::Status& status) {
    return qstrdup(statusName(status));
}

} // namespace paycred::vault

namespace {

constexpr auto kService = "PayCredTest";
constexpr int kWaitMs = 30000; // per keychain answer; a working keychain needs milliseconds
constexpr char kOwner[] = "owner";
constexpr char kOwnerPassword[] = "correct horse battery";

QString newVaultId() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

crypto::Secret randomKey(int bytes = 32) {
    return crypto::Secret(crypto::Digest::randomBytes(bytes));
}

bool sameBytes(const crypto::Secret& a, const crypto::Secret& b) {
    return a.size() == b.size() && a.view() == b.view();
}

// Runs `start(done)` and the event loop until `done` is called (or `timeoutMs` passes).
template <typename R, typename Start>
std::optional<R> await(Start&& start, int timeoutMs = kWaitMs) {
    auto result = std::make_shared<std::optional<R>>();
    QEventLoop loop;
    QPointer<QEventLoop> guard(&loop);
    start([result, guard](R value) {
        *result = std::move(value);
        if (guard)
            guard->quit();
    });
    if (!result->has_value()) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return std::move(*result);
}

// The keychain half alone: an entry holding `secret` until `expiresAt` (default: lifetime()
// after vaulttest::startTime(), where every case's clock starts: what remember() would write).
std::optional<RememberedUnlock::Result> rememberNow(RememberedUnlock& unlock, const QString& id,
                                                    const QString& user, const crypto::Secret& key,
                                                    qint64 expiresAt = 0) {
    if (expiresAt == 0)
        expiresAt = vaulttest::startTime().toSecsSinceEpoch() + unlock.lifetime().count();
    return await<RememberedUnlock::Result>(
        [&](auto done) { unlock.writeEntry(id, user, key, expiresAt, std::move(done)); });
}

std::optional<RememberedUnlock::Recall> recallNow(RememberedUnlock& unlock, const QString& id,
                                                  const QString& user) {
    return await<RememberedUnlock::Recall>(
        [&](auto done) { unlock.recall(id, user, std::move(done)); });
}

std::optional<RememberedUnlock::Result> forgetNow(RememberedUnlock& unlock, const QString& id,
                                                  const QString& user) {
    return await<RememberedUnlock::Result>(
        [&](auto done) { unlock.forgetEntry(id, user, std::move(done)); });
}

// The vault's work on a worker thread and the answer back on `context`'s, as the app's
// EmbeddedTransport::run() does. Counts the work it was given.
struct WorkerRunner {
    QObject* context = nullptr;
    std::shared_ptr<std::atomic<int>> runs = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<bool>> offThread = std::make_shared<std::atomic<bool>>(true);

    RememberedUnlock::Runner runner() const {
        return [context = context, runs = runs, offThread = offThread,
                caller = QThread::currentThread()](std::function<void()> work,
                                                   std::function<void()> done) {
            ++*runs;
            QThreadPool::globalInstance()->start(
                [context, offThread, caller, work = std::move(work), done = std::move(done)] {
                    if (QThread::currentThread() == caller)
                        *offThread = false;
                    work();
                    QMetaObject::invokeMethod(context, done, Qt::QueuedConnection);
                });
        };
    }
};

std::optional<RememberedUnlock::Unlocked> unlockNow(RememberedUnlock& unlock, vault::Vault& v,
                                                    const QString& user,
                                                    const WorkerRunner& worker = {}) {
    WorkerRunner runner = worker;
    if (!runner.context)
        runner.context = &unlock;
    return await<RememberedUnlock::Unlocked>(
        [&](auto done) { unlock.unlockVault(v, user, runner.runner(), std::move(done)); });
}

// The status alone; a call that never answered reads as Unavailable (what the real default says),
// which no in-process case expects.
Status rememberStatus(RememberedUnlock& unlock, const QString& id, const QString& user,
                      const crypto::Secret& key, qint64 expiresAt = 0) {
    return rememberNow(unlock, id, user, key, expiresAt)
        .value_or(RememberedUnlock::Result{})
        .status;
}

Status recallStatus(RememberedUnlock& unlock, const QString& id, const QString& user) {
    return recallNow(unlock, id, user).value_or(RememberedUnlock::Recall{}).status;
}

Status forgetStatus(RememberedUnlock& unlock, const QString& id, const QString& user) {
    return forgetNow(unlock, id, user).value_or(RememberedUnlock::Result{}).status;
}

// ---- The keychain directly, without the code under test -------------------------------------

struct RawEntry {
    int error = -1; // QKeychain::Error; -1: no answer
    QByteArray data;
};

RawEntry rawRead(const QString& service, const QString& key) {
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    const auto entry = await<RawEntry>([&](auto done) {
        QObject::connect(job, &QKeychain::Job::finished, [done](QKeychain::Job* finished) {
            done(RawEntry{int(finished->error()),
                          static_cast<QKeychain::ReadPasswordJob*>(finished)->binaryData()});
        });
        job->start();
    });
    return entry.value_or(RawEntry{});
}

int rawWrite(const QString& service, const QString& key, const QByteArray& value) {
    auto* job = new QKeychain::WritePasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(QString::fromUtf8(value));
    const auto error = await<int>([&](auto done) {
        QObject::connect(job, &QKeychain::Job::finished,
                         [done](QKeychain::Job* finished) { done(int(finished->error())); });
        job->start();
    });
    return error.value_or(-1);
}

// ---- Child processes: a keychain that is not there --------------------------------------------

// One line per call the probe made: "<call>|<status>|<has key>|<ms>|<message>".
struct ProbeLine {
    QString call;
    QString status;
    bool hasKey = false;
    qint64 ms = 0;
    QString message;
};

struct ProbeRun {
    bool finished = false;
    int exitCode = -1;
    qint64 elapsedMs = 0;
    QList<ProbeLine> lines;
    QString stderrText;
};

ProbeRun runProbe(const QStringList& arguments, const QProcessEnvironment& environment,
                  int limitMs = 60000) {
    ProbeRun run;
    QProcess child;
    child.setProcessEnvironment(environment);
    QElapsedTimer clock;
    clock.start();
    child.start(QCoreApplication::applicationFilePath(), QStringList{"--probe"} + arguments);
    if (!child.waitForStarted(10000))
        return run;
    run.finished = child.waitForFinished(limitMs);
    run.elapsedMs = clock.elapsed();
    if (!run.finished) {
        child.kill();
        child.waitForFinished(5000);
    }
    run.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    run.stderrText = QString::fromUtf8(child.readAllStandardError()).right(2000);
    const QStringList lines =
        QString::fromUtf8(child.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QStringList parts = line.split(u'|');
        if (parts.size() != 5)
            continue;
        run.lines.append(ProbeLine{parts[0], parts[1], parts[2] == QLatin1String("key"),
                                   parts[3].toLongLong(), parts[4]});
    }
    return run;
}

std::optional<ProbeLine> probeLine(const ProbeRun& run, const QString& call) {
    for (const ProbeLine& line : run.lines) {
        if (line.call == call)
            return line;
    }
    return std::nullopt;
}

QString describeRun(const ProbeRun& run) {
    QStringList lines;
    for (const ProbeLine& line : run.lines)
        lines.append(QStringLiteral("%1=%2 (%3 ms)").arg(line.call, line.status).arg(line.ms));
    return QStringLiteral("finished=%1 exit=%2 after %3 ms; %4; stderr: %5")
        .arg(run.finished)
        .arg(run.exitCode)
        .arg(run.elapsedMs)
        .arg(lines.join(QStringLiteral(", ")), run.stderrText.right(600));
}

// The child side: recall (and with "all", remember and forget) against whatever keychain the
// environment gives, one line per call. Never prints a key, only whether there was one.
int probe(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QString mode = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("all");
    const int timeoutMs = argc > 3 ? std::atoi(argv[3]) : 10000;
    ManualClock clock;
    RememberedUnlock unlock(clock, QStringLiteral("PayCredProbe"));
    unlock.setKeychainTimeout(std::chrono::milliseconds(timeoutMs));
    const QString vaultId = newVaultId();
    auto print = [](const char* call, Status status, bool hasKey, qint64 ms,
                    const QString& message) {
        std::printf("%s|%s|%s|%lld|%s\n", call, vault::statusName(status), hasKey ? "key" : "nokey",
                    static_cast<long long>(ms), message.toUtf8().constData());
        std::fflush(stdout);
    };
    QElapsedTimer timer;
    timer.start();
    if (const auto r = recallNow(unlock, vaultId, QStringLiteral("alice")))
        print("recall", r->status, !r->secret.isEmpty(), timer.elapsed(), r->message);
    if (mode == QLatin1String("all")) {
        timer.restart();
        if (const auto r = rememberNow(unlock, vaultId, QStringLiteral("alice"), randomKey()))
            print("remember", r->status, false, timer.elapsed(), r->message);
        timer.restart();
        if (const auto r = forgetNow(unlock, vaultId, QStringLiteral("alice")))
            print("forget", r->status, false, timer.elapsed(), r->message);
    }
    // A keychain job may still wait on a bus that never answers: do not wait for it.
    std::_Exit(0);
}

QProcessEnvironment probeEnvironment(const QString& busAddress, const QString& runtimeDir) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
    environment.remove(QStringLiteral("DISPLAY"));
    return environment;
}

} // namespace

class TestRememberedUnlock : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    // The stored value.
    void valueRoundTrip();
    void valueIsJson();
    void decodeRejects_data();
    void decodeRejects();
    void entryKeyNamesVaultAndUser();

    // Against the session's keychain.
    void rememberThenRecall();
    void recallSurvivesANewInstance();
    void expiresAfterEightHours();
    void expiresAfterItsOwnLifetime();
    void forgetRemovesTheEntry();
    void entriesAreSeparate();
    void malformedValueIsDeleted_data();
    void malformedValueIsDeleted();
    void nothingToRememberIsRefused_data();
    void nothingToRememberIsRefused();
    void answersComeFromTheEventLoop();
    void destroyedObjectCallsNothing();

    // Keychains that are not there.
    void keychainUnreachable();
    void keychainNeverAnswers();

    // With a vault: the slot in the file, unlockVault().
    void rememberKeepsNoMasterKey();
    void unlockVaultResumesALockedVault();
    void unlockVaultWithAStaleKeyForgetsIt();
    void unlockVaultWithNothingRemembered();
    void unlockVaultWithAnExpiredEntry();
    void rememberNeedsAnUnlockedVault();
    void forgetEndsTheSlot();
    void passwordChangeEndsTheSlot();
    void expiryEndsTheSlot();
    void copiesOfTheFile();
};

void TestRememberedUnlock::initTestCase() {
    // main() re-runs the suite in the private session; never run against a real keychain.
    QVERIFY2(!qEnvironmentVariableIsEmpty("PAYCRED_KEYCHAIN_SESSION") &&
                 qgetenv("PAYCRED_KEYCHAIN_SESSION") == qgetenv("HOME"),
             "not running inside with-keychain.sh's private keychain session");
    // The session's keychain works (written and read directly through QtKeychain).
    const QString key = QStringLiteral("probe:%1").arg(newVaultId());
    QCOMPARE(rawWrite(kService, key, "hello"), int(QKeychain::NoError));
    const RawEntry entry = rawRead(kService, key);
    QCOMPARE(entry.error, int(QKeychain::NoError));
    QCOMPARE(entry.data, QByteArray("hello"));
}

void TestRememberedUnlock::valueRoundTrip() {
    const crypto::Secret key = randomKey();
    QByteArray value = RememberedUnlock::encode(key, 1705318200);
    const auto decoded = RememberedUnlock::decode(value);
    QVERIFY(decoded.valid);
    QVERIFY2(sameBytes(decoded.secret, key), "the decoded key differs from the encoded one");
    QCOMPARE(decoded.expiresAt, qint64(1705318200));
    crypto::wipe(value);

    // Only a slot secret's length reads back; anything else (a master key of another length
    // included) is not an entry PayCred writes.
    for (int size : {1, 16, 31, 33, 64}) {
        const crypto::Secret other = randomKey(size);
        const auto again = RememberedUnlock::decode(RememberedUnlock::encode(other, 42));
        QVERIFY2(!again.valid && again.secret.isEmpty(),
                 qPrintable(QStringLiteral("a %1-byte key did not survive").arg(size)));
    }
}

void TestRememberedUnlock::valueIsJson() {
    const crypto::Secret key = randomKey();
    const QByteArray value = RememberedUnlock::encode(key, 1705318200);
    QJsonParseError error{};
    const QJsonObject object = QJsonDocument::fromJson(value, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(object.value("v").toInt(), 2);
    QCOMPARE(object.value("expires").toInteger(), qint64(1705318200));
    QVERIFY(!object.contains("key"));
    const QByteArray stored = object.value("secret").toString().toLatin1();
    QVERIFY2(QByteArray::fromBase64(stored) == key.view().toByteArray(),
             "\"secret\" is not the slot secret in base64");

    // What another JSON writer makes of it (other order, spaces, new lines) still reads.
    QJsonObject reordered{{"secret", object.value("secret")},
                          {"extra", "ignored"},
                          {"expires", object.value("expires")},
                          {"v", 2}};
    const auto decoded =
        RememberedUnlock::decode(QJsonDocument(reordered).toJson(QJsonDocument::Indented));
    QVERIFY(decoded.valid);
    QVERIFY2(sameBytes(decoded.secret, key), "the re-serialised key differs");
    QCOMPARE(decoded.expiresAt, qint64(1705318200));
}

void TestRememberedUnlock::decodeRejects_data() {
    QTest::addColumn<QByteArray>("value");
    const QByteArray b64 = QByteArray(32, 'k').toBase64();
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << QByteArray("definitely not json");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("no key") << QByteArray(R"({"v":2,"expires":100})");
    QTest::newRow("no expiry") << QByteArray(R"({"v":2,"secret":")" + b64 + R"("})");
    QTest::newRow("no version") << QByteArray(R"({"expires":100,"secret":")" + b64 + R"("})");
    QTest::newRow("newer version")
        << QByteArray(R"({"v":3,"expires":100,"secret":")" + b64 + R"("})");
    QTest::newRow("version as text")
        << QByteArray(R"({"v":"2","expires":100,"secret":")" + b64 + R"("})");
    QTest::newRow("expiry as text")
        << QByteArray(R"({"v":2,"expires":"100","secret":")" + b64 + R"("})");
    QTest::newRow("expiry zero") << QByteArray(R"({"v":2,"expires":0,"secret":")" + b64 + R"("})");
    QTest::newRow("expiry negative")
        << QByteArray(R"({"v":2,"expires":-5,"secret":")" + b64 + R"("})");
    QTest::newRow("expiry fractional")
        << QByteArray(R"({"v":2,"expires":1.5,"secret":")" + b64 + R"("})");
    QTest::newRow("expiry overflows")
        << QByteArray(R"({"v":2,"expires":99999999999999999999999,"secret":")" + b64 + R"("})");
    QTest::newRow("key as number") << QByteArray(R"({"v":2,"expires":100,"secret":12})");
    QTest::newRow("key empty") << QByteArray(R"({"v":2,"expires":100,"secret":""})");
    QTest::newRow("key not base64") << QByteArray(R"({"v":2,"expires":100,"secret":"*** !"})");
    QTest::newRow("key escaped") << QByteArray(R"({"v":2,"expires":100,"secret":"\u0041AAA"})");
    QTest::newRow("secret too short") << QByteArray(R"({"v":2,"expires":100,"secret":")" +
                                                    QByteArray(16, 'k').toBase64() + R"("})");
    QTest::newRow("older version with a master key")
        << QByteArray(R"({"v":1,"expires":100,"key":")" + b64 + R"("})");
    QTest::newRow("key too long") << QByteArray(R"({"v":2,"expires":100,"secret":")" +
                                                QByteArray(4096, 'A') + R"("})");
    QTest::newRow("key twice") << QByteArray(R"({"v":2,"expires":100,"secret":")" + b64 +
                                             R"(","secret":")" + b64 + R"("})");
    QTest::newRow("nested") << QByteArray(R"({"v":2,"expires":100,"secret":{"k":")" + b64 +
                                          R"("}})");
    QTest::newRow("unterminated") << QByteArray(R"({"v":2,"expires":100,"secret":")" + b64);
    QTest::newRow("trailing text")
        << QByteArray(R"({"v":2,"expires":100,"secret":")" + b64 + R"("} and more)");
    QTest::newRow("missing comma")
        << QByteArray(R"({"v":2 "expires":100,"secret":")" + b64 + R"("})");
}

void TestRememberedUnlock::decodeRejects() {
    QFETCH(QByteArray, value);
    const auto decoded = RememberedUnlock::decode(value);
    QVERIFY(!decoded.valid);
    QVERIFY(decoded.secret.isEmpty());
}

void TestRememberedUnlock::entryKeyNamesVaultAndUser() {
    QCOMPARE(RememberedUnlock::entryKey(QStringLiteral("6f1c0e52-aaaa-bbbb-cccc-0123456789ab"),
                                        QStringLiteral("alice")),
             QStringLiteral("vault:6f1c0e52-aaaa-bbbb-cccc-0123456789ab:alice"));
    // A colon cannot make two pairs name one entry.
    QVERIFY(RememberedUnlock::entryKey("a", "b:c") != RememberedUnlock::entryKey("a:b", "c"));
    QVERIFY(RememberedUnlock::entryKey("a%3Ab", "c") != RememberedUnlock::entryKey("a:b", "c"));
}

void TestRememberedUnlock::rememberThenRecall() {
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService);
    QCOMPARE(unlock.serviceName(), QString::fromLatin1(kService));
    const QString id = newVaultId();
    const crypto::Secret key = randomKey();

    const auto remembered = rememberNow(unlock, id, "alice", key);
    QVERIFY2(remembered, "remember() never answered");
    QCOMPARE(remembered->status, Status::Ok);
    QVERIFY(remembered->ok());
    QVERIFY(remembered->message.isEmpty());

    // The entry, read without the code under test: the documented service, key and value.
    const RawEntry entry = rawRead(kService, "vault:" + id + ":alice");
    QCOMPARE(entry.error, int(QKeychain::NoError));
    const QJsonObject object = QJsonDocument::fromJson(entry.data).object();
    QCOMPARE(object.value("v").toInt(), 2);
    QCOMPARE(object.value("expires").toInteger(), clock.nowSecs() + 8 * 3600);
    QVERIFY2(QByteArray::fromBase64(object.value("secret").toString().toLatin1()) ==
                 key.view().toByteArray(),
             "the keychain does not hold the secret in base64");

    clock.advance(60 * 60 * 1000);            // an hour later
    for (int round = 0; round < 2; ++round) { // recalling does not use the entry up
        const auto recalled = recallNow(unlock, id, "alice");
        QVERIFY2(recalled, "recall() never answered");
        QCOMPARE(recalled->status, Status::Ok);
        QVERIFY(recalled->ok());
        QVERIFY2(sameBytes(recalled->secret, key), "recall() returned other key bytes");
        QCOMPARE(recalled->expiresAt, vaulttest::startTime().toSecsSinceEpoch() + 8 * 3600);
        QVERIFY(recalled->message.isEmpty());
    }

    // Remembering again replaces the key (and its expiry).
    const crypto::Secret newer = randomKey();
    QCOMPARE(rememberStatus(unlock, id, "alice", newer, clock.nowSecs() + 8 * 3600), Status::Ok);
    const auto recalled = recallNow(unlock, id, "alice");
    QVERIFY(recalled && recalled->ok());
    QVERIFY2(sameBytes(recalled->secret, newer), "remember() did not replace the key");
    QCOMPARE(recalled->expiresAt, clock.nowSecs() + 8 * 3600);
}

void TestRememberedUnlock::recallSurvivesANewInstance() {
    ManualClock clock(vaulttest::startTime());
    const QString id = newVaultId();
    const crypto::Secret key = randomKey();
    {
        RememberedUnlock first(clock, kService);
        QCOMPARE(rememberStatus(first, id, "alice", key), Status::Ok);
    }
    RememberedUnlock second(clock, kService); // the app, started again
    const auto recalled = recallNow(second, id, "alice");
    QVERIFY(recalled);
    QCOMPARE(recalled->status, Status::Ok);
    QVERIFY2(sameBytes(recalled->secret, key), "a new instance recalled other key bytes");
}

void TestRememberedUnlock::expiresAfterEightHours() {
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService);
    QCOMPARE(unlock.lifetime(), std::chrono::seconds(8h));
    const QString id = newVaultId();
    QCOMPARE(rememberStatus(unlock, id, "alice", randomKey()), Status::Ok);

    clock.advance((8 * 3600 - 1) * 1000LL); // one second before
    auto recalled = recallNow(unlock, id, "alice");
    QVERIFY(recalled);
    QCOMPARE(recalled->status, Status::Ok);

    clock.advance(1000); // exactly eight hours
    recalled = recallNow(unlock, id, "alice");
    QVERIFY(recalled);
    QCOMPARE(recalled->status, Status::Expired);
    QVERIFY(!recalled->ok());
    QVERIFY2(recalled->secret.isEmpty(), "an expired entry still gave its key");
    QCOMPARE(recalled->message, RememberedUnlock::messageFor(Status::Expired));
    QVERIFY(recalled->message.contains("expired"));
    QVERIFY(recalled->message.contains("password"));

    // It is gone: from the keychain, and for the next recall.
    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(id, "alice")).error,
             int(QKeychain::EntryNotFound));
    recalled = recallNow(unlock, id, "alice");
    QVERIFY(recalled);
    QCOMPARE(recalled->status, Status::Missing);
    QVERIFY(recalled->secret.isEmpty());
    QCOMPARE(recalled->message, RememberedUnlock::messageFor(Status::Missing));
}

void TestRememberedUnlock::expiresAfterItsOwnLifetime() {
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService, std::chrono::minutes(10));
    const QString id = newVaultId();
    QCOMPARE(rememberStatus(unlock, id, "alice", randomKey()), Status::Ok);
    clock.advance(9 * 60 * 1000);
    QCOMPARE(recallStatus(unlock, id, "alice"), Status::Ok);
    clock.advance(60 * 1000);
    QCOMPARE(recallStatus(unlock, id, "alice"), Status::Expired);
    // A clock set back does not bring it back.
    clock.set(vaulttest::startTime());
    QCOMPARE(recallStatus(unlock, id, "alice"), Status::Missing);
}

void TestRememberedUnlock::forgetRemovesTheEntry() {
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService);
    const QString id = newVaultId();
    QCOMPARE(rememberStatus(unlock, id, "alice", randomKey()), Status::Ok);

    auto forgotten = forgetNow(unlock, id, "alice");
    QVERIFY2(forgotten, "forget() never answered");
    QCOMPARE(forgotten->status, Status::Ok);
    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(id, "alice")).error,
             int(QKeychain::EntryNotFound));
    const auto recalled = recallNow(unlock, id, "alice");
    QVERIFY(recalled);
    QCOMPARE(recalled->status, Status::Missing);
    QVERIFY(recalled->secret.isEmpty());

    // Forgetting what is not there is fine (log-out without a remembered unlock).
    forgotten = forgetNow(unlock, id, "alice");
    QVERIFY(forgotten);
    QCOMPARE(forgotten->status, Status::Ok);
}

void TestRememberedUnlock::entriesAreSeparate() {
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService);
    const QString id = newVaultId();
    const QString otherId = newVaultId();
    const crypto::Secret aliceKey = randomKey();
    const crypto::Secret bobKey = randomKey();
    QCOMPARE(rememberStatus(unlock, id, "alice", aliceKey), Status::Ok);

    QCOMPARE(recallStatus(unlock, id, "bob"), Status::Missing);
    QCOMPARE(recallStatus(unlock, otherId, "alice"), Status::Missing);
    QCOMPARE(recallStatus(unlock, id, "Alice"), Status::Missing);
    RememberedUnlock otherService(clock, QStringLiteral("PayCredOther"));
    QCOMPARE(recallStatus(otherService, id, "alice"), Status::Missing);

    // Bob's own entry next to Alice's; forgetting one leaves the other.
    QCOMPARE(rememberStatus(unlock, id, "bob", bobKey), Status::Ok);
    auto alice = recallNow(unlock, id, "alice");
    auto bob = recallNow(unlock, id, "bob");
    QVERIFY(alice && alice->ok() && bob && bob->ok());
    QVERIFY2(sameBytes(alice->secret, aliceKey), "alice's entry holds another key");
    QVERIFY2(sameBytes(bob->secret, bobKey), "bob's entry holds another key");
    QCOMPARE(forgetStatus(unlock, id, "bob"), Status::Ok);
    QCOMPARE(forgetStatus(unlock, otherId, "alice"), Status::Ok);
    QCOMPARE(forgetStatus(otherService, id, "alice"), Status::Ok);
    alice = recallNow(unlock, id, "alice");
    QVERIFY(alice && alice->ok());
    QVERIFY2(sameBytes(alice->secret, aliceKey), "forgetting others changed alice's entry");
    QCOMPARE(recallStatus(unlock, id, "bob"), Status::Missing);
}

void TestRememberedUnlock::malformedValueIsDeleted_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("garbage") << QByteArray("}{ this is not what PayCred stores");
    QTest::newRow("empty JSON object") << QByteArray("{}");
    QTest::newRow("secret not base64")
        << QByteArray(R"({"v":2,"expires":99999999999,"secret":"!!"})");
    QTest::newRow("newer format") << QByteArray(
        R"({"v":7,"expires":99999999999,"secret":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})");
    // What older versions kept: the master key itself. Deleted on sight.
    QTest::newRow("v1 master key") << QByteArray(
        R"({"v":1,"expires":99999999999,"key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})");
}

void TestRememberedUnlock::malformedValueIsDeleted() {
    QFETCH(QByteArray, value);
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService);
    const QString id = newVaultId();
    QCOMPARE(rawWrite(kService, RememberedUnlock::entryKey(id, "alice"), value),
             int(QKeychain::NoError));

    auto recalled = recallNow(unlock, id, "alice");
    QVERIFY2(recalled, "recall() never answered");
    QCOMPARE(recalled->status, Status::Malformed);
    QVERIFY(!recalled->ok());
    QVERIFY(recalled->secret.isEmpty());
    QCOMPARE(recalled->message, RememberedUnlock::messageFor(Status::Malformed));
    QVERIFY(recalled->message.contains("password"));

    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(id, "alice")).error,
             int(QKeychain::EntryNotFound));
    recalled = recallNow(unlock, id, "alice");
    QVERIFY(recalled);
    QCOMPARE(recalled->status, Status::Missing);
}

void TestRememberedUnlock::nothingToRememberIsRefused_data() {
    QTest::addColumn<QString>("vaultId");
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("withKey");
    QTest::newRow("no key (vault locked)") << newVaultId() << "alice" << false;
    QTest::newRow("no vault id") << QString() << "alice" << true;
    QTest::newRow("no username") << newVaultId() << QString() << true;
}

void TestRememberedUnlock::nothingToRememberIsRefused() {
    QFETCH(QString, vaultId);
    QFETCH(QString, username);
    QFETCH(bool, withKey);
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService);
    const auto result =
        rememberNow(unlock, vaultId, username, withKey ? randomKey() : crypto::Secret());
    QVERIFY(result);
    QCOMPARE(result->status, Status::Refused);
    QVERIFY(!result->message.isEmpty());
    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(vaultId, username)).error,
             int(QKeychain::EntryNotFound));
    const auto recalled = recallNow(unlock, vaultId, username);
    QVERIFY(recalled);
    QCOMPARE(recalled->status, Status::Missing);
}

void TestRememberedUnlock::answersComeFromTheEventLoop() {
    ManualClock clock(vaulttest::startTime());
    RememberedUnlock unlock(clock, kService);
    const QString id = newVaultId();
    bool remembered = false;
    bool refused = false;
    bool recalled = false;
    bool forgotten = false;
    const qint64 expires = clock.nowSecs() + 60;
    unlock.writeEntry(id, "alice", randomKey(), expires,
                      [&](const RememberedUnlock::Result&) { remembered = true; });
    unlock.writeEntry(id, "alice", crypto::Secret(), expires,
                      [&](const RememberedUnlock::Result&) { refused = true; });
    unlock.recall(id, "alice", [&](const RememberedUnlock::Recall&) { recalled = true; });
    unlock.forgetEntry(id, "alice", [&](const RememberedUnlock::Result&) { forgotten = true; });
    QVERIFY2(!remembered && !refused && !recalled && !forgotten,
             "a callback ran before the call returned");
    QTRY_VERIFY_WITH_TIMEOUT(remembered && refused && recalled && forgotten, kWaitMs);
}

void TestRememberedUnlock::destroyedObjectCallsNothing() {
    ManualClock clock(vaulttest::startTime());
    const QString id = newVaultId();
    bool called = false;
    {
        RememberedUnlock unlock(clock, kService);
        unlock.recall(id, "alice", [&](const RememberedUnlock::Recall&) { called = true; });
        unlock.writeEntry(id, "alice", randomKey(), clock.nowSecs() + 60,
                          [&](const RememberedUnlock::Result&) { called = true; });
    }
    // Jobs run in order: once this read is answered, the two above have finished too.
    rawRead(kService, RememberedUnlock::entryKey(id, "alice"));
    QTest::qWait(50);
    QVERIFY2(!called, "a callback ran after its RememberedUnlock was destroyed");
}

void TestRememberedUnlock::keychainUnreachable() {
    // No session bus at the address: recall, remember and forget all answer, quickly, with the
    // fallback sentence. XDG_RUNTIME_DIR exists (without it QtKeychain can hang ~25 s).
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    const ProbeRun run = runProbe(
        {"all"}, probeEnvironment("unix:path=" + runtime.filePath("no-bus-here"), runtime.path()));
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describeRun(run)));
    // Answered by the keychain's own error, not by waiting for the read timeout.
    QVERIFY2(!run.stderrText.contains(QLatin1String("gave no answer in time")),
             qPrintable(describeRun(run)));

    const auto recall = probeLine(run, "recall");
    QVERIFY2(recall, qPrintable(describeRun(run)));
    QCOMPARE(recall->status, QStringLiteral("Unavailable"));
    QVERIFY(!recall->hasKey);
    QCOMPARE(recall->message, RememberedUnlock::messageFor(Status::Unavailable));
    QCOMPARE(recall->message,
             QStringLiteral(
                 "Your system keychain is not available, so PayCred will ask for your password."));

    const auto remember = probeLine(run, "remember");
    QVERIFY2(remember, qPrintable(describeRun(run)));
    QCOMPARE(remember->status, QStringLiteral("Unavailable"));
    QVERIFY(remember->message.contains("keychain is not available"));
    const auto forget = probeLine(run, "forget");
    QVERIFY2(forget, qPrintable(describeRun(run)));
    QCOMPARE(forget->status, QStringLiteral("Unavailable"));
    QVERIFY(forget->message.contains("keychain is not available"));
}

void TestRememberedUnlock::keychainNeverAnswers() {
    // A bus socket that accepts the connection and then says nothing: the recall gives up after
    // its timeout (1.5 s here) and answers Unavailable, instead of waiting on D-Bus.
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    QLocalServer silent;
    silent.setSocketOptions(QLocalServer::UserAccessOption);
    QVERIFY2(silent.listen(runtime.filePath("silent-bus")), qPrintable(silent.errorString()));
    const ProbeRun run =
        runProbe({"recall", "1500"},
                 probeEnvironment("unix:path=" + silent.fullServerName(), runtime.path()), 30000);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describeRun(run)));
    const auto recall = probeLine(run, "recall");
    QVERIFY2(recall, qPrintable(describeRun(run)));
    QCOMPARE(recall->status, QStringLiteral("Unavailable"));
    QVERIFY(!recall->hasKey);
    QCOMPARE(recall->message, RememberedUnlock::messageFor(Status::Unavailable));
    // The read timeout answered (it says so in the log), not an early error.
    QVERIFY2(run.stderrText.contains(QLatin1String("gave no answer in time")),
             qPrintable(describeRun(run)));
}

namespace {

// The vault's half through a worker thread, as the app does.
std::optional<RememberedUnlock::Result> rememberInVault(RememberedUnlock& unlock, vault::Vault& v,
                                                        const QString& user) {
    const WorkerRunner worker{&unlock};
    return await<RememberedUnlock::Result>(
        [&](auto done) { unlock.remember(v, user, worker.runner(), std::move(done)); });
}

std::optional<RememberedUnlock::Result> forgetInVault(RememberedUnlock& unlock, vault::Vault& v,
                                                      const QString& user) {
    const WorkerRunner worker{&unlock};
    return await<RememberedUnlock::Result>(
        [&](auto done) { unlock.forget(v, user, worker.runner(), std::move(done)); });
}

// What the keychain entry holds, read without the code under test and decoded: what a thief
// who reads the keychain once has. Empty when there is no entry.
crypto::Secret stolenSecret(const QString& vaultId, const QString& user) {
    RawEntry entry = rawRead(kService, RememberedUnlock::entryKey(vaultId, user));
    if (entry.error != int(QKeychain::NoError))
        return {};
    auto decoded = RememberedUnlock::decode(entry.data);
    crypto::wipe(entry.data);
    return decoded.valid ? std::move(decoded.secret) : crypto::Secret();
}

// A vault made for a case, with its clock and a RememberedUnlock on the test keychain.
struct VaultCase {
    explicit VaultCase(std::chrono::seconds lifetime = RememberedUnlock::DefaultLifetime)
        : unlock(clock, kService, lifetime) {
        created = v.create(dir.filePath("vault.paycred"), kOwner, kOwnerPassword).ok();
    }
    struct Parts {
        QTemporaryDir& dir;
        ManualClock& clock;
        vault::Vault& v;
        RememberedUnlock& unlock;
    };
    Parts parts() { return {dir, clock, v, unlock}; }

    QTemporaryDir dir;
    ManualClock clock{vaulttest::startTime()};
    vault::Vault v{clock, vaulttest::cheapOptions()};
    RememberedUnlock unlock;
    bool created = false;
};

int slotCount(const vault::Vault& v) {
    return vault::RememberedSlot::count(v.database());
}

} // namespace

void TestRememberedUnlock::rememberKeepsNoMasterKey() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    const crypto::Secret master = v.masterKey();
    QCOMPARE(unlock.lifetime(), std::chrono::seconds(8h));
    const auto remembered = rememberInVault(unlock, v, kOwner);
    QVERIFY2(remembered, "remember() never answered");
    QVERIFY2(remembered->ok(), qPrintable(remembered->message));
    QCOMPARE(slotCount(v), 1);

    // The entry, read without the code under test: a v2 value with the documented expiry.
    RawEntry entry = rawRead(kService, RememberedUnlock::entryKey(v.id(), kOwner));
    QCOMPARE(entry.error, int(QKeychain::NoError));
    const QJsonObject object = QJsonDocument::fromJson(entry.data).object();
    QCOMPARE(object.value("v").toInt(), 2);
    QCOMPARE(object.value("expires").toInteger(), clock.nowSecs() + 8 * 3600);
    QVERIFY(!object.contains("key"));
    // The master key is nowhere in it, in any encoding.
    for (const auto& [label, form] : vaulttest::encodings("master key", master.reveal()))
        QVERIFY2(!entry.data.contains(form), qPrintable(label + " is in the keychain entry"));
    crypto::wipe(entry.data);

    // What the entry holds does not open the vault as a master key would (today's attack:
    // read the entry once, open every copy of the vault with it).
    const crypto::Secret stolen = stolenSecret(v.id(), kOwner);
    QCOMPARE(int(stolen.size()), 32);
    QVERIFY2(!sameBytes(stolen, master), "the keychain holds the master key");
    v.lock();
    QVERIFY2(!v.resume(kOwner, stolen).ok, "the keychain's value opened the vault as its key");
    QVERIFY(!v.isUnlocked());
    // It opens only the remembered slot of this file.
    const auto resumed = v.resumeRemembered(kOwner, stolen);
    QVERIFY(resumed.ok);
    QVERIFY(v.isUnlocked());
    QVERIFY2(sameBytes(v.masterKey(), master), "the slot opened another master key");
}

void TestRememberedUnlock::unlockVaultResumesALockedVault() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    const auto remembered = rememberInVault(unlock, v, kOwner);
    QVERIFY(remembered && remembered->ok());
    v.lock();
    QVERIFY(!v.isUnlocked());

    clock.advance(2 * 60 * 60 * 1000); // the next morning, within the eight hours
    const WorkerRunner worker{&unlock};
    const auto unlocked = unlockNow(unlock, v, kOwner, worker);
    QVERIFY2(unlocked, "unlockVault() never answered");
    QVERIFY2(unlocked->ok(), qPrintable(unlocked->message));
    QCOMPARE(unlocked->status, Status::Ok);
    QCOMPARE(*worker.runs, 1);
    QVERIFY2(*worker.offThread, "the vault was resumed on the caller's thread");
    QVERIFY(v.isUnlocked());
    QCOMPARE(unlocked->session.username, QString::fromLatin1(kOwner));
    const QByteArray token = unlocked->session.accessToken.reveal();
    QVERIFY(!token.isEmpty());
    QVERIFY(!unlocked->session.refreshToken.isEmpty());
    const auto me = vaulttest::call(v, "GET", "/users/me/", {}, token);
    QVERIFY2(me.status == 200, qPrintable(vaulttest::describe(me)));
    QCOMPARE(me.object().value("username").toString(), QString::fromLatin1(kOwner));

    // Still remembered for the next time.
    QCOMPARE(recallStatus(unlock, v.id(), kOwner), Status::Ok);
    QCOMPARE(slotCount(v), 1);
}

void TestRememberedUnlock::unlockVaultWithAStaleKeyForgetsIt() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    // The keychain now holds a secret this file's slot does not take (another copy's).
    QCOMPARE(rememberStatus(unlock, v.id(), kOwner, randomKey(), clock.nowSecs() + 3600),
             Status::Ok);
    v.lock();

    const auto unlocked = unlockNow(unlock, v, kOwner);
    QVERIFY2(unlocked, "unlockVault() never answered");
    QVERIFY(!unlocked->ok());
    QCOMPARE(unlocked->status, Status::Stale);
    QCOMPARE(unlocked->message, RememberedUnlock::messageFor(Status::Stale));
    QVERIFY(unlocked->message.contains("password"));
    QVERIFY(unlocked->session.accessToken.isEmpty());
    QVERIFY2(!v.isUnlocked(), "a stale secret unlocked the vault");

    // Forgotten before the answer came: the entry and the slot.
    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(v.id(), kOwner)).error,
             int(QKeychain::EntryNotFound));
    QCOMPARE(recallStatus(unlock, v.id(), kOwner), Status::Missing);
    QCOMPARE(slotCount(v), 0);
    // The password still works.
    QVERIFY(!vaulttest::login(v, kOwner, kOwnerPassword).isEmpty());
}

void TestRememberedUnlock::unlockVaultWithNothingRemembered() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    v.lock();
    const WorkerRunner worker{&unlock};
    const auto unlocked = unlockNow(unlock, v, kOwner, worker);
    QVERIFY2(unlocked, "unlockVault() never answered");
    QVERIFY(!unlocked->ok());
    QCOMPARE(unlocked->status, Status::Missing);
    QCOMPARE(unlocked->message, RememberedUnlock::messageFor(Status::Missing));
    QCOMPARE(*worker.runs, 0); // nothing to resume with: the vault is not touched
    QVERIFY(!v.isUnlocked());
}

void TestRememberedUnlock::unlockVaultWithAnExpiredEntry() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    v.lock();
    clock.advance(8 * 60 * 60 * 1000LL + 1000);
    const auto unlocked = unlockNow(unlock, v, kOwner);
    QVERIFY2(unlocked, "unlockVault() never answered");
    QCOMPARE(unlocked->status, Status::Expired);
    QCOMPARE(unlocked->message, RememberedUnlock::messageFor(Status::Expired));
    QVERIFY2(!v.isUnlocked(), "an expired entry unlocked the vault");
    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(v.id(), kOwner)).error,
             int(QKeychain::EntryNotFound));
}

void TestRememberedUnlock::rememberNeedsAnUnlockedVault() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    v.lock();
    const auto result = rememberInVault(unlock, v, kOwner);
    QVERIFY(result);
    QCOMPARE(result->status, Status::Refused);
    QVERIFY(!result->message.isEmpty());
    QCOMPARE(slotCount(v), 0);
    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(v.id(), kOwner)).error,
             int(QKeychain::EntryNotFound));
    // An unknown user gets no slot either.
    EXPECT_VAULT_OK(v.unlock(kOwner, kOwnerPassword));
    QCOMPARE(rememberInVault(unlock, v, "nobody").value_or(RememberedUnlock::Result{}).status,
             Status::Refused);
    QCOMPARE(slotCount(v), 0);
}

void TestRememberedUnlock::forgetEndsTheSlot() {
    // Forget is also what the app does on log-out (DesktopApp::logOut, RememberedLogin::forget).
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    const crypto::Secret stolen = stolenSecret(v.id(), kOwner);
    QVERIFY(!stolen.isEmpty());

    const auto forgotten = forgetInVault(unlock, v, kOwner);
    QVERIFY2(forgotten, "forget() never answered");
    QVERIFY2(forgotten->ok(), qPrintable(forgotten->message));
    QCOMPARE(rawRead(kService, RememberedUnlock::entryKey(v.id(), kOwner)).error,
             int(QKeychain::EntryNotFound));
    QCOMPARE(slotCount(v), 0);
    v.lock();
    QVERIFY2(!v.resumeRemembered(kOwner, stolen).ok, "a forgotten secret still opens the vault");
    QVERIFY(!v.isUnlocked());
    // Put back into the keychain by someone who kept a copy: it opens nothing.
    QCOMPARE(rememberStatus(unlock, v.id(), kOwner, stolen, clock.nowSecs() + 3600), Status::Ok);
    const auto unlocked = unlockNow(unlock, v, kOwner);
    QVERIFY(unlocked);
    QCOMPARE(unlocked->status, Status::Stale);
    QVERIFY(!v.isUnlocked());
    // Forgetting what is not there is fine.
    QVERIFY(forgetInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
}

void TestRememberedUnlock::passwordChangeEndsTheSlot() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    const QByteArray token = vaulttest::login(v, kOwner, kOwnerPassword);
    const auto bob =
        vaulttest::call(v, "POST", "/admin/users/",
                        {{"username", "bob"}, {"password", "bob's long password"}}, token);
    QVERIFY2(bob.status == 201, qPrintable(vaulttest::describe(bob)));
    const qint64 bobId = bob.object().value("id").toInteger();
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    QVERIFY(rememberInVault(unlock, v, "bob").value_or(RememberedUnlock::Result{}).ok());
    QCOMPARE(slotCount(v), 2);
    const crypto::Secret ownerSecret = stolenSecret(v.id(), kOwner);
    const crypto::Secret bobSecret = stolenSecret(v.id(), "bob");

    // The owner changes their password: their slot goes, bob's stays.
    const auto changed = vaulttest::call(
        v, "POST", "/users/change-password/",
        {{"old_password", kOwnerPassword}, {"new_password", "a brand new password"}}, token);
    QVERIFY2(changed.status == 200, qPrintable(vaulttest::describe(changed)));
    QCOMPARE(slotCount(v), 1);
    // A superuser resets bob's password: his goes too.
    const QByteArray newToken = vaulttest::login(v, kOwner, "a brand new password");
    const auto reset =
        vaulttest::call(v, "PATCH", QByteArray("/admin/users/") + QByteArray::number(bobId) + "/",
                        {{"password", "bob's other long password"}}, newToken);
    QVERIFY2(reset.status == 200, qPrintable(vaulttest::describe(reset)));
    QCOMPARE(slotCount(v), 0);

    v.lock();
    QVERIFY2(!v.resumeRemembered(kOwner, ownerSecret).ok,
             "the remembered unlock outlived a password change");
    QVERIFY2(!v.resumeRemembered("bob", bobSecret).ok,
             "the remembered unlock outlived a password reset");
    QVERIFY(!v.isUnlocked());
}

void TestRememberedUnlock::expiryEndsTheSlot() {
    VaultCase c(std::chrono::minutes(10));
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    const QString path = v.path();
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    crypto::Secret stolen = stolenSecret(v.id(), kOwner);
    v.lock();

    // Checked on use: the vault's clock, not the keychain's expiry; the slot goes.
    clock.advance(10 * 60 * 1000);
    QVERIFY2(!v.resumeRemembered(kOwner, stolen).ok, "an expired slot opened the vault");
    QCOMPARE(slotCount(v), 0);

    // Removed when the vault opens, used or not.
    EXPECT_VAULT_OK(v.unlock(kOwner, kOwnerPassword));
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    QCOMPARE(slotCount(v), 1);
    v.close();
    clock.advance(10 * 60 * 1000);
    EXPECT_VAULT_OK(v.open(path));
    QCOMPARE(slotCount(v), 0);

    // The expiry is authenticated: a slot whose expiry was moved later opens nothing.
    EXPECT_VAULT_OK(v.unlock(kOwner, kOwnerPassword));
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    stolen = stolenSecret(v.id(), kOwner);
    v.close();
    QVERIFY(vaulttest::withRawConnection(path, [&](QSqlDatabase& db) {
        const auto rows = vaulttest::rows(
            db, QStringLiteral("SELECT value FROM vault_meta WHERE name = 'remembered_slots'"));
        QCOMPARE(rows.size(), 1);
        QJsonObject all = QJsonDocument::fromJson(rows.first().first().toUtf8()).object();
        QCOMPARE(all.size(), 1);
        const QString user = all.keys().first();
        QJsonObject slot = all.value(user).toObject();
        slot.insert("expires", slot.value("expires").toInteger() + 365 * 24 * 3600);
        all.insert(user, slot);
        QCOMPARE(vaulttest::execSql(
                     db, QStringLiteral("UPDATE vault_meta SET value = ? WHERE name = ?"),
                     {QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact)),
                      QStringLiteral("remembered_slots")}),
                 1);
    }));
    clock.advance(20 * 60 * 1000); // past the real expiry, within the forged one
    EXPECT_VAULT_OK(v.open(path));
    QCOMPARE(slotCount(v), 1);
    QVERIFY2(!v.resumeRemembered(kOwner, stolen).ok, "a forged expiry opened the slot");
    QVERIFY(!v.isUnlocked());
}

void TestRememberedUnlock::copiesOfTheFile() {
    VaultCase c;
    QVERIFY2(c.created, "the vault could not be made");
    auto [dir, clock, v, unlock] = c.parts();
    const QString before = dir.filePath("before.paycred");
    EXPECT_VAULT_OK(v.snapshot(before));
    QVERIFY(rememberInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    const crypto::Secret stolen = stolenSecret(v.id(), kOwner);
    // A snapshot (what a backup holds) leaves the remembered slot out.
    const QString snapshot = dir.filePath("snapshot.paycred");
    EXPECT_VAULT_OK(v.snapshot(snapshot));
    // A plain copy of the file (the vault closed, so the file is whole) keeps it.
    const QString after = dir.filePath("after.paycred");
    const QString path = v.path();
    v.close();
    QVERIFY(QFile::copy(path, after));
    EXPECT_VAULT_OK(v.open(path));
    QCOMPARE(slotCount(v), 1);

    // A copy taken before remembering has no slot: the keychain's secret opens nothing there.
    vault::Vault old(clock, vaulttest::cheapOptions());
    EXPECT_VAULT_OK(old.open(before));
    QVERIFY2(!old.resumeRemembered(kOwner, stolen).ok,
             "the keychain's secret opened a copy taken before remembering");
    QVERIFY(!old.isUnlocked());
    vault::Vault snapshotted(clock, vaulttest::cheapOptions());
    EXPECT_VAULT_OK(snapshotted.open(snapshot));
    QCOMPARE(slotCount(snapshotted), 0);
    QVERIFY2(!snapshotted.resumeRemembered(kOwner, stolen).ok,
             "the keychain's secret opened a snapshot");
    QVERIFY2(!vaulttest::readFile(snapshot).contains("remembered_slots"),
             "the snapshot still holds the remembered slot's row");

    // What remains possible (README): a copy taken while the slot existed still opens with the
    // secret until it expires (enforced by code only) or the secret is gone from the keychain;
    // forgetting cannot rewrite copies it does not have.
    QVERIFY(forgetInVault(unlock, v, kOwner).value_or(RememberedUnlock::Result{}).ok());
    vault::Vault copy(clock, vaulttest::cheapOptions());
    EXPECT_VAULT_OK(copy.open(after));
    QVERIFY(copy.resumeRemembered(kOwner, stolen).ok);
    v.lock();
    QVERIFY(!v.resumeRemembered(kOwner, stolen).ok);
}

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--probe") == 0)
        return probe(argc, argv);
    const QByteArray session = qgetenv("PAYCRED_KEYCHAIN_SESSION");
    if (session.isEmpty() || session != qgetenv("HOME"))
        return test::rerunInside({"/bin/bash", PAYCRED_WITH_KEYCHAIN}, "PAYCRED_KEYCHAIN_REEXEC",
                                 argc, argv);

    QCoreApplication app(argc, argv);
    TestRememberedUnlock test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_rememberedunlock.moc"
