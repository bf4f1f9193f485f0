// No secret reaches the audit trail, the throttle, the database or the log: a server's core and
// a vault are driven through every audited path with passwords (right, wrong, typed into the
// username field, changed), keys (api, private, replaced, guessed) and their own keys (secret,
// data, audit, throttle, master), then the whole database file, its WAL and every log line
// written meanwhile are searched for each of them in plain, base64 (standard and url-safe), hex
// (both cases) and percent-encoded forms. Markers that must be found by the same searches make
// sure a search that reads nothing cannot pass.

#include "core/crypto/digest.h"
#include "core/foundation/manualclock.h"
#include "core/service/services.h"
#include "core/vault/vault.h"
#include "tests/vault/vaulttestsupport.h"

#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace paycred;
using vault::Vault;

namespace {
// Every line logged while a search's workload runs, kept here and never printed.
QMutex g_logMutex;
QByteArray g_log;

void captureMessage(QtMsgType, const QMessageLogContext& context, const QString& message) {
    const QMutexLocker lock(&g_logMutex);
    g_log += QByteArray(context.category ? context.category : "") + ": " + message.toUtf8() + '\n';
}

struct KnownSecret {
    QString name; // what it is, for the failure message; never the secret itself
    QByteArray bytes;
};

// The forms a secret could be written in.
QList<QPair<QString, QByteArray>> formsOf(const QByteArray& secret) {
    const QByteArray percent = QUrl::toPercentEncoding(QString::fromUtf8(secret));
    return {
        {QStringLiteral("plain"), secret},
        {QStringLiteral("base64"), secret.toBase64(QByteArray::OmitTrailingEquals)},
        {QStringLiteral("url-safe base64"),
         secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)},
        {QStringLiteral("hex"), secret.toHex()},
        {QStringLiteral("upper-case hex"), secret.toHex().toUpper()},
        {QStringLiteral("percent-encoded"), percent},
        {QStringLiteral("form-encoded"), QByteArray(percent).replace("%20", "+")},
    };
}

// The first secret found in any artifact, as "<name> (<form>) in <artifact>"; empty when none.
QString leak(const QList<KnownSecret>& secrets,
             const QList<QPair<QString, QByteArray>>& artifacts) {
    for (const KnownSecret& secret : secrets) {
        for (const auto& [form, text] : formsOf(secret.bytes)) {
            for (const auto& [artifact, content] : artifacts) {
                if (content.contains(text))
                    return QStringLiteral("%1 (%2) in %3").arg(secret.name, form, artifact);
            }
        }
    }
    return {};
}

QByteArray fileBytes(const QString& path) {
    return vaulttest::readFile(path);
}

const QByteArray kRootPassword = "Root-Passphrase-0001";
const QByteArray kAlicePassword = "Alice-Passphrase-0002";
const QByteArray kAliceNewPassword = "Alice-New-Passphrase-0003";
const QByteArray kWrongPassword = "Wrong-Guess-Passphrase-0004";
const QByteArray kTypedAsUsername = "Typed-In-The-Username-Field-0005";
const QByteArray kThrottledTyped = "Another-Password-As-Username-0006";
const QByteArray kApiKey = "pk_live_kopokopo_SECRETAPI_0007";
const QByteArray kPrivateKey = "sk_live_kopokopo_SECRETPRIV_0008";
const QByteArray kReplacedKey = "sk_live_kopokopo_REPLACED_0009";
const QByteArray kGuessedKey = "sk_live_kopokopo_GUESSED_0010";
const QString kMarkerUser = QStringLiteral("marker_user_alice");

QList<KnownSecret> userSecrets() {
    return {{"the superuser's password", kRootPassword},
            {"alice's password", kAlicePassword},
            {"alice's new password", kAliceNewPassword},
            {"a wrong password", kWrongPassword},
            {"a password typed as a username", kTypedAsUsername},
            {"a throttled password typed as a username", kThrottledTyped},
            {"the api key", kApiKey},
            {"the private key", kPrivateKey},
            {"the replacement private key", kReplacedKey},
            {"a guessed private key", kGuessedKey}};
}

// Every audited path once, through `call` (a router: server or vault), as `user`.
void drive(const std::function<api::ApiResponse(const QByteArray&, const QByteArray&,
                                                const QJsonObject&, const QByteArray&)>& call,
           const QString& user, const QByteArray& password, int maxFailures) {
    const auto login = [&](const QString& name, const QByteArray& secret) {
        return call("POST", "/users/login/",
                    {{"username", name}, {"password", QString::fromUtf8(secret)}}, {});
    };
    login(user, kWrongPassword);
    login(QString::fromUtf8(kTypedAsUsername), password);
    for (int i = 0; i <= maxFailures; ++i)
        login(QString::fromUtf8(kThrottledTyped), kWrongPassword);
    const QJsonObject session = login(user, password).object();
    const QByteArray token = session.value("access_token").toString().toUtf8();
    const QJsonObject created = call("POST", "/payments/credentials/",
                                     {{"provider", "kopokopo"},
                                      {"api_key", QString::fromUtf8(kApiKey)},
                                      {"private_key", QString::fromUtf8(kPrivateKey)},
                                      {"environment", "live"}},
                                     token)
                                    .object();
    const QByteArray id = QByteArray::number(created.value("id").toInteger());
    const QByteArray base = "/payments/credentials/" + id + "/";
    call("GET", base + "get-private-key/", {}, token);
    call("POST", base + "verify/", {{"private_key", QString::fromUtf8(kGuessedKey)}}, token);
    call("POST", base + "verify/", {{"private_key", QString::fromUtf8(kPrivateKey)}}, token);
    call("POST", base + "update-private-key/", {{"private_key", QString::fromUtf8(kReplacedKey)}},
         token);
    call("PUT", base, {{"api_key", QString::fromUtf8(kApiKey) + "X"}}, token);
    call("POST", base + "toggle-status/", {}, token);
    call("POST", "/users/verify-password/", {{"password", QString::fromUtf8(kWrongPassword)}},
         token);
    call("POST", "/users/verify-password/", {{"password", QString::fromUtf8(password)}}, token);
    call("GET", "/admin/audit/verify/", {}, token);
    call("POST", "/users/change-password/",
         {{"old_password", QString::fromUtf8(kWrongPassword)},
          {"new_password", QString::fromUtf8(kAliceNewPassword)}},
         token);
    call("POST", "/users/logout/", {{"refresh_token", session.value("refresh_token")}}, token);
    const QByteArray again =
        login(user, password).object().value("access_token").toString().toUtf8();
    call("POST", "/users/change-password/",
         {{"old_password", QString::fromUtf8(password)},
          {"new_password", QString::fromUtf8(kAliceNewPassword)}},
         again);
    call("DELETE", base, {},
         login(user, kAliceNewPassword).object().value("access_token").toString().toUtf8());
}
} // namespace

class TestAuditSecrets : public QObject {
    Q_OBJECT

    QtMessageHandler m_previous = nullptr;

    // None of `secrets` in the database file at `path`, its WAL or the log; the marker user is
    // found in the file and the database's upgrade in the log, so the search reads them.
    void expectNoLeak(const QList<KnownSecret>& secrets, const QString& path) {
        const QByteArray file = fileBytes(path);
        const QByteArray wal = fileBytes(path + "-wal");
        QVERIFY2((file + wal).contains(kMarkerUser.toUtf8()), "the search reads the database");
        QByteArray log;
        {
            const QMutexLocker lock(&g_logMutex);
            log = g_log;
        }
        QVERIFY2(log.contains("Upgraded the database"), "the search reads the log");
        const QString found =
            leak(secrets, {{"the database file", file}, {"its WAL", wal}, {"the log", log}});
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

private slots:
    void init() {
        {
            const QMutexLocker lock(&g_logMutex);
            g_log.clear();
        }
        m_previous = qInstallMessageHandler(captureMessage);
    }
    void cleanup() { qInstallMessageHandler(m_previous); }

    void aServerKeepsNoSecret() {
        auto backend = std::make_unique<test::TestBackend>();
        const QString path = backend->databasePath();
        backend->createUser("root", QString::fromUtf8(kRootPassword), true);
        backend->createUser(kMarkerUser, QString::fromUtf8(kAlicePassword));
        drive([&](const QByteArray& method, const QByteArray& target, const QJsonObject& body,
                  const QByteArray& token) { return backend->call(method, target, body, token); },
              kMarkerUser, kAlicePassword, backend->services().settings().throttleMaxFailures);
        QVERIFY(backend->services().auditChain().verify().intact);

        const service::ServiceSettings& settings = backend->services().settings();
        QList<KnownSecret> secrets = userSecrets();
        secrets.append({"the secret key", settings.secretKey.reveal()});
        secrets.append({"the data key", settings.keyRing.primary().toBase64()});
        secrets.append(
            {"the data key's bytes", QByteArray::fromBase64(settings.keyRing.primary().toBase64(),
                                                            QByteArray::Base64UrlEncoding)});
        secrets.append({"the audit key", settings.auditKeys.primary().reveal()});
        secrets.append({"the throttle key", crypto::Digest::hkdfSha256(
                                                settings.secretKey.view(),
                                                QByteArrayView("paycred/login-throttle/v1"), 32)});

        expectNoLeak(secrets, path);
    }

    void aVaultKeepsNoSecret() {
        QTemporaryDir dir;
        ManualClock clock(vaulttest::startTime());
        vault::VaultOptions options = vaulttest::cheapOptions();
        Vault vault(clock, options);
        const QString path = dir.filePath(QStringLiteral("secrets.paycred"));
        EXPECT_VAULT_OK(vault.create(path, kMarkerUser, QString::fromUtf8(kAlicePassword)));
        const auto keys = vault.keys().get();
        QVERIFY(keys);
        QList<KnownSecret> secrets = userSecrets();
        secrets.append({"the master key", vault.masterKey().reveal()});
        secrets.append({"the data key", keys->ring.primary().toBase64()});
        secrets.append({"the audit key", keys->audit.primary().reveal()});
        vault.lock(); // the failed logins below are written while locked, then chained
        drive(
            [&](const QByteArray& method, const QByteArray& target, const QJsonObject& body,
                const QByteArray& token) {
                return vaulttest::call(vault, method, target, body, token);
            },
            kMarkerUser, kAlicePassword, options.settings.throttleMaxFailures);
        QVERIFY(vault.isUnlocked());
        QVERIFY(vault.services().auditChain().verify().intact);

        expectNoLeak(secrets, path);
    }
};

QTEST_GUILESS_MAIN(TestAuditSecrets)
#include "tst_auditsecrets.moc"
