// paycred-server and its audit key, as a child process spoken to over real HTTP (curl): refused
// without an audit key, with a weak one, one that does not parse or one that is another key;
// `genkey --audit`; development keys made before the audit key get one, once; the events of a
// schema-3 database are chained at the first start; and an event edited with the sqlite3 command
// line while the server runs is found by GET /admin/audit/verify/.

#include "tests/server/serverprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using paycred::test::CommandResult;
using paycred::test::ServerProcess;

namespace {
const QString Username = QStringLiteral("auditor");
const QString Password = QStringLiteral("an-auditor's-passphrase");

struct Answer {
    int status = 0;
    QJsonObject body;
};

// One request with curl: its status and JSON body (status 0 when curl failed).
Answer http(const ServerProcess& server, const QByteArray& method, const QString& path,
            const QJsonObject& body = {}, const QByteArray& token = {}) {
    QStringList arguments{"-s",
                          "-X",
                          QString::fromLatin1(method),
                          "-w",
                          "\n%{http_code}",
                          "-H",
                          "Content-Type: application/json"};
    if (!token.isEmpty())
        arguments << "-H"
                  << QStringLiteral("Authorization: Bearer %1").arg(QString::fromLatin1(token));
    if (!body.isEmpty())
        arguments << "--data-binary"
                  << QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
    arguments << server.url(path).toString();
    QProcess curl;
    curl.start(QStringLiteral("curl"), arguments);
    if (!curl.waitForFinished(30000) || curl.exitCode() != 0)
        return {};
    const QByteArray out = curl.readAllStandardOutput();
    const qsizetype cut = out.lastIndexOf('\n');
    return {out.mid(cut + 1).toInt(), QJsonDocument::fromJson(out.left(cut)).object()};
}

QByteArray loginToken(const ServerProcess& server) {
    return http(server, "POST", "/users/login/", {{"username", Username}, {"password", Password}})
        .body.value("access_token")
        .toString()
        .toUtf8();
}

QString sqlite(const QString& database, const QString& sql) {
    QProcess process;
    process.start(QStringLiteral("sqlite3"), {database, sql});
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return QStringLiteral("sqlite3 failed: %1")
            .arg(QString::fromUtf8(process.readAllStandardError()));
    return {};
}

QString databaseOf(const ServerProcess& server) {
    return server.dataDir() + QStringLiteral("/paycred.sqlite3");
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestServerAudit : public QObject {
    Q_OBJECT

private slots:
    void refusesAMissingWeakOrBorrowedAuditKey() {
        ServerProcess server;
        const QByteArray secret(40, 's');
        const QByteArray encryption = server.run({"genkey"}).out.trimmed();
        server.environment().insert("PAYCRED_DATABASE", databaseOf(server));
        server.environment().insert("PAYCRED_SECRET_KEY", QString::fromLatin1(secret));
        server.environment().insert("PAYCRED_ENCRYPTION_KEY", QString::fromLatin1(encryption));
        const QStringList listen{"--listen", "127.0.0.1:0"};

        CommandResult result = server.run(listen);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("PAYCRED_AUDIT_KEY is not set"), result.err.constData());
        QVERIFY2(result.err.contains("paycred-server genkey --audit"), result.err.constData());

        const QByteArray weak =
            QByteArray("weak-key-SENTINEL").toBase64(QByteArray::Base64UrlEncoding);
        const struct {
            QByteArray key;
            const char* message;
        } refusals[] = {
            {weak, "PAYCRED_AUDIT_KEY is too weak: an audit key needs at least 32 random bytes"},
            {"not*base64!SENTINEL", "PAYCRED_AUDIT_KEY is not an audit key"},
            {secret, "PAYCRED_AUDIT_KEY is the secret key or an encryption key"},
            {encryption, "PAYCRED_AUDIT_KEY is the secret key or an encryption key"},
            {server.run({"genkey", "--audit"}).out.trimmed() + "," + encryption,
             "PAYCRED_AUDIT_KEY is the secret key or an encryption key"},
        };
        for (const auto& refusal : refusals) {
            server.environment().insert("PAYCRED_AUDIT_KEY", QString::fromLatin1(refusal.key));
            result = server.run(listen);
            QCOMPARE(result.exitCode, 1);
            QVERIFY2(result.err.contains(refusal.message), result.err.constData());
            QVERIFY2(!result.err.contains(refusal.key), "a key was printed");
            QVERIFY(!result.err.contains("SENTINEL"));
        }
        // --dev only warns about a weak key (and still refuses one that does not parse).
        server.environment().insert("PAYCRED_AUDIT_KEY", QString::fromLatin1(weak));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.terminate(), 0);
        QVERIFY(server.log().contains("PAYCRED_AUDIT_KEY is too weak"));
        server.environment().insert("PAYCRED_AUDIT_KEY", "not*base64");
        QVERIFY(!server.start());
    }

    void genkeyPrintsAnAuditKey() {
        ServerProcess server;
        const CommandResult first = server.run({"genkey", "--audit"});
        QCOMPARE(first.exitCode, 0);
        const QByteArray key = first.out.trimmed();
        QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}=$"))
                     .match(QString::fromLatin1(key))
                     .hasMatch(),
                 "32 bytes in url-safe base64");
        QVERIFY(server.run({"genkey", "--audit"}).out.trimmed() != key);
        QCOMPARE(server.run({"genkey", "--audit", "--secret"}).exitCode, 2);
        QCOMPARE(server.run({"createsuperuser", "--username", "x", "--audit"}).exitCode, 2);
    }

    void olderDevelopmentKeysGetAnAuditKeyOnce() {
        ServerProcess server;
        // Development keys as a build before the audit key wrote them.
        QVERIFY(QDir().mkpath(server.dataDir()));
        QFile::setPermissions(server.dataDir(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString keysPath = server.dataDir() + QStringLiteral("/dev-keys.ini");
        const QByteArray old = "secret_key = " + QByteArray(40, 'k') +
                               "\nencryption_key = " + server.run({"genkey"}).out.trimmed() + "\n";
        QFile keys(keysPath);
        QVERIFY(keys.open(QIODevice::WriteOnly));
        keys.write(old);
        keys.close();
        QFile::setPermissions(keysPath, QFile::ReadOwner | QFile::WriteOwner);

        QCOMPARE(server.createSuperuser(Username, Password).exitCode, 0);
        const QByteArray upgraded = readAll(keysPath);
        QVERIFY(upgraded.startsWith(old)); // the keys of the data are kept as they were
        QVERIFY(QRegularExpression(QStringLiteral("\\naudit_key = [A-Za-z0-9_-]{43}=\\n$"))
                    .match(QString::fromLatin1(upgraded))
                    .hasMatch());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(readAll(keysPath), upgraded); // once
        const QByteArray token = loginToken(server);
        const Answer verified = http(server, "GET", "/admin/audit/verify/", {}, token);
        QCOMPARE(verified.status, 200);
        QCOMPARE(verified.body.value("intact"), QJsonValue(true));
        QCOMPARE(verified.body.value("events").toInteger(), 2); // user_created, login
        QCOMPARE(server.terminate(), 0);
        QVERIFY(!server.log().contains(upgraded.mid(upgraded.lastIndexOf("= ") + 2).trimmed()));
    }

    void eventsOfASchemaThreeDatabaseAreChainedAtTheFirstStart() {
        ServerProcess server;
        QCOMPARE(server.createSuperuser(Username, Password).exitCode, 0);
        // Back to schema 3: the audit table with its foreign key, nothing chained.
        const QString error = sqlite(
            databaseOf(server),
            QStringLiteral(
                "DROP TABLE audit_chain; CREATE TABLE v3 (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                "at BIGINT NOT NULL, actor_id BIGINT NULL REFERENCES users(id) ON DELETE SET "
                "NULL, actor_username TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, "
                "credential_id BIGINT NULL, provider TEXT NOT NULL DEFAULT '', outcome TEXT NOT "
                "NULL, remote_addr TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT ''); "
                "INSERT INTO v3 SELECT id, at, actor_id, actor_username, action, credential_id, "
                "provider, outcome, remote_addr, detail FROM audit_events; INSERT INTO v3 (at, "
                "action, outcome, detail) VALUES (1705314600000, 'login', 'failed', "
                "'username=typed-SENTINEL'); DROP TABLE audit_events; ALTER TABLE v3 RENAME TO "
                "audit_events; DROP TABLE sessions; DROP TABLE credential_checks; DELETE FROM "
                "schema_migrations WHERE version >= "
                "4;"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY2(server.log().contains("chained 2 audit event(s) written before the audit log "
                                       "was chained"),
                 server.log().constData());
        const QByteArray token = loginToken(server);
        const Answer verified = http(server, "GET", "/admin/audit/verify/", {}, token);
        QCOMPARE(verified.body.value("intact"), QJsonValue(true));
        QCOMPARE(verified.body.value("events").toInteger(), 3);
        const Answer listed = http(server, "GET", "/admin/audit/?outcome=failed", {}, token);
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.body.value("results").toArray().first().toObject().value("detail"),
                 QJsonValue("unknown user"));
        QCOMPARE(server.terminate(), 0);
        // A second start has nothing left to chain.
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.terminate(), 0);
        QCOMPARE(server.log().count("chained 2 audit event(s)"), 1);
    }

    void anEditBehindTheRunningServersBackIsFound() {
        ServerProcess server;
        QCOMPARE(server.createSuperuser(Username, Password).exitCode, 0);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const QByteArray token = loginToken(server);
        const Answer created = http(server, "POST", "/payments/credentials/",
                                    {{"provider", "kopokopo"},
                                     {"api_key", "pk_live_kopokopo_1234567890"},
                                     {"private_key", "sk_live_kopokopo_0987654321"},
                                     {"environment", "live"}},
                                    token);
        QCOMPARE(created.status, 201);
        const Answer before = http(server, "GET", "/admin/audit/verify/", {}, token);
        QCOMPARE(before.body.value("intact"), QJsonValue(true));
        const Answer listed = http(
            server, "GET", "/admin/audit/?action=credential_created&environment=live", {}, token);
        QCOMPARE(listed.body.value("count").toInteger(), 1);
        const qint64 id =
            listed.body.value("results").toArray().first().toObject().value("id").toInteger();

        const QString error =
            sqlite(databaseOf(server),
                   QStringLiteral("UPDATE audit_events SET environment = 'sandbox' WHERE id = %1")
                       .arg(id));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const Answer after = http(server, "GET", "/admin/audit/verify/", {}, token);
        QCOMPARE(after.status, 200);
        QCOMPARE(after.body.value("intact"), QJsonValue(false));
        QCOMPARE(after.body.value("first_broken_id").toInteger(), id);
        QCOMPARE(server.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerAudit)
#include "tst_server_audit.moc"
