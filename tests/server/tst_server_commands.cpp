// paycred-server's commands and where its secrets come from: each command's --help (and never a
// key in it), `check`'s exit codes, `createuser`, and the keys read from files — the
// environment's *_FILE, systemd's $CREDENTIALS_DIRECTORY and the INI file's *_file — with their
// rules: a value and a file at one level refused, the trailing newline trimmed, a file open to
// others warned about (never shown), an unreadable file refused by name.

#include "tests/server/httpreply.h"
#include "tests/server/serverprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace paycred::test;

namespace {

const QString Password = QStringLiteral("commands-test-password-1");

} // namespace

class TestServerCommands : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_secret;
    QByteArray m_encryption;
    QByteArray m_audit;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString writeFile(const QString& name, const QByteArray& content,
                      QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner) const {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(name));
        file.close();
        file.setPermissions(permissions);
        return path(name);
    }

    // A runner whose environment holds nothing of ours but PAYCRED_DATABASE (`database`).
    static ServerProcess& clean(ServerProcess& runner, const QString& database) {
        runner.environment().insert(QStringLiteral("PAYCRED_DATABASE"), database);
        return runner;
    }

    // Every secret output must be free of the keys.
    void expectNoKeys(const CommandResult& result) const {
        for (const QByteArray& key : {m_secret, m_encryption, m_audit}) {
            QVERIFY2(!result.out.contains(key) && !result.err.contains(key), "a key was printed");
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const ServerProcess keys;
        m_secret = keys.run({QStringLiteral("genkey"), QStringLiteral("--secret")}).out.trimmed();
        m_encryption = keys.run({QStringLiteral("genkey")}).out.trimmed();
        m_audit = keys.run({QStringLiteral("genkey"), QStringLiteral("--audit")}).out.trimmed();
        QVERIFY(m_secret.size() >= 32 && !m_encryption.isEmpty() && !m_audit.isEmpty());
    }

    void everyCommandHasItsOwnHelp_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("serve") << "serve" << QByteArray("--listen");
        QTest::newRow("createsuperuser") << "createsuperuser" << QByteArray("--username");
        QTest::newRow("createuser") << "createuser" << QByteArray("not a superuser");
        QTest::newRow("changepassword") << "changepassword" << QByteArray("--username");
        QTest::newRow("genkey") << "genkey" << QByteArray("--audit");
        QTest::newRow("check") << "check" << QByteArray("5 the database's schema is not current");
        QTest::newRow("rotate-keys") << "rotate-keys" << QByteArray("--batch-size");
    }
    void everyCommandHasItsOwnHelp() {
        QFETCH(QString, command);
        QFETCH(QByteArray, mentions);
        ServerProcess runner;
        // Keys in the environment must not reach the help.
        runner.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY"), m_secret);
        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY"), m_encryption);
        runner.environment().insert(QStringLiteral("PAYCRED_AUDIT_KEY"), m_audit);
        const CommandResult help = runner.run({command, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith("Usage: paycred-server "), help.out.constData());
        QVERIFY2(help.out.contains(command.toUtf8()), help.out.constData());
        // The help is wrapped for a terminal: compare its words.
        QVERIFY2(help.out.simplified().contains(mentions), help.out.constData());
        expectNoKeys(help);
    }

    void theOverallHelpListsTheCommands() {
        const ServerProcess runner;
        const CommandResult help = runner.run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* command : {"serve", "createsuperuser", "createuser", "changepassword",
                                    "genkey", "check", "rotate-keys"})
            QVERIFY2(help.out.contains(QByteArray("  ") + command + ' '), command);
        QVERIFY(help.out.contains("PAYCRED_ENCRYPTION_KEY_FILE"));
        for (const QByteArray& line : help.out.split('\n'))
            QVERIFY2(line.size() <= 100, line.constData());
        const CommandResult version = runner.run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("paycred-server "));
        const CommandResult unknown = runner.run({QStringLiteral("rotate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("rotate-keys"));
        QCOMPARE(runner.run({QStringLiteral("check"), QStringLiteral("--nope")}).exitCode, 2);
    }

    void keysFromTheEnvironmentsFiles() {
        ServerProcess runner;
        clean(runner, path(QStringLiteral("env-files.sqlite3")));
        // Trailing newlines, as `genkey > file` leaves them.
        runner.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY_FILE"),
                                    writeFile(QStringLiteral("sk"), m_secret + "\n"));
        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY_FILE"),
                                    writeFile(QStringLiteral("ek"), m_encryption + "\r\n"));
        runner.environment().insert(QStringLiteral("PAYCRED_AUDIT_KEY_FILE"),
                                    writeFile(QStringLiteral("ak"), m_audit + "\n"));
        const CommandResult created = runner.run(
            {QStringLiteral("createuser"), QStringLiteral("--username"), QStringLiteral("carol")},
            Password.toUtf8() + '\n');
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY(created.out.contains("User carol created."));
        const CommandResult checked = runner.run({QStringLiteral("check")});
        QVERIFY2(checked.exitCode == 0, checked.err.constData());
        QVERIFY2(checked.out.contains("none retired"), checked.out.constData());
        QVERIFY(!checked.err.contains("open to other users"));
        expectNoKeys(checked);

        // The user is not a superuser, and logs in on a server with the same files.
        runner.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, false);
        QVERIFY2(runner.isRunning(), qPrintable(runner.errorString()));
        const QByteArray token = login(runner, QStringLiteral("carol"), Password);
        QVERIFY(!token.isEmpty());
        const HttpReply me = call(runner, "GET", QStringLiteral("/users/me/"), {}, token);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.object().value("is_superuser").toBool(true), false);
        QCOMPARE(call(runner, "GET", QStringLiteral("/admin/users/"), {}, token).status, 403);
    }

    void aValueAndAFileAtOneLevelAreRefused() {
        ServerProcess runner;
        clean(runner, path(QStringLiteral("both.sqlite3")));
        runner.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY"), m_secret);
        runner.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY_FILE"),
                                    writeFile(QStringLiteral("sk2"), m_secret));
        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY"), m_encryption);
        runner.environment().insert(QStringLiteral("PAYCRED_AUDIT_KEY"), m_audit);
        const CommandResult env = runner.run({QStringLiteral("check")});
        QCOMPARE(env.exitCode, 3);
        QVERIFY2(env.err.contains("Both PAYCRED_SECRET_KEY and PAYCRED_SECRET_KEY_FILE are set"),
                 env.err.constData());
        expectNoKeys(env);

        ServerProcess iniRunner;
        clean(iniRunner, path(QStringLiteral("both-ini.sqlite3")));
        const QString ini =
            writeFile(QStringLiteral("both.ini"),
                      "secret_key = " + m_secret + "\nsecret_key_file = sk2\n" +
                          "encryption_key = " + m_encryption + "\naudit_key = " + m_audit + "\n");
        const CommandResult inFile =
            iniRunner.run({QStringLiteral("check"), QStringLiteral("--config"), ini});
        QCOMPARE(inFile.exitCode, 3);
        QVERIFY2(inFile.err.contains("Both secret_key and secret_key_file are set in"),
                 inFile.err.constData());
        expectNoKeys(inFile);
    }

    void aFileOpenToOthersIsWarnedAboutAndAnUnreadableOneRefused() {
        ServerProcess runner;
        const QString database = path(QStringLiteral("modes.sqlite3"));
        clean(runner, database);
        const QString open =
            writeFile(QStringLiteral("open-ek"), m_encryption + "\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        runner.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY"), m_secret);
        runner.environment().insert(QStringLiteral("PAYCRED_AUDIT_KEY"), m_audit);
        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY_FILE"), open);
        QCOMPARE(runner
                     .run({QStringLiteral("createuser"), QStringLiteral("--username"),
                           QStringLiteral("dave")},
                          Password.toUtf8() + '\n')
                     .exitCode,
                 0);
        const CommandResult warned = runner.run({QStringLiteral("check")});
        QVERIFY2(warned.exitCode == 0, warned.err.constData());
        QVERIFY2(warned.err.contains("open to other users (mode 0644)"), warned.err.constData());
        QVERIFY(warned.err.contains(open.toUtf8()));
        expectNoKeys(warned);

        const QString missing = path(QStringLiteral("no-such-key"));
        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY_FILE"), missing);
        const CommandResult unreadable = runner.run({QStringLiteral("check")});
        QCOMPARE(unreadable.exitCode, 3);
        QVERIFY2(unreadable.err.contains(("Cannot read the file " + missing).toUtf8()),
                 unreadable.err.constData());

        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY_FILE"),
                                    writeFile(QStringLiteral("empty-ek"), "\n"));
        const CommandResult empty = runner.run({QStringLiteral("check")});
        QCOMPARE(empty.exitCode, 3);
        QVERIFY2(empty.err.contains("is empty"), empty.err.constData());
    }

    void systemdCredentialsAndTheIniFilesFiles() {
        // LoadCredential=: files named after the INI keys in $CREDENTIALS_DIRECTORY.
        QTemporaryDir credentials;
        QVERIFY(credentials.isValid());
        for (const auto& [name, key] :
             {std::pair{"secret_key", m_secret}, std::pair{"encryption_key", m_encryption}}) {
            QFile file(credentials.filePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(key + "\n");
            file.close();
            file.setPermissions(QFile::ReadOwner);
        }
        const QString database = path(QStringLiteral("credentials.sqlite3"));
        QFile databaseFile(credentials.filePath(QStringLiteral("database")));
        QVERIFY(databaseFile.open(QIODevice::WriteOnly));
        databaseFile.write(database.toUtf8() + "\n");
        databaseFile.close();
        databaseFile.setPermissions(QFile::ReadOwner);

        ServerProcess runner;
        runner.environment().insert(QStringLiteral("CREDENTIALS_DIRECTORY"), credentials.path());
        // The audit key from the INI file's audit_key_file, relative to the INI file.
        writeFile(QStringLiteral("ini-audit-key"), m_audit + "\n");
        const QString ini = writeFile(QStringLiteral("credentials.ini"),
                                      "audit_key_file = ini-audit-key\n"
                                      "# a key given here too must lose to the credential\n"
                                      "encryption_key = not-a-fernet-key\n");
        const QStringList config{QStringLiteral("--config"), ini};
        const CommandResult created =
            runner.run(QStringList{QStringLiteral("createsuperuser"), QStringLiteral("--username"),
                                   QStringLiteral("erin")} +
                           config,
                       Password.toUtf8() + '\n');
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY(QFile::exists(database));
        const CommandResult checked = runner.run(QStringList{QStringLiteral("check")} + config);
        QVERIFY2(checked.exitCode == 0, checked.err.constData());
        QVERIFY2(checked.out.contains(database.toUtf8()), checked.out.constData());
        expectNoKeys(checked);

        // The environment is stronger than the credentials folder: a bad key there is refused.
        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY"),
                                    QStringLiteral("still-not-a-fernet-key"));
        const CommandResult overridden = runner.run(QStringList{QStringLiteral("check")} + config);
        QCOMPARE(overridden.exitCode, 3);
        QVERIFY2(overridden.err.contains("PAYCRED_ENCRYPTION_KEY is not a Fernet key"),
                 overridden.err.constData());
    }

    void checkSaysWhatFailedInItsExitCode() {
        ServerProcess runner;
        runner.environment().insert(QStringLiteral("PAYCRED_SECRET_KEY"), m_secret);
        runner.environment().insert(QStringLiteral("PAYCRED_ENCRYPTION_KEY"), m_encryption);
        runner.environment().insert(QStringLiteral("PAYCRED_AUDIT_KEY"), m_audit);

        // 4: no database there (and check does not create one).
        const QString missing = path(QStringLiteral("missing.sqlite3"));
        runner.environment().insert(QStringLiteral("PAYCRED_DATABASE"), missing);
        const CommandResult unreachable = runner.run({QStringLiteral("check")});
        QCOMPARE(unreachable.exitCode, 4);
        QVERIFY(!QFile::exists(missing));

        // 5: a database whose migrations have not run (an empty SQLite file).
        const QString empty = writeFile(QStringLiteral("empty.sqlite3"), {});
        runner.environment().insert(QStringLiteral("PAYCRED_DATABASE"), empty);
        const CommandResult pending = runner.run({QStringLiteral("check")});
        QCOMPARE(pending.exitCode, 5);
        QVERIFY2(pending.err.contains("migrations are pending"), pending.err.constData());

        // 3: a bad configuration.
        runner.environment().insert(QStringLiteral("PAYCRED_AUDIT_KEY"), QStringLiteral("short"));
        QCOMPARE(runner.run({QStringLiteral("check")}).exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestServerCommands)
#include "tst_server_commands.moc"
