// The account dialogs against a real vault: changing the password (checked in the dialog and by
// the vault), the preferences, and asking for the password again.
#include "tests/ui/uitestsupport.h"

#include "ui/changepassworddialog.h"
#include "ui/passwordfield.h"
#include "ui/passwordprompt.h"
#include "ui/preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

using namespace paycred;
using namespace paycred::uitest;

namespace {

const QString NewPassword = QStringLiteral("a brand new passphrase 42");

QLineEdit* edit(const QObject* dialog, const QString& name) {
    return child<QLineEdit>(dialog, name);
}

void type(const QObject* dialog, const QString& name, const QString& text) {
    QLineEdit* field = edit(dialog, name);
    QVERIFY2(field, qPrintable(name));
    field->clear();
    QTest::keyClicks(field, text);
}

void click(const QObject* dialog, const QString& name) {
    auto* button = child<QPushButton>(dialog, name);
    QVERIFY2(button, qPrintable(name));
    QVERIFY2(button->isEnabled(), qPrintable(name));
    QTest::mouseClick(button, Qt::LeftButton);
}

bool labelShows(const QObject* dialog, const QString& name) {
    auto* label = child<QLabel>(dialog, name);
    return label && label->isVisible() && !label->text().isEmpty();
}

// A login through a fresh client of `connection`: true when the vault accepts the password.
bool logsIn(ui::Connection& connection, const QString& password) {
    auto result =
        await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
            connection.session().login(QStringLiteral("owner"), password, std::move(done));
        });
    return result.ok();
}

} // namespace

// A server with the seed's endpoints only, as the client sees it: the vault's API, except that
// /users/verify-password/ and /users/change-password/ answer 404 (asynchronously, like any
// transport).
class SeedServerTransport : public client::Transport {
    Q_OBJECT
public:
    explicit SeedServerTransport(client::Transport& inner)
        : m_inner(inner) {}

    void send(const api::ApiRequest& request, Callback done) override {
        if (request.target != "/users/verify-password/" &&
            request.target != "/users/change-password/") {
            m_inner.send(request, std::move(done));
            return;
        }
        ++m_notFound;
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                client::TransportResult result;
                result.response = api::ApiResponse::json(
                    404, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Not found.")}});
                done(result);
            },
            Qt::QueuedConnection);
    }
    QString endpoint() const override { return m_inner.endpoint(); }
    int notFoundCount() const { return m_notFound; }

private:
    client::Transport& m_inner;
    int m_notFound = 0;
};

class TestAccountDialogs : public QObject {
    Q_OBJECT
private slots:
    void changePasswordRefusesAMismatchWithoutSending() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::ChangePasswordDialog dialog(connection->client(), true);
        QSignalSpy changed(&dialog, &ui::ChangePasswordDialog::changed);
        dialog.show();
        QVERIFY(findVisible<QLabel>(QStringLiteral("notVaultRecoveryNote")));
        QVERIFY(child<QPushButton>(&dialog, QStringLiteral("changeButton"))->isDefault());

        type(&dialog, QStringLiteral("oldPasswordEdit"), OwnerPassword);
        type(&dialog, QStringLiteral("newPasswordEdit"), NewPassword);
        type(&dialog, QStringLiteral("confirmPasswordEdit"), NewPassword + QStringLiteral("x"));
        click(&dialog, QStringLiteral("changeButton"));
        QVERIFY(labelShows(&dialog, QStringLiteral("confirmPasswordError")));
        QVERIFY(!labelShows(&dialog, QStringLiteral("newPasswordError")));
        QVERIFY(!connection->session().isBusy()); // nothing was sent
        QVERIFY(dialog.isVisible());
        QCOMPARE(changed.count(), 0);
    }

    void changePasswordRefusesTheSamePasswordWithoutSending() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::ChangePasswordDialog dialog(connection->client(), false);
        dialog.show();
        QVERIFY(!child<QLabel>(&dialog, QStringLiteral("notVaultRecoveryNote")));
        type(&dialog, QStringLiteral("oldPasswordEdit"), OwnerPassword);
        type(&dialog, QStringLiteral("newPasswordEdit"), OwnerPassword);
        type(&dialog, QStringLiteral("confirmPasswordEdit"), OwnerPassword);
        click(&dialog, QStringLiteral("changeButton"));
        QVERIFY(labelShows(&dialog, QStringLiteral("newPasswordError")));
        QVERIFY(!labelShows(&dialog, QStringLiteral("confirmPasswordError")));
        QVERIFY(!connection->session().isBusy());
        QVERIFY(dialog.isVisible());
        // The user can still change the password afterwards: nothing was emptied but the wrong
        // one is the user's to fix.
        QVERIFY(logsIn(*connection, OwnerPassword));
    }

    void changePasswordShowsTheServersAnswerForAWrongOldPassword() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::ChangePasswordDialog dialog(connection->client(), true);
        QSignalSpy changed(&dialog, &ui::ChangePasswordDialog::changed);
        dialog.show();
        type(&dialog, QStringLiteral("oldPasswordEdit"), QStringLiteral("not the password at all"));
        type(&dialog, QStringLiteral("newPasswordEdit"), NewPassword);
        type(&dialog, QStringLiteral("confirmPasswordEdit"), NewPassword);
        click(&dialog, QStringLiteral("changeButton"));
        auto* changeButton = child<QPushButton>(&dialog, QStringLiteral("changeButton"));
        QVERIFY(!changeButton->isEnabled()); // busy while the request is in flight
        QTRY_VERIFY_WITH_TIMEOUT(labelShows(&dialog, QStringLiteral("oldPasswordError")), 20000);
        QCOMPARE(child<QLabel>(&dialog, QStringLiteral("oldPasswordError"))->text(),
                 QStringLiteral("Wrong password."));
        QVERIFY(changeButton->isEnabled());
        QVERIFY(dialog.isVisible());
        QCOMPARE(changed.count(), 0);
        // The secrets left the fields when they were sent.
        QVERIFY(edit(&dialog, QStringLiteral("oldPasswordEdit"))->text().isEmpty());
        QVERIFY(edit(&dialog, QStringLiteral("newPasswordEdit"))->text().isEmpty());
    }

    void changePasswordShowsTheServersRuleForAWeakPassword() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::ChangePasswordDialog dialog(connection->client(), true);
        dialog.show();
        type(&dialog, QStringLiteral("oldPasswordEdit"), OwnerPassword);
        type(&dialog, QStringLiteral("newPasswordEdit"), QStringLiteral("short"));
        type(&dialog, QStringLiteral("confirmPasswordEdit"), QStringLiteral("short"));
        click(&dialog, QStringLiteral("changeButton"));
        QTRY_VERIFY_WITH_TIMEOUT(labelShows(&dialog, QStringLiteral("newPasswordError")), 20000);
        QVERIFY(child<QLabel>(&dialog, QStringLiteral("newPasswordError"))
                    ->text()
                    .contains(QStringLiteral("too short")));
        QVERIFY(!labelShows(&dialog, QStringLiteral("oldPasswordError")));
        QVERIFY(dialog.isVisible());
    }

    void changePasswordChangesWhatOpensTheVault() {
        UiFixture fixture;
        {
            auto connection = fixture.createVault();
            QVERIFY(connection);
            ui::ChangePasswordDialog dialog(connection->client(), true);
            QSignalSpy changed(&dialog, &ui::ChangePasswordDialog::changed);
            dialog.show();
            type(&dialog, QStringLiteral("oldPasswordEdit"), OwnerPassword);
            type(&dialog, QStringLiteral("newPasswordEdit"), NewPassword);
            type(&dialog, QStringLiteral("confirmPasswordEdit"), NewPassword);
            click(&dialog, QStringLiteral("changeButton"));
            QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(!dialog.isVisible());
            QVERIFY(waitIdle(connection->client()));
            QVERIFY(connection->session().isActive()); // logged in again by itself
        }
        auto reopened = fixture.openVault(QStringLiteral("owner"), NewPassword);
        QVERIFY(reopened);
        reopened.reset();

        auto connection = ui::Connection::toVault(fixture.clock, fixture.context.vaultOptions);
        std::optional<vault::VaultStatus> status;
        connection->openVault(fixture.vaultPath(), [&](vault::VaultStatus s) { status = s; });
        QTRY_VERIFY_WITH_TIMEOUT(status.has_value(), 20000);
        QVERIFY2(status->ok(), qPrintable(status->message));
        QVERIFY(!logsIn(*connection, OwnerPassword));
        QVERIFY(logsIn(*connection, NewPassword));
    }

    void changePasswordClearsTheFieldsOnCancel() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::ChangePasswordDialog dialog(connection->client(), true);
        dialog.show();
        type(&dialog, QStringLiteral("oldPasswordEdit"), OwnerPassword);
        type(&dialog, QStringLiteral("newPasswordEdit"), NewPassword);
        QTest::keyClick(edit(&dialog, QStringLiteral("newPasswordEdit")), Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(edit(&dialog, QStringLiteral("oldPasswordEdit"))->text().isEmpty());
        QVERIFY(edit(&dialog, QStringLiteral("newPasswordEdit"))->text().isEmpty());
        QVERIFY(!connection->session().isBusy());
    }

    void changePasswordSaysWhenTheServerDoesNotOfferIt() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        SeedServerTransport seed(connection->transport());
        client::Session session(seed);
        Client client(session);
        QVERIFY(
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                session.login(QStringLiteral("owner"), OwnerPassword, std::move(done));
            }).ok());
        {
            ui::ChangePasswordDialog dialog(client, false);
            dialog.show();
            QVERIFY(!labelShows(&dialog, QStringLiteral("formError")));
            type(&dialog, QStringLiteral("oldPasswordEdit"), OwnerPassword);
            type(&dialog, QStringLiteral("newPasswordEdit"), NewPassword);
            type(&dialog, QStringLiteral("confirmPasswordEdit"), NewPassword);
            click(&dialog, QStringLiteral("changeButton"));
            QTRY_VERIFY_WITH_TIMEOUT(labelShows(&dialog, QStringLiteral("formError")), 20000);
            QVERIFY(child<QLabel>(&dialog, QStringLiteral("formError"))
                        ->text()
                        .contains(QStringLiteral("does not offer")));
            QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("changeButton"))->isEnabled());
            QCOMPARE(seed.notFoundCount(), 1);
        }
        QVERIFY(!session.capabilities().changePassword);
        ui::ChangePasswordDialog later(client, false);
        later.show();
        QVERIFY(labelShows(&later, QStringLiteral("formError"))); // said before anything is typed
        QVERIFY(!child<QPushButton>(&later, QStringLiteral("changeButton"))->isEnabled());
    }

    void preferencesShowTheCurrentValues() {
        UiFixture fixture;
        fixture.preferences.setClipboardClearSecs(45);
        fixture.preferences.setRevealHideSecs(90);
        fixture.preferences.setAutoLockMinutes(0);
        fixture.preferences.setAskPasswordForLiveReveal(false);
        ui::PreferencesDialog dialog(fixture.preferences);
        dialog.show();
        QCOMPARE(child<QSpinBox>(&dialog, QStringLiteral("clipboardSecsSpin"))->value(), 45);
        QCOMPARE(child<QSpinBox>(&dialog, QStringLiteral("revealSecsSpin"))->value(), 90);
        auto* autoLock = child<QSpinBox>(&dialog, QStringLiteral("autoLockSpin"));
        QCOMPARE(autoLock->value(), 0);
        QCOMPARE(autoLock->text(), QStringLiteral("Never"));
        QVERIFY(!child<QCheckBox>(&dialog, QStringLiteral("askLiveCheck"))->isChecked());
        QCOMPARE(child<QSpinBox>(&dialog, QStringLiteral("clipboardSecsSpin"))->minimum(), 5);
        QCOMPARE(child<QSpinBox>(&dialog, QStringLiteral("revealSecsSpin"))->maximum(), 600);
        QCOMPARE(autoLock->maximum(), 240);
    }

    void preferencesOkSaves() {
        UiFixture fixture;
        ui::PreferencesDialog dialog(fixture.preferences);
        QSignalSpy changed(&fixture.preferences, &ui::Preferences::changed);
        dialog.show();
        child<QSpinBox>(&dialog, QStringLiteral("clipboardSecsSpin"))->setValue(20);
        child<QSpinBox>(&dialog, QStringLiteral("revealSecsSpin"))->setValue(120);
        child<QSpinBox>(&dialog, QStringLiteral("autoLockSpin"))->setValue(0);
        QTest::mouseClick(child<QCheckBox>(&dialog, QStringLiteral("askLiveCheck")),
                          Qt::LeftButton);
        QCOMPARE(changed.count(), 0); // nothing saved before OK
        click(&dialog, QStringLiteral("okButton"));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(fixture.preferences.clipboardClearSecs(), 20);
        QCOMPARE(fixture.preferences.revealHideSecs(), 120);
        QCOMPARE(fixture.preferences.autoLockMinutes(), 0);
        QVERIFY(!fixture.preferences.askPasswordForLiveReveal());
        QVERIFY(changed.count() > 0);
    }

    void preferencesCancelChangesNothing() {
        UiFixture fixture;
        ui::PreferencesDialog dialog(fixture.preferences);
        dialog.show();
        child<QSpinBox>(&dialog, QStringLiteral("clipboardSecsSpin"))->setValue(300);
        child<QSpinBox>(&dialog, QStringLiteral("autoLockSpin"))->setValue(60);
        QTest::mouseClick(child<QCheckBox>(&dialog, QStringLiteral("askLiveCheck")),
                          Qt::LeftButton);
        click(&dialog, QStringLiteral("cancelButton"));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(fixture.preferences.clipboardClearSecs(),
                 ui::Preferences::DefaultClipboardClearSecs);
        QCOMPARE(fixture.preferences.autoLockMinutes(), ui::Preferences::DefaultAutoLockMinutes);
        QVERIFY(fixture.preferences.askPasswordForLiveReveal());
    }

    void preferencesChooseTheLanguageForTheNextStart() {
        UiFixture fixture;
        QCOMPARE(fixture.preferences.language(), QString()); // the system's, until chosen
        {
            ui::PreferencesDialog dialog(fixture.preferences);
            dialog.show();
            auto* combo = child<QComboBox>(&dialog, QStringLiteral("languageCombo"));
            QVERIFY(combo);
            QStringList offered;
            for (int i = 0; i < combo->count(); ++i)
                offered << combo->itemData(i).toString();
            QCOMPARE(offered, (QStringList{QString(), QStringLiteral("en"), QStringLiteral("sw"),
                                           QStringLiteral("fr")}));
            QVERIFY(combo->itemText(0).startsWith(QStringLiteral("System (")));
            QCOMPARE(combo->itemText(2), QStringLiteral("Kiswahili"));
            QCOMPARE(combo->itemText(3), QStringLiteral("Français"));
            auto* note = child<QLabel>(&dialog, QStringLiteral("languageNote"));
            QVERIFY(!note->isVisible());
            combo->setCurrentIndex(combo->findData(QStringLiteral("fr")));
            // Said at once: the windows change language at the next start, not now.
            QVERIFY(note->isVisible());
            QVERIFY(note->text().contains(QStringLiteral("next start")));
            click(&dialog, QStringLiteral("okButton"));
        }
        QCOMPARE(fixture.preferences.language(), QStringLiteral("fr"));
        ui::PreferencesDialog again(fixture.preferences);
        again.show();
        auto* combo = child<QComboBox>(&again, QStringLiteral("languageCombo"));
        QCOMPARE(combo->currentData().toString(), QStringLiteral("fr"));
        QVERIFY(!child<QLabel>(&again, QStringLiteral("languageNote"))->isVisible());
        // A value no build knows (a settings file from elsewhere) is the system's language.
        fixture.settings.setValue(QStringLiteral("ui/language"), QStringLiteral("xx"));
        QCOMPARE(fixture.preferences.language(), QString());
    }

    void promptShowsAWrongPasswordThenConfirmsTheRightOne() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        const QString reason = QStringLiteral("Revealing a live key needs your password.");
        ui::PasswordPrompt prompt(connection->client(), ui::PasswordPrompt::Purpose::Confirm,
                                  reason);
        QSignalSpy confirmed(&prompt, &ui::PasswordPrompt::confirmed);
        prompt.show();
        QCOMPARE(child<QLabel>(&prompt, QStringLiteral("reasonLabel"))->text(), reason);
        QCOMPARE(child<QLabel>(&prompt, QStringLiteral("usernameLabel"))->text(),
                 QStringLiteral("owner"));

        type(&prompt, QStringLiteral("passwordEdit"), QStringLiteral("a wrong password here"));
        click(&prompt, QStringLiteral("confirmButton"));
        QTRY_VERIFY_WITH_TIMEOUT(labelShows(&prompt, QStringLiteral("errorLabel")), 20000);
        QCOMPARE(prompt.failures(), 1);
        QVERIFY(edit(&prompt, QStringLiteral("passwordEdit"))->text().isEmpty());
        QVERIFY(prompt.isVisible());
        QCOMPARE(confirmed.count(), 0);

        type(&prompt, QStringLiteral("passwordEdit"), OwnerPassword);
        click(&prompt, QStringLiteral("confirmButton"));
        QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
        QCOMPARE(prompt.result(), int(QDialog::Accepted));
        QVERIFY(!prompt.isVisible());
    }

    void promptConfirmsWithALoginWhenTheServerCannotVerify() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        SeedServerTransport seed(connection->transport());
        client::Session session(seed);
        Client client(session);
        QVERIFY(
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                session.login(QStringLiteral("owner"), OwnerPassword, std::move(done));
            }).ok());
        ui::PasswordPrompt prompt(client, ui::PasswordPrompt::Purpose::Confirm,
                                  QStringLiteral("Revealing a live key needs your password."));
        QSignalSpy confirmed(&prompt, &ui::PasswordPrompt::confirmed);
        prompt.show();
        type(&prompt, QStringLiteral("passwordEdit"), QStringLiteral("a wrong password here"));
        click(&prompt, QStringLiteral("confirmButton"));
        QTRY_VERIFY_WITH_TIMEOUT(labelShows(&prompt, QStringLiteral("errorLabel")), 20000);
        QCOMPARE(prompt.failures(), 1);
        QCOMPARE(seed.notFoundCount(), 1);
        QVERIFY(!session.capabilities().verifyPassword);

        type(&prompt, QStringLiteral("passwordEdit"), OwnerPassword);
        click(&prompt, QStringLiteral("confirmButton"));
        QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
        QCOMPARE(seed.notFoundCount(), 1); // straight to a login the second time
        QVERIFY(session.isActive());
    }

    void promptSignsInAgainAfterTheSessionEnded() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::PasswordPrompt prompt(connection->client(), ui::PasswordPrompt::Purpose::SignInAgain,
                                  QStringLiteral("Your session has ended."));
        connection->session().clear();
        QVERIFY(!connection->session().isActive());
        QSignalSpy confirmed(&prompt, &ui::PasswordPrompt::confirmed);
        prompt.show();
        QCOMPARE(child<QLabel>(&prompt, QStringLiteral("usernameLabel"))->text(),
                 QStringLiteral("owner"));
        type(&prompt, QStringLiteral("passwordEdit"), OwnerPassword);
        QTest::keyClick(edit(&prompt, QStringLiteral("passwordEdit")), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
        QVERIFY(connection->session().isActive());
        QCOMPARE(connection->session().identity().username, QStringLiteral("owner"));
    }

    void promptClosedWhileCheckingIsSafe() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        {
            auto prompt = std::make_unique<ui::PasswordPrompt>(
                connection->client(), ui::PasswordPrompt::Purpose::Confirm,
                QStringLiteral("Revealing a live key needs your password."));
            prompt->show();
            type(prompt.get(), QStringLiteral("passwordEdit"), OwnerPassword);
            click(prompt.get(), QStringLiteral("confirmButton"));
            QVERIFY(
                !child<QPushButton>(prompt.get(), QStringLiteral("confirmButton"))->isEnabled());
            QVERIFY(connection->session().isBusy());
        }
        QVERIFY(waitIdle(connection->client()));
        QVERIFY(connection->session().isActive());
    }

    void promptAsksForTheUsernameWhenTheClientForgotIt() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        connection->session().clear(); // forgets the username too
        ui::PasswordPrompt prompt(connection->client(), ui::PasswordPrompt::Purpose::SignInAgain,
                                  QStringLiteral("Your session has ended."));
        QSignalSpy confirmed(&prompt, &ui::PasswordPrompt::confirmed);
        prompt.show();
        QVERIFY(findVisible<QLineEdit>(QStringLiteral("usernameEdit")));
        type(&prompt, QStringLiteral("passwordEdit"), OwnerPassword);
        click(&prompt, QStringLiteral("confirmButton"));
        QVERIFY(labelShows(&prompt, QStringLiteral("errorLabel"))); // no username: not sent
        QVERIFY(!connection->session().isBusy());
        QCOMPARE(prompt.failures(), 0);

        type(&prompt, QStringLiteral("usernameEdit"), QStringLiteral("owner"));
        type(&prompt, QStringLiteral("passwordEdit"), OwnerPassword);
        click(&prompt, QStringLiteral("confirmButton"));
        QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
        QVERIFY(connection->session().isActive());
    }

    void promptSignsInTheUserItWasGiven() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        connection->session().clear();
        ui::PasswordPrompt prompt(connection->client(), ui::PasswordPrompt::Purpose::SignInAgain,
                                  QStringLiteral("Your session has ended."));
        prompt.setUsername(QStringLiteral("owner"));
        QSignalSpy confirmed(&prompt, &ui::PasswordPrompt::confirmed);
        prompt.show();
        QVERIFY(!findVisible<QLineEdit>(QStringLiteral("usernameEdit")));
        QCOMPARE(child<QLabel>(&prompt, QStringLiteral("usernameLabel"))->text(),
                 QStringLiteral("owner"));
        type(&prompt, QStringLiteral("passwordEdit"), OwnerPassword);
        click(&prompt, QStringLiteral("confirmButton"));
        QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
        QVERIFY(connection->session().isActive());
    }

    void promptGivesUpAfterFiveFailures() {
        UiFixture fixture;
        auto connection = fixture.createVault();
        QVERIFY(connection);
        ui::PasswordPrompt prompt(connection->client(), ui::PasswordPrompt::Purpose::Confirm,
                                  QStringLiteral("Revealing a live key needs your password."));
        QSignalSpy confirmed(&prompt, &ui::PasswordPrompt::confirmed);
        QSignalSpy gaveUp(&prompt, &ui::PasswordPrompt::gaveUp);
        prompt.show();
        for (int attempt = 1; attempt <= ui::PasswordPrompt::MaxFailures; ++attempt) {
            QVERIFY(prompt.isVisible());
            type(&prompt, QStringLiteral("passwordEdit"),
                 QStringLiteral("wrong guess number %1").arg(attempt));
            click(&prompt, QStringLiteral("confirmButton"));
            QTRY_COMPARE_WITH_TIMEOUT(prompt.failures(), attempt, 20000);
            QCOMPARE(gaveUp.count(), attempt == ui::PasswordPrompt::MaxFailures ? 1 : 0);
        }
        QVERIFY(!prompt.isVisible());
        QCOMPARE(prompt.result(), int(QDialog::Rejected));
        QCOMPARE(confirmed.count(), 0);
    }
};

QTEST_MAIN(TestAccountDialogs)
#include "tst_accountdialogs.moc"
