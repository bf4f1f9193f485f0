#include "tests/ui/signedin.h"

#include "ui/loginwindow.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace paycred::uitest {

bool SignedIn::signIn(const QString& url, const QString& username, const QString& password) {
    app.start();
    ui::LoginWindow* login = app.loginWindow();
    if (!QTest::qWaitForWindowExposed(login))
        return false;
    child<QRadioButton>(login, QStringLiteral("serverModeRadio"))->click();
    child<QComboBox>(login, QStringLiteral("serverCombo"))->setEditText(url);
    child<QLineEdit>(login, QStringLiteral("usernameEdit"))->setText(username);
    child<QLineEdit>(login, QStringLiteral("passwordEdit"))->setText(password);
    child<QPushButton>(login, QStringLiteral("loginButton"))->click();
    if (!QTest::qWaitFor([&] { return window() && window()->isVisible(); }, 20000))
        return false;
    return idle();
}

ui::MainWindow* SignedIn::window() const {
    return app.mainWindow();
}

QAction* SignedIn::administration() const {
    return window()->findChild<QAction*>(QStringLiteral("actionAdministration"));
}

ui::AdminWindow* SignedIn::openAdmin() {
    return openAdministration(*window(), app.connection()->client());
}

bool SignedIn::idle() const {
    return waitIdle(app.connection()->client());
}

} // namespace paycred::uitest
