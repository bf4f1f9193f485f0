#pragma once

#include "core/client/apierror.h"
#include "core/client/usersclient.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;

namespace paycred::ui {

class SessionTableModel;

// SessionsDialog: the signed-in user's sessions (where, since when, last used; this one marked),
// with "End session" for the selected one and "Sign out everywhere". Every call is
// asynchronous; a failure is shown as a sentence in the dialog. Opened with open().
class SessionsDialog : public QDialog {
    Q_OBJECT
public:
    SessionsDialog(client::UsersClient& users, QWidget* parent);

    void reload();
    bool isBusy() const { return m_busy; }
    SessionTableModel* model() const { return m_model; }

signals:
    // The session this app calls with has ended (by "End session" on it, or everywhere):
    // the app signs out here too.
    void signedOut(const QString& message);

private:
    void endSelected();
    void signOutEverywhere();
    void setBusy(bool busy);
    void showError(const client::ApiError& error);
    void updateButtons();

    client::UsersClient& m_users;
    SessionTableModel* m_model;
    QTableView* m_table;
    QLabel* m_status;
    QPushButton* m_end;
    QPushButton* m_everywhere;
    bool m_busy = false;
};

} // namespace paycred::ui
