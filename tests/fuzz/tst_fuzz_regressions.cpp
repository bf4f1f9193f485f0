// Replays every input kept under tests/fuzz/regressions/<target>/ (each a crash or sanitizer
// finding of scripts/fuzz, fixed since) and the committed seeds under fuzz/corpus/<target>/
// through the same one-input functions the libFuzzer targets run. A replay that crashes or
// asserts fails the suite.
#include "app/server/httprequestreader.h"

#include "fuzz/fuzztarget.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace paycred::fuzz;

class TestFuzzRegressions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replay_data();
    void replay();
    void everyTargetHasSeeds();
    // HttpRequestReader, which the httprequest target fuzzes, answers as HttpServer did.
    void httpRequestReaderAnswers_data();
    void httpRequestReaderAnswers();
};

namespace {

const FuzzTarget* targetNamed(const QString& name) {
    for (const FuzzTarget& target : FuzzTargets) {
        if (name == QLatin1String(target.name))
            return &target;
    }
    return nullptr;
}

} // namespace

void TestFuzzRegressions::initTestCase() {
    // Unknown folders would be inputs no target replays.
    for (const char* root : {PAYCRED_FUZZ_REGRESSIONS_DIR, PAYCRED_FUZZ_CORPUS_DIR}) {
        const QStringList folders =
            QDir(QString::fromUtf8(root)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& folder : folders)
            QVERIFY2(targetNamed(folder),
                     qPrintable(QStringLiteral("no fuzz target named ") + folder));
    }
    quietQtLogs();
}

void TestFuzzRegressions::replay_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    for (const char* root : {PAYCRED_FUZZ_REGRESSIONS_DIR, PAYCRED_FUZZ_CORPUS_DIR}) {
        for (const FuzzTarget& target : FuzzTargets) {
            const QDir dir(QString::fromUtf8(root) + u'/' + QLatin1String(target.name));
            for (const QString& file : dir.entryList(QDir::Files, QDir::Name))
                QTest::addRow("%s/%s/%s",
                              QDir(QString::fromUtf8(root)).dirName().toUtf8().constData(),
                              target.name, qPrintable(file))
                    << QString::fromLatin1(target.name) << dir.filePath(file);
        }
    }
}

void TestFuzzRegressions::replay() {
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray input = file.readAll();
    targetNamed(target)->run(input);
}

void TestFuzzRegressions::everyTargetHasSeeds() {
    for (const FuzzTarget& target : FuzzTargets) {
        const QDir dir(QStringLiteral(PAYCRED_FUZZ_CORPUS_DIR) + u'/' + QLatin1String(target.name));
        QVERIFY2(!dir.entryList(QDir::Files).isEmpty(), target.name);
    }
}

void TestFuzzRegressions::httpRequestReaderAnswers_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<unsigned>("status");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("complete") << QByteArray("POST /users/login/ HTTP/1.1\r\nHost: x\r\n"
                                            "Content-Length: 2\r\n\r\n{}")
                              << 0u << true << QByteArray("{}");
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "3\r\nabc\r\n0\r\n\r\n")
                             << 0u << true << QByteArray("abc");
    QTest::newRow("declared too large")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n") << 413u << false
        << QByteArray();
    QTest::newRow("header too large")
        << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n") << 431u
        << false << QByteArray();
    QTest::newRow("malformed") << QByteArray("GET / HTTP/1.1\r\nBad Header\r\n\r\n") << 400u
                               << false << QByteArray();
    QTest::newRow("cut short") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nab")
                               << 0u << false << QByteArray();
}

void TestFuzzRegressions::httpRequestReaderAnswers() {
    QFETCH(QByteArray, bytes);
    QFETCH(unsigned, status);
    QFETCH(bool, complete);
    QFETCH(QByteArray, body);
    const auto outcome = paycred::server::HttpRequestReader::read(bytes, 16 * 1024);
    QCOMPARE(outcome.status, status);
    QCOMPARE(outcome.complete, complete);
    QCOMPARE(outcome.request.body, body);
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
