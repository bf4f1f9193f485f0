#include "ui/userstab.h"
#include "ui/placeholder.h"

#include "core/client/session.h"
#include "ui/appcontext.h"
#include "ui/clipboardguard.h"
#include "ui/confirmationbox.h"
#include "ui/generatedpassworddialog.h"
#include "ui/pagedtableview.h"
#include "ui/preferences.h"
#include "ui/tableheader.h"
#include "ui/userdialog.h"
#include "ui/usersmodel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace paycred::ui {

namespace {

QComboBox* yesNoFilter(const QString& objectName, const QString& accessibleName, const QString& any,
                       const QString& yes, const QString& no, QWidget* parent) {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setAccessibleName(accessibleName);
    combo->addItem(any, QString());
    combo->addItem(yes, QStringLiteral("true"));
    combo->addItem(no, QStringLiteral("false"));
    return combo;
}

} // namespace

UsersTab::UsersTab(client::Session& session, AppContext& context, QWidget* parent)
    : AdminTab(parent)
    , m_context(context)
    , m_users(new client::UsersClient(session, this))
    , m_clipboard(std::make_unique<ClipboardGuard>(context.clock))
    , m_model(new UsersModel(*m_users, this)) {
    setObjectName(QStringLiteral("usersTab"));

    m_create = addTabAction(QStringLiteral("actionCreateUser"), tr("&New User…"),
                            QStringLiteral("add"), QKeySequence(Qt::CTRL | Qt::Key_N));
    m_reset = addTabAction(QStringLiteral("actionResetPassword"), tr("&Reset Password…"),
                           QStringLiteral("password"), QKeySequence(Qt::CTRL | Qt::Key_R));
    m_toggleActive = addTabAction(QStringLiteral("actionToggleUserActive"), tr("Deac&tivate"),
                                  QStringLiteral("deactivate"), QKeySequence(Qt::CTRL | Qt::Key_T));
    m_toggleSuperuser =
        addTabAction(QStringLiteral("actionToggleSuperuser"), tr("&Promote to Superuser"),
                     QStringLiteral("verify"), QKeySequence(Qt::CTRL | Qt::Key_P));
    m_unlock = addTabAction(QStringLiteral("actionUnlockUser"), tr("&Unlock"),
                            QStringLiteral("lock"), QKeySequence(Qt::CTRL | Qt::Key_U));
    m_delete = addTabAction(QStringLiteral("actionDeleteUser"), tr("&Delete User…"),
                            QStringLiteral("delete"), QKeySequence(Qt::Key_Delete));
    connect(m_create, &QAction::triggered, this, &UsersTab::openCreate);
    connect(m_reset, &QAction::triggered, this, &UsersTab::openReset);
    connect(m_toggleActive, &QAction::triggered, this, &UsersTab::toggleActive);
    connect(m_toggleSuperuser, &QAction::triggered, this, &UsersTab::toggleSuperuser);
    connect(m_unlock, &QAction::triggered, this, &UsersTab::unlock);
    connect(m_delete, &QAction::triggered, this, &UsersTab::confirmDelete);

    auto* tools = new QToolBar(this);
    tools->setObjectName(QStringLiteral("usersTools"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(m_create);
    tools->addSeparator();
    tools->addActions({m_reset, m_toggleActive, m_toggleSuperuser, m_unlock, m_delete});

    m_table = new PagedTableView(QStringLiteral("usersTable"), tr("Every user"), this);
    m_table->setPagedModel(m_model);
    m_table->horizontalHeader()->resizeSection(UsersModel::UsernameColumn, 160);
    // A date and time in full, as the Audit log's time column shows them.
    for (const int column : {UsersModel::JoinedColumn, UsersModel::LastLoginColumn})
        m_table->horizontalHeader()->resizeSection(column, 140);
    TableHeader::fit(m_table);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_reset, m_toggleActive, m_toggleSuperuser, m_unlock, m_delete});
    connect(m_table, &PagedTableView::currentChanged, this, &UsersTab::updateActions);
    connect(m_model, &PagedTableModel::totalCountChanged, this, &UsersTab::updateCount);
    connect(m_model, &PagedTableModel::loadingChanged, this, &UsersTab::updateCount);
    connect(m_model, &PagedTableModel::loadFailed, this, &AdminTab::failed);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("usersCount"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createFilters());
    layout->addWidget(tools);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);
    updateActions();
}

UsersTab::~UsersTab() = default;

QWidget* UsersTab::createFilters() {
    auto* filters = new QWidget(this);
    filters->setObjectName(QStringLiteral("usersFilters"));

    m_search = new QLineEdit(filters);
    m_search->setObjectName(QStringLiteral("userSearch"));
    m_search->setAccessibleName(tr("Username"));
    m_search->setClearButtonEnabled(true);
    Placeholder::set(m_search, tr("Username contains…"));
    m_search->setMaxLength(150);
    // One request when the typing pauses, not one a key.
    m_searchPause = new QTimer(this);
    m_searchPause->setSingleShot(true);
    m_searchPause->setInterval(SearchPauseMs);
    connect(m_search, &QLineEdit::textChanged, m_searchPause, qOverload<>(&QTimer::start));
    connect(m_searchPause, &QTimer::timeout, this, &UsersTab::applyFilters);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchPause->stop();
        applyFilters();
    });

    m_active = yesNoFilter(QStringLiteral("activeFilter"), tr("Active"), tr("Active or not"),
                           tr("Active"), tr("Inactive"), filters);
    m_superuser = yesNoFilter(QStringLiteral("superuserFilter"), tr("Superuser"), tr("Every role"),
                              tr("Superusers"), tr("Not superusers"), filters);
    for (QComboBox* combo : {m_active, m_superuser})
        connect(combo, &QComboBox::currentIndexChanged, this, &UsersTab::applyFilters);

    auto* layout = new QHBoxLayout(filters);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_active);
    layout->addWidget(m_superuser);
    return filters;
}

PagedTableModel::Filters UsersTab::currentFilters() const {
    return {
        {QStringLiteral("search"), m_search->text().trimmed()},
        {QStringLiteral("is_active"), m_active->currentData().toString()},
        {QStringLiteral("is_superuser"), m_superuser->currentData().toString()},
    };
}

void UsersTab::applyFilters() {
    // Before the tab is first shown the filters wait: showing it loads with them.
    if (m_model->hasStarted())
        m_model->setFilters(currentFilters());
}

void UsersTab::reload() {
    markLoaded();
    m_model->load(currentFilters());
}

std::optional<UsersTab::User> UsersTab::selected() const {
    const std::optional<int> row = m_table->currentRow();
    return row ? m_model->value(*row) : std::nullopt;
}

void UsersTab::updateActions() {
    const std::optional<User> user = selected();
    for (QAction* action : {m_reset, m_toggleActive, m_toggleSuperuser, m_delete})
        action->setEnabled(user.has_value());
    m_unlock->setEnabled(user && user->isLocked());
    const bool active = !user || user->isActive;
    m_toggleActive->setText(active ? tr("Deac&tivate") : tr("Ac&tivate"));
    m_toggleActive->setIcon(QIcon(active ? QStringLiteral(":/icons/deactivate.svg")
                                         : QStringLiteral(":/icons/activate.svg")));
    m_toggleSuperuser->setText(user && user->isSuperuser ? tr("De&mote to Plain User")
                                                         : tr("&Promote to Superuser"));
}

void UsersTab::updateCount() {
    m_count->setText(countText(*m_model, tr("Matching users: %L1")));
}

void UsersTab::openCreate() {
    auto* dialog = new UserDialog(*m_users, this);
    connect(dialog, &UserDialog::saved, this,
            [this](const User& user, const QString& generated) { saved(user, generated, true); });
    dialog->open();
}

void UsersTab::openReset() {
    const std::optional<User> user = selected();
    if (!user)
        return;
    auto* dialog = new UserDialog(*m_users, *user, this);
    connect(dialog, &UserDialog::saved, this, [this](const User& saved, const QString& generated) {
        this->saved(saved, generated, false);
    });
    dialog->open();
}

void UsersTab::saved(const User& user, const QString& generated, bool created) {
    emit told(created
                  ? tr("User %1 created.").arg(user.username)
                  : tr("%1 has a new password and was signed out everywhere.").arg(user.username));
    emit changed();
    if (created) {
        m_table->selectId(user.id);
        m_model->reload();
    } else {
        m_model->replace(m_model->rowOf(user.id), user);
    }
    if (generated.isEmpty())
        return;
    // After the dialog that asked for it has closed: shown this once.
    auto* shown = new GeneratedPasswordDialog(user.username, generated, *m_clipboard,
                                              m_context.preferences.clipboardClearSecs(), this);
    QTimer::singleShot(0, shown, &QDialog::open);
}

void UsersTab::change(const User& user, client::UsersClient::Change change,
                      std::function<QString(const User&)> done) {
    QPointer<UsersTab> self(this);
    m_users->update(user.id, std::move(change),
                    [self, user, done = std::move(done)](client::Result<User> result) {
                        if (!self)
                            return;
                        if (!result.ok())
                            return self->changeFailed(user, result.error);
                        self->m_model->replace(self->m_model->rowOf(user.id), *result.value);
                        self->updateActions();
                        emit self->told(done(*result.value));
                        emit self->changed();
                    });
}

void UsersTab::toggleActive() {
    const std::optional<User> user = selected();
    if (!user)
        return;
    client::UsersClient::Change change;
    change.isActive = !user->isActive;
    this->change(*user, std::move(change), [](const User& saved) {
        return saved.isActive
                   ? tr("%1 is active again and can sign in.").arg(saved.username)
                   : tr("%1 is deactivated: signed out everywhere, and cannot sign in until "
                        "activated again.")
                         .arg(saved.username);
    });
}

void UsersTab::toggleSuperuser() {
    const std::optional<User> user = selected();
    if (!user)
        return;
    client::UsersClient::Change change;
    change.isSuperuser = !user->isSuperuser;
    this->change(*user, std::move(change), [](const User& saved) {
        return saved.isSuperuser ? tr("%1 is a superuser now.").arg(saved.username)
                                 : tr("%1 is a plain user now.").arg(saved.username);
    });
}

void UsersTab::unlock() {
    const std::optional<User> user = selected();
    if (!user || !user->isLocked())
        return;
    client::UsersClient::Change change;
    change.unlock = true;
    this->change(*user, std::move(change), [](const User& saved) {
        return tr("%1 is unlocked and can try to sign in again.").arg(saved.username);
    });
}

void UsersTab::confirmDelete() {
    const std::optional<User> user = selected();
    if (!user)
        return;
    const User target = *user;
    const int count = static_cast<int>(target.credentialsCount);
    ConfirmationBox::ask(
        {QStringLiteral("confirmDeleteUserBox"), QStringLiteral("confirmDeleteUserButton"),
         tr("Delete user"), tr("Delete the user %1?").arg(target.username),
         count == 0
             ? tr("They have no credentials. Their audit events stay. This cannot be undone.")
             : tr("Their %n credential(s) are deleted with them, and whatever runs with those "
                  "keys stops working. Their audit events stay. This cannot be undone.",
                  nullptr, count),
         tr("Delete")},
        this, [this, target] { remove(target); });
}

void UsersTab::remove(const User& user) {
    QPointer<UsersTab> self(this);
    m_users->remove(user.id, [self, user](client::Result<client::UsersClient::Deleted> result) {
        if (!self)
            return;
        if (!result.ok())
            return self->changeFailed(user, result.error);
        self->m_model->removeAt(self->m_model->rowOf(user.id));
        emit self->told(tr("User %1 deleted, with %n credential(s).", nullptr,
                           static_cast<int>(result.value->credentialsDeleted))
                            .arg(user.username));
        emit self->changed();
    });
}

void UsersTab::changeFailed(const User& user, const client::ApiError& error) {
    using Kind = client::ApiError::Kind;
    client::ApiError shown = error;
    const std::optional<qint64> self = m_users->session().identity().userId;
    // The server's sentence says what happened; about yourself, also who can do it.
    if (error.kind == Kind::Validation && self && *self == user.id)
        shown.message = tr("%1 Another superuser can do it for your account.").arg(error.message);
    emit failed(shown);
    // Gone meanwhile: show the list as it is now.
    if (error.kind == Kind::NotFound)
        m_model->reload();
}

} // namespace paycred::ui
