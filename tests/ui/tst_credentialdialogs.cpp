// CredentialDialog, ReplaceKeyDialog and VerifyKeyDialog driven through their widgets against a
// real vault: what they send, what they refuse to send, where the server's refusals appear, and
// that no key stays in a field once a dialog has closed.
#include "tests/ui/uitestsupport.h"

#include "ui/credentialdialog.h"
#include "ui/fielderror.h"
#include "ui/replacekeydialog.h"
#include "ui/verifykeydialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>

#include <functional>

using namespace paycred;
using namespace paycred::uitest;

namespace {

using Credentials = QList<client::Credential>;

// addCredential()'s default private key; keys are only ever named, so no output shows one.
const QString FixtureKey = QStringLiteral("private-key-0001");

Credentials listOf(Client& client) {
    auto list = await<Credentials>(
        [&](client::Callback<Credentials> done) { client.listCredentials(std::move(done)); });
    if (!list.ok())
        qWarning("listing failed: %s", qPrintable(list.error.message));
    return list.value.value_or(Credentials{});
}

client::Credential fetch(Client& client, qint64 id) {
    auto one = await<client::Credential>(
        [&](client::Callback<client::Credential> done) { client.credential(id, std::move(done)); });
    if (!one.ok())
        qWarning("fetching failed: %s", qPrintable(one.error.message));
    return one.value.value_or(client::Credential{});
}

// Another user's edit, straight through the client: the credential's environment.
bool changeOnServer(Client& client, qint64 id, const QString& environment) {
    client::CredentialsClient::Change change;
    change.environment = environment;
    auto result = await<client::Credential>([&](client::Callback<client::Credential> done) {
        client.updateCredential(id, std::move(change), std::move(done));
    });
    return result.ok();
}

std::optional<bool> verifyThroughClient(Client& client, qint64 id, const QString& key) {
    auto result = await<bool>(
        [&](client::Callback<bool> done) { client.verifyPrivateKey(id, key, std::move(done)); });
    return result.value;
}

template <typename T> T* need(const QObject* parent, const QString& name) {
    T* found = child<T>(parent, name);
    if (!found)
        qWarning("no %s in the dialog", qPrintable(name));
    return found;
}

void click(const QObject* dialog, const QString& buttonName) {
    QPushButton* button = need<QPushButton>(dialog, buttonName);
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

void type(const QObject* dialog, const QString& editName, const QString& text) {
    QLineEdit* edit = need<QLineEdit>(dialog, editName);
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClicks(edit, text);
}

void choose(const QObject* dialog, const QString& comboName, const QString& data) {
    auto* combo = need<QComboBox>(dialog, comboName);
    QVERIFY(combo);
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

QString errorOf(const QObject* dialog, const QString& name) {
    auto* error = need<ui::FieldError>(dialog, name);
    return error && error->isVisible() ? error->text() : QString();
}

// A logged-in vault and the built-in providers: what every test starts from.
struct Scene {
    UiFixture fixture;
    std::unique_ptr<ui::Connection> connection;
    Client& client() const { return connection->client(); }

    bool start() {
        connection = fixture.createVault();
        return connection != nullptr;
    }
    std::unique_ptr<ui::CredentialDialog> newDialog() const {
        auto dialog =
            std::make_unique<ui::CredentialDialog>(client(), Client::builtInProviders(), nullptr);
        dialog->open();
        return dialog;
    }
    template <typename Dialog>
    std::unique_ptr<Dialog> dialogFor(const client::Credential& credential) const {
        auto dialog = std::make_unique<Dialog>(client(), credential, nullptr);
        dialog->open();
        return dialog;
    }
};

} // namespace

class TestCredentialDialogs : public QObject {
    Q_OBJECT
private slots:
    void createsACredential() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        QCOMPARE(dialog->objectName(), QStringLiteral("credentialDialog"));
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        auto* providers = need<QComboBox>(dialog.get(), QStringLiteral("providerCombo"));
        QVERIFY(providers);
        QCOMPARE(providers->count(), Client::builtInProviders().size());
        QCOMPARE(providers->itemText(providers->findData(QStringLiteral("instasend"))),
                 QStringLiteral("InstaSend"));
        QVERIFY(!providers->itemIcon(0).isNull());

        const QString typedKey = QStringLiteral("private-key-dialog-1");
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        choose(dialog.get(), QStringLiteral("providerCombo"), QStringLiteral("instasend"));
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("api-key-dialog-01"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"), typedKey);
        click(dialog.get(), QStringLiteral("saveButton"));

        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        const auto sent = saved.first().first().value<client::Credential>();
        QCOMPARE(sent.provider, QStringLiteral("instasend"));

        const Credentials stored = listOf(scene.client());
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().id, sent.id);
        QCOMPARE(stored.first().provider, QStringLiteral("instasend"));
        QCOMPARE(stored.first().environment, QStringLiteral("sandbox"));
        QCOMPARE(verifyThroughClient(scene.client(), sent.id, typedKey), std::optional<bool>(true));
    }

    void blankFieldsAreMarkedAndNothingIsSent() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        QSignalSpy busy(&scene.client().session(), &client::Session::busyChanged);
        click(dialog.get(), QStringLiteral("saveButton"));

        QCOMPARE(errorOf(dialog.get(), QStringLiteral("apiKeyError")),
                 QStringLiteral("Enter the api key."));
        QCOMPARE(errorOf(dialog.get(), QStringLiteral("privateKeyError")),
                 QStringLiteral("Enter the private key."));
        QVERIFY(errorOf(dialog.get(), QStringLiteral("providerError")).isEmpty());
        QVERIFY(errorOf(dialog.get(), QStringLiteral("formError")).isEmpty());
        QVERIFY(dialog->isVisible());
        QVERIFY(!scene.client().session().isBusy());
        QCOMPARE(busy.count(), 0);

        // Only blanks count: once the api key is there, only the private key is still marked.
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("api-key-dialog-02"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("   "));
        click(dialog.get(), QStringLiteral("saveButton"));
        QVERIFY(errorOf(dialog.get(), QStringLiteral("apiKeyError")).isEmpty());
        QVERIFY(!errorOf(dialog.get(), QStringLiteral("privateKeyError")).isEmpty());
        QCOMPARE(busy.count(), 0);
        QVERIFY(listOf(scene.client()).isEmpty());
    }

    void aSecondCredentialForAProviderIsRefusedUnderTheProvider() {
        Scene scene;
        QVERIFY(scene.start());
        addCredential(scene.client(), QStringLiteral("kopokopo"));
        auto dialog = scene.newDialog();
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        choose(dialog.get(), QStringLiteral("providerCombo"), QStringLiteral("kopokopo"));
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("api-key-dialog-03"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"),
             QStringLiteral("private-key-dialog-3"));
        click(dialog.get(), QStringLiteral("saveButton"));

        QTRY_VERIFY_WITH_TIMEOUT(!errorOf(dialog.get(), QStringLiteral("providerError")).isEmpty(),
                                 20000);
        QCOMPARE(errorOf(dialog.get(), QStringLiteral("providerError")),
                 QStringLiteral("You already have credentials for kopokopo. Update existing "
                                "credentials instead."));
        QVERIFY(errorOf(dialog.get(), QStringLiteral("formError")).isEmpty());
        QVERIFY(dialog->isVisible());
        QCOMPARE(saved.count(), 0);
        QVERIFY(need<QPushButton>(dialog.get(), QStringLiteral("saveButton"))->isEnabled());
        QVERIFY(!need<QLabel>(dialog.get(), QStringLiteral("busyLabel"))->isVisible());
        QCOMPARE(listOf(scene.client()).size(), 1);
    }

    void aShortApiKeyIsRefusedUnderTheApiKey() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("short"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"),
             QStringLiteral("private-key-dialog-4"));
        click(dialog.get(), QStringLiteral("saveButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!errorOf(dialog.get(), QStringLiteral("apiKeyError")).isEmpty(),
                                 20000);
        QCOMPARE(errorOf(dialog.get(), QStringLiteral("apiKeyError")),
                 QStringLiteral("API key must be at least 10 characters long"));
        QVERIFY(listOf(scene.client()).isEmpty());
    }

    void liveShowsTheWarning() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        auto* warning = need<QLabel>(dialog.get(), QStringLiteral("liveWarning"));
        QVERIFY(warning);
        auto* environments = need<QComboBox>(dialog.get(), QStringLiteral("environmentCombo"));
        QCOMPARE(environments->currentData().toString(), QStringLiteral("sandbox"));
        QVERIFY(!warning->isVisible());

        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("live"));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QStringLiteral("real money")));
        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("sandbox"));
        QVERIFY(!warning->isVisible());
    }

    // IntaSend's keys say their environment (ISPubKey_live_…): chosen otherwise, the dialog warns
    // as the user types or changes the environment — and still saves what was chosen.
    void keysOfAnotherEnvironmentAreWarnedOf() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        auto* warning = need<QLabel>(dialog.get(), QStringLiteral("environmentWarning"));
        QVERIFY(warning);
        QVERIFY(!warning->isVisible());
        choose(dialog.get(), QStringLiteral("providerCombo"), QStringLiteral("instasend"));
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("ISPubKey_live_0001"));
        QVERIFY(warning->isVisible());
        QCOMPARE(warning->text(),
                 QStringLiteral("These look like live InstaSend keys, but Sandbox is chosen."));
        QVERIFY(!warning->accessibleName().isEmpty());

        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("live"));
        QVERIFY(!warning->isVisible());
        QVERIFY(need<QLabel>(dialog.get(), QStringLiteral("liveWarning"))->isVisible());
        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("sandbox"));
        QVERIFY(warning->isVisible());

        // The secret key agreeing changes nothing; one of the other environment leaves the keys
        // saying nothing certain, so nothing is claimed.
        type(dialog.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("ISSecretKey_live_1"));
        QVERIFY(warning->isVisible());
        need<QLineEdit>(dialog.get(), QStringLiteral("privateKeyEdit"))->clear();
        type(dialog.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("ISSecretKey_test_1"));
        QVERIFY(!warning->isVisible());
        need<QLineEdit>(dialog.get(), QStringLiteral("privateKeyEdit"))->clear();
        QVERIFY(warning->isVisible());

        // Test keys marked live: the other way round.
        need<QLineEdit>(dialog.get(), QStringLiteral("apiKeyEdit"))->clear();
        QVERIFY(!warning->isVisible());
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("ISPubKey_test_0001"));
        QVERIFY(!warning->isVisible());
        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("live"));
        QCOMPARE(warning->text(),
                 QStringLiteral("These look like sandbox (test) InstaSend keys, but Live is "
                                "chosen."));
        QVERIFY(warning->isVisible());

        // KopoKopo's keys say nothing of their environment.
        choose(dialog.get(), QStringLiteral("providerCombo"), QStringLiteral("kopokopo"));
        QVERIFY(!warning->isVisible());

        // A warning, not a refusal: the keys are saved as chosen.
        choose(dialog.get(), QStringLiteral("providerCombo"), QStringLiteral("instasend"));
        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("sandbox"));
        need<QLineEdit>(dialog.get(), QStringLiteral("apiKeyEdit"))->clear();
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("ISPubKey_live_0002"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("ISSecretKey_live_2"));
        QVERIFY(warning->isVisible());
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        click(dialog.get(), QStringLiteral("saveButton"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        const Credentials stored = listOf(scene.client());
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().environment, QStringLiteral("sandbox"));
    }

    // An edit has only the api key the user types (the stored keys stay where they are).
    void anEditWarnsOfATypedKeyOfAnotherEnvironment() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(
            scene.client(), QStringLiteral("instasend"), QStringLiteral("sandbox"),
            QStringLiteral("ISPubKey_test_0003"), QStringLiteral("ISSecretKey_test_3"));
        auto dialog = scene.dialogFor<ui::CredentialDialog>(existing);
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        auto* warning = need<QLabel>(dialog.get(), QStringLiteral("environmentWarning"));
        QVERIFY(warning);
        QVERIFY(!warning->isVisible());
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("ISPubKey_live_0003"));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QStringLiteral("live InstaSend keys")));
        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("live"));
        QVERIFY(!warning->isVisible());
    }

    void theToggleShowsAndHidesThePrivateKey() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        auto* edit = need<QLineEdit>(dialog.get(), QStringLiteral("privateKeyEdit"));
        auto* toggle = need<QToolButton>(dialog.get(), QStringLiteral("privateKeyEditToggle"));
        QVERIFY(edit && toggle);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(edit->echoMode(), QLineEdit::Normal);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
    }

    void editChangesTheEnvironmentAndTheStatus() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("kopokopo"));
        auto dialog = scene.dialogFor<ui::CredentialDialog>(existing);
        QVERIFY(dialog->isEditing());
        QVERIFY(!child<QComboBox>(dialog.get(), QStringLiteral("providerCombo")));
        QCOMPARE(need<QLabel>(dialog.get(), QStringLiteral("providerLabel"))->text(),
                 QStringLiteral("KopoKopo"));
        auto* environments = need<QComboBox>(dialog.get(), QStringLiteral("environmentCombo"));
        auto* active = need<QCheckBox>(dialog.get(), QStringLiteral("activeCheck"));
        QVERIFY(active);
        QCOMPARE(environments->currentData().toString(), QStringLiteral("sandbox"));
        QVERIFY(active->isChecked());
        QVERIFY(need<QLineEdit>(dialog.get(), QStringLiteral("apiKeyEdit"))->text().isEmpty());
        QVERIFY(!need<QLineEdit>(dialog.get(), QStringLiteral("apiKeyEdit"))
                     ->placeholderText()
                     .isEmpty());

        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        choose(dialog.get(), QStringLiteral("environmentCombo"), QStringLiteral("live"));
        active->setChecked(false);
        click(dialog.get(), QStringLiteral("saveButton"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        QVERIFY(!dialog->isVisible());

        const auto stored = fetch(scene.client(), existing.id);
        QCOMPARE(stored.environment, QStringLiteral("live"));
        QVERIFY(!stored.isActive);
        QCOMPARE(saved.first().first().value<client::Credential>().environment,
                 QStringLiteral("live"));
    }

    void anEditStartsFromTheCredentialAsItIsNow() {
        // The table's copy is older than the server's: the form shows what is stored now.
        Scene scene;
        QVERIFY(scene.start());
        const auto shown = addCredential(scene.client(), QStringLiteral("kopokopo"));
        QVERIFY(changeOnServer(scene.client(), shown.id, QStringLiteral("live")));
        auto dialog = scene.dialogFor<ui::CredentialDialog>(shown);
        QSignalSpy refreshed(dialog.get(), &ui::CredentialDialog::refreshed);
        QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 20000);
        QCOMPARE(refreshed.first().first().value<client::Credential>().environment,
                 QStringLiteral("live"));
        QCOMPARE(need<QComboBox>(dialog.get(), QStringLiteral("environmentCombo"))
                     ->currentData()
                     .toString(),
                 QStringLiteral("live"));
    }

    void anEditOfACredentialChangedMeanwhileSaysSoAndReloads() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("kopokopo"));
        auto dialog = scene.dialogFor<ui::CredentialDialog>(existing);
        QTRY_VERIFY_WITH_TIMEOUT(!scene.client().session().isBusy(), 20000);
        auto* notice = need<QWidget>(dialog.get(), QStringLiteral("changedNotice"));
        QVERIFY(notice && !notice->isVisible());

        // Someone else moves it to live while this dialog is open; this user deactivates it.
        QVERIFY(changeOnServer(scene.client(), existing.id, QStringLiteral("live")));
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        need<QCheckBox>(dialog.get(), QStringLiteral("activeCheck"))->setChecked(false);
        click(dialog.get(), QStringLiteral("saveButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 20000);
        QVERIFY(dialog->isVisible());
        QCOMPARE(saved.count(), 0);
        QVERIFY(errorOf(dialog.get(), QStringLiteral("changedMessage"))
                    .startsWith(QStringLiteral("Someone else changed this credential")));
        // Nothing of this user's change was written; the other one's stays.
        auto stored = fetch(scene.client(), existing.id);
        QCOMPARE(stored.environment, QStringLiteral("live"));
        QVERIFY(stored.isActive);

        // Reload: the form shows live, the notice goes, and the change is saved on top.
        click(dialog.get(), QStringLiteral("reloadButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!notice->isVisible() && !scene.client().session().isBusy(), 20000);
        QCOMPARE(need<QComboBox>(dialog.get(), QStringLiteral("environmentCombo"))
                     ->currentData()
                     .toString(),
                 QStringLiteral("live"));
        need<QCheckBox>(dialog.get(), QStringLiteral("activeCheck"))->setChecked(false);
        click(dialog.get(), QStringLiteral("saveButton"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        stored = fetch(scene.client(), existing.id);
        QCOMPARE(stored.environment, QStringLiteral("live"));
        QVERIFY(!stored.isActive);
    }

    void aSaveBeforeTheReadWaitsForIt() {
        // Save pressed while the dialog still reads the credential: it waits, and since the
        // server's copy differs from what the form showed, it saves nothing and says so.
        Scene scene;
        QVERIFY(scene.start());
        const auto shown = addCredential(scene.client(), QStringLiteral("kopokopo"));
        QVERIFY(changeOnServer(scene.client(), shown.id, QStringLiteral("live")));
        auto dialog = scene.dialogFor<ui::CredentialDialog>(shown);
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        need<QCheckBox>(dialog.get(), QStringLiteral("activeCheck"))->setChecked(false);
        click(dialog.get(), QStringLiteral("saveButton")); // the read has not answered yet
        QVERIFY(dialog->isBusy());
        auto* notice = need<QWidget>(dialog.get(), QStringLiteral("changedNotice"));
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 20000);
        QVERIFY(!dialog->isBusy());
        QCOMPARE(saved.count(), 0);
        QVERIFY(fetch(scene.client(), shown.id).isActive);
    }

    void aReplacedKeyOfACredentialChangedMeanwhileIsNotSent() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("kopokopo"));
        auto replace = scene.dialogFor<ui::ReplaceKeyDialog>(existing);
        QTRY_VERIFY_WITH_TIMEOUT(!scene.client().session().isBusy(), 20000);
        // Another user replaces the key while this dialog is open.
        const QString theirs = QStringLiteral("their-new-key-0002");
        auto replaced = await<client::Credential>([&](client::Callback<client::Credential> done) {
            scene.client().replacePrivateKey(existing.id, theirs, std::move(done));
        });
        QVERIFY(replaced.ok());

        QSignalSpy saved(replace.get(), &ui::ReplaceKeyDialog::saved);
        type(replace.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("my-new-key-0003"));
        click(replace.get(), QStringLiteral("saveButton"));
        auto* notice = need<QWidget>(replace.get(), QStringLiteral("changedNotice"));
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 20000);
        QCOMPARE(saved.count(), 0);
        QCOMPARE(verifyThroughClient(scene.client(), existing.id, theirs), std::optional(true));

        click(replace.get(), QStringLiteral("reloadButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!notice->isVisible() && !scene.client().session().isBusy(), 20000);
        type(replace.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("my-new-key-0003"));
        click(replace.get(), QStringLiteral("saveButton"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        QCOMPARE(
            verifyThroughClient(scene.client(), existing.id, QStringLiteral("my-new-key-0003")),
            std::optional(true));
    }

    void anEditWithoutChangesSendsNothing() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing =
            addCredential(scene.client(), QStringLiteral("instasend"), QStringLiteral("live"));
        auto dialog = scene.dialogFor<ui::CredentialDialog>(existing);
        QCOMPARE(need<QComboBox>(dialog.get(), QStringLiteral("environmentCombo"))
                     ->currentData()
                     .toString(),
                 QStringLiteral("live"));
        // The dialog reads the credential as it opens (for its version); nothing after that.
        QTRY_VERIFY_WITH_TIMEOUT(!scene.client().session().isBusy(), 20000);
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        QSignalSpy busy(&scene.client().session(), &client::Session::busyChanged);
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("  ")); // blank: unchanged
        click(dialog.get(), QStringLiteral("saveButton"));

        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QVERIFY(!scene.client().session().isBusy());
        QCOMPARE(busy.count(), 0);
        QCOMPARE(saved.count(), 0);
        QCOMPARE(fetch(scene.client(), existing.id).updatedAt, existing.updatedAt);
    }

    void editRefusesAShortApiKeyUnderTheApiKey() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("kopokopo"));
        auto dialog = scene.dialogFor<ui::CredentialDialog>(existing);
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("tiny"));
        click(dialog.get(), QStringLiteral("saveButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!errorOf(dialog.get(), QStringLiteral("apiKeyError")).isEmpty(),
                                 20000);
        QVERIFY(dialog->isVisible());
        QCOMPARE(fetch(scene.client(), existing.id).updatedAt, existing.updatedAt);
    }

    void replacedKeyMatchesAndTheOldOneDoesNot() {
        Scene scene;
        QVERIFY(scene.start());
        const QString oldKey = QStringLiteral("private-key-old-0001");
        const QString newKey = QStringLiteral("private-key-new-0002");
        const auto existing =
            addCredential(scene.client(), QStringLiteral("kopokopo"), QStringLiteral("sandbox"),
                          QStringLiteral("api-key-0001"), oldKey);

        auto replace = scene.dialogFor<ui::ReplaceKeyDialog>(existing);
        QCOMPARE(replace->objectName(), QStringLiteral("replaceKeyDialog"));
        const QString intro = need<QLabel>(replace.get(), QStringLiteral("introLabel"))->text();
        QVERIFY2(intro.contains(QStringLiteral("KopoKopo")) &&
                     intro.contains(QStringLiteral("Sandbox")),
                 qPrintable(intro));
        QSignalSpy saved(replace.get(), &ui::ReplaceKeyDialog::saved);
        type(replace.get(), QStringLiteral("privateKeyEdit"), newKey);
        click(replace.get(), QStringLiteral("saveButton"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        QVERIFY(!replace->isVisible());

        auto verify = scene.dialogFor<ui::VerifyKeyDialog>(existing);
        QCOMPARE(verify->objectName(), QStringLiteral("verifyKeyDialog"));
        QSignalSpy verified(verify.get(), &ui::VerifyKeyDialog::verified);
        auto* edit = need<QLineEdit>(verify.get(), QStringLiteral("privateKeyEdit"));
        auto* result = need<QLabel>(verify.get(), QStringLiteral("resultLabel"));
        QVERIFY(!verify->lastResult().has_value());
        QVERIFY(!result->isVisible());

        type(verify.get(), QStringLiteral("privateKeyEdit"), newKey);
        click(verify.get(), QStringLiteral("verifyButton"));
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, 20000);
        QCOMPARE(verify->lastResult(), std::optional<bool>(true));
        QCOMPARE(verified.first().first().toBool(), true);
        QCOMPARE(result->text(), QStringLiteral("The key matches the stored private key."));
        QVERIFY(result->isVisible());
        QVERIFY(edit->text().isEmpty());

        type(verify.get(), QStringLiteral("privateKeyEdit"), oldKey);
        click(verify.get(), QStringLiteral("verifyButton"));
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 2, 20000);
        QCOMPARE(verify->lastResult(), std::optional<bool>(false));
        QCOMPARE(result->text(), QStringLiteral("The key does NOT match the stored private key."));
        QVERIFY(edit->text().isEmpty());
    }

    void aWrongKeyDoesNotMatch() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("instasend"));
        auto verify = scene.dialogFor<ui::VerifyKeyDialog>(existing);
        QSignalSpy verified(verify.get(), &ui::VerifyKeyDialog::verified);
        type(verify.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("not-the-key-at-all"));
        click(verify.get(), QStringLiteral("verifyButton"));
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, 20000);
        QCOMPARE(verified.first().first().toBool(), false);
        QCOMPARE(need<QLabel>(verify.get(), QStringLiteral("resultLabel"))->text(),
                 QStringLiteral("The key does NOT match the stored private key."));
        QVERIFY(need<QLineEdit>(verify.get(), QStringLiteral("privateKeyEdit"))->text().isEmpty());
    }

    void verifyWithoutAKeyAsksForOne() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("instasend"));
        auto verify = scene.dialogFor<ui::VerifyKeyDialog>(existing);
        QSignalSpy busy(&scene.client().session(), &client::Session::busyChanged);
        click(verify.get(), QStringLiteral("verifyButton"));
        QVERIFY(!errorOf(verify.get(), QStringLiteral("privateKeyError")).isEmpty());
        QCOMPARE(busy.count(), 0);
        QVERIFY(!verify->lastResult().has_value());
    }

    void verifyRefusesABlankKey() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("instasend"));
        auto verify = scene.dialogFor<ui::VerifyKeyDialog>(existing);
        QSignalSpy busy(&scene.client().session(), &client::Session::busyChanged);
        type(verify.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("   "));
        click(verify.get(), QStringLiteral("verifyButton"));
        QCOMPARE(errorOf(verify.get(), QStringLiteral("privateKeyError")),
                 QStringLiteral("Enter the private key to check."));
        QCOMPARE(busy.count(), 0);
    }

    // Both key dialogs share their key entry: while the server works the key has left its field,
    // the field and the button wait, and the busy note says what is going on.
    void theKeyDialogsWaitForTheAnswer() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("kopokopo"));
        const auto check = [&](QDialog* dialog, const std::function<bool()>& busy,
                               const QString& button, const QString& note) {
            type(dialog, QStringLiteral("privateKeyEdit"), QStringLiteral("private-key-new-0003"));
            click(dialog, button);
            auto* edit = need<QLineEdit>(dialog, QStringLiteral("privateKeyEdit"));
            auto* label = need<QLabel>(dialog, QStringLiteral("busyLabel"));
            QVERIFY(busy());
            QVERIFY(edit->text().isEmpty());
            QVERIFY(!edit->isEnabled());
            QVERIFY(!need<QPushButton>(dialog, button)->isEnabled());
            QVERIFY(label->isVisible());
            QCOMPARE(label->text(), note);
            QTRY_VERIFY_WITH_TIMEOUT(!busy(), 20000);
            QVERIFY(!label->isVisible());
        };
        auto verify = scene.dialogFor<ui::VerifyKeyDialog>(existing);
        check(
            verify.get(), [&] { return verify->isBusy(); }, QStringLiteral("verifyButton"),
            QStringLiteral("Checking…"));
        QVERIFY(need<QPushButton>(verify.get(), QStringLiteral("verifyButton"))->isEnabled());
        QVERIFY(need<QPushButton>(verify.get(), QStringLiteral("closeButton")));
        verify->reject();

        auto replace = scene.dialogFor<ui::ReplaceKeyDialog>(existing);
        QVERIFY(need<QPushButton>(replace.get(), QStringLiteral("cancelButton")));
        check(
            replace.get(), [&] { return replace->isBusy(); }, QStringLiteral("saveButton"),
            QStringLiteral("Saving…"));
        QVERIFY(!replace->isVisible()); // saved: the dialog closed
        QCOMPARE(verifyThroughClient(scene.client(), existing.id,
                                     QStringLiteral("private-key-new-0003")),
                 std::optional<bool>(true));
    }

    void replaceRefusesABlankAndAShortKey() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("kopokopo"));
        auto replace = scene.dialogFor<ui::ReplaceKeyDialog>(existing);
        QSignalSpy busy(&scene.client().session(), &client::Session::busyChanged);
        click(replace.get(), QStringLiteral("saveButton"));
        QCOMPARE(errorOf(replace.get(), QStringLiteral("privateKeyError")),
                 QStringLiteral("Enter the new private key."));
        QCOMPARE(busy.count(), 0);

        type(replace.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("short"));
        click(replace.get(), QStringLiteral("saveButton"));
        QTRY_COMPARE_WITH_TIMEOUT(errorOf(replace.get(), QStringLiteral("privateKeyError")),
                                  QStringLiteral("Private key must be at least 10 characters long"),
                                  20000);
        QVERIFY(replace->isVisible());
        // Still the key addCredential() stored.
        QCOMPARE(verifyThroughClient(scene.client(), existing.id, FixtureKey),
                 std::optional<bool>(true));
    }

    void fieldsAreEmptyOnceADialogCloses() {
        Scene scene;
        QVERIFY(scene.start());
        const auto existing = addCredential(scene.client(), QStringLiteral("kopokopo"));

        auto create = scene.newDialog();
        type(create.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("api-key-typed-0001"));
        type(create.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("private-typed-0001"));
        click(create.get(), QStringLiteral("cancelButton"));
        QVERIFY(!create->isVisible());
        QVERIFY(need<QLineEdit>(create.get(), QStringLiteral("apiKeyEdit"))->text().isEmpty());
        QVERIFY(need<QLineEdit>(create.get(), QStringLiteral("privateKeyEdit"))->text().isEmpty());

        auto replace = scene.dialogFor<ui::ReplaceKeyDialog>(existing);
        type(replace.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("private-typed-0002"));
        QTest::keyClick(replace.get(), Qt::Key_Escape);
        QVERIFY(!replace->isVisible());
        QVERIFY(need<QLineEdit>(replace.get(), QStringLiteral("privateKeyEdit"))->text().isEmpty());

        auto verify = scene.dialogFor<ui::VerifyKeyDialog>(existing);
        type(verify.get(), QStringLiteral("privateKeyEdit"), QStringLiteral("private-typed-0003"));
        click(verify.get(), QStringLiteral("closeButton"));
        QVERIFY(!verify->isVisible());
        QVERIFY(need<QLineEdit>(verify.get(), QStringLiteral("privateKeyEdit"))->text().isEmpty());
        QCOMPARE(listOf(scene.client()).size(), 1);
    }

    void theSaveButtonWaitsForTheAnswer() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("api-key-dialog-05"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"),
             QStringLiteral("private-key-dialog-5"));
        auto* save = need<QPushButton>(dialog.get(), QStringLiteral("saveButton"));
        auto* busyLabel = need<QLabel>(dialog.get(), QStringLiteral("busyLabel"));
        QVERIFY(!busyLabel->isVisible());
        click(dialog.get(), QStringLiteral("saveButton"));

        // The answer never comes from inside the call: this is the state before it.
        QCOMPARE(saved.count(), 0);
        QVERIFY(!save->isEnabled());
        QVERIFY(busyLabel->isVisible());
        QVERIFY(dialog->isBusy());
        // The private key left its field when it was sent.
        QVERIFY(need<QLineEdit>(dialog.get(), QStringLiteral("privateKeyEdit"))->text().isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
        QVERIFY(!dialog->isBusy());
        QVERIFY(save->isEnabled());
    }

    void aDialogGoneBeforeTheAnswerIsLeftAlone() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("api-key-dialog-06"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"),
             QStringLiteral("private-key-dialog-6"));
        click(dialog.get(), QStringLiteral("saveButton"));
        QVERIFY(scene.client().session().isBusy());
        dialog.reset();
        QVERIFY(waitIdle(scene.client()));
        QCOMPARE(listOf(scene.client()).size(), 1); // sent all the same
    }

    void cancelWhileSavingKeepsTheDialogClosed() {
        Scene scene;
        QVERIFY(scene.start());
        auto dialog = scene.newDialog();
        QSignalSpy saved(dialog.get(), &ui::CredentialDialog::saved);
        QSignalSpy finished(dialog.get(), &QDialog::finished);
        type(dialog.get(), QStringLiteral("apiKeyEdit"), QStringLiteral("api-key-dialog-07"));
        type(dialog.get(), QStringLiteral("privateKeyEdit"),
             QStringLiteral("private-key-dialog-7"));
        click(dialog.get(), QStringLiteral("saveButton"));
        click(dialog.get(), QStringLiteral("cancelButton"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000); // the window may still show it
        QVERIFY(!dialog->isVisible());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestCredentialDialogs)
#include "tst_credentialdialogs.moc"
