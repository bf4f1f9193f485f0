// No secret in any log line: every paycred.* category at debug, a message handler that keeps
// every line (and prints none of them: a found secret must not reach the test output either),
// then the desktop app's client layer (Session, CredentialsClient, the app's ClipboardGuard) in
// vault mode (EmbeddedTransport over a real Vault) and in server mode (HttpTransport to a real
// paycred-server on loopback, whose stderr is scanned too): a wrong login, a login, create a
// credential, reveal its private key, copy it, refresh the session, change the password, a
// backup (vault), logout. Every secret that crossed the client layer — passwords, the api key, the
// private key, each access and refresh token (recorded on the way by SecretTap), the backup
// passphrase — is looked for in plain, base64, base64url, hex and percent-encoded form
// (SecretMatcher). A finding names the secret's kind, the form and the line's category, never
// the line.

#include "tests/server/serverprocess.h"
#include "tests/ui/uitestsupport.h"

#include "core/client/credentialsclient.h"
#include "core/client/embeddedtransport.h"
#include "core/client/httptransport.h"
#include "core/client/session.h"
#include "core/client/transport.h"
#include "core/crypto/secret.h"
#include "core/foundation/manualclock.h"
#include "core/vault/backup.h"
#include "core/vault/vault.h"
#include "ui/clipboardguard.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace paycred;
using namespace paycred::uitest;

namespace {

// Every line any category logged while a scenario ran.
struct CapturedLine {
    QByteArray category;
    QByteArray text;
};
QMutex capturedMutex;
QList<CapturedLine> captured;

void keepLine(QtMsgType, const QMessageLogContext& context, const QString& message) {
    QMutexLocker lock(&capturedMutex);
    captured.append(
        {QByteArray(context.category ? context.category : "default"), message.toUtf8()});
}

// The forms a secret could take in a line: plain, hex (both cases), percent-encoded, and base64
// and base64url at each of the three alignments it can have inside a longer encoded blob (only
// the characters that depend on the secret's bytes alone).
class SecretMatcher {
public:
    struct Finding {
        QString kind;
        QString form;
    };

    void add(const QString& kind, const QByteArray& secret) {
        if (secret.size() < 8) // shorter values are not secrets here, and would match by chance
            return;
        for (const Secret& known : m_secrets)
            if (known.value == secret)
                return;
        Secret entry{kind, secret, {}};
        entry.forms.append({QStringLiteral("plain"), secret});
        entry.forms.append({QStringLiteral("hex"), secret.toHex()});
        entry.forms.append({QStringLiteral("HEX"), secret.toHex().toUpper()});
        const QByteArray percent = secret.toPercentEncoding();
        if (percent != secret)
            entry.forms.append({QStringLiteral("percent-encoded"), percent});
        const QByteArray plus =
            QUrl::toPercentEncoding(QString::fromUtf8(secret), " ").replace(' ', '+');
        if (plus != secret && plus != percent)
            entry.forms.append({QStringLiteral("form-encoded"), plus});
        for (int offset = 0; offset < 3; ++offset) {
            const QByteArray padded = QByteArray(offset, '\0') + secret;
            const qsizetype first = (8 * offset + 5) / 6;
            const qsizetype last = (8 * padded.size()) / 6;
            const auto base64 =
                padded.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
            const auto base64url =
                padded.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            entry.forms.append({QStringLiteral("base64"), base64.mid(first, last - first)});
            entry.forms.append({QStringLiteral("base64url"), base64url.mid(first, last - first)});
        }
        m_secrets.append(entry);
    }

    std::optional<Finding> find(const QByteArray& line) const {
        for (const Secret& secret : m_secrets) {
            for (const auto& [form, bytes] : secret.forms) {
                if (line.contains(bytes))
                    return Finding{secret.kind, form};
            }
        }
        return std::nullopt;
    }

    int count() const { return static_cast<int>(m_secrets.size()); }
    bool has(const QString& kind) const {
        for (const Secret& secret : m_secrets)
            if (secret.kind == kind)
                return true;
        return false;
    }

private:
    struct Secret {
        QString kind;
        QByteArray value;
        QList<QPair<QString, QByteArray>> forms;
    };
    QList<Secret> m_secrets;
};

// Between the client layer and its real transport: learns every secret that crosses it (bearer
// tokens, and the secret fields of request and answer bodies), passing everything on unchanged.
class SecretTap : public client::Transport {
public:
    SecretTap(client::Transport& inner, SecretMatcher& matcher)
        : m_inner(inner)
        , m_matcher(matcher) {}

    void send(const api::ApiRequest& request, Callback done) override {
        for (const auto& [name, value] : request.headers) {
            if (name.compare("Authorization", Qt::CaseInsensitive) == 0 &&
                value.startsWith("Bearer "))
                m_matcher.add(QStringLiteral("access token"), value.mid(7));
        }
        learn(request.body);
        m_inner.send(request, [this, done = std::move(done)](const client::TransportResult& r) {
            learn(r.response.body);
            done(r);
        });
    }
    QString endpoint() const override { return m_inner.endpoint(); }

private:
    void learn(const QByteArray& body) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        learnValue(document.isArray() ? QJsonValue(document.array())
                                      : QJsonValue(document.object()));
    }
    void learnValue(const QJsonValue& value) {
        static const QHash<QString, QString> kinds = {
            {QStringLiteral("password"), QStringLiteral("password")},
            {QStringLiteral("old_password"), QStringLiteral("password")},
            {QStringLiteral("new_password"), QStringLiteral("password")},
            {QStringLiteral("api_key"), QStringLiteral("api key")},
            {QStringLiteral("private_key"), QStringLiteral("private key")},
            {QStringLiteral("access_token"), QStringLiteral("access token")},
            {QStringLiteral("access"), QStringLiteral("access token")},
            {QStringLiteral("refresh_token"), QStringLiteral("refresh token")},
            {QStringLiteral("refresh"), QStringLiteral("refresh token")},
        };
        if (value.isArray()) {
            for (const QJsonValue& item : value.toArray())
                learnValue(item);
            return;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isString() && kinds.contains(it.key()))
                m_matcher.add(kinds.value(it.key()), it.value().toString().toUtf8());
            else if (it.value().isObject() || it.value().isArray())
                learnValue(it.value());
        }
    }

    client::Transport& m_inner;
    SecretMatcher& m_matcher;
};

const QString Username = QStringLiteral("owner");
const QString Password = QStringLiteral("correct horse battery staple");
const QString WrongPassword = QStringLiteral("incorrect pony battery stable");
const QString NewPassword = QStringLiteral("a brand new passphrase 0451");
const QString ApiKey = QStringLiteral("api-key-LOGSCAN-7f3a91c2");
const QString PrivateKey = QStringLiteral("private-key-LOGSCAN-5be0d4e6a7");
const QString BackupPassphrase = QStringLiteral("backup passphrase LOGSCAN 93");

} // namespace

class TestNoSecretLogs : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("paycred.*=true")); }

    void init() {
        m_matcher = SecretMatcher();
        for (const QString& secret : {Password, WrongPassword, NewPassword})
            m_matcher.add(QStringLiteral("password"), secret.toUtf8());
        m_matcher.add(QStringLiteral("api key"), ApiKey.toUtf8());
        m_matcher.add(QStringLiteral("private key"), PrivateKey.toUtf8());
        m_matcher.add(QStringLiteral("backup passphrase"), BackupPassphrase.toUtf8());
        QMutexLocker lock(&capturedMutex);
        captured.clear();
    }

    void vaultMode() {
        QTemporaryDir dir;
        ManualClock clock(QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC));
        vault::VaultOptions options;
        options.scrypt = {1u << 10, 8, 1};
        vault::Vault vault(clock, options);
        const QString path = dir.filePath(QStringLiteral("vault.paycred"));
        const auto previous = qInstallMessageHandler(keepLine);
        {
            QVERIFY(vault.create(path, Username, Password).ok());
            client::EmbeddedTransport embedded(vault);
            SecretTap tap(embedded, m_matcher);
            runScenario(tap, clock, [&] {
                const QString backup = dir.filePath(QStringLiteral("vault.backup"));
                const auto exported =
                    vault::Backup::exportTo(vault, backup, BackupPassphrase, {}, {1u << 10, 8, 1});
                QVERIFY2(exported.ok(), qPrintable(exported.message));
            });
        }
        qInstallMessageHandler(previous);
        if (QTest::currentTestFailed())
            return;
        scan({});
    }

    void serverMode() {
        test::ServerProcess server;
        const auto created = server.createSuperuser(Username, Password);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        // Every category of the server at debug too.
        server.environment().insert(QStringLiteral("QT_LOGGING_RULES"),
                                    QStringLiteral("paycred.*=true"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        ManualClock clock(QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC));
        const auto previous = qInstallMessageHandler(keepLine);
        {
            client::HttpTransport http{QUrl(server.baseUrl())};
            SecretTap tap(http, m_matcher);
            runScenario(tap, clock, {});
        }
        qInstallMessageHandler(previous);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(server.terminate() == 0);
        scan(server.log());
    }

private:
    // The scenario on `transport`; `backup` (vault mode) runs while signed in.
    void runScenario(client::Transport& transport, const Clock& clock,
                     const std::function<void()>& backup) {
        client::Session session(transport);
        client::CredentialsClient credentials(session);
        auto wrong = await<client::Session::Identity>(
            [&](auto done) { session.login(Username, WrongPassword, std::move(done)); });
        QVERIFY(!wrong.ok());
        auto login = await<client::Session::Identity>(
            [&](auto done) { session.login(Username, Password, std::move(done)); });
        QVERIFY2(login.ok(), qPrintable(login.error.message));

        auto made = await<client::Credential>([&](auto done) {
            credentials.createCredential({QStringLiteral("kopokopo"), ApiKey, PrivateKey, {}},
                                         std::move(done));
        });
        QVERIFY2(made.ok(), qPrintable(made.error.message));
        auto revealed = await<client::CredentialsClient::RevealedKey>(
            [&](auto done) { credentials.revealPrivateKey(made.value->id, std::move(done)); });
        QVERIFY2(revealed.ok(), qPrintable(revealed.error.message));

        // The app's copy path: ClipboardGuard, as the reveal dialog uses it.
        {
            ui::ClipboardGuard guard(clock);
            QByteArray bytes = revealed.value->privateKey.reveal();
            guard.copySecret(QString::fromUtf8(bytes), 30);
            crypto::wipe(bytes);
            QVERIFY(guard.holdsSecret());
            guard.clearNow();
        }

        // A refresh: the session resumed from its refresh token refreshes on its first call.
        const QByteArray refresh = session.refreshToken();
        QVERIFY(!refresh.isEmpty());
        m_matcher.add(QStringLiteral("refresh token"), refresh);
        session.resume(Username, refresh);
        auto listed = await<QList<client::Credential>>(
            [&](auto done) { credentials.listCredentials(std::move(done)); });
        QVERIFY2(listed.ok(), qPrintable(listed.error.message));
        m_matcher.add(QStringLiteral("refresh token"), session.refreshToken());

        auto changed = await<QString>(
            [&](auto done) { credentials.changePassword(Password, NewPassword, std::move(done)); });
        QVERIFY2(changed.ok(), qPrintable(changed.error.message));
        m_matcher.add(QStringLiteral("refresh token"), session.refreshToken());

        if (backup)
            backup();

        auto out = await<QString>([&](auto done) { session.logout(std::move(done)); });
        QVERIFY2(out.ok(), qPrintable(out.error.message));
    }

    void scan(const QByteArray& serverLog) {
        // The scenario must have shown the matcher each kind of secret, or it proves nothing.
        for (const QString& kind : {QStringLiteral("access token"), QStringLiteral("refresh token"),
                                    QStringLiteral("private key")})
            QVERIFY2(m_matcher.has(kind), qPrintable(kind));
        QList<CapturedLine> lines;
        {
            QMutexLocker lock(&capturedMutex);
            lines = captured;
        }
        QVERIFY2(lines.size() > 10, "too few lines were captured: is debug logging on?");
        int index = 0;
        for (const CapturedLine& line : lines) {
            ++index;
            const auto found = m_matcher.find(line.text);
            QVERIFY2(!found,
                     qPrintable(QStringLiteral("line %1 of %2 (category %3) holds a secret: %4, %5")
                                    .arg(index)
                                    .arg(lines.size())
                                    .arg(QString::fromUtf8(line.category),
                                         found ? found->kind : QString(),
                                         found ? found->form : QString())));
        }
        index = 0;
        const QList<QByteArray> serverLines = serverLog.split('\n');
        for (const QByteArray& line : serverLines) {
            ++index;
            const auto found = m_matcher.find(line);
            QVERIFY2(!found, qPrintable(QStringLiteral("server log line %1 holds a secret: %2, %3")
                                            .arg(index)
                                            .arg(found ? found->kind : QString(),
                                                 found ? found->form : QString())));
        }
        qInfo("%d secrets, each in every form, looked for in %lld client and %lld server lines",
              m_matcher.count(), static_cast<long long>(lines.size()),
              static_cast<long long>(serverLines.size()));
    }

    SecretMatcher m_matcher;
};

QTEST_MAIN(TestNoSecretLogs)

#include "tst_nosecretlogs.moc"
