#pragma once

// What every suite of tests/ui shares: a throw-away settings file, a manual clock, cheap vaults
// (scrypt N = 2^10), synchronous set-up calls through the real client, and finding the real
// widgets by objectName. Dialogs in the app are opened with open(), never exec(), so a test finds
// them after the action that opened them and answers them itself: nothing ever blocks.

#include "core/client/credentialsclient.h"
#include "core/foundation/manualclock.h"
#include "ui/appcontext.h"
#include "ui/connection.h"
#include "ui/preferences.h"

#include "tests/support/otherapp.h"

#include <QApplication>
#include <QByteArray>
#include <QDialog>
#include <QList>
#include <QProcessEnvironment>
#include <QSettings>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <functional>
#include <memory>

class QTableView;

namespace paycred::ui {
class AdminWindow;
class MainWindow;
class PagedTableModel;
} // namespace paycred::ui

namespace paycred::uitest {

using Client = client::CredentialsClient;

// The password every fixture user gets (long enough for the vault's rules).
inline const QString OwnerPassword = QStringLiteral("correct horse battery staple");

// One per test function: fresh folder, settings and clock (2024-01-15T10:30:00Z).
class UiFixture {
public:
    UiFixture();
    ~UiFixture();

    QTemporaryDir dir;
    ManualClock clock;
    QSettings settings;
    ui::Preferences preferences;
    ui::AppContext context;

    QString path(const QString& name) const { return dir.filePath(name); }
    // Where the fixture's vault lives (also set as the preferences' vault path).
    QString vaultPath() const { return path(QStringLiteral("vault.paycred")); }

    // A vault created at vaultPath() (owner: a superuser) and logged in through its client.
    // Null, with a warning saying why, when either step fails: callers QVERIFY it.
    std::unique_ptr<ui::Connection> createVault(const QString& owner = QStringLiteral("owner"),
                                                const QString& password = OwnerPassword);
    // The vault at vaultPath(), opened and logged in.
    std::unique_ptr<ui::Connection> openVault(const QString& owner = QStringLiteral("owner"),
                                              const QString& password = OwnerPassword);
};

// Runs `call` with a callback and waits (processing events, up to `timeoutMs`) for its result.
template <typename T>
client::Result<T> await(const std::function<void(client::Callback<T>)>& call,
                        int timeoutMs = 20000) {
    std::optional<client::Result<T>> result;
    call([&result](client::Result<T> r) { result = std::move(r); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    if (!result) {
        client::Result<T> timedOut;
        timedOut.error = client::ApiError::make(client::ApiError::Kind::Timeout,
                                                QStringLiteral("the test waited in vain"));
        return timedOut;
    }
    return std::move(*result);
}

// Adds a credential through the client and waits; fails the test when it is refused.
client::Credential addCredential(Client& client, const QString& provider,
                                 const QString& environment = QStringLiteral("sandbox"),
                                 const QString& apiKey = QStringLiteral("api-key-0001"),
                                 const QString& privateKey = QStringLiteral("private-key-0001"));

// The visible widget of type T named `objectName`, among every top-level widget and its
// children (an open dialog), or null.
template <typename T> T* findVisible(const QString& objectName) {
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (!top->isVisible())
            continue;
        if (top->objectName() == objectName)
            if (auto* typed = qobject_cast<T*>(top))
                return typed;
        for (T* child : top->findChildren<T*>(objectName))
            if (child->isVisible())
                return child;
    }
    return nullptr;
}

// Waits until findVisible<T>(objectName) finds it.
template <typename T> T* waitForVisible(const QString& objectName, int timeoutMs = 10000) {
    T* found = nullptr;
    (void)QTest::qWaitFor([&] { return (found = findVisible<T>(objectName)) != nullptr; },
                          timeoutMs);
    return found;
}

// Child `objectName` of `parent`, or null.
template <typename T> T* child(const QObject* parent, const QString& objectName) {
    return parent ? parent->findChild<T*>(objectName) : nullptr;
}

// The server ids of a paged table's rows, top to bottom.
QList<qint64> ids(const ui::PagedTableModel& model);
// A click on the header of `column`, as a user's mouse gives it.
void clickHeader(QTableView* table, int column);

// Sets the process's time zone (TZ) while it lives, and puts it back when it goes.
class TimeZone {
public:
    explicit TimeZone(const char* zone);
    ~TimeZone();
    TimeZone(const TimeZone&) = delete;
    TimeZone& operator=(const TimeZone&) = delete;

private:
    QByteArray m_old;
    bool m_had;
};

// Waits until no request of `client` is in flight.
bool waitIdle(const Client& client, int timeoutMs = 20000);

using test::OtherApp;

// Fills the open new-user or reset-password dialog of the Users tab and saves it; `password`
// empty: a generated one. False when there is no dialog.
bool fillUserDialog(QDialog* dialog, const QString& username, const QString& password,
                    bool superuser = false);
// The generated password the Users tab shows once, read off its dialog, which is then closed;
// empty when it never showed.
QString takeShownPassword();

// This process's environment with a session bus that points at nothing (a socket in `runtime`
// that no one listens on) and no display: a child started with it finds no keychain.
QProcessEnvironment environmentWithoutKeychain(const QTemporaryDir& runtime);

// Opens the Administration window through the main window's action once it shows (the window
// asks first whether the user may) and waits until it has loaded; null when it never shows.
ui::AdminWindow* openAdministration(ui::MainWindow& window, const Client& client);

} // namespace paycred::uitest
