#pragma once

#include "tests/ui/uitestsupport.h"
#include "ui/desktopapp.h"

#include <QString>

class QAction;

namespace paycred::uitest {

// SignedIn: the whole app, signed in to a server through its real login window (server mode, the
// address, the username and password typed, Sign in clicked), for the suites that run against a
// real paycred-server.
struct SignedIn {
    UiFixture fixture;
    ui::DesktopApp app{fixture.context};

    // Waits until the main window shows and the first calls are answered.
    bool signIn(const QString& url, const QString& username, const QString& password);
    ui::MainWindow* window() const;
    QAction* administration() const;
    // The Administration window, opened through the main window's action.
    ui::AdminWindow* openAdmin();
    bool idle() const;
};

} // namespace paycred::uitest
