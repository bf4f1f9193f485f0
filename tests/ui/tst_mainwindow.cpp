// MainWindow over a real local vault: the table lists what the API lists, and every action —
// from its QAction, a shortcut or the context menu — goes through the real dialogs to the real
// core. Dialogs are opened with open(), so the test finds and answers them. Keys and right clicks
// go in through the window system (QWindow), as a user's do; the README's shortcut table is
// checked against the window's actions.
#include "tests/ui/uitestsupport.h"

#include "core/vault/vault.h"
#include "ui/clipboardguard.h"
#include "ui/credentialtablemodel.h"
#include "ui/keyview.h"
#include "ui/mainwindow.h"
#include "ui/verifykeydialog.h"

#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QWindow>

#include <functional>

using namespace paycred;
using namespace paycred::uitest;
using Credential = client::Credential;

namespace {

const QString SandboxKey = QStringLiteral("kopokopo-sandbox-private-key");
const QString LiveKey = QStringLiteral("instasend-live-private-key");

// A vault with an owner, a main window over it, and the clipboard guard the app would own.
struct Harness {
    UiFixture fixture;
    std::unique_ptr<ui::Connection> connection;
    std::unique_ptr<ui::ClipboardGuard> clipboard;
    std::unique_ptr<ui::MainWindow> window;

    bool open() {
        connection = fixture.createVault();
        if (!connection)
            return false;
        clipboard = std::make_unique<ui::ClipboardGuard>(fixture.clock);
        return true;
    }
    void show() {
        window = std::make_unique<ui::MainWindow>(fixture.context, *connection, *clipboard);
        window->show();
        (void)QTest::qWaitForWindowExposed(window.get());
        waitIdle(connection->client());
    }
    Credential add(const QString& provider, const QString& environment, const QString& key) {
        return addCredential(connection->client(), provider, environment,
                             QStringLiteral("api-") + provider, key);
    }
    QAction* action(const QString& name) const { return window->findChild<QAction*>(name); }
    void trigger(const QString& name) {
        QAction* found = action(name);
        QVERIFY2(found, qPrintable(name));
        QVERIFY2(found->isEnabled(), qPrintable(name + QStringLiteral(" is disabled")));
        found->trigger();
    }
    int rows() const { return window->table()->model()->rowCount(); }
    void select(qint64 id) {
        QAbstractItemModel* proxy = window->table()->model();
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QModelIndex index = proxy->index(row, 0);
            if (index.data(ui::CredentialTableModel::IdRole).toLongLong() == id) {
                window->table()->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                return;
            }
        }
        QFAIL("no row for the credential");
    }
    std::optional<Credential> row(qint64 id) const {
        const int at = window->model().rowOf(id);
        return window->model().credentialAt(at);
    }
    QList<Credential> stored() {
        auto result = await<QList<Credential>>([&](client::Callback<QList<Credential>> done) {
            connection->client().listCredentials(std::move(done));
        });
        return result.value.value_or(QList<Credential>());
    }
    QString message() const { return window->message(); }
};

template <typename T> T* in(QWidget* dialog, const QString& name) {
    return dialog ? dialog->findChild<T*>(name) : nullptr;
}

// The window active and the table focused: where a user is when they reach for a shortcut (in the
// filter box, the line edit keeps its own editing keys).
bool focusTable(ui::MainWindow& window) {
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        return false;
    window.table()->setFocus();
    return window.table()->hasFocus();
}

// Esc in the visible window `name` (a dialog or a message box) closes it.
bool escapeCloses(const QString& name) {
    auto* dialog = findVisible<QWidget>(name);
    if (!dialog || !QTest::qWaitForWindowActive(dialog))
        return false;
    QTest::keyClick(dialog->windowHandle(), Qt::Key_Escape);
    return QTest::qWaitFor([&] { return !findVisible<QWidget>(name); });
}

// The keys in the README's "| Shortcut | Action |" table ("Ctrl+E, Enter" and "Enter / Esc" are
// two keys each), or an empty list (with a warning) when the table cannot be read.
QList<QKeySequence> readmeShortcuts() {
    QFile readme(QStringLiteral(PAYCRED_SOURCE_DIR "/README.md"));
    if (!readme.open(QIODevice::ReadOnly)) {
        qWarning("README.md: %s", qPrintable(readme.errorString()));
        return {};
    }
    const QStringList lines = QString::fromUtf8(readme.readAll()).split(QLatin1Char('\n'));
    static const QRegularExpression header( // a whole line: indexOf() matches it exactly
        QStringLiteral("\\|\\s*Shortcut\\s*\\|\\s*Action\\s*\\|.*"));
    static const QRegularExpression between(QStringLiteral(", | / "));
    const qsizetype start = lines.indexOf(header);
    QList<QKeySequence> keys;
    for (qsizetype at = start < 0 ? lines.size() : start + 2; // past the |---| row
         at < lines.size() && lines.at(at).startsWith(QLatin1Char('|')); ++at) {
        const QStringList cells = lines.at(at).split(QLatin1Char('|'));
        for (qsizetype cell = 1; cell + 1 < cells.size(); cell += 2) { // shortcut, action, …
            for (QString name : cells.at(cell).trimmed().split(between, Qt::SkipEmptyParts)) {
                // The README names the key as keyboards print it; Qt's portable name is "Del".
                if (name == QLatin1String("Delete"))
                    name = QStringLiteral("Del");
                const QKeySequence key = QKeySequence::fromString(name, QKeySequence::PortableText);
                if (key.isEmpty() || key[0].key() == Qt::Key_unknown)
                    qWarning("README.md: \"%s\" is no key", qPrintable(name));
                else
                    keys.append(key);
            }
        }
    }
    if (keys.isEmpty())
        qWarning("README.md has no \"| Shortcut | Action |\" table");
    return keys;
}

// The actions of the window that have a shortcut.
QList<QAction*> shortcutActions(const ui::MainWindow& window) {
    QList<QAction*> actions;
    for (QAction* action : window.findChildren<QAction*>())
        if (!action->shortcut().isEmpty())
            actions.append(action);
    return actions;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void showsAnEmptyStateThenTheList() {
        Harness h;
        QVERIFY(h.open());
        h.show();
        auto* stack = h.window->findChild<QStackedWidget*>(QStringLiteral("credentialStack"));
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
        QVERIFY(!h.action(QStringLiteral("actionEdit"))->isEnabled());
        // It names the providers the client knows (the new-credential dialog offers the same).
        const auto providers =
            await<QList<Client::Provider>>([&](client::Callback<QList<Client::Provider>> done) {
                h.connection->client().providers(std::move(done));
            });
        QVERIFY(providers.ok() && !providers.value->isEmpty());
        QStringList names;
        for (const Client::Provider& provider : *providers.value)
            names << provider.displayName;
        const QString empty = h.window->findChild<QLabel*>(QStringLiteral("emptyState"))->text();
        QVERIFY2(
            empty.contains(QLatin1Char('(') + names.join(QStringLiteral(", ")) + QLatin1Char(')')),
            qPrintable(empty));

        h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.add(QStringLiteral("instasend"), QStringLiteral("live"), LiveKey);
        h.trigger(QStringLiteral("actionRefresh"));
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 2, 20000);
        QCOMPARE(stack->currentWidget(), h.window->table());
        QVERIFY(h.action(QStringLiteral("actionEdit"))->isEnabled());
        auto* status = h.window->findChild<QLabel*>(QStringLiteral("connectionLabel"));
        QVERIFY(status->text().contains(QStringLiteral("owner")));
        QVERIFY(status->text().contains(QStringLiteral("Local vault")));
    }

    void createsThroughTheDialog() {
        Harness h;
        QVERIFY(h.open());
        h.show();
        h.trigger(QStringLiteral("actionNew"));
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("credentialDialog"));
        QVERIFY(dialog);
        auto* provider = in<QComboBox>(dialog, QStringLiteral("providerCombo"));
        provider->setCurrentIndex(provider->findData(QStringLiteral("instasend")));
        in<QLineEdit>(dialog, QStringLiteral("apiKeyEdit"))
            ->setText(QStringLiteral("ISK_api_0001"));
        in<QLineEdit>(dialog, QStringLiteral("privateKeyEdit"))->setText(LiveKey);
        auto* environment = in<QComboBox>(dialog, QStringLiteral("environmentCombo"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        in<QPushButton>(dialog, QStringLiteral("saveButton"))->click();

        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        QTRY_VERIFY(!findVisible<QDialog>(QStringLiteral("credentialDialog")));
        const QList<Credential> stored = h.stored();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().provider, QStringLiteral("instasend"));
        QVERIFY(stored.first().isLive);
        QVERIFY(h.message().contains(QStringLiteral("InstaSend (live)")));
    }

    void everyActionHasItsOwnShortcut() {
        Harness h;
        QVERIFY(h.open());
        h.show();
        QSet<QString> seen;
        for (QAction* action : h.window->findChildren<QAction*>()) {
            if (!action->objectName().startsWith(QStringLiteral("action")))
                continue;
            if (action->objectName() == QStringLiteral("actionRestore"))
                continue; // rare and never urgent: reached from the File menu
            if (action->objectName() == QStringLiteral("actionSessions") ||
                action->objectName() == QStringLiteral("actionLogoutAll"))
                continue; // likewise, from the Account menu: never wanted by a stray key
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->objectName()));
            const QString key = action->shortcut().toString();
            QVERIFY2(!seen.contains(key), qPrintable(key));
            seen.insert(key);
        }
    }

    // Each shortcut, typed into the window, runs its action: the action fires once and does what
    // it does (a dialog opens, a row changes, a signal goes to the app). Esc closes each dialog.
    void everyShortcutRunsItsAction() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.add(QStringLiteral("instasend"), QStringLiteral("live"), LiveKey); // F5 brings it
        QGuiApplication::clipboard()->clear();
        QSignalSpy lock(h.window.get(), &ui::MainWindow::lockRequested);
        QSignalSpy logout(h.window.get(), &ui::MainWindow::logoutRequested);
        QSignalSpy quit(h.window.get(), &ui::MainWindow::quitRequested);
        auto* search = h.window->findChild<QLineEdit*>(QStringLiteral("searchEdit"));

        struct Effect {
            QString dialog;              // the window it opens, or empty
            std::function<bool()> check; // what else is true once it ran
        };
        const auto waitFor = [](const std::function<bool()>& condition) {
            return [condition] { return QTest::qWaitFor(condition, 20000); };
        };
        const QMap<QString, Effect> effects = {
            {QStringLiteral("actionNew"), {QStringLiteral("credentialDialog"), {}}},
            {QStringLiteral("actionEdit"), {QStringLiteral("credentialDialog"), {}}},
            {QStringLiteral("actionReplaceKey"), {QStringLiteral("replaceKeyDialog"), {}}},
            {QStringLiteral("actionVerifyKey"), {QStringLiteral("verifyKeyDialog"), {}}},
            // The fixture's vault has checks switched off (no internet): the answer says so.
            {QStringLiteral("actionCheckWithProvider"),
             {{}, waitFor([&] { return h.window->model().lastCheck(credential.id).has_value(); })}},
            {QStringLiteral("actionCopyKey"),
             {{}, waitFor([] { return QGuiApplication::clipboard()->text() == SandboxKey; })}},
            {QStringLiteral("actionReveal"), {QStringLiteral("revealKeyDialog"), {}}},
            {QStringLiteral("actionToggle"),
             {{}, waitFor([&] { return !h.row(credential.id).value_or(credential).isActive; })}},
            {QStringLiteral("actionDelete"), {QStringLiteral("confirmDeleteBox"), {}}},
            {QStringLiteral("actionRefresh"), {{}, waitFor([&] { return h.rows() == 2; })}},
            {QStringLiteral("actionFind"), {{}, [&] { return search->hasFocus(); }}},
            {QStringLiteral("actionChangePassword"), {QStringLiteral("changePasswordDialog"), {}}},
            {QStringLiteral("actionPreferences"), {QStringLiteral("preferencesDialog"), {}}},
            {QStringLiteral("actionBackup"), {QStringLiteral("backupDialog"), {}}},
            {QStringLiteral("actionLock"), {{}, [&] { return lock.count() == 1; }}},
            {QStringLiteral("actionLogout"), {{}, [&] { return logout.count() == 1; }}},
            {QStringLiteral("actionQuit"), {{}, [&] { return quit.count() == 1; }}},
            {QStringLiteral("actionShortcuts"), {QStringLiteral("shortcutsBox"), {}}},
            // The vault's owner is a superuser: the Administration window opens.
            {QStringLiteral("actionAdministration"), {QStringLiteral("adminWindow"), {}}},
        };

        QSet<QString> fired;
        for (QAction* action : shortcutActions(*h.window)) {
            const QString name = action->objectName();
            QVERIFY2(effects.contains(name), qPrintable(name + QStringLiteral(": no check here")));
            QVERIFY2(focusTable(*h.window), qPrintable(name));
            QSignalSpy triggered(action, &QAction::triggered);
            QTest::keySequence(h.window->windowHandle(), action->shortcut());
            QVERIFY2(triggered.count() == 1, qPrintable(name + QStringLiteral(" did not fire")));
            const Effect& effect = effects.value(name);
            if (!effect.dialog.isEmpty()) {
                QVERIFY2(waitForVisible<QWidget>(effect.dialog), qPrintable(effect.dialog));
                QVERIFY2(escapeCloses(effect.dialog), qPrintable(effect.dialog));
            }
            if (effect.check)
                QVERIFY2(effect.check(), qPrintable(name + QStringLiteral(" did nothing")));
            fired.insert(name);
        }
        QCOMPARE(fired.size(), effects.size());
        h.clipboard->clearNow();

        // Enter on a row edits it, as Ctrl+E does.
        QVERIFY(focusTable(*h.window));
        QTest::keyClick(h.window->windowHandle(), Qt::Key_Return);
        QVERIFY(waitForVisible<QDialog>(QStringLiteral("credentialDialog")));
        QVERIFY(escapeCloses(QStringLiteral("credentialDialog")));
    }

    // The README's table and the window agree: every shortcut is listed, every listed key works.
    void theReadmeListsEveryShortcut() {
        const QList<QKeySequence> listed = readmeShortcuts();
        QVERIFY(!listed.isEmpty());
        Harness h;
        QVERIFY(h.open());
        h.show();
        QList<QKeySequence> actionKeys;
        for (QAction* action : shortcutActions(*h.window)) {
            QVERIFY2(listed.contains(action->shortcut()),
                     qPrintable(action->objectName() + QLatin1Char(' ') +
                                action->shortcut().toString() +
                                QStringLiteral(" is not in the README's table")));
            actionKeys.append(action->shortcut());
        }
        // Enter (a row: edit) and Esc (a dialog: cancel) are no actions' shortcuts:
        // everyShortcutRunsItsAction presses them.
        const QList<QKeySequence> elsewhere = {QKeySequence(Qt::Key_Enter),
                                               QKeySequence(Qt::Key_Escape)};
        for (const QKeySequence& key : listed)
            QVERIFY2(actionKeys.contains(key) || elsewhere.contains(key),
                     qPrintable(key.toString() + QStringLiteral(" is listed but runs nothing")));
    }

    void editsEnvironmentAndStatus() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(credential.id);
        h.trigger(QStringLiteral("actionEdit"));
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("credentialDialog"));
        QVERIFY(dialog);
        auto* environment = in<QComboBox>(dialog, QStringLiteral("environmentCombo"));
        environment->setCurrentIndex(environment->findData(QStringLiteral("live")));
        in<QPushButton>(dialog, QStringLiteral("saveButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(h.row(credential.id)->isLive, 20000);
        QCOMPARE(h.stored().first().environment, QStringLiteral("live"));
    }

    void togglesActivation() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(credential.id);
        QAction* toggle = h.action(QStringLiteral("actionToggle"));
        QVERIFY(toggle->text().contains(QStringLiteral("Deac")));
        h.trigger(QStringLiteral("actionToggle"));
        QTRY_VERIFY_WITH_TIMEOUT(!h.row(credential.id)->isActive, 20000);
        QVERIFY(!h.stored().first().isActive);
        QVERIFY(!toggle->text().contains(QStringLiteral("Deac")));
        QVERIFY(h.message().contains(QStringLiteral("inactive")));
        // What the message says is so (API.md: an inactive credential still answers
        // get-private-key): its owner can still reveal the key.
        QVERIFY2(h.message().contains(QStringLiteral("can still reveal")), qPrintable(h.message()));
        h.trigger(QStringLiteral("actionReveal"));
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("revealKeyDialog"));
        QVERIFY(dialog);
        in<QPushButton>(dialog, QStringLiteral("showKeyButton"))->click();
        QVERIFY(in<ui::KeyView>(dialog, QStringLiteral("privateKeyView"))->toPlainText() ==
                SandboxKey);
        dialog->close();
        h.trigger(QStringLiteral("actionToggle"));
        QTRY_VERIFY_WITH_TIMEOUT(h.row(credential.id)->isActive, 20000);
        QVERIFY(h.stored().first().isActive);
    }

    void deletesOnlyAfterConfirmation() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("instasend"), QStringLiteral("live"), LiveKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(credential.id);

        h.trigger(QStringLiteral("actionDelete"));
        auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteBox"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("InstaSend (live)")));
        QCOMPARE(box->defaultButton()->objectName(), QStringLiteral("cancelDeleteButton"));
        in<QPushButton>(box, QStringLiteral("cancelDeleteButton"))->click();
        QTRY_VERIFY(!findVisible<QMessageBox>(QStringLiteral("confirmDeleteBox")));
        QTest::qWait(50);
        QCOMPARE(h.stored().size(), 1);

        h.trigger(QStringLiteral("actionDelete"));
        box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteBox"));
        QVERIFY(box);
        in<QPushButton>(box, QStringLiteral("confirmDeleteButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 0, 20000);
        QVERIFY(h.stored().isEmpty());
        QVERIFY(h.message().contains(QStringLiteral("deleted")));
    }

    void verifiesRightAndWrongKeys() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(credential.id);
        h.trigger(QStringLiteral("actionVerifyKey"));
        auto* dialog = waitForVisible<ui::VerifyKeyDialog>(QStringLiteral("verifyKeyDialog"));
        QVERIFY(dialog);
        auto* key = in<QLineEdit>(dialog, QStringLiteral("privateKeyEdit"));
        auto* verify = in<QPushButton>(dialog, QStringLiteral("verifyButton"));

        key->setText(QStringLiteral("not-the-key"));
        verify->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->lastResult().has_value(), 20000);
        QCOMPARE(*dialog->lastResult(), false);

        key->setText(SandboxKey);
        verify->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->lastResult().value_or(false), 20000);
    }

    void copiesTheKeyAndClearsTheClipboard() {
        Harness h;
        QVERIFY(h.open());
        h.fixture.preferences.setClipboardClearSecs(20);
        const Credential credential =
            h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(credential.id);
        QGuiApplication::clipboard()->clear();

        h.trigger(QStringLiteral("actionCopyKey"));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), SandboxKey, 20000);
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
        auto* countdown = h.window->findChild<QLabel*>(QStringLiteral("clipboardLabel"));
        QTRY_VERIFY(countdown->isVisible());
        QVERIFY(countdown->text().contains(QStringLiteral("20")));

        h.fixture.clock.advance(19 * 1000);
        h.clipboard->tick();
        QCOMPARE(QGuiApplication::clipboard()->text(), SandboxKey);
        QVERIFY(countdown->text().contains(QStringLiteral("1 s")));
        h.fixture.clock.advance(2 * 1000);
        h.clipboard->tick();
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        QVERIFY(!countdown->isVisible());
    }

    void aLiveKeyAsksThePasswordFirst() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("instasend"), QStringLiteral("live"), LiveKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(credential.id);
        QGuiApplication::clipboard()->clear();

        h.trigger(QStringLiteral("actionCopyKey"));
        auto* prompt = waitForVisible<QDialog>(QStringLiteral("passwordPrompt"));
        QVERIFY(prompt);
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        in<QLineEdit>(prompt, QStringLiteral("passwordEdit"))->setText(QStringLiteral("wrong one"));
        in<QPushButton>(prompt, QStringLiteral("confirmButton"))->click();
        auto* error = in<QLabel>(prompt, QStringLiteral("errorLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!error->text().isEmpty(), 20000);
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

        in<QLineEdit>(prompt, QStringLiteral("passwordEdit"))->setText(OwnerPassword);
        in<QPushButton>(prompt, QStringLiteral("confirmButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), LiveKey, 20000);
        h.clipboard->clearNow();

        // Without the rule, a live key is handed out at once.
        h.fixture.preferences.setAskPasswordForLiveReveal(false);
        h.trigger(QStringLiteral("actionCopyKey"));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), LiveKey, 20000);
        QVERIFY(!findVisible<QDialog>(QStringLiteral("passwordPrompt")));
        h.clipboard->clearNow();
    }

    void revealsInADialogThatCopiesToo() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(credential.id);
        h.trigger(QStringLiteral("actionReveal"));
        auto* dialog = waitForVisible<QDialog>(QStringLiteral("revealKeyDialog"));
        QVERIFY(dialog);
        auto* view = in<ui::KeyView>(dialog, QStringLiteral("privateKeyView"));
        QVERIFY(view->isMasked());
        in<QPushButton>(dialog, QStringLiteral("showKeyButton"))->click();
        QVERIFY(view->toPlainText() == SandboxKey);
        QGuiApplication::clipboard()->clear();
        in<QPushButton>(dialog, QStringLiteral("copyButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), SandboxKey, 20000);
        h.clipboard->clearNow();
    }

    void filtersAsYouType() {
        Harness h;
        QVERIFY(h.open());
        h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.add(QStringLiteral("instasend"), QStringLiteral("live"), LiveKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 2, 20000);
        auto* search = h.window->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
        QTest::keyClicks(search, QStringLiteral("insta"));
        QCOMPARE(h.rows(), 1);
        QCOMPARE(h.window->table()->model()->index(0, 0).data().toString(),
                 QStringLiteral("InstaSend"));
        search->clear();
        QTest::keyClicks(search, QStringLiteral("live"));
        QCOMPARE(h.rows(), 1);
        search->clear();
        QCOMPARE(h.rows(), 2);
    }

    void anEndedSessionAsksThePasswordAndGoesOn() {
        Harness h;
        QVERIFY(h.open());
        h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        // What the user was typing in another dialog survives the prompt.
        h.trigger(QStringLiteral("actionNew"));
        auto* draft = waitForVisible<QDialog>(QStringLiteral("credentialDialog"));
        QVERIFY(draft);
        in<QLineEdit>(draft, QStringLiteral("apiKeyEdit"))->setText(QStringLiteral("half-typed"));

        h.connection->vault()->lock(); // every token dies, as after an idle lock elsewhere
        h.trigger(QStringLiteral("actionRefresh"));
        auto* prompt = waitForVisible<QDialog>(QStringLiteral("passwordPrompt"), 20000);
        QVERIFY(prompt);
        in<QLineEdit>(prompt, QStringLiteral("passwordEdit"))->setText(OwnerPassword);
        in<QPushButton>(prompt, QStringLiteral("confirmButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible<QDialog>(QStringLiteral("passwordPrompt")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(h.connection->session().isActive(), 20000);
        QVERIFY(h.connection->vault()->isUnlocked());
        QCOMPARE(in<QLineEdit>(draft, QStringLiteral("apiKeyEdit"))->text(),
                 QStringLiteral("half-typed"));
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
    }

    void lockForgetsDialogsAndRows() {
        Harness h;
        QVERIFY(h.open());
        const Credential credential =
            h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        QSignalSpy lock(h.window.get(), &ui::MainWindow::lockRequested);
        h.select(credential.id);
        h.trigger(QStringLiteral("actionReveal"));
        QVERIFY(waitForVisible<QDialog>(QStringLiteral("revealKeyDialog")));
        h.trigger(QStringLiteral("actionLock"));
        QCOMPARE(lock.size(), 1);
        h.window->forgetSecrets();
        QTRY_VERIFY(!findVisible<QDialog>(QStringLiteral("revealKeyDialog")));
        QCOMPARE(h.rows(), 0);
    }

    // Every input of every dialog the main window opens has a name a screen reader can say
    // (its own accessibleName, or the label it is the buddy of).
    void everyInputHasAnAccessibleName() {
        Harness h;
        QVERIFY(h.open());
        h.fixture.preferences.setAskPasswordForLiveReveal(true);
        const Credential live = h.add(QStringLiteral("instasend"), QStringLiteral("live"), LiveKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        h.select(live.id);
        const QList<QPair<QString, QString>> dialogs = {
            {QStringLiteral("actionNew"), QStringLiteral("credentialDialog")},
            {QStringLiteral("actionEdit"), QStringLiteral("credentialDialog")},
            {QStringLiteral("actionReplaceKey"), QStringLiteral("replaceKeyDialog")},
            {QStringLiteral("actionVerifyKey"), QStringLiteral("verifyKeyDialog")},
            {QStringLiteral("actionReveal"), QStringLiteral("passwordPrompt")},
            {QStringLiteral("actionChangePassword"), QStringLiteral("changePasswordDialog")},
            {QStringLiteral("actionPreferences"), QStringLiteral("preferencesDialog")},
            {QStringLiteral("actionBackup"), QStringLiteral("backupDialog")},
            {QStringLiteral("actionRestore"), QStringLiteral("restoreDialog")},
        };
        for (const auto& [action, name] : dialogs) {
            h.trigger(action);
            auto* dialog = waitForVisible<QDialog>(name);
            QVERIFY2(dialog, qPrintable(name));
            QList<QWidget*> inputs;
            for (QWidget* widget : dialog->findChildren<QWidget*>()) {
                if (widget->isVisible() &&
                    (qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget) ||
                     qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QCheckBox*>(widget) ||
                     qobject_cast<QAbstractButton*>(widget)))
                    inputs << widget;
            }
            QVERIFY2(!inputs.isEmpty(), qPrintable(name));
            for (QWidget* input : inputs) {
                if (qobject_cast<QLineEdit*>(input) &&
                    qobject_cast<QAbstractSpinBox*>(input->parent()))
                    continue; // a spin box's own editor: the spin box is named
                if (qobject_cast<QComboBox*>(input->parent()))
                    continue; // an editable combo box's editor
                QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(input);
                QVERIFY(accessible);
                const QString spoken = accessible->text(QAccessible::Name);
                QVERIFY2(!spoken.trimmed().isEmpty(),
                         qPrintable(name + QLatin1Char('/') + input->objectName() +
                                    QLatin1Char(' ') +
                                    QLatin1String(input->metaObject()->className())));
            }
            dialog->reject();
            QTRY_VERIFY(!findVisible<QDialog>(name));
        }
    }

    void aRightClickOffersTheRowsActions() {
        Harness h;
        QVERIFY(h.open());
        h.add(QStringLiteral("kopokopo"), QStringLiteral("sandbox"), SandboxKey);
        h.show();
        QTRY_COMPARE_WITH_TIMEOUT(h.rows(), 1, 20000);
        QTableView* table = h.window->table();
        // A right click the way the window system delivers it: the press and release reach the
        // window, which turns them into a context menu event for the viewport under the mouse.
        const auto rightClick = [&](const QPoint& inViewport) {
            QTest::mouseClick(h.window->windowHandle(), Qt::RightButton, {},
                              table->viewport()->mapTo(h.window.get(), inViewport));
        };
        const QPoint onRow = table->visualRect(table->model()->index(0, 0)).center();
        rightClick(onRow);
        auto* menu = waitForVisible<QMenu>(QStringLiteral("credentialMenu"));
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(h.action(QStringLiteral("actionCopyKey"))));
        QVERIFY(menu->actions().contains(h.action(QStringLiteral("actionCheckWithProvider"))));
        QVERIFY(menu->actions().contains(h.action(QStringLiteral("actionDelete"))));
        menu->close();

        const QPoint belowRows(10, table->viewport()->height() - 5);
        rightClick(belowRows);
        menu = waitForVisible<QMenu>(QStringLiteral("tableMenu"));
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(h.action(QStringLiteral("actionNew"))));
        QVERIFY(!menu->actions().contains(h.action(QStringLiteral("actionDelete"))));
        menu->close();
    }

    void remembersItsLayout() {
        Harness h;
        QVERIFY(h.open());
        h.show();
        h.window->resize(700, 431);
        h.window->table()->horizontalHeader()->resizeSection(0, 211);
        h.window.reset();
        h.show();
        QCOMPARE(h.window->size(), QSize(700, 431));
        QCOMPARE(h.window->table()->horizontalHeader()->sectionSize(0), 211);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
