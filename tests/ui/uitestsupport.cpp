#include "tests/ui/uitestsupport.h"

#include "ui/certificatepins.h"

#include "core/vault/vault.h"
#include "ui/adminwindow.h"
#include "ui/mainwindow.h"
#include "ui/pagedtablemodel.h"

#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>

#include <ctime>
#include <optional>

namespace paycred::uitest {

namespace {

vault::VaultOptions cheapOptions() {
    vault::VaultOptions options;
    options.scrypt = {1u << 10, 8, 1};
    options.settings.accessLifetimeSecs = 60 * 60;
    // These machines have no internet: no suite asks the real providers. One that checks keys
    // points the checks at tests/support's ProviderStandIn instead (tst_providercheck).
    options.settings.providerChecks.enabled = false;
    options.settings.providerChecks.disabledReason = QStringLiteral("the tests have no internet");
    return options;
}

bool loginWith(ui::Connection& connection, const QString& owner, const QString& password) {
    auto result =
        await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
            connection.session().login(owner, password, std::move(done));
        });
    if (!result.ok())
        qWarning("login failed: %s", qPrintable(result.error.message));
    return result.ok();
}

std::optional<vault::VaultStatus>
waitStatus(const std::function<void(ui::Connection::StatusCallback)>& call) {
    std::optional<vault::VaultStatus> status;
    call([&status](vault::VaultStatus s) { status = std::move(s); });
    (void)QTest::qWaitFor([&] { return status.has_value(); }, 20000);
    return status;
}

} // namespace

UiFixture::UiFixture()
    : clock(QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC))
    , settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
    , preferences(settings)
    , context{preferences, clock, cheapOptions(), QStringLiteral("PayCredTest")} {
    preferences.setVaultPath(vaultPath());
    // The pins' keychain entry under the test's service, their fallback file in the temp folder.
    preferences.certificatePins().setStorage(context.keychainService,
                                             dir.filePath(QStringLiteral("certificate-pins.json")));
}

UiFixture::~UiFixture() = default;

std::unique_ptr<ui::Connection> UiFixture::createVault(const QString& owner,
                                                       const QString& password) {
    auto connection = ui::Connection::toVault(clock, context.vaultOptions);
    const auto status = waitStatus([&](ui::Connection::StatusCallback done) {
        connection->createVault(vaultPath(), owner, password, std::move(done));
    });
    if (!status || !status->ok()) {
        qWarning("creating the vault failed: %s", status ? qPrintable(status->message) : "timeout");
        return nullptr;
    }
    if (!loginWith(*connection, owner, password))
        return nullptr;
    return connection;
}

std::unique_ptr<ui::Connection> UiFixture::openVault(const QString& owner,
                                                     const QString& password) {
    auto connection = ui::Connection::toVault(clock, context.vaultOptions);
    const auto status = waitStatus([&](ui::Connection::StatusCallback done) {
        connection->openVault(vaultPath(), std::move(done));
    });
    if (!status || !status->ok()) {
        qWarning("opening the vault failed: %s", status ? qPrintable(status->message) : "timeout");
        return nullptr;
    }
    if (!loginWith(*connection, owner, password))
        return nullptr;
    return connection;
}

client::Credential addCredential(Client& client, const QString& provider,
                                 const QString& environment, const QString& apiKey,
                                 const QString& privateKey) {
    auto result = await<client::Credential>([&](client::Callback<client::Credential> done) {
        client.createCredential({provider, apiKey, privateKey, environment}, std::move(done));
    });
    if (!result.ok()) {
        // Not QVERIFY (this returns a value): the test is marked failed here and the caller
        // gets an empty credential.
        QTest::qFail(qPrintable(QStringLiteral("adding a %1 %2 credential was refused: %3")
                                    .arg(provider, environment, result.error.message)),
                     __FILE__, __LINE__);
        return {};
    }
    return *result.value;
}

bool waitIdle(const Client& client, int timeoutMs) {
    return QTest::qWaitFor([&] { return !client.session().isBusy(); }, timeoutMs);
}

ui::AdminWindow* openAdministration(ui::MainWindow& window, const Client& client) {
    auto* action = window.findChild<QAction*>(QStringLiteral("actionAdministration"));
    if (!action || !QTest::qWaitFor([&] { return action->isVisible(); }, 20000))
        return nullptr;
    action->trigger();
    auto* admin = waitForVisible<ui::AdminWindow>(QStringLiteral("adminWindow"));
    waitIdle(client);
    return admin;
}

bool fillUserDialog(QDialog* dialog, const QString& username, const QString& password,
                    bool superuser) {
    if (!dialog)
        return false;
    if (auto* name = child<QLineEdit>(dialog, QStringLiteral("newUsernameEdit")))
        QTest::keyClicks(name, username);
    if (password.isEmpty()) {
        child<QRadioButton>(dialog, QStringLiteral("generatePasswordRadio"))->click();
    } else {
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userPasswordEdit")), password);
        QTest::keyClicks(child<QLineEdit>(dialog, QStringLiteral("userConfirmPasswordEdit")),
                         password);
    }
    if (auto* check = child<QCheckBox>(dialog, QStringLiteral("newUserSuperuserCheck")))
        check->setChecked(superuser);
    child<QPushButton>(dialog, QStringLiteral("saveUserButton"))->click();
    return true;
}

QString takeShownPassword() {
    auto* shown = waitForVisible<QDialog>(QStringLiteral("generatedPasswordDialog"));
    if (!shown)
        return {};
    const QString password =
        child<QLineEdit>(shown, QStringLiteral("generatedPasswordEdit"))->text();
    child<QPushButton>(shown, QStringLiteral("closeButton"))->click();
    return password;
}

QList<qint64> ids(const ui::PagedTableModel& model) {
    QList<qint64> list;
    for (int row = 0; row < model.rowCount(); ++row)
        list << model.idAt(row);
    return list;
}

void clickHeader(QTableView* table, int column) {
    QHeaderView* header = table->horizontalHeader();
    const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
}

TimeZone::TimeZone(const char* zone)
    : m_old(qgetenv("TZ"))
    , m_had(qEnvironmentVariableIsSet("TZ")) {
    qputenv("TZ", zone);
    ::tzset();
}

TimeZone::~TimeZone() {
    if (m_had)
        qputenv("TZ", m_old);
    else
        qunsetenv("TZ");
    ::tzset();
}

QProcessEnvironment environmentWithoutKeychain(const QTemporaryDir& runtime) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + runtime.filePath(QStringLiteral("no-bus")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.remove(QStringLiteral("DISPLAY"));
    return environment;
}

} // namespace paycred::uitest
