// paycred-screenshots: renders the desktop app's windows and dialogs, over a throw-away demo vault,
// into the PNG files of docs/screenshots (run through scripts/screenshots). Everything that could
// make two runs differ is pinned — style, palette, font, locale, time zone, the clock and the
// temporary paths shown on screen — so a changed PNG means a changed UI. --language speaks
// Kiswahili or French, --font-scale enlarges the font (150: text scaled to 150 %), and --check
// makes every text shown with less room than it needs (clipping.h), and every window that had to
// be grown to fit its content, a failure: tests/ui runs it so in each language and at both sizes.
#include "app/screenshots/clipping.h"
#include "app/screenshots/demoprovider.h"
#include "core/client/apierror.h"
#include "core/client/credential.h"
#include "core/client/credentialsclient.h"
#include "core/client/usersclient.h"
#include "core/foundation/manualclock.h"
#include "core/service/providerchecksettings.h"
#include "ui/adminwindow.h"
#include "ui/appcontext.h"
#include "ui/certificatedialog.h"
#include "ui/clipboardguard.h"
#include "ui/connection.h"
#include "ui/credentialtablemodel.h"
#include "ui/language.h"
#include "ui/loginwindow.h"
#include "ui/mainwindow.h"
#include "ui/preferences.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QLoggingCategory>
#include <QPixmap>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>

using namespace paycred;
using Client = client::CredentialsClient;
using Credential = client::Credential;

namespace {

constexpr QLatin1String Owner("amina");
// A demo password for a demo vault that is deleted at exit; never printed.
constexpr QLatin1String OwnerPassword("demo vault password 2024");
// What the temporary folder is shown as: where the app keeps its vault by default.
constexpr QLatin1String ShownDataDir("~/.local/share");
const QSize WindowSize(900, 560);
const int WaitMs = 20000;

// Runs the event loop for a while, deleting what was deleteLater()'d (closed dialogs).
void spin(int msecs) {
    QEventLoop loop;
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

bool waitFor(const std::function<bool()>& done, int timeoutMs = WaitMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        spin(10);
    }
    return true;
}

// Layouts, deferred focus and repaints: what a screenshot taken at once would miss.
void settle() {
    spin(150);
}

template <typename T>
std::optional<client::Result<T>> await(const std::function<void(client::Callback<T>)>& call) {
    std::optional<client::Result<T>> result;
    call([&result](client::Result<T> r) { result = std::move(r); });
    (void)waitFor([&] { return result.has_value(); });
    return result;
}

// The visible top-level widget named `name`, or a visible child of one.
QWidget* findVisible(const QString& name) {
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (!top->isVisible())
            continue;
        if (top->objectName() == name)
            return top;
        for (QWidget* child : top->findChildren<QWidget*>(name))
            if (child->isVisible())
                return child;
    }
    return nullptr;
}

QWidget* waitForVisible(const QString& name, int timeoutMs = 10000) {
    QWidget* found = nullptr;
    (void)waitFor([&] { return (found = findVisible(name)) != nullptr; }, timeoutMs);
    return found;
}

// True when the image is (nearly) one colour: nothing was painted.
bool isBlank(const QImage& image) {
    if (image.isNull() || image.width() < 16 || image.height() < 16)
        return true;
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    return colours.size() < 4;
}

// The offscreen platform warns about every window it cannot hint a size to: noise here.
void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (message.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

void pinEnvironment() {
    // Dates on screen (the certificate's expiry, the table's timestamps) in one zone and language.
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

// The look, and the language: `language` a ui::Language code ("" English), `fontPercent` the
// font's size against the default 10 pt.
bool pinLook(QApplication& app, const QString& language, int fontPercent) {
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(english);
    if (!language.isEmpty() &&
        !ui::Language::install(app, ui::Language::localeFor(language, english)))
        return false;
    QApplication::setStyle(QStringLiteral("Fusion"));
    QApplication::setPalette(QApplication::style()->standardPalette());
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(10.0 * fontPercent / 100.0);
    font.setStyleHint(QFont::SansSerif);
    QApplication::setFont(font);
    return true;
}

// The demo: a vault owned by "amina", her credentials, and the app's context over it.
class Demo {
public:
    Demo()
        : clock(QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC))
        , settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
        , preferences(settings)
        , context{preferences, clock, cheapOptions(), QStringLiteral("PayCredScreenshots")} {
        QDir(dir.path()).mkpath(QStringLiteral("PayCred"));
        preferences.setVaultPath(vaultPath());
        preferences.setLastUsername(Owner);
    }

    QTemporaryDir dir;
    ManualClock clock;
    QSettings settings;
    ui::Preferences preferences;
    ui::AppContext context;
    std::unique_ptr<ui::Connection> connection;
    Credential sandbox;
    Credential live;
    bool checksGoSomewhere = false;
    QString providerError; // why not, when they go nowhere

    QString vaultPath() const { return dir.filePath(QStringLiteral("PayCred/vault.paycred")); }

    // The demo's checks go to `provider` (its KopoKopo sandbox, its InstaSend live), or nowhere
    // when it did not start: the tool never asks a real provider. Before create().
    void checkWith(const DemoProvider* provider) {
        service::ProviderCheckSettings& checks = context.vaultOptions.settings.providerChecks;
        checks.enabled = provider != nullptr;
        checks.disabledReason = QStringLiteral("the screenshots call no provider");
        checksGoSomewhere = provider != nullptr;
        if (!provider)
            return;
        for (const char* key : {"kopokopo/sandbox", "instasend/live"})
            checks.baseUrls.insert(QLatin1String(key), provider->baseUrl());
        checks.extraCaCertificates = {provider->certificate()};
    }
    QString missingVaultPath() const { return dir.filePath(QStringLiteral("PayCred/new.paycred")); }

    // An empty string on success, otherwise what failed.
    QString create() {
        connection = ui::Connection::toVault(clock, context.vaultOptions);
        std::optional<vault::VaultStatus> status;
        connection->createVault(vaultPath(), Owner, OwnerPassword,
                                [&status](vault::VaultStatus s) { status = std::move(s); });
        (void)waitFor([&] { return status.has_value(); });
        if (!status || !status->ok())
            return QStringLiteral("creating the vault: ") +
                   (status ? status->message : QStringLiteral("timed out"));
        const auto login =
            await<client::Session::Identity>([&](client::Callback<client::Session::Identity> done) {
                connection->session().login(Owner, OwnerPassword, std::move(done));
            });
        if (!login || !login->ok())
            return QStringLiteral("signing in: ") + errorOf(login);
        return addCredentials();
    }

    Client& client() const { return connection->client(); }

    template <typename T> static QString errorOf(const std::optional<client::Result<T>>& result) {
        return result ? result->error.message : QStringLiteral("timed out");
    }

private:
    static vault::VaultOptions cheapOptions() {
        vault::VaultOptions options;
        options.scrypt = {1u << 10, 8, 1}; // a demo vault: fast keys, not strong ones
        options.settings.accessLifetimeSecs = 60 * 60;
        options.idleLockSecs = 0;
        return options;
    }

    // One credential per provider per user (API.md): KopoKopo in the sandbox, InstaSend live and
    // deactivated, so the table shows both environments and both states.
    QString addCredentials() {
        const auto add = [this](Client::NewCredential credential, Credential& into) -> QString {
            const auto result = await<Credential>([&](client::Callback<Credential> done) {
                client().createCredential(std::move(credential), std::move(done));
            });
            if (!result || !result->ok())
                return QStringLiteral("adding a credential: ") + errorOf(result);
            into = *result->value;
            return {};
        };
        QString error = add(
            {QStringLiteral("kopokopo"), QStringLiteral("kk_sandbox_3f9a1c7e52"),
             QStringLiteral("kk-sandbox-secret-7d41e0b9c2a5f3086e1b94d7c0a25e8f6b3d9014c7a2e5f8"),
             QStringLiteral("sandbox")},
            sandbox);
        if (error.isEmpty())
            error = add({QStringLiteral("instasend"), QStringLiteral("ISPubKey_live_5b8e2d9a41"),
                         QStringLiteral("ISSecretKey_live_c04f7a19e3b6"), QStringLiteral("live")},
                        live);
        if (!error.isEmpty())
            return error;
        const auto toggled = await<Credential>([&](client::Callback<Credential> done) {
            client().toggleStatus(live.id, std::move(done));
        });
        if (!toggled || !toggled->ok())
            return QStringLiteral("deactivating a credential: ") + errorOf(toggled);
        live = *toggled->value;
        return {};
    }
};

// Writes the PNGs and keeps the list of what could not be shot.
class Shooter {
public:
    Shooter(const QDir& out, const QString& tempRoot, bool check)
        : m_out(out)
        , m_tempRoot(tempRoot)
        , m_check(check) {}

    void save(QWidget* widget, const QString& file) {
        tidyPaths(widget);
        settle();
        fitToContent(widget, file);
        if (m_check) {
            for (const QString& text : clippedTexts(widget))
                fail(file, QStringLiteral("clipped: ") + text);
        }
        const QImage image = widget->grab().toImage();
        if (isBlank(image))
            return fail(file, QStringLiteral("the picture came out blank"));
        const QString path = m_out.filePath(file);
        if (!image.save(path, "PNG"))
            return fail(file, QStringLiteral("could not write ") + path);
        std::printf("wrote %s (%dx%d)\n", qPrintable(QDir::current().relativeFilePath(path)),
                    image.width(), image.height());
        std::fflush(stdout);
        ++m_written;
    }

    void fail(const QString& file, const QString& why) {
        m_failures << file + QStringLiteral(": ") + why;
        std::fprintf(stderr, "MISSING %s: %s\n", qPrintable(file), qPrintable(why));
        std::fflush(stderr);
    }

    void warn(const QString& file, const QString& what) {
        std::fprintf(stderr, "note: %s: %s\n", qPrintable(file), qPrintable(what));
    }

    int written() const { return m_written; }
    const QStringList& failures() const { return m_failures; }

private:
    // Grows a window that is smaller than its content needs (wrapped text that appeared after it
    // was opened): a clipped picture helps nobody. Said on stderr, as the window should do it.
    void fitToContent(QWidget* widget, const QString& file) {
        if (widget->minimumSize() == widget->maximumSize())
            return; // it sized itself, and keeps that size (a QMessageBox)
        // What the content needs at the width it has: wrapped text needs its lines at that
        // width (heightForWidth), not at the size hint's.
        const int width = std::max(widget->width(), widget->minimumSizeHint().width());
        const int needs = widget->hasHeightForWidth() ? widget->heightForWidth(width)
                                                      : widget->sizeHint().height();
        const int height = std::max(widget->height(), needs);
        const QSize needed(width, height);
        if (needed == widget->size())
            return;
        const QString grew =
            QStringLiteral("grew the window from %1x%2 to %3x%4 to fit its content")
                .arg(widget->width())
                .arg(widget->height())
                .arg(width)
                .arg(height);
        if (m_check)
            fail(file, grew);
        else
            warn(file, grew);
        widget->resize(needed);
        settle();
    }

    // The demo lives in a temporary folder: show it where the app keeps a vault by default, and
    // the home folder as "~", so the pictures do not change from one run or machine to the next.
    void tidyPaths(QWidget* widget) const {
        const auto tidy = [this](QString text) {
            text.replace(m_tempRoot, ShownDataDir);
            text.replace(QDir::homePath() + QLatin1Char('/'), QStringLiteral("~/"));
            return text;
        };
        for (QLabel* label : widget->findChildren<QLabel*>())
            if (label->text().contains(QLatin1Char('/')))
                label->setText(tidy(label->text()));
        for (QLineEdit* edit : widget->findChildren<QLineEdit*>())
            if (edit->echoMode() == QLineEdit::Normal && edit->text().contains(QLatin1Char('/'))) {
                edit->setText(tidy(edit->text()));
                edit->setCursorPosition(0);
            }
    }

    QDir m_out;
    QString m_tempRoot;
    bool m_check;
    QStringList m_failures;
    int m_written = 0;
};

template <typename T> T* childOf(QWidget* parent, const QString& name) {
    return parent ? parent->findChild<T*>(name) : nullptr;
}

void typeInto(QWidget* parent, const QString& name, const QString& text) {
    if (auto* edit = childOf<QLineEdit>(parent, name))
        edit->setText(text);
}

void chooseData(QWidget* parent, const QString& comboName, const QString& data) {
    auto* combo = childOf<QComboBox>(parent, comboName);
    if (combo && combo->findData(data) >= 0)
        combo->setCurrentIndex(combo->findData(data));
}

void closeWindow(QWidget* window) {
    if (auto* dialog = qobject_cast<QDialog*>(window))
        dialog->reject();
    else
        window->close();
}

std::unique_ptr<ui::LoginWindow> showLogin(Demo& demo) {
    auto window = std::make_unique<ui::LoginWindow>(demo.context);
    window->resize(WindowSize.width() * 6 / 10, window->sizeHint().height());
    window->show();
    settle();
    return window;
}

void shootLoginVault(Demo& demo, Shooter& shooter) {
    const auto window = showLogin(demo);
    auto* page = childOf<QWidget>(window.get(), QStringLiteral("signInPage"));
    if (!page || !page->isVisible())
        return shooter.fail(QStringLiteral("login-vault.png"), QStringLiteral("no signInPage"));
    typeInto(window.get(), QStringLiteral("passwordEdit"), OwnerPassword);
    shooter.save(window.get(), QStringLiteral("login-vault.png"));
    window->reset();
}

void shootLoginCreate(Demo& demo, Shooter& shooter) {
    demo.preferences.setVaultPath(demo.missingVaultPath());
    const auto window = showLogin(demo);
    demo.preferences.setVaultPath(demo.vaultPath());
    auto* page = childOf<QWidget>(window.get(), QStringLiteral("createVaultPage"));
    if (!page || !page->isVisible())
        return shooter.fail(QStringLiteral("login-create-vault.png"),
                            QStringLiteral("no createVaultPage on the first run"));
    typeInto(window.get(), QStringLiteral("ownerEdit"), Owner);
    typeInto(window.get(), QStringLiteral("newPasswordEdit"), OwnerPassword);
    typeInto(window.get(), QStringLiteral("confirmPasswordEdit"), OwnerPassword);
    shooter.save(window.get(), QStringLiteral("login-create-vault.png"));
    window->reset();
}

void shootLoginServer(Demo& demo, Shooter& shooter) {
    const QString file = QStringLiteral("login-server.png");
    const auto window = showLogin(demo);
    auto* radio = childOf<QAbstractButton>(window.get(), QStringLiteral("serverModeRadio"));
    if (!radio)
        return shooter.fail(file, QStringLiteral("no serverModeRadio"));
    radio->click();
    settle();
    // Nothing listens on the discard port: the sign-in fails at once, and says why.
    if (auto* combo = childOf<QComboBox>(window.get(), QStringLiteral("serverCombo")))
        combo->setEditText(QStringLiteral("https://127.0.0.1:9"));
    typeInto(window.get(), QStringLiteral("usernameEdit"), Owner);
    typeInto(window.get(), QStringLiteral("passwordEdit"), OwnerPassword);
    auto* login = childOf<QAbstractButton>(window.get(), QStringLiteral("loginButton"));
    auto* error = childOf<QLabel>(window.get(), QStringLiteral("errorLabel"));
    if (login && error) {
        login->click();
        if (!waitFor([&] { return !error->text().isEmpty() && !window->isBusy(); }, 15000))
            shooter.warn(file, QStringLiteral("no error was shown; shot without one"));
    } else {
        shooter.warn(file, QStringLiteral("no loginButton or errorLabel; shot without an error"));
    }
    shooter.save(window.get(), file);
    window->reset();
    demo.preferences.setLastMode(ui::Preferences::Mode::Vault);
}

void shootCertificate(Shooter& shooter) {
    client::ApiError tls = client::ApiError::make(
        client::ApiError::Kind::Tls, QStringLiteral("The server's certificate is not trusted."));
    tls.certificateSubject = QStringLiteral("CN=pay.internal.example.com, O=Example Ltd");
    tls.certificateIssuer = QStringLiteral("CN=Example Ltd Internal CA, O=Example Ltd");
    tls.certificateExpiry = QStringLiteral("2026-03-31T23:59:59Z");
    tls.certificateSha256 =
        QByteArrayLiteral("3f7a9c1e5b2d8046a1c3e5f7092b4d6f8a0c2e4f6183a5c7e9b1d3f5072c4e6a");
    ui::CertificateDialog dialog(tls, QStringLiteral("https://pay.internal.example.com"), false);
    dialog.show();
    settle();
    shooter.save(&dialog, QStringLiteral("certificate.png"));
    dialog.reject();
}

// The main window over the demo vault, and every dialog its actions open.
class MainWindowShots {
public:
    MainWindowShots(Demo& demo, Shooter& shooter)
        : m_demo(demo)
        , m_shooter(shooter)
        , m_clipboard(demo.clock) {}

    void run() {
        if (!openWindow())
            return;
        shootMainWindow();
        shootDialogs();
        shootAdministration();
        shootChecks();
    }

private:
    bool openWindow() {
        m_window =
            std::make_unique<ui::MainWindow>(m_demo.context, *m_demo.connection, m_clipboard);
        m_window->resize(WindowSize);
        m_window->show();
        if (!waitFor([this] { return m_window->table()->model()->rowCount() == 2; })) {
            m_shooter.fail(QStringLiteral("main-window.png"),
                           QStringLiteral("the table never listed the demo credentials"));
            return false;
        }
        waitIdle();
        return true;
    }

    void waitIdle() {
        (void)waitFor([this] { return !m_demo.connection->session().isBusy(); });
        settle();
    }

    bool select(qint64 id) {
        QAbstractItemModel* proxy = m_window->table()->model();
        for (int row = 0; row < proxy->rowCount(); ++row) {
            const QModelIndex index = proxy->index(row, 0);
            if (index.data(ui::CredentialTableModel::IdRole).toLongLong() != id)
                continue;
            m_window->table()->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return true;
        }
        return false;
    }

    // Triggers `actionName`; an empty string when it ran, otherwise why not.
    QString trigger(const QString& actionName) {
        auto* action = m_window->findChild<QAction*>(actionName);
        if (!action)
            return QStringLiteral("no action ") + actionName;
        if (!action->isEnabled())
            return actionName + QStringLiteral(" is disabled");
        action->trigger();
        return {};
    }

    void shootMainWindow() {
        const QString file = QStringLiteral("main-window.png");
        select(m_demo.sandbox.id);
        const QString error = trigger(QStringLiteral("actionCopyKey"));
        auto* countdown = m_window->findChild<QLabel*>(QStringLiteral("clipboardLabel"));
        if (!error.isEmpty())
            m_shooter.warn(file, error + QStringLiteral("; shot without a copied key"));
        else if (!waitFor([&] { return countdown && countdown->isVisible(); }, 10000))
            m_shooter.warn(file, QStringLiteral("the clipboard countdown did not show"));
        waitIdle();
        m_shooter.save(m_window.get(), file);
    }

    struct Shot {
        QString file;
        QString action;
        QString dialog;
        const Credential* row = nullptr;
        std::function<void(QWidget*)> prepare = {};
    };

    void shootDialogs() {
        const Credential* sandbox = &m_demo.sandbox;
        const Credential* live = &m_demo.live;
        const QList<Shot> shots = {
            {QStringLiteral("credential-new.png"), QStringLiteral("actionNew"),
             QStringLiteral("credentialDialog"), nullptr,
             [](QWidget* dialog) {
                 chooseData(dialog, QStringLiteral("providerCombo"), QStringLiteral("kopokopo"));
                 chooseData(dialog, QStringLiteral("environmentCombo"), QStringLiteral("live"));
                 typeInto(dialog, QStringLiteral("apiKeyEdit"),
                          QStringLiteral("kk_live_8e21c4a9f0"));
                 typeInto(dialog, QStringLiteral("privateKeyEdit"),
                          QStringLiteral("kk-live-private-5a0d93e7b1"));
             }},
            // IntaSend keys whose own text says live, with Sandbox chosen: the dialog warns.
            {QStringLiteral("credential-environment-warning.png"), QStringLiteral("actionNew"),
             QStringLiteral("credentialDialog"), nullptr,
             [](QWidget* dialog) {
                 chooseData(dialog, QStringLiteral("providerCombo"), QStringLiteral("instasend"));
                 chooseData(dialog, QStringLiteral("environmentCombo"), QStringLiteral("sandbox"));
                 typeInto(dialog, QStringLiteral("apiKeyEdit"),
                          QStringLiteral("ISPubKey_live_7c2e9f04b1"));
                 typeInto(dialog, QStringLiteral("privateKeyEdit"),
                          QStringLiteral("ISSecretKey_live_3a81d6e5f2"));
             }},
            {QStringLiteral("credential-edit.png"), QStringLiteral("actionEdit"),
             QStringLiteral("credentialDialog"), sandbox},
            {QStringLiteral("replace-key.png"), QStringLiteral("actionReplaceKey"),
             QStringLiteral("replaceKeyDialog"), sandbox},
            {QStringLiteral("verify-key.png"), QStringLiteral("actionVerifyKey"),
             QStringLiteral("verifyKeyDialog"), sandbox,
             [this](QWidget* dialog) { verifyWrongKey(dialog); }},
            {QStringLiteral("reveal-key.png"), QStringLiteral("actionReveal"),
             QStringLiteral("revealKeyDialog"), sandbox,
             [](QWidget* dialog) {
                 if (auto* show = childOf<QAbstractButton>(dialog, QStringLiteral("showKeyButton")))
                     show->click(); // the key as shown: whole, with its countdown
             }},
            {QStringLiteral("password-prompt.png"), QStringLiteral("actionReveal"),
             QStringLiteral("passwordPrompt"), live},
            {QStringLiteral("delete-confirm.png"), QStringLiteral("actionDelete"),
             QStringLiteral("confirmDeleteBox"), sandbox},
            {QStringLiteral("change-password.png"), QStringLiteral("actionChangePassword"),
             QStringLiteral("changePasswordDialog")},
            {QStringLiteral("preferences.png"), QStringLiteral("actionPreferences"),
             QStringLiteral("preferencesDialog")},
            {QStringLiteral("backup.png"), QStringLiteral("actionBackup"),
             QStringLiteral("backupDialog"), nullptr,
             [this](QWidget* dialog) { pinBackupDate(dialog); }},
            {QStringLiteral("restore.png"), QStringLiteral("actionRestore"),
             QStringLiteral("restoreDialog")},
            {QStringLiteral("shortcuts.png"), QStringLiteral("actionShortcuts"),
             QStringLiteral("shortcutsBox")},
            {QStringLiteral("sessions.png"), QStringLiteral("actionSessions"),
             QStringLiteral("sessionsDialog")},
        };
        for (const Shot& shot : shots)
            shootDialog(shot);
    }

    void shootDialog(const Shot& shot) {
        if (shot.row && !select(shot.row->id))
            return m_shooter.fail(shot.file, QStringLiteral("no table row for the credential"));
        const QString error = trigger(shot.action);
        if (!error.isEmpty())
            return m_shooter.fail(shot.file, error);
        QWidget* dialog = waitForVisible(shot.dialog);
        if (!dialog) {
            closeStrayDialogs();
            return m_shooter.fail(shot.file, shot.action + QStringLiteral(" opened no visible ") +
                                                 shot.dialog);
        }
        const QPointer<QWidget> guard(dialog);
        if (shot.prepare)
            shot.prepare(dialog);
        waitIdle();
        if (!guard)
            return m_shooter.fail(shot.file, shot.dialog + QStringLiteral(" closed by itself"));
        m_shooter.save(dialog, shot.file);
        closeWindow(dialog);
        (void)waitFor([&] { return !guard || !guard->isVisible(); }, 5000);
        waitIdle();
    }

    // A dialog under another name (work in progress) must not stay open under the next shots.
    void closeStrayDialogs() {
        for (QDialog* dialog : m_window->findChildren<QDialog*>())
            if (dialog->isVisible())
                dialog->reject();
        waitIdle();
    }

    // The suggested file name carries today's date (the wall clock's): show the demo's instead.
    void pinBackupDate(QWidget* dialog) {
        auto* edit = childOf<QLineEdit>(dialog, QStringLiteral("backupPathEdit"));
        if (!edit)
            return;
        const QString format = QStringLiteral("yyyy-MM-dd");
        edit->setText(edit->text().replace(QDate::currentDate().toString(format),
                                           m_demo.clock.now().date().toString(format)));
    }

    void verifyWrongKey(QWidget* dialog) {
        typeInto(dialog, QStringLiteral("privateKeyEdit"),
                 QStringLiteral("kk-sandbox-not-the-key"));
        auto* verify = childOf<QAbstractButton>(dialog, QStringLiteral("verifyButton"));
        auto* result = childOf<QLabel>(dialog, QStringLiteral("resultLabel"));
        if (!verify || !result)
            return m_shooter.warn(QStringLiteral("verify-key.png"),
                                  QStringLiteral("no verifyButton or resultLabel"));
        verify->click();
        if (!waitFor([&] { return !result->text().isEmpty(); }))
            m_shooter.warn(QStringLiteral("verify-key.png"), QStringLiteral("no result shown"));
    }

    // The Administration window, one picture per tab ("usersTab" → admin-users.png), over a
    // few more users; the audit trail holds what the shots above did.
    void shootAdministration() {
        const QString missing = addTeam();
        if (!missing.isEmpty())
            m_shooter.warn(QStringLiteral("admin-users.png"), missing);
        auto* action = m_window->findChild<QAction*>(QStringLiteral("actionAdministration"));
        if (!action || !waitFor([&] { return action->isVisible(); }))
            return m_shooter.fail(QStringLiteral("admin-overview.png"),
                                  QStringLiteral("actionAdministration never showed"));
        action->trigger();
        auto* admin = qobject_cast<ui::AdminWindow*>(waitForVisible(QStringLiteral("adminWindow")));
        if (!admin)
            return m_shooter.fail(QStringLiteral("admin-overview.png"),
                                  QStringLiteral("no adminWindow opened"));
        admin->resize(WindowSize + QSize(160, 80));
        for (int i = 0; i < admin->tabs()->count(); ++i) {
            admin->tabs()->setCurrentIndex(i);
            waitIdle();
            m_shooter.save(admin, shotName(admin->tabs()->widget(i)->objectName()));
        }
        shootNewUser(admin);
        admin->close();
        waitIdle();
    }

    // The Users tab's New User dialog, then the password it generated, shown once.
    void shootNewUser(ui::AdminWindow* admin) {
        const QString file = QStringLiteral("admin-new-user.png");
        auto* users = admin->findChild<QWidget*>(QStringLiteral("usersTab"));
        auto* create = admin->findChild<QAction*>(QStringLiteral("actionCreateUser"));
        if (!users || !create)
            return m_shooter.fail(file, QStringLiteral("no usersTab or actionCreateUser"));
        admin->tabs()->setCurrentWidget(users);
        waitIdle();
        create->trigger();
        QWidget* dialog = waitForVisible(QStringLiteral("newUserDialog"));
        if (!dialog)
            return m_shooter.fail(file, QStringLiteral("actionCreateUser opened no newUserDialog"));
        typeInto(dialog, QStringLiteral("newUsernameEdit"), QStringLiteral("achieng"));
        if (auto* generate =
                childOf<QAbstractButton>(dialog, QStringLiteral("generatePasswordRadio")))
            generate->click();
        waitIdle();
        m_shooter.save(dialog, file);
        auto* save = childOf<QAbstractButton>(dialog, QStringLiteral("saveUserButton"));
        if (!save)
            return m_shooter.fail(QStringLiteral("admin-generated-password.png"),
                                  QStringLiteral("no saveUserButton"));
        save->click();
        QWidget* shown = waitForVisible(QStringLiteral("generatedPasswordDialog"));
        if (!shown)
            return m_shooter.fail(QStringLiteral("admin-generated-password.png"),
                                  QStringLiteral("no generatedPasswordDialog after saving"));
        // A new password each run: the demo's own instead, so the picture stays the same.
        typeInto(shown, QStringLiteral("generatedPasswordEdit"),
                 QStringLiteral("tuning-maize-ribbon-42-harbour"));
        m_shooter.save(shown, QStringLiteral("admin-generated-password.png"));
        closeWindow(shown);
        waitIdle();
    }

    // The main window with the line a check leaves: KopoKopo accepts the sandbox keys, IntaSend
    // refuses the live ones (DemoProvider). Last, so the audit shots above stay as they were.
    void shootChecks() {
        shootCheck(m_demo.sandbox, QStringLiteral("check-valid.png"));
        shootCheck(m_demo.live, QStringLiteral("check-rejected.png"));
    }

    void shootCheck(const Credential& credential, const QString& file) {
        if (!m_demo.checksGoSomewhere)
            return m_shooter.fail(file, m_demo.providerError);
        if (!select(credential.id))
            return m_shooter.fail(file, QStringLiteral("no table row for the credential"));
        const QString error = trigger(QStringLiteral("actionCheckWithProvider"));
        if (!error.isEmpty())
            return m_shooter.fail(file, error);
        if (!waitFor([&] { return m_window->model().lastCheck(credential.id).has_value(); }))
            return m_shooter.fail(file, QStringLiteral("the check never answered"));
        waitIdle();
        m_shooter.save(m_window.get(), file);
    }

    // "allCredentialsTab" → "admin-all-credentials.png".
    static QString shotName(QString objectName) {
        objectName.remove(QRegularExpression(QStringLiteral("Tab$")));
        QString file = QStringLiteral("admin-");
        for (const QChar c : std::as_const(objectName))
            file += c.isUpper() ? QStringLiteral("-") + c.toLower() : QString(c);
        return file + QStringLiteral(".png");
    }

    // The team beside the owner; an empty string when all of them were made.
    QString addTeam() {
        client::UsersClient users(m_demo.connection->session());
        const struct {
            const char* name;
            bool superuser;
        } team[] = {{"baraka", false}, {"wanjiru", true}, {"otieno", false}};
        for (const auto& member : team) {
            const auto made =
                await<client::AdminUser>([&](client::Callback<client::AdminUser> done) {
                    users.create(QLatin1String(member.name),
                                 QStringLiteral("demo team password 2024"), member.superuser,
                                 std::move(done));
                });
            if (!made || !made->ok())
                return QStringLiteral("creating %1: %2")
                    .arg(QLatin1String(member.name), Demo::errorOf(made));
        }
        return {};
    }

    Demo& m_demo;
    Shooter& m_shooter;
    ui::ClipboardGuard m_clipboard;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace

int main(int argc, char* argv[]) {
    pinEnvironment();
    qInstallMessageHandler(quietHandler);
    // The client's and the vault's request log: one line per call, of no use here.
    QLoggingCategory::setFilterRules(QStringLiteral("paycred.*.debug=false\npaycred.*.info=false"));
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("paycred-screenshots"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Renders PayCred's windows and dialogs over a demo vault into PNG files."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("output"),
        QStringLiteral("Folder for the PNGs (default: docs/screenshots)."));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            QStringLiteral("Speak sw (Kiswahili) or fr (French)."),
                                            QStringLiteral("code"));
    const QCommandLineOption fontOption(QStringLiteral("font-scale"),
                                        QStringLiteral("The font at PERCENT of 10 pt (100)."),
                                        QStringLiteral("percent"), QStringLiteral("100"));
    const QCommandLineOption checkOption(
        QStringLiteral("check"),
        QStringLiteral("Fail on any text shown clipped, and on a window grown to fit."));
    parser.addOptions({languageOption, fontOption, checkOption});
    parser.process(app);
    const QString language = parser.value(languageOption);
    bool fontOk = false;
    const int fontPercent = parser.value(fontOption).toInt(&fontOk);
    if (!fontOk || fontPercent < 50 || fontPercent > 300 ||
        (!language.isEmpty() && !ui::Language::isKnown(language))) {
        std::fprintf(stderr, "--language takes sw, fr or en; --font-scale 50 to 300\n");
        return 2;
    }
    const QStringList args = parser.positionalArguments();
    const QDir out(args.isEmpty() ? QStringLiteral("docs/screenshots") : args.first());
    if (!out.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(out.path()));
        return 2;
    }
    if (!pinLook(app, language, fontPercent)) {
        std::fprintf(stderr, "no catalogue for %s in this build\n", qPrintable(language));
        return 2;
    }

    QElapsedTimer timer;
    timer.start();
    Demo demo;
    if (!demo.dir.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 2;
    }
    DemoProvider provider;
    const bool providerStarted = provider.start(demo.dir.path());
    if (!providerStarted)
        demo.providerError =
            QStringLiteral("the demo provider did not start: ") + provider.errorString();
    demo.checkWith(providerStarted ? &provider : nullptr);
    const QString error = demo.create();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "the demo vault failed: %s\n", qPrintable(error));
        return 2;
    }

    Shooter shooter(out, demo.dir.path(), parser.isSet(checkOption));
    shootLoginVault(demo, shooter);
    shootLoginCreate(demo, shooter);
    shootLoginServer(demo, shooter);
    MainWindowShots(demo, shooter).run();
    shootCertificate(shooter);

    std::printf("%d screenshots in %s (%.1f s)\n", shooter.written(), qPrintable(out.path()),
                static_cast<double>(timer.elapsed()) / 1000.0);
    if (shooter.failures().isEmpty())
        return 0;
    std::fprintf(stderr, "%lld missing:\n", static_cast<long long>(shooter.failures().size()));
    for (const QString& failure : shooter.failures())
        std::fprintf(stderr, "  %s\n", qPrintable(failure));
    return 1;
}
