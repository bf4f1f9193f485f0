#include "ui/sessionsdialog.h"

#include "ui/sessiontablemodel.h"
#include "ui/windowfit.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace paycred::ui {

using Kind = client::ApiError::Kind;

SessionsDialog::SessionsDialog(client::UsersClient& users, QWidget* parent)
    : QDialog(parent)
    , m_users(users)
    , m_model(new SessionTableModel(this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_end(new QPushButton(tr("&End session"), this))
    , m_everywhere(new QPushButton(tr("Sign out &everywhere"), this)) {
    setObjectName(QStringLiteral("sessionsDialog"));
    WindowFit::apply(this, 96);
    setWindowTitle(tr("Sessions"));
    setAccessibleName(windowTitle());
    setModal(true);

    auto* intro = new QLabel(tr("Where you are signed in. End a session you do not recognise, or "
                                "sign out everywhere (this computer included)."),
                             this);
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("sessionTable"));
    m_table->setAccessibleName(tr("Sessions"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(SessionTableModel::Where,
                                                      QHeaderView::Stretch);
    // A date and time is read whole, never elided.
    for (const int column : {SessionTableModel::Since, SessionTableModel::LastUsed})
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_status->setObjectName(QStringLiteral("sessionsStatus"));
    m_status->setWordWrap(true);
    m_end->setObjectName(QStringLiteral("endSessionButton"));
    m_everywhere->setObjectName(QStringLiteral("signOutEverywhereButton"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    buttons->addButton(m_end, QDialogButtonBox::ActionRole);
    buttons->addButton(m_everywhere, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &SessionsDialog::reject);
    connect(m_end, &QPushButton::clicked, this, &SessionsDialog::endSelected);
    connect(m_everywhere, &QPushButton::clicked, this, &SessionsDialog::signOutEverywhere);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SessionsDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SessionsDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(640, 320);
    reload();
}

void SessionsDialog::setBusy(bool busy) {
    m_busy = busy;
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    updateButtons();
}

void SessionsDialog::updateButtons() {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    m_end->setEnabled(!m_busy && m_model->sessionAt(current.row()) &&
                      m_table->selectionModel()->hasSelection());
    m_everywhere->setEnabled(!m_busy && m_model->rowCount() > 0);
}

void SessionsDialog::showError(const client::ApiError& error) {
    if (error.kind == Kind::NotFound && !m_users.session().capabilities().sessions) {
        m_status->setText(tr("This server does not keep a list of sessions: there is nothing to "
                             "show or end here."));
        return;
    }
    m_status->setText(error.message.isEmpty()
                          ? tr("The sessions could not be read. Try again in a moment.")
                          : error.message);
}

void SessionsDialog::reload() {
    setBusy(true);
    m_status->setText(tr("Loading the sessions…"));
    const QPointer<SessionsDialog> self(this);
    m_users.sessions([self](client::Result<QList<client::AccountSession>> result) {
        if (!self)
            return;
        self->setBusy(false);
        if (!result.ok()) {
            self->m_model->setSessions({});
            self->showError(result.error);
            return;
        }
        self->m_model->setSessions(std::move(*result.value));
        self->m_status->setText(tr("%n session(s).", nullptr, self->m_model->rowCount()));
    });
}

void SessionsDialog::endSelected() {
    const client::AccountSession* session =
        m_model->sessionAt(m_table->selectionModel()->currentIndex().row());
    if (!session || m_busy)
        return;
    const bool current = session->current;
    setBusy(true);
    const QPointer<SessionsDialog> self(this);
    m_users.endSession(session->sid, [self, current](client::Result<QString> result) {
        if (!self)
            return;
        self->setBusy(false);
        if (!result.ok() && result.error.kind != Kind::NotFound) {
            self->showError(result.error);
            return;
        }
        if (current) {
            emit self->signedOut(tr("This session was ended. Sign in to go on."));
            self->accept();
            return;
        }
        // Ended now, or already gone: either way it is no longer in the list.
        self->reload();
        self->m_status->setText(tr("The session was ended: its app must sign in again."));
    });
}

void SessionsDialog::signOutEverywhere() {
    if (m_busy)
        return;
    setBusy(true);
    const QPointer<SessionsDialog> self(this);
    m_users.logoutAll([self](client::Result<int> result) {
        if (!self)
            return;
        self->setBusy(false);
        if (!result.ok()) {
            self->showError(result.error);
            return;
        }
        emit self->signedOut(
            tr("You were signed out everywhere (%n session(s)).", nullptr, *result.value));
        self->accept();
    });
}

} // namespace paycred::ui
