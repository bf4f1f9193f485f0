// `paycred-server import-django` against a real deployment of the seed's Django server: the test
// makes a Django project with the seed's models (tests/server/djangoseed), migrates it with
// Debian's python3-django, creates users with Django's own create_user / create_superuser (260 000
// iterations in Django 3.2) and with the 600 000 and 1 000 000 encodings of testdata/django, and
// credentials encrypted the seed's way. Then: a dry run writes nothing, the import brings what it
// can and says why it skipped the rest, a second run doubles nothing, and a real paycred-server
// on the imported database logs each user in with their Django password and reveals their
// credentials as they were. A wrong Django key imports no credential; an import killed in the
// middle leaves only whole users, and the next run goes on from there.

#include "tests/server/httpreply.h"
#include "tests/server/serverprocess.h"
#include "tests/support/otherapp.h"

#include "core/client/httptransport.h"
#include "tests/support/postgrescluster.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace paycred::test;

namespace {

struct SeedUser {
    QString username;
    QString password;
    QString encoded; // set: inserted with this encoding as it is
    bool superuser = false;
    bool inactive = false;
    bool unusable = false;
};

struct SeedCredential {
    QString username;
    QString provider;
    QString environment;
    QString apiKey;
    QString privateKey;
    bool active = true;
    bool importable = true; // PayCred takes it
};

// The 600 000 and 1 000 000 vectors of testdata/django, by iteration count.
QJsonObject djangoVector(const QString& iterations) {
    QFile file(QStringLiteral(PAYCRED_TESTDATA_DIR "/django/pbkdf2_sha256.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QJsonValue& vector : QJsonDocument::fromJson(file.readAll()).array()) {
        if (vector[QLatin1String("encoded")].toString().section(u'$', 1, 1) == iterations)
            return vector.toObject();
    }
    return {};
}

QList<SeedUser> seedUsers() {
    const QJsonObject v600 = djangoVector(QStringLiteral("600000"));
    const QJsonObject v1m = djangoVector(QStringLiteral("1000000"));
    return {
        {QStringLiteral("alice"), QStringLiteral("alice-password-1"), {}, false, false, false},
        {QStringLiteral("root"), QStringLiteral("root-password-1"), {}, true, false, false},
        {QStringLiteral("dave"), QStringLiteral("dave-password-1"), {}, false, true, false},
        {QStringLiteral("v600k"), v600[QLatin1String("password")].toString(),
         v600[QLatin1String("encoded")].toString(), false, false, false},
        {QStringLiteral("v1m"), v1m[QLatin1String("password")].toString(),
         v1m[QLatin1String("encoded")].toString(), false, false, false},
        {QStringLiteral("nohash"), {}, {}, false, false, true},
    };
}

QList<SeedCredential> seedCredentials() {
    return {
        {"alice", "kopokopo", "sandbox", "pk_test_kopokopo_alice_1", "sk_test_kopokopo_alice_1"},
        {"alice", "instasend", "live", "pk_live_instasend_alice", "sk_live_instasend_alice Ω"},
        {"alice", "paypal", "sandbox", "pk_test_paypal_alice_1", "sk_test_paypal_alice_1", true,
         false},
        {"root", "kopokopo", "live", "pk_live_kopokopo_root_1", "sk_live_kopokopo_root_1", false},
        {"root", "instasend", "staging", "pk_stag_instasend_root", "sk_stag_instasend_root", true,
         false},
        {"v600k", "instasend", "sandbox", "pk_test_instasend_v600", "sk_test_instasend_v600"},
        {"v1m", "kopokopo", "sandbox", "pk_test_kopokopo_v1m_01", "sk_test_kopokopo_v1m_01"},
        {"v1m", "kopokopo", "live", "pk_live_kopokopo_v1m_02", "sk_live_kopokopo_v1m_02", true,
         false},
        {"nohash", "kopokopo", "sandbox", "pk_test_kopokopo_nohash", "sk_test_kopokopo_nohash",
         true, false},
    };
}

int importable(const QList<SeedCredential>& credentials) {
    return int(std::count_if(credentials.begin(), credentials.end(),
                             [](const SeedCredential& c) { return c.importable; }));
}

// Runs tests/server/djangoseed/deployment.py with Debian's python3 (isolated: no user site, no
// PYTHONPATH); the specification goes on stdin, never argv.
QJsonObject runDeployment(const QJsonObject& spec, QString* error) {
    QProcess process;
    process.setProgram(QStringLiteral(PAYCRED_SYSTEM_PYTHON));
    process.setArguments({QStringLiteral("-I"), QDir(spec[QLatin1String("project")].toString())
                                                    .filePath(QStringLiteral("deployment.py"))});
    process.start();
    if (!process.waitForStarted(30'000)) {
        *error = process.errorString();
        return {};
    }
    process.write(QJsonDocument(spec).toJson(QJsonDocument::Compact));
    process.closeWriteChannel();
    if (!process.waitForFinished(300'000) || process.exitCode() != 0) {
        *error = QString::fromUtf8(process.readAllStandardError().right(1500));
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

bool copyTree(const QString& from, const QString& to) {
    QDir source(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo& entry :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isDir() ? !copyTree(entry.filePath(), target)
                          : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

// A count from the PayCred database of `server`, read directly (SQLite).
qint64 countIn(const QString& file, const QString& sql) {
    const QString name = QStringLiteral("count-%1").arg(quintptr(&file));
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

QString text(const CommandResult& result) {
    return QString::fromUtf8(result.out + "\n--- stderr ---\n" + result.err);
}

} // namespace

class TestImportDjango : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_djangoKey;
    QString m_keyFile;
    QString m_djangoDb;
    QList<SeedUser> m_users = seedUsers();
    QList<SeedCredential> m_credentials = seedCredentials();
    QJsonObject m_made; // what deployment.py reported: ids, hashes, times
    std::unique_ptr<ServerProcess> m_server;
    QList<CommandResult> m_runs; // every run, to check no key was printed

    QString paycredDb() const { return QDir(m_server->dataDir()).filePath("paycred.sqlite3"); }

    CommandResult importFrom(const QString& from, const QStringList& extra = {},
                             ServerProcess* server = nullptr) {
        ServerProcess& target = server ? *server : *m_server;
        QStringList arguments{QStringLiteral("import-django"), QStringLiteral("--dev"),
                              QStringLiteral("--data-dir"),    target.dataDir(),
                              QStringLiteral("--from"),        from};
        arguments << extra;
        const CommandResult result = target.run(arguments);
        m_runs.append(result);
        return result;
    }
    CommandResult importWithKeyFile(const QStringList& extra = {}) {
        return importFrom(m_djangoDb,
                          QStringList{QStringLiteral("--django-key-file"), m_keyFile} + extra);
    }

    QJsonObject makeSpec(const QJsonObject& database, const QString& project) const {
        QJsonArray users;
        for (const SeedUser& user : m_users) {
            QJsonObject row{{"username", user.username},
                            {"password", user.password},
                            {"superuser", user.superuser},
                            {"inactive", user.inactive},
                            {"unusable", user.unusable}};
            if (!user.encoded.isEmpty())
                row.insert("encoded", user.encoded);
            users.append(row);
        }
        QJsonArray credentials;
        for (const SeedCredential& credential : m_credentials)
            credentials.append(QJsonObject{{"username", credential.username},
                                           {"provider", credential.provider},
                                           {"environment", credential.environment},
                                           {"api_key", credential.apiKey},
                                           {"private_key", credential.privateKey},
                                           {"is_active", credential.active}});
        return {{"project", project},
                {"database", database},
                {"encryption_key", m_djangoKey},
                {"users", users},
                {"credentials", credentials}};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(ServerProcess::executable()),
                 qPrintable(ServerProcess::executable()));
        for (const SeedUser& user : m_users)
            QVERIFY2(user.unusable || !user.password.isNull(), qPrintable(user.username));

        // The Django deployment's ENCRYPTION_KEY: made by Python's cryptography, as its admins
        // would have.
        QProcess keygen;
        keygen.start(QStringLiteral(PAYCRED_SYSTEM_PYTHON),
                     {QStringLiteral("-I"), QStringLiteral("-c"),
                      QStringLiteral("from cryptography.fernet import Fernet; "
                                     "print(Fernet.generate_key().decode())")});
        QVERIFY(keygen.waitForFinished(60'000));
        m_djangoKey = QString::fromLatin1(keygen.readAllStandardOutput()).trimmed();
        QCOMPARE(m_djangoKey.size(), 44);
        m_keyFile = m_dir.filePath(QStringLiteral("django.key"));
        QFile keyFile(m_keyFile);
        QVERIFY(keyFile.open(QIODevice::WriteOnly));
        keyFile.write(m_djangoKey.toLatin1() + '\n');
        keyFile.close();

        const QString project = m_dir.filePath(QStringLiteral("django"));
        QVERIFY(copyTree(QStringLiteral(PAYCRED_DJANGO_SEED_DIR), project));
        m_djangoDb = QDir(project).filePath(QStringLiteral("db.sqlite3"));
        QString error;
        m_made = runDeployment(
            makeSpec({{"ENGINE", "django.db.backends.sqlite3"}, {"NAME", m_djangoDb}}, project),
            &error);
        QVERIFY2(!m_made.isEmpty(), qPrintable(error));
        // Django 3.2 hashes at 260 000; the vectors keep theirs.
        const QJsonObject users = m_made["users"].toObject();
        QVERIFY(users["alice"]["hash"].toString().startsWith("pbkdf2_sha256$260000$"));
        QVERIFY(users["v600k"]["hash"].toString().startsWith("pbkdf2_sha256$600000$"));
        QVERIFY(users["v1m"]["hash"].toString().startsWith("pbkdf2_sha256$1000000$"));
        QVERIFY(users["nohash"]["hash"].toString().startsWith("!"));

        m_server = std::make_unique<ServerProcess>();
    }

    void aDryRunReportsAndWritesNothing() {
        const CommandResult dry = importWithKeyFile({QStringLiteral("--dry-run")});
        QVERIFY2(dry.finished, qPrintable(text(dry)));
        QCOMPARE(dry.exitCode, 3); // something would be skipped
        const QString out = QString::fromUtf8(dry.out);
        QVERIFY2(out.contains("Dry run: nothing was written."), qPrintable(text(dry)));
        QVERIFY2(out.contains("Users: 5 to import, 0 already there, 1 skipped."),
                 qPrintable(text(dry)));
        QVERIFY2(out.contains(QStringLiteral("Credentials: %1 to import, 0 already there, %2 "
                                             "skipped.")
                                  .arg(importable(m_credentials))
                                  .arg(m_credentials.size() - importable(m_credentials))),
                 qPrintable(text(dry)));
        QVERIFY2(!QFileInfo::exists(paycredDb()), qPrintable(paycredDb()));
    }

    void theImportBringsUsersAndCredentialsAndSaysWhatItSkipped() {
        const CommandResult run = importWithKeyFile();
        QVERIFY2(run.finished, qPrintable(text(run)));
        QCOMPARE(run.exitCode, 3);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains("Users: 5 imported, 0 already there, 1 skipped."),
                 qPrintable(text(run)));
        QVERIFY2(out.contains("Credentials: 5 imported, 0 already there, 4 skipped."),
                 qPrintable(text(run)));
        // Each skip, and why.
        QVERIFY2(
            out.contains(QRegularExpression(
                R"(user "nohash" \(Django id \d+\) with their 1 credential\(s\): they have an )"
                R"(unusable password)")),
            qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(
                     R"(of "alice" \(paypal, sandbox\): PayCred does not know this provider)")),
                 qPrintable(out));
        QVERIFY2(
            out.contains(QRegularExpression(
                R"(of "root" \(instasend, staging\): PayCred does not know this environment)")),
            qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(
                     R"(of "v1m" \(kopokopo, live\): a second credential of this provider)")),
                 qPrintable(out));
        // The progress line on stderr.
        QVERIFY2(run.err.contains("import-django: 6/6 users, 5 credentials imported"),
                 run.err.constData());

        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM users"), 5);
        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM payment_credentials"), 5);
        // The hashes as they were, the flags carried over.
        const QJsonObject made = m_made["users"].toObject();
        for (const QString name : {"alice", "v600k", "v1m"})
            QCOMPARE(countIn(paycredDb(), QStringLiteral("SELECT COUNT(*) FROM users WHERE "
                                                         "username = '%1' AND password_hash = "
                                                         "'%2'")
                                              .arg(name, made[name]["hash"].toString())),
                     1);
        QCOMPARE(countIn(paycredDb(), "SELECT is_superuser FROM users WHERE username = 'root'"), 1);
        QCOMPARE(countIn(paycredDb(), "SELECT is_active FROM users WHERE username = 'dave'"), 0);
        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM payment_credentials WHERE "
                                      "is_active = 0"),
                 1);
        // One event per user and per credential, by the system.
        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM audit_events WHERE action = "
                                      "'user_created' AND detail LIKE '%imported from Django%' "
                                      "AND actor_id IS NULL"),
                 5);
        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM audit_events WHERE action = "
                                      "'credential_created' AND detail LIKE '%imported from "
                                      "Django%' AND actor_id IS NULL"),
                 5);
    }

    void aSecondRunDoublesNothing() {
        // The key from the environment this time.
        m_server->environment().insert(QStringLiteral("DJANGO_ENCRYPTION_KEY"), m_djangoKey);
        const CommandResult again = importFrom(m_djangoDb);
        m_server->environment().remove(QStringLiteral("DJANGO_ENCRYPTION_KEY"));
        QVERIFY2(again.finished, qPrintable(text(again)));
        QCOMPARE(again.exitCode, 3);
        const QString out = QString::fromUtf8(again.out);
        QVERIFY2(out.contains("Users: 0 imported, 5 already there, 1 skipped."),
                 qPrintable(text(again)));
        QVERIFY2(out.contains("Credentials: 0 imported, 5 already there, 4 skipped."),
                 qPrintable(text(again)));
        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM users"), 5);
        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM payment_credentials"), 5);
        QCOMPARE(countIn(paycredDb(), "SELECT COUNT(*) FROM audit_events WHERE detail LIKE "
                                      "'%imported from Django%'"),
                 10);
    }

    void everyDjangoPasswordLogsInAndTheKeysAreTheOriginals() {
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const QJsonObject made = m_made["users"].toObject();
        for (const SeedUser& user : std::as_const(m_users)) {
            if (user.unusable)
                continue;
            const QByteArray token = login(*m_server, user.username, user.password);
            if (user.inactive) {
                QVERIFY2(token.isEmpty(), qPrintable(user.username));
                continue;
            }
            QVERIFY2(!token.isEmpty(), qPrintable(user.username));
            const HttpReply listed =
                call(*m_server, "GET", QStringLiteral("/payments/credentials/"), {}, token);
            QCOMPARE(listed.status, 200);
            QList<SeedCredential> theirs;
            for (const SeedCredential& credential : std::as_const(m_credentials)) {
                if (credential.username == user.username && credential.importable)
                    theirs.append(credential);
            }
            QCOMPARE(listed.array().size(), theirs.size());
            for (const QJsonValue& value : listed.array()) {
                const QJsonObject listedOne = value.toObject();
                const auto original =
                    std::find_if(theirs.begin(), theirs.end(), [&](const SeedCredential& c) {
                        return c.provider == listedOne["provider"].toString();
                    });
                QVERIFY(original != theirs.end());
                QCOMPARE(listedOne["environment"].toString(), original->environment);
                QCOMPARE(listedOne["is_active"].toBool(), original->active);
                const qint64 id = listedOne["id"].toInteger();
                const HttpReply revealed = call(
                    *m_server, "GET",
                    QStringLiteral("/payments/credentials/%1/get-private-key/").arg(id), {}, token);
                QCOMPARE(revealed.status, 200);
                QCOMPARE(revealed.object()["private_key"].toString(), original->privateKey);
                QCOMPARE(revealed.object()["api_key"].toString(), original->apiKey);
                const HttpReply verified = call(
                    *m_server, "POST", QStringLiteral("/payments/credentials/%1/verify/").arg(id),
                    {{"private_key", original->privateKey}}, token);
                QCOMPARE(verified.object()["is_valid"].toBool(), true);
            }
        }
        // Django's created_at carried over (to the second: the API's precision).
        const QJsonObject first = m_made["credentials"].toArray().first().toObject();
        const QByteArray alice = login(*m_server, "alice", "alice-password-1");
        const HttpReply listed =
            call(*m_server, "GET", QStringLiteral("/payments/credentials/"), {}, alice);
        const QDateTime django =
            QDateTime::fromString(first["created_at"].toString(), Qt::ISODateWithMs);
        const QDateTime ours = QDateTime::fromString(
            listed.array().first()["created_at"].toString(), Qt::ISODateWithMs);
        QVERIFY2(django.isValid() && ours.isValid(), listed.body.constData());
        QVERIFY2(qAbs(django.msecsTo(ours)) < 1000,
                 qPrintable(django.toString(Qt::ISODateWithMs) + " / " +
                            ours.toString(Qt::ISODateWithMs)));
        QCOMPARE(m_server->terminate(), 0);
    }

    // What the desktop app runs against a server (HttpTransport, Session, CredentialsClient)
    // signs in as a Django user with the Django password and reveals an imported key.
    void theDesktopAppUsesTheImportedDeployment() {
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        paycred::client::HttpTransport transport{QUrl(m_server->baseUrl())};
        OtherApp app(transport);
        const auto identity =
            app.login(QStringLiteral("alice"), QStringLiteral("alice-password-1"));
        QVERIFY2(identity.ok(), qPrintable(identity.error.message));
        const auto listed = app.list();
        QVERIFY2(listed.ok(), qPrintable(listed.error.message));
        QVERIFY(!listed.value->isEmpty());
        const paycred::client::Credential& first = listed.value->first();
        const auto original =
            std::find_if(m_credentials.begin(), m_credentials.end(), [&](const SeedCredential& c) {
                return c.username == QLatin1String("alice") && c.provider == first.provider;
            });
        QVERIFY(original != m_credentials.end());
        const auto revealed = app.reveal(first.id);
        QVERIFY2(revealed.ok(), qPrintable(revealed.error.message));
        QVERIFY(revealed.value->privateKey.view() == original->privateKey.toUtf8());
        QCOMPARE(m_server->terminate(), 0);
    }

    void aWrongDjangoKeyImportsNoCredential() {
        ServerProcess fresh;
        const QString wrongKey = QStringLiteral("bm90LXRoZS1kamFuZ28ta2V5LW5vdC10aGUtZGphbmc=");
        const CommandResult run =
            importFrom(m_djangoDb, {QStringLiteral("--django-key"), wrongKey}, &fresh);
        QVERIFY2(run.finished, qPrintable(text(run)));
        QCOMPARE(run.exitCode, 3);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains(QStringLiteral("Credentials: 0 imported, 0 already there, %1 "
                                             "skipped.")
                                  .arg(m_credentials.size())),
                 qPrintable(text(run)));
        QCOMPARE(out.count("does not decrypt under the given Django key"),
                 importable(m_credentials));
        QVERIFY2(out.contains("No credential decrypted under the given Django key"),
                 qPrintable(out));
        QVERIFY2(!out.contains(wrongKey) && !run.err.contains(wrongKey.toLatin1()),
                 qPrintable(text(run)));
        const QString db = QDir(fresh.dataDir()).filePath("paycred.sqlite3");
        QCOMPARE(countIn(db, "SELECT COUNT(*) FROM payment_credentials"), 0);
    }

    void aKillLeavesNoHalfImportedUser() {
        // A deployment big enough to be killed in the middle: 3 000 users, two credentials each.
        const QString project = m_dir.filePath(QStringLiteral("django-bulk"));
        QVERIFY(copyTree(QStringLiteral(PAYCRED_DJANGO_SEED_DIR), project));
        const QString bulkDb = QDir(project).filePath(QStringLiteral("db.sqlite3"));
        QJsonObject spec =
            makeSpec({{"ENGINE", "django.db.backends.sqlite3"}, {"NAME", bulkDb}}, project);
        spec["users"] = QJsonArray();
        spec["credentials"] = QJsonArray();
        spec["bulk"] = QJsonObject{
            {"users", 3000}, {"credentials_per_user", 2}, {"password", "bulk-password-1"}};
        QString error;
        QVERIFY2(!runDeployment(spec, &error).isEmpty(), qPrintable(error));

        ServerProcess target;
        QProcess import;
        import.setProcessEnvironment(target.environment());
        import.start(ServerProcess::executable(),
                     {QStringLiteral("import-django"), QStringLiteral("--dev"),
                      QStringLiteral("--data-dir"), target.dataDir(), QStringLiteral("--from"),
                      bulkDb, QStringLiteral("--django-key-file"), m_keyFile});
        QVERIFY(import.waitForStarted(30'000));
        // Killed once it reports progress and before it is done.
        QByteArray progress;
        while (!progress.contains("import-django: ") && import.state() == QProcess::Running) {
            import.waitForReadyRead(100);
            progress += import.readAllStandardError();
        }
        QVERIFY2(import.state() == QProcess::Running, progress.constData());
        import.kill();
        QVERIFY(import.waitForFinished(30'000));
        QVERIFY2(!progress.contains("3000/3000 users"), progress.constData());

        const QString db = QDir(target.dataDir()).filePath("paycred.sqlite3");
        const qint64 users = countIn(db, "SELECT COUNT(*) FROM users");
        QVERIFY2(users > 0 && users < 3000, qPrintable(QString::number(users)));
        // Every user that is in has both credentials and both events; nobody has fewer.
        QCOMPARE(countIn(db, "SELECT COUNT(*) FROM users u WHERE (SELECT COUNT(*) FROM "
                             "payment_credentials c WHERE c.user_id = u.id) <> 2"),
                 0);
        QCOMPARE(countIn(db, "SELECT COUNT(*) FROM audit_events WHERE action = "
                             "'credential_created'"),
                 2 * users);

        // Run again: it goes on from there.
        const CommandResult rest =
            importFrom(bulkDb, {QStringLiteral("--django-key-file"), m_keyFile}, &target);
        QCOMPARE(rest.exitCode, 0);
        QVERIFY2(rest.out.contains(QStringLiteral("Users: %1 imported, %2 already there, 0 "
                                                  "skipped.")
                                       .arg(3000 - users)
                                       .arg(users)
                                       .toUtf8()),
                 rest.out.constData());
        QCOMPARE(countIn(db, "SELECT COUNT(*) FROM payment_credentials"), 6000);
    }

    void aDjangoDeploymentOnPostgresqlComesOverToo() {
        PostgresCluster cluster;
        QVERIFY2(cluster.start(), qPrintable(cluster.errorString()));
        const paycred::storage::DatabaseConfig pg = cluster.database();
        QVERIFY2(!pg.name.isEmpty(), qPrintable(cluster.errorString()));
        const QString project = m_dir.filePath(QStringLiteral("django-pg"));
        QVERIFY(copyTree(QStringLiteral(PAYCRED_DJANGO_SEED_DIR), project));
        QString error;
        const QJsonObject made =
            runDeployment(makeSpec({{"ENGINE", "django.db.backends.postgresql"},
                                    {"NAME", pg.name},
                                    {"USER", pg.user},
                                    {"PASSWORD", pg.password},
                                    {"HOST", pg.host},
                                    {"PORT", QString::number(pg.port)}},
                                   project),
                          &error);
        QVERIFY2(!made.isEmpty(), qPrintable(error));
        const QString url = QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                                .arg(pg.user, pg.password, pg.host)
                                .arg(pg.port)
                                .arg(pg.name);
        ServerProcess fresh;
        const CommandResult run =
            importFrom(url, {QStringLiteral("--django-key-file"), m_keyFile}, &fresh);
        QVERIFY2(run.finished, qPrintable(text(run)));
        QCOMPARE(run.exitCode, 3);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains("Users: 5 imported, 0 already there, 1 skipped."),
                 qPrintable(text(run)));
        QVERIFY2(out.contains("Credentials: 5 imported, 0 already there, 4 skipped."),
                 qPrintable(text(run)));
        QVERIFY2(!out.contains(pg.password) && !run.err.contains(pg.password.toUtf8()),
                 qPrintable(text(run)));
        // Logged in and revealed from the PostgreSQL-born database.
        QVERIFY2(fresh.start(), qPrintable(fresh.errorString()));
        const SeedUser& v1m = m_users.at(4);
        const QByteArray token = login(fresh, v1m.username, v1m.password);
        QVERIFY(!token.isEmpty());
        const HttpReply listed =
            call(fresh, "GET", QStringLiteral("/payments/credentials/"), {}, token);
        QCOMPARE(listed.array().size(), 1);
        const qint64 id = listed.array().first()["id"].toInteger();
        const HttpReply revealed =
            call(fresh, "GET", QStringLiteral("/payments/credentials/%1/get-private-key/").arg(id),
                 {}, token);
        QCOMPARE(revealed.object()["private_key"].toString(), m_credentials.at(6).privateKey);
    }

    void badInvocationsAreRefusedWithAReason() {
        // No key at all: usage.
        const CommandResult noKey = importFrom(m_djangoDb);
        QCOMPARE(noKey.exitCode, 2);
        QVERIFY2(noKey.err.contains("needs the Django deployment's ENCRYPTION_KEY"),
                 noKey.err.constData());
        // Not a Fernet key: refused, and the text is not echoed.
        const CommandResult notFernet =
            importFrom(m_djangoDb, {QStringLiteral("--django-key"), QStringLiteral("hunter2-x")});
        QCOMPARE(notFernet.exitCode, 1);
        QVERIFY2(notFernet.err.contains("is not a Fernet key"), notFernet.err.constData());
        QVERIFY(!notFernet.err.contains("hunter2-x") && !notFernet.out.contains("hunter2-x"));
        // Both key options.
        const CommandResult both =
            importFrom(m_djangoDb, {"--django-key", m_djangoKey, "--django-key-file", m_keyFile});
        QCOMPARE(both.exitCode, 2);
        // No such database: refused, and nothing is created there.
        const QString missing = m_dir.filePath(QStringLiteral("nowhere.sqlite3"));
        const CommandResult absent =
            importFrom(missing, {QStringLiteral("--django-key-file"), m_keyFile});
        QCOMPARE(absent.exitCode, 1);
        QVERIFY2(absent.err.contains("There is no Django database at"), absent.err.constData());
        QVERIFY(!QFileInfo::exists(missing));
        // A SQLite database that is not Django's (PayCred's own).
        const CommandResult notDjango =
            importFrom(paycredDb(), {QStringLiteral("--django-key-file"), m_keyFile});
        QCOMPARE(notDjango.exitCode, 1);
        QVERIFY2(notDjango.err.contains("no auth_user table"), notDjango.err.constData());
        // The options belong to import-django.
        const CommandResult stray =
            m_server->run({QStringLiteral("genkey"), QStringLiteral("--dry-run")});
        QCOMPARE(stray.exitCode, 2);
    }

    void helpNamesTheCommandAndItsExitCodes() {
        const CommandResult overall = m_server->run({QStringLiteral("--help")});
        QCOMPARE(overall.exitCode, 0);
        QVERIFY(overall.out.contains("import-django"));
        const CommandResult help =
            m_server->run({QStringLiteral("import-django"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const QString out = QString::fromUtf8(help.out).simplified(); // wrapped for a terminal
        QVERIFY(out.contains("import-django"));
        QVERIFY(out.contains("--django-key-file"));
        QVERIFY(out.contains("DJANGO_ENCRYPTION_KEY"));
        QVERIFY(out.contains("3 done but something was skipped"));
    }

    void theKeyIsNeverPrinted() {
        QVERIFY(!m_runs.isEmpty());
        for (const CommandResult& run : std::as_const(m_runs)) {
            QVERIFY(!run.out.contains(m_djangoKey.toLatin1()));
            QVERIFY(!run.err.contains(m_djangoKey.toLatin1()));
        }
        QVERIFY(!m_server->log().contains(m_djangoKey.toLatin1()));
    }
};

QTEST_GUILESS_MAIN(TestImportDjango)
#include "tst_import_django.moc"
