// The seed document's own curl examples, run as written against paycred-server: the only
// change is the base URL (http://localhost:8000 → the spawned server's). They run in the
// document's order, in bash, with Debian's curl and jq; the login's TOKEN is handed on to the
// examples after it, as a shell session following the document would.

#include "tests/server/serverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using paycred::test::CommandResult;
using paycred::test::ServerProcess;

namespace {

const QString SeedBaseUrl = QStringLiteral("http://localhost:8000");

// True when `command` is a whole shell command: no open quote, no open parenthesis, and no
// line continuation at its end.
bool isComplete(const QString& command) {
    bool single = false;
    bool dbl = false;
    int depth = 0;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (single) {
            single = c != u'\'';
        } else if (c == u'\\') {
            ++i; // escapes the next character (outside single quotes)
        } else if (dbl) {
            dbl = c != u'"';
        } else if (c == u'\'') {
            single = true;
        } else if (c == u'"') {
            dbl = true;
        } else if (c == u'(') {
            ++depth;
        } else if (c == u')') {
            --depth;
        }
    }
    QString trimmed = command;
    while (!trimmed.isEmpty() && trimmed.back().isSpace())
        trimmed.chop(1);
    return !single && !dbl && depth <= 0 && !trimmed.endsWith(u'\\');
}

// Every curl command of the document, whole (continuation lines, multi-line quoted bodies, the
// `TOKEN=$(curl ... | jq ...)` of the login), in the document's order.
QStringList extractCurlExamples(const QString& document) {
    static const QRegularExpression start(QStringLiteral(R"(^\s*(?:[A-Z_]+=\$\()?curl\s)"));
    const QStringList lines = document.split(u'\n');
    QStringList examples;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!start.match(lines[i]).hasMatch())
            continue;
        QString command = lines[i];
        while (!isComplete(command) && i + 1 < lines.size())
            command += u'\n' + lines[++i];
        examples << command;
    }
    return examples;
}

QString readSeed() {
    QFile file(QStringLiteral(PAYCRED_SEED_FILE));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

struct Outcome {
    int exitCode = -1;
    int status = 0; // the HTTP status curl saw (of its last transfer)
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QJsonObject object() const { return json().object(); }
};

// Runs one example in `bash -c`. Curl is wrapped by a shell function that only adds
// `-w '%{stderr}...'`: the HTTP status goes to standard error, standard output stays the answer
// exactly as the command prints it. The exit code is the example's own (with pipefail: curl's
// too when its output goes through jq), whatever `epilogue` does after it.
Outcome runInBash(const QString& example, const QString& baseUrl, const QByteArray& token,
                  const QString& epilogue = {}) {
    QString script = example;
    script.replace(SeedBaseUrl, baseUrl);
    script =
        QStringLiteral("set -o pipefail\n"
                       "curl() { command curl -w '%{stderr}\\nPAYCRED_HTTP_STATUS=%{http_code}\\n' "
                       "\"$@\"; }\n") +
        script + QStringLiteral("\npaycred_exit=$?\n") + epilogue +
        QStringLiteral("\nexit $paycred_exit\n");

    QProcess bash;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TOKEN"), QString::fromUtf8(token));
    // Loopback never goes through a proxy the machine may have configured.
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
    environment.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1,localhost"));
    bash.setProcessEnvironment(environment);
    bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    Outcome outcome;
    if (!bash.waitForFinished(60000)) {
        bash.kill();
        bash.waitForFinished();
        return outcome;
    }
    outcome.exitCode = bash.exitStatus() == QProcess::NormalExit ? bash.exitCode() : -1;
    outcome.out = bash.readAllStandardOutput();
    outcome.err = bash.readAllStandardError();
    static const QRegularExpression status(QStringLiteral(R"(PAYCRED_HTTP_STATUS=(\d{3}))"));
    auto matches = status.globalMatch(QString::fromUtf8(outcome.err));
    while (matches.hasNext())
        outcome.status = matches.next().captured(1).toInt();
    return outcome;
}

} // namespace

class TestSeedCurl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void extractsEveryExample();
    void examplesRunInOrder();

private:
    QStringList m_examples;
};

void TestSeedCurl::initTestCase() {
    const QString seed = readSeed();
    QVERIFY2(!seed.isEmpty(), PAYCRED_SEED_FILE);
    m_examples = extractCurlExamples(seed);
    for (const char* tool : {"bash", "curl", "jq"}) {
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                 qPrintable(QStringLiteral("%1 is needed (Debian package %1)").arg(tool)));
    }
}

void TestSeedCurl::extractsEveryExample() {
    // The document has ten curl examples; a parsing slip must not go unnoticed.
    QCOMPARE(m_examples.size(), 10);
    static const QRegularExpression request(
        QStringLiteral(R"(curl (?:-s )?-X ([A-Z]+) http://localhost:8000(\S+))"));
    const QStringList expected = {
        QStringLiteral("POST /users/login/"),
        QStringLiteral("POST /payments/credentials/"),
        QStringLiteral("GET /payments/credentials/"),
        QStringLiteral("GET /payments/credentials/provider/kopokopo/"),
        QStringLiteral("POST /payments/credentials/1/update-private-key/"),
        QStringLiteral("POST /payments/credentials/1/verify/"),
        QStringLiteral("GET /payments/credentials/1/get-private-key/"),
        QStringLiteral("POST /payments/credentials/1/toggle-status/"),
        QStringLiteral("PUT /payments/credentials/1/"),
        QStringLiteral("DELETE /payments/credentials/1/"),
    };
    for (qsizetype i = 0; i < m_examples.size(); ++i) {
        const auto match = request.match(m_examples[i]);
        QVERIFY2(match.hasMatch(), qPrintable(m_examples[i]));
        QCOMPARE(match.captured(1) + u' ' + match.captured(2), expected.value(i));
    }
    QVERIFY(m_examples[0].startsWith(QStringLiteral("TOKEN=$(curl")));
    QVERIFY(m_examples[0].contains(QStringLiteral("| jq -r '.access_token')")));
    QVERIFY(m_examples[1].contains(QStringLiteral("\"environment\": \"sandbox\"\n  }'")));
}

void TestSeedCurl::examplesRunInOrder() {
    QCOMPARE(m_examples.size(), 10);
    ServerProcess server;
    const CommandResult created =
        server.createSuperuser(QStringLiteral("your_username"), QStringLiteral("your_password"));
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString base = server.baseUrl();

    // 1. Login into TOKEN (the example's own `| jq -r '.access_token'`).
    const Outcome login =
        runInBash(m_examples[0], base, {}, QStringLiteral("printf '%s' \"$TOKEN\""));
    QCOMPARE(login.exitCode, 0);
    QCOMPARE(login.status, 200);
    const QByteArray token = login.out;
    QVERIFY2(token.count('.') == 2 && token != "null", token.constData());

    // 2. Create KopoKopo credentials.
    const Outcome create = runInBash(m_examples[1], base, token);
    QCOMPARE(create.exitCode, 0);
    QCOMPARE(create.status, 201);
    const QJsonObject credential = create.object();
    QCOMPARE(credential.value("id").toInt(), 1);
    QCOMPARE(credential.value("provider").toString(), QStringLiteral("kopokopo"));
    QCOMPARE(credential.value("provider_display").toString(), QStringLiteral("KopoKopo"));
    QCOMPARE(credential.value("environment").toString(), QStringLiteral("sandbox"));
    QCOMPARE(credential.value("is_active").toBool(), true);
    QCOMPARE(credential.value("is_live").toBool(), false);
    QCOMPARE(credential.value("is_sandbox").toBool(), true);
    QVERIFY(credential.value("created_at").toString().endsWith(u'Z'));
    QVERIFY(!credential.contains("private_key"));

    // 3. List.
    const Outcome list = runInBash(m_examples[2], base, token);
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.status, 200);
    QVERIFY(list.json().isArray());
    QCOMPARE(list.json().array().size(), 1);
    QCOMPARE(list.json().array().at(0).toObject().value("id").toInt(), 1);

    // 4. By provider.
    const Outcome byProvider = runInBash(m_examples[3], base, token);
    QCOMPARE(byProvider.exitCode, 0);
    QCOMPARE(byProvider.status, 200);
    QCOMPARE(byProvider.object().value("id").toInt(), 1);
    QCOMPARE(byProvider.object().value("provider_display").toString(), QStringLiteral("KopoKopo"));

    // 5. Update the private key.
    const Outcome update = runInBash(m_examples[4], base, token);
    QCOMPARE(update.exitCode, 0);
    QCOMPARE(update.status, 200);
    QCOMPARE(update.object().value("message").toString(),
             QStringLiteral("Private key updated successfully"));
    QCOMPARE(update.object().value("credentials").toObject().value("id").toInt(), 1);

    // 6. Verify the ORIGINAL key, as the document orders it: no longer valid.
    const Outcome verify = runInBash(m_examples[5], base, token);
    QCOMPARE(verify.exitCode, 0);
    QCOMPARE(verify.status, 200);
    QCOMPARE(verify.object().value("credentials_id").toInt(), 1);
    QCOMPARE(verify.object().value("provider").toString(), QStringLiteral("kopokopo"));
    QCOMPARE(verify.object().value("is_valid").toBool(true), false);
    QCOMPARE(verify.object().value("message").toString(), QStringLiteral("Invalid private key"));

    // 7. Get the private key: the new one.
    const Outcome reveal = runInBash(m_examples[6], base, token);
    QCOMPARE(reveal.exitCode, 0);
    QCOMPARE(reveal.status, 200);
    QCOMPARE(reveal.object().value("private_key").toString(),
             QStringLiteral("sk_test_kopokopo_new_private_key_12345"));
    QCOMPARE(reveal.object().value("message").toString(),
             QStringLiteral("Private key retrieved successfully"));
    QCOMPARE(reveal.object().value("provider_display").toString(), QStringLiteral("KopoKopo"));

    // 8. Toggle: deactivated.
    const Outcome toggle = runInBash(m_examples[7], base, token);
    QCOMPARE(toggle.exitCode, 0);
    QCOMPARE(toggle.status, 200);
    QCOMPARE(toggle.object().value("message").toString(),
             QStringLiteral("Payment credentials for KopoKopo have been deactivated"));
    QCOMPARE(toggle.object().value("credentials").toObject().value("is_active").toBool(true),
             false);

    // 9. PUT: live.
    const Outcome put = runInBash(m_examples[8], base, token);
    QCOMPARE(put.exitCode, 0);
    QCOMPARE(put.status, 200);
    QCOMPARE(put.object().value("environment").toString(), QStringLiteral("live"));
    QCOMPARE(put.object().value("is_live").toBool(), true);
    QCOMPARE(put.object().value("id").toInt(), 1);

    // 10. Delete.
    const Outcome remove = runInBash(m_examples[9], base, token);
    QCOMPARE(remove.exitCode, 0);
    QCOMPARE(remove.status, 200);
    QCOMPARE(remove.object().value("message").toString(),
             QStringLiteral("Payment credentials for KopoKopo have been successfully deleted"));

    // And it is gone: a GET of it, written like the document's examples.
    const QString getDeleted = QStringLiteral("curl -X GET %1/payments/credentials/1/ \\\n"
                                              "  -H \"Authorization: Bearer $TOKEN\"")
                                   .arg(SeedBaseUrl);
    const Outcome gone = runInBash(getDeleted, base, token);
    QCOMPARE(gone.exitCode, 0);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.object(),
             QJsonObject({{"error", "Payment credentials not found or access denied"}}));
}

QTEST_GUILESS_MAIN(TestSeedCurl)
#include "tst_seed_curl.moc"
