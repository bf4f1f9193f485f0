#include "ui/mainwindow.h"

#include "core/crypto/secret.h"
#include "ui/adminaccess.h"
#include "ui/adminwindow.h"
#include "ui/appcontext.h"
#include "ui/backupdialog.h"
#include "ui/changepassworddialog.h"
#include "ui/clipboardguard.h"
#include "ui/connection.h"
#include "ui/credentialdialog.h"
#include "ui/credentialtablemodel.h"
#include "ui/icon.h"
#include "ui/logging.h"
#include "ui/passwordprompt.h"
#include "ui/placeholder.h"
#include "ui/preferences.h"
#include "ui/preferencesdialog.h"
#include "ui/providerchecktext.h"
#include "ui/replacekeydialog.h"
#include "ui/restoredialog.h"
#include "ui/revealkeydialog.h"
#include "ui/sessionsdialog.h"
#include "ui/tableheader.h"
#include "ui/verifykeydialog.h"
#include "ui/windowfit.h"

#include <QAction>
#include <QCloseEvent>
#include <QDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace paycred::ui {

MainWindow::MainWindow(AppContext& context, Connection& connection, ClipboardGuard& clipboard,
                       QWidget* parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_connection(connection)
    , m_client(connection.client())
    , m_users(new client::UsersClient(connection.session(), this))
    , m_clipboard(clipboard)
    , m_username(connection.session().identity().username)
    , m_providers(client::CredentialsClient::builtInProviders())
    , m_model(new CredentialTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    WindowFit::apply(this, 100);
    setWindowTitle(tr("PayCred"));
    setWindowIcon(icon(QStringLiteral("paycred")));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CredentialTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    createActions();
    createMenus();
    createToolBar();
    createCentralWidget();
    createStatusBar();
    restoreLayout();

    client::Session& session = connection.session();
    connect(&session, &client::Session::busyChanged, this, &MainWindow::updateBusy);
    connect(&session, &client::Session::capabilitiesChanged, this, &MainWindow::updateActions);
    connect(&session, &client::Session::sessionExpired, this, &MainWindow::signInAgain);
    connect(&m_clipboard, &ClipboardGuard::countdownChanged, this,
            &MainWindow::updateClipboardCountdown);
    connect(&m_clipboard, &ClipboardGuard::cleared, this, [this](bool wasOurs) {
        updateClipboardCountdown(0);
        if (wasOurs)
            statusBar()->showMessage(tr("The private key was cleared from the clipboard."), 5000);
    });

    m_adminAccess = new AdminAccess(connection.client(), connection.admin(), this);
    connect(m_adminAccess, &AdminAccess::grantedChanged, this, &MainWindow::administrationGranted);

    updateActions();
    updateEmptyState();
    updateBusy(session.isBusy());
    refresh();
    m_adminAccess->check();

    QPointer<MainWindow> self(this);
    m_client.providers([self](client::Result<QList<client::CredentialsClient::Provider>> result) {
        if (self && result.ok() && !result.value->isEmpty()) {
            self->m_providers = *result.value;
            self->updateEmptyText();
        }
    });
}

MainWindow::~MainWindow() {
    saveLayout();
}

QAction* MainWindow::addAction(const QString& objectName, const QString& text,
                               const QString& iconName, const QKeySequence& shortcut) {
    auto* action = new QAction(icon(iconName), text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    QString plain = QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    if (!shortcut.isEmpty())
        plain = QStringLiteral("%1 (%2)").arg(plain, shortcut.toString(QKeySequence::NativeText));
    action->setToolTip(plain);
    QMainWindow::addAction(action); // its shortcut works wherever the focus is in the window
    return action;
}

void MainWindow::createActions() {
    const auto key = [](QKeyCombination combination) { return QKeySequence(combination); };
    m_new = addAction(QStringLiteral("actionNew"), tr("&New credential…"), QStringLiteral("add"),
                      key(Qt::CTRL | Qt::Key_N));
    m_edit = addAction(QStringLiteral("actionEdit"), tr("&Edit…"), QStringLiteral("edit"),
                       key(Qt::CTRL | Qt::Key_E));
    m_replaceKey = addAction(QStringLiteral("actionReplaceKey"), tr("Re&place private key…"),
                             QStringLiteral("replace-key"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_verifyKey = addAction(QStringLiteral("actionVerifyKey"), tr("&Verify private key…"),
                            QStringLiteral("verify"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_check = addAction(QStringLiteral("actionCheckWithProvider"), tr("C&heck with provider"),
                        QStringLiteral("provider-generic"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_copyKey = addAction(QStringLiteral("actionCopyKey"), tr("&Copy private key"),
                          QStringLiteral("copy"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_reveal = addAction(QStringLiteral("actionReveal"), tr("&Reveal private key…"),
                         QStringLiteral("reveal"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_toggle = addAction(QStringLiteral("actionToggle"), tr("Deac&tivate"),
                         QStringLiteral("deactivate"), key(Qt::CTRL | Qt::Key_T));
    m_delete = addAction(QStringLiteral("actionDelete"), tr("&Delete…"), QStringLiteral("delete"),
                         key(Qt::Key_Delete));
    m_refresh = addAction(QStringLiteral("actionRefresh"), tr("Re&fresh"),
                          QStringLiteral("refresh"), key(Qt::Key_F5));
    m_find = addAction(QStringLiteral("actionFind"), tr("&Find"), QStringLiteral("search"),
                       key(Qt::CTRL | Qt::Key_F));
    m_changePassword = addAction(QStringLiteral("actionChangePassword"), tr("Change &password…"),
                                 QStringLiteral("password"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_preferences = addAction(QStringLiteral("actionPreferences"), tr("P&references…"),
                              QStringLiteral("preferences"), key(Qt::CTRL | Qt::Key_Comma));
    // Menu-only (no shortcut): ending sessions is rare and never wanted by a stray key.
    m_sessions = new QAction(icon(QStringLiteral("server")), tr("&Sessions…"), this);
    m_sessions->setObjectName(QStringLiteral("actionSessions"));
    m_logoutAll = new QAction(icon(QStringLiteral("logout")), tr("Sign out &everywhere"), this);
    m_logoutAll->setObjectName(QStringLiteral("actionLogoutAll"));
    m_backup = addAction(QStringLiteral("actionBackup"), tr("&Back up vault…"),
                         QStringLiteral("backup"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_restore = addAction(QStringLiteral("actionRestore"), tr("Restore from bac&kup…"),
                          QStringLiteral("restore"), QKeySequence());
    m_lock = addAction(QStringLiteral("actionLock"), tr("&Lock"), QStringLiteral("lock"),
                       key(Qt::CTRL | Qt::Key_L));
    m_logout = addAction(QStringLiteral("actionLogout"), tr("Log &out"), QStringLiteral("logout"),
                         key(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_quit = addAction(QStringLiteral("actionQuit"), tr("&Quit"), QStringLiteral("logout"),
                       key(Qt::CTRL | Qt::Key_Q));
    m_shortcuts = addAction(QStringLiteral("actionShortcuts"), tr("&Keyboard shortcuts"),
                            QStringLiteral("preferences"), key(Qt::Key_F1));
    m_administration = addAction(QStringLiteral("actionAdministration"), tr("&Administration…"),
                                 QStringLiteral("server"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_administration->setVisible(false); // until AdminAccess says the user may

    connect(m_new, &QAction::triggered, this, &MainWindow::newCredential);
    connect(m_edit, &QAction::triggered, this, &MainWindow::editCredential);
    connect(m_replaceKey, &QAction::triggered, this, &MainWindow::replaceKey);
    connect(m_verifyKey, &QAction::triggered, this, &MainWindow::verifyKey);
    connect(m_check, &QAction::triggered, this, &MainWindow::checkWithProvider);
    connect(m_copyKey, &QAction::triggered, this, &MainWindow::copyKey);
    connect(m_reveal, &QAction::triggered, this, &MainWindow::revealKey);
    connect(m_toggle, &QAction::triggered, this, &MainWindow::toggleActive);
    connect(m_delete, &QAction::triggered, this, &MainWindow::deleteCredential);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_changePassword, &QAction::triggered, this, &MainWindow::changePassword);
    connect(m_preferences, &QAction::triggered, this, &MainWindow::editPreferences);
    connect(m_sessions, &QAction::triggered, this, &MainWindow::openSessions);
    connect(m_logoutAll, &QAction::triggered, this, &MainWindow::logoutEverywhere);
    connect(m_backup, &QAction::triggered, this, &MainWindow::backUp);
    connect(m_restore, &QAction::triggered, this, &MainWindow::restore);
    connect(m_lock, &QAction::triggered, this, &MainWindow::lock);
    connect(m_logout, &QAction::triggered, this, &MainWindow::logoutRequested);
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_administration, &QAction::triggered, this, &MainWindow::openAdministration);

    // Short labels for the toolbar; menus show the full text.
    m_new->setIconText(tr("New"));
    m_copyKey->setIconText(tr("Copy key"));
    m_reveal->setIconText(tr("Reveal"));
    m_verifyKey->setIconText(tr("Verify"));
    m_check->setIconText(tr("Check"));
    m_edit->setIconText(tr("Edit"));
    m_delete->setIconText(tr("Delete"));
    m_lock->setIconText(tr("Lock"));

    const bool vault = m_connection.mode() == Connection::Mode::Vault;
    m_backup->setVisible(vault);
    m_restore->setVisible(vault);
    m_lock->setText(vault ? tr("&Lock vault") : tr("&Lock"));
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_new, m_refresh});
    file->addSeparator();
    file->addActions({m_backup, m_restore});
    file->addSeparator();
    file->addAction(m_administration);
    file->addSeparator();
    file->addActions({m_lock, m_logout, m_quit});

    m_credentialMenu = menuBar()->addMenu(tr("&Credential"));
    m_credentialMenu->setObjectName(QStringLiteral("credentialMenu"));
    m_credentialMenu->addActions({m_edit, m_toggle});
    m_credentialMenu->addSeparator();
    m_credentialMenu->addActions({m_copyKey, m_reveal, m_verifyKey, m_replaceKey});
    m_credentialMenu->addAction(m_check);
    m_credentialMenu->addSeparator();
    m_credentialMenu->addAction(m_delete);

    m_tableMenu = new QMenu(this);
    m_tableMenu->setObjectName(QStringLiteral("tableMenu"));
    m_tableMenu->addActions({m_new, m_refresh});

    QMenu* account = menuBar()->addMenu(tr("&Account"));
    account->addActions({m_changePassword, m_preferences});
    account->addSeparator();
    account->addActions({m_sessions, m_logoutAll});

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcuts);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Credentials"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_new);
    bar->addSeparator();
    bar->addActions({m_copyKey, m_reveal, m_verifyKey, m_check});
    bar->addSeparator();
    bar->addActions({m_edit, m_toggle, m_delete});

    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    // Qt's toolbar decides what fits by minimum widths before it makes room for its » button,
    // then gives up only the last item for that room: were it this spacer, of no width, the
    // button before it would be squeezed until its text is cut. At least that room here, so a
    // button is shown whole or moved to ».
    spacer->setMinimumWidth(
        bar->style()->pixelMetric(QStyle::PM_ToolBarExtensionExtent, nullptr, bar) +
        bar->layout()->spacing());
    bar->addWidget(spacer);

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setAccessibleName(tr("Filter credentials"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(icon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->setMaximumWidth(260);
    Placeholder::set(m_search, tr("Filter (Ctrl+F)"));
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    bar->addWidget(m_search);
    bar->addSeparator();
    bar->addAction(m_lock);
}

void MainWindow::createCentralWidget() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);

    m_messageBar = new QWidget(central);
    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    auto* messageLayout = new QHBoxLayout(m_messageBar);
    messageLayout->setContentsMargins(8, 4, 4, 4);
    m_messageText = new QLabel(m_messageBar);
    m_messageText->setObjectName(QStringLiteral("messageText"));
    m_messageText->setWordWrap(true);
    m_messageText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(m_messageBar);
    close->setObjectName(QStringLiteral("messageCloseButton"));
    close->setText(QStringLiteral("×"));
    close->setAccessibleName(tr("Close the message"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, m_messageBar, &QWidget::hide);
    messageLayout->addWidget(m_messageText, 1);
    messageLayout->addWidget(close);
    m_messageBar->setAutoFillBackground(true);
    m_messageBar->hide();
    layout->addWidget(m_messageBar);

    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("credentialTable"));
    m_table->setAccessibleName(tr("Your payment credentials"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CredentialTableModel::ProviderColumn, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setWordWrap(false);
    connect(m_table, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_table, &QTableView::activated, this, &MainWindow::editCredential);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);

    m_emptyState = new QLabel(central);
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    updateEmptyText();

    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("credentialStack"));
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_emptyState);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    setTabOrder(m_search, m_table);
}

void MainWindow::createStatusBar() {
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    const QString where = m_connection.mode() == Connection::Mode::Vault ? tr("Local vault")
                                                                         : m_connection.serverUrl();
    m_connectionLabel->setText(tr("%1 · signed in as %2").arg(where, m_username));
    m_connectionLabel->setToolTip(m_connection.endpoint());
    m_connectionLabel->setAccessibleName(m_connectionLabel->text());

    m_clipboardLabel = new QLabel(this);
    m_clipboardLabel->setObjectName(QStringLiteral("clipboardLabel"));
    m_clipboardLabel->hide();

    m_busyIndicator = new QProgressBar(this);
    m_busyIndicator->setObjectName(QStringLiteral("busyIndicator"));
    m_busyIndicator->setAccessibleName(tr("Working"));
    m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setMaximumWidth(90);
    m_busyIndicator->setTextVisible(false);

    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_clipboardLabel);
    statusBar()->addPermanentWidget(m_busyIndicator);
}

void MainWindow::restoreLayout() {
    resize(860, 520);
    const QByteArray geometry = m_context.preferences.layout(QStringLiteral("mainWindow"));
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    QHeaderView* header = m_table->horizontalHeader();
    const QByteArray columns = m_context.preferences.layout(QStringLiteral("credentialTable"));
    if (columns.isEmpty() || !header->restoreState(columns))
        sizeColumns();
    TableHeader::fit(m_table);
}

void MainWindow::sizeColumns() {
    QHeaderView* header = m_table->horizontalHeader();
    const QFontMetrics metrics(m_table->font());
    const int dateWidth =
        metrics.horizontalAdvance(QLocale().toString(QDateTime(QDate(2024, 12, 31), QTime(23, 59)),
                                                     QLocale::ShortFormat)) +
        32;
    // Narrow enough that the Last check column, stretched over the rest, shows a check whole at
    // the window's default width (TableHeader widens any that a language needs wider).
    header->resizeSection(CredentialTableModel::ProviderColumn, 140);
    header->resizeSection(CredentialTableModel::EnvironmentColumn, 130);
    header->resizeSection(CredentialTableModel::StatusColumn, 110);
    header->resizeSection(CredentialTableModel::CreatedColumn, dateWidth);
}

void MainWindow::saveLayout() {
    m_context.preferences.setLayout(QStringLiteral("mainWindow"), saveGeometry());
    m_context.preferences.setLayout(QStringLiteral("credentialTable"),
                                    m_table->horizontalHeader()->saveState());
}

std::optional<client::Credential> MainWindow::selected() const {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->credentialAt(m_proxy->mapToSource(current).row());
}

void MainWindow::updateActions() {
    const std::optional<Credential> credential = selected();
    const bool has = credential.has_value();
    for (QAction* action :
         {m_edit, m_replaceKey, m_verifyKey, m_copyKey, m_reveal, m_toggle, m_delete})
        action->setEnabled(has);
    const bool active = has && credential->isActive;
    m_toggle->setText(active || !has ? tr("Deac&tivate") : tr("Ac&tivate"));
    m_toggle->setIcon(
        icon(active || !has ? QStringLiteral("deactivate") : QStringLiteral("activate")));
    const client::Capabilities capabilities = m_client.session().capabilities();
    // A server without checks (the seed's, or one whose check endpoint answered 404): neither
    // the action nor its column.
    m_check->setVisible(capabilities.providerChecks);
    m_check->setEnabled(capabilities.providerChecks && has && !m_checking.contains(credential->id));
    m_table->setColumnHidden(CredentialTableModel::LastCheckColumn, !capabilities.providerChecks);
    m_changePassword->setVisible(capabilities.changePassword);
    // A server without sessions (the seed's) answered 404 once: the entries go.
    m_sessions->setVisible(capabilities.sessions);
    m_logoutAll->setVisible(capabilities.sessions);
}

void MainWindow::updateEmptyState() {
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 1 : 0);
    if (m_model->rowCount() > 0 && !m_table->selectionModel()->currentIndex().isValid())
        m_table->selectionModel()->setCurrentIndex(
            m_proxy->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateActions();
}

void MainWindow::updateEmptyText() {
    QString names;
    for (const client::CredentialsClient::Provider& provider : std::as_const(m_providers))
        names = names.isEmpty() ? provider.displayName
                                : tr("%1, %2", "the next provider in a list of providers")
                                      .arg(names, provider.displayName);
    m_emptyState->setText(
        tr("<p><b>No credentials yet.</b></p><p>Add the api key and private key "
           "your provider gave you (%1) with <b>New credential</b> (%2).</p>")
            .arg(names.toHtmlEscaped(), m_new->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::updateBusy(bool busy) {
    m_busyIndicator->setVisible(busy);
}

void MainWindow::updateClipboardCountdown(int remainingSecs) {
    m_clipboardLabel->setVisible(remainingSecs > 0);
    m_clipboardLabel->setText(tr("Clipboard clears in %n s", nullptr, remainingSecs));
}

void MainWindow::showMessage(const QString& text, bool isError) {
    m_messageText->setText(text);
    QPalette palette = m_messageBar->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    const QColor background = isError
                                  ? (dark ? QColor(0x5c, 0x1d, 0x1a) : QColor(0xfd, 0xe7, 0xe5))
                                  : (dark ? QColor(0x1d, 0x3d, 0x2f) : QColor(0xe6, 0xf4, 0xec));
    palette.setColor(QPalette::Window, background);
    m_messageBar->setPalette(palette);
    m_messageBar->setProperty("isError", isError);
    m_messageBar->show();
}

QString MainWindow::message() const {
    return m_messageBar->isVisible() ? m_messageText->text() : QString();
}

void MainWindow::refresh() {
    QPointer<MainWindow> self(this);
    m_client.listCredentials([self](client::Result<QList<Credential>> result) {
        if (!self)
            return;
        if (!result.ok())
            return self->failed(result.error);
        const std::optional<Credential> current = self->selected();
        self->m_model->setCredentials(*result.value);
        if (current) {
            const int row = self->m_model->rowOf(current->id);
            if (row >= 0)
                self->m_table->selectionModel()->setCurrentIndex(
                    self->m_proxy->mapFromSource(self->m_model->index(row, 0)),
                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        self->updateEmptyState();
        self->loadLastChecks();
    });
}

void MainWindow::loadLastChecks() {
    if (!m_client.session().capabilities().providerChecks)
        return;
    QPointer<MainWindow> self(this);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const qint64 id = m_model->credentialAt(row)->id;
        m_client.providerChecks(
            id, [self](client::Result<QList<client::CredentialsClient::ProviderCheck>> result) {
                // A credential never checked has none; a failure here is no news for the
                // message bar (the column stays empty, and a 404 of a server without checks
                // hides it).
                if (!self || !result.ok() || result.value->isEmpty())
                    return;
                self->m_model->setLastCheck(result.value->first());
                self->fitLastCheckColumn();
            });
    }
}

void MainWindow::fitLastCheckColumn() {
    const int column = CredentialTableModel::LastCheckColumn;
    QHeaderView* header = m_table->horizontalHeader();
    // Public as QAbstractItemView's (QTableView makes its override protected).
    const int needs = static_cast<const QAbstractItemView*>(m_table)->sizeHintForColumn(column);
    if (header->sectionSize(column) < needs)
        header->resizeSection(column, needs);
}

void MainWindow::forgetSecrets() {
    for (QDialog* dialog : findChildren<QDialog*>())
        dialog->reject();
    if (m_adminWindow)
        m_adminWindow->close();
    m_model->clear();
}

void MainWindow::openDialog(QWidget* dialog) {
    dialog->setAttribute(Qt::WA_DeleteOnClose); // each dialog fits its content (WindowFit)
    if (auto* modal = qobject_cast<QDialog*>(dialog))
        return modal->open();
    dialog->show();
}

void MainWindow::newCredential() {
    auto* dialog = new CredentialDialog(m_client, m_providers, this);
    connect(dialog, &CredentialDialog::saved, this, [this](const Credential& credential) {
        credentialSaved(credential, tr("%1 added.").arg(describe(credential)));
    });
    openDialog(dialog);
}

void MainWindow::editCredential() {
    const std::optional<Credential> credential = selected();
    if (!credential)
        return;
    auto* dialog = new CredentialDialog(m_client, *credential, this);
    connect(dialog, &CredentialDialog::saved, this, [this](const Credential& saved) {
        credentialSaved(saved, tr("%1 saved.").arg(describe(saved)));
    });
    connect(dialog, &CredentialDialog::refreshed, this, &MainWindow::credentialRefreshed);
    openDialog(dialog);
}

void MainWindow::replaceKey() {
    const std::optional<Credential> credential = selected();
    if (!credential)
        return;
    auto* dialog = new ReplaceKeyDialog(m_client, *credential, this);
    connect(dialog, &ReplaceKeyDialog::saved, this, [this](const Credential& saved) {
        credentialSaved(saved, tr("The private key of %1 was replaced.").arg(describe(saved)));
    });
    connect(dialog, &ReplaceKeyDialog::refreshed, this, &MainWindow::credentialRefreshed);
    openDialog(dialog);
}

void MainWindow::verifyKey() {
    const std::optional<Credential> credential = selected();
    if (!credential)
        return;
    openDialog(new VerifyKeyDialog(m_client, *credential, this));
}

void MainWindow::checkWithProvider() {
    const std::optional<Credential> credential = selected();
    if (!credential || m_checking.contains(credential->id))
        return;
    const Credential target = *credential;
    m_checking.insert(target.id);
    updateActions();
    showMessage(ProviderCheckText::checking(providerName(target), target.environment), false);
    QPointer<MainWindow> self(this);
    m_client.checkWithProvider(
        target.id,
        [self, target](const client::Result<client::CredentialsClient::ProviderCheck>& result) {
            if (self)
                self->checked(target, result);
        });
}

void MainWindow::checked(const Credential& credential,
                         const client::Result<client::CredentialsClient::ProviderCheck>& result) {
    m_checking.remove(credential.id);
    updateActions();
    if (!result.ok())
        return failed(result.error);
    const client::CredentialsClient::ProviderCheck& check = *result.value;
    m_model->setLastCheck(check);
    fitLastCheckColumn();
    qCInfo(lcUi) << "credential" << credential.id << "checked with its provider";
    showMessage(ProviderCheckText::line(check, providerName(credential)),
                ProviderCheckText::isError(check.result));
}

void MainWindow::credentialRefreshed(const Credential& credential) {
    // A dialog read the credential again: the table shows it as it is now.
    m_model->upsert(credential);
    updateActions();
}

void MainWindow::credentialSaved(const Credential& credential, const QString& message) {
    m_model->upsert(credential);
    const int row = m_model->rowOf(credential.id);
    m_table->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
                                               QItemSelectionModel::ClearAndSelect |
                                                   QItemSelectionModel::Rows);
    updateActions();
    showMessage(message, false);
}

void MainWindow::withKeyAccess(const Credential& credential, std::function<void()> go) {
    if (!credential.isLive || !m_context.preferences.askPasswordForLiveReveal())
        return go();
    auto* prompt = new PasswordPrompt(
        m_client, PasswordPrompt::Purpose::Confirm,
        tr("%1 is a live key: it moves real money. Enter your password to use it.")
            .arg(describe(credential)),
        this);
    prompt->setUsername(m_username);
    connect(prompt, &PasswordPrompt::confirmed, this, std::move(go));
    openDialog(prompt);
}

void MainWindow::fetchKey(const Credential& credential,
                          std::function<void(client::CredentialsClient::RevealedKey)> use,
                          bool confirmed) {
    QPointer<MainWindow> self(this);
    m_client.revealPrivateKey(
        credential.id, [self, credential, confirmed, use = std::move(use)](
                           client::Result<client::CredentialsClient::RevealedKey> result) mutable {
            if (!self)
                return;
            if (result.ok())
                return use(std::move(*result.value));
            const bool stepUp = result.error.kind == client::ApiError::Kind::Forbidden &&
                                result.error.code == QLatin1String("password_required");
            if (!stepUp)
                return self->failed(result.error);
            if (confirmed) {
                // Confirmed a moment ago and still refused: asking again would not help.
                self->showMessage(tr("The server still wants your password confirmed before it "
                                     "reveals %1. Try again in a moment.")
                                      .arg(self->describe(credential)),
                                  true);
                return;
            }
            // The server's own step-up (require_recent_password_for_live): ask, verify in this
            // session, then try once more.
            auto* prompt = new PasswordPrompt(
                self->m_client, PasswordPrompt::Purpose::Confirm,
                tr("The server asks you to confirm your password before it reveals %1, a live "
                   "key.")
                    .arg(self->describe(credential)),
                self);
            prompt->setUsername(self->m_username);
            connect(prompt, &PasswordPrompt::confirmed, self,
                    [self, credential, use = std::move(use)]() mutable {
                        if (self)
                            self->fetchKey(credential, std::move(use), true);
                    });
            self->openDialog(prompt);
        });
}

void MainWindow::copyKey() {
    const std::optional<Credential> credential = selected();
    if (!credential)
        return;
    const Credential& target = *credential;
    withKeyAccess(target, [this, target] {
        fetchKey(target, [this](const client::CredentialsClient::RevealedKey& key) {
            copySecret(key.privateKey);
        });
    });
}

void MainWindow::copySecret(const crypto::Secret& key) {
    if (key.isEmpty())
        return;
    QByteArray bytes = key.reveal();
    QString text = QString::fromUtf8(bytes);
    crypto::wipe(bytes);
    const int secs = m_context.preferences.clipboardClearSecs();
    m_clipboard.copySecret(std::move(text), secs);
    showMessage(tr("The private key is on the clipboard for %n s; it is cleared after that.",
                   nullptr, secs),
                false);
}

void MainWindow::revealKey() {
    const std::optional<Credential> credential = selected();
    if (!credential)
        return;
    const Credential& target = *credential;
    withKeyAccess(target, [this, target] {
        fetchKey(target, [this](client::CredentialsClient::RevealedKey key) {
            auto* dialog = new RevealKeyDialog(std::move(key), m_context.clock,
                                               m_context.preferences.revealHideSecs(), this);
            // The key is on screen already: copying it asks for nothing more.
            connect(dialog, &RevealKeyDialog::copyRequested, this,
                    [this, dialog] { copySecret(dialog->privateKey()); });
            openDialog(dialog);
        });
    });
}

void MainWindow::toggleActive() {
    const std::optional<Credential> credential = selected();
    if (!credential)
        return;
    QPointer<MainWindow> self(this);
    m_client.toggleStatus(credential->id, [self](client::Result<Credential> result) {
        if (!self)
            return;
        if (!result.ok())
            return self->failed(result.error);
        const Credential& saved = *result.value;
        self->credentialSaved(saved, saved.isActive
                                         ? tr("%1 is active again.").arg(self->describe(saved))
                                         : tr("%1 is inactive: marked not to be used for "
                                              "payments. Its keys are kept, and you can still "
                                              "reveal and verify them.")
                                               .arg(self->describe(saved)));
    });
}

void MainWindow::deleteCredential() {
    const std::optional<Credential> credential = selected();
    if (!credential)
        return;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete credentials"),
                                tr("Delete the %1 credentials?").arg(describe(*credential)),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmDeleteBox"));
    box->setInformativeText(tr("The api key and private key are removed for good, and whatever "
                               "uses them stops working. This cannot be undone."));
    QPushButton* remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteButton"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelDeleteButton"));
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    const Credential& target = *credential;
    connect(box, &QMessageBox::finished, this, [this, box, remove, target] {
        if (box->clickedButton() == remove)
            deleteConfirmed(target);
    });
    openDialog(box);
}

void MainWindow::deleteConfirmed(const Credential& credential) {
    QPointer<MainWindow> self(this);
    m_client.deleteCredential(
        credential.id, [self, credential](const client::Result<QString>& result) {
            if (!self)
                return;
            if (!result.ok())
                return self->failed(result.error);
            self->m_model->remove(credential.id);
            self->showMessage(tr("%1 deleted.").arg(self->describe(credential)), false);
        });
}

void MainWindow::changePassword() {
    auto* dialog =
        new ChangePasswordDialog(m_client, m_connection.mode() == Connection::Mode::Vault, this);
    connect(dialog, &ChangePasswordDialog::changed, this, [this] {
        showMessage(tr("Your password was changed. Use the new one from now on."), false);
        emit passwordChanged();
    });
    openDialog(dialog);
}

void MainWindow::openSessions() {
    auto* dialog = new SessionsDialog(*m_users, this);
    connect(dialog, &SessionsDialog::signedOut, this, [this](const QString& message) {
        showMessage(message, false);
        emit logoutRequested();
    });
    openDialog(dialog);
}

void MainWindow::logoutEverywhere() {
    QPointer<MainWindow> self(this);
    m_users->logoutAll([self](client::Result<int> result) {
        if (!self)
            return;
        if (!result.ok()) {
            if (result.error.kind == client::ApiError::Kind::NotFound &&
                !self->m_client.session().capabilities().sessions) {
                self->showMessage(tr("This server cannot sign you out everywhere: use Log out "
                                     "on each computer instead."),
                                  true);
                return;
            }
            return self->failed(result.error);
        }
        self->showMessage(
            tr("You were signed out everywhere (%n session(s)).", nullptr, *result.value), false);
        emit self->logoutRequested();
    });
}

void MainWindow::editPreferences() {
    openDialog(new PreferencesDialog(m_context.preferences, this));
}

void MainWindow::backUp() {
    if (m_connection.mode() != Connection::Mode::Vault)
        return;
    openDialog(new BackupDialog(m_connection, this));
}

void MainWindow::restore() {
    if (m_connection.mode() != Connection::Mode::Vault)
        return;
    auto* dialog = new RestoreDialog(m_connection, this);
    connect(dialog, &RestoreDialog::imported, this, &MainWindow::refresh);
    openDialog(dialog);
}

void MainWindow::lock() {
    emit lockRequested(m_connection.mode() == Connection::Mode::Vault
                           ? tr("The vault is locked. Sign in to open it again.")
                           : tr("PayCred is locked. Sign in to go on."));
}

void MainWindow::signInAgain() {
    if (m_signInPrompt)
        return;
    m_signInPrompt = new PasswordPrompt(
        m_client, PasswordPrompt::Purpose::SignInAgain,
        tr("Your session has ended. Enter your password to go on; what you were typing is "
           "kept."),
        this);
    m_signInPrompt->setUsername(m_username);
    connect(m_signInPrompt, &PasswordPrompt::confirmed, this, &MainWindow::refresh);
    connect(m_signInPrompt, &QDialog::rejected, this,
            [this] { emit lockRequested(tr("Your session has ended. Sign in to go on.")); });
    openDialog(m_signInPrompt);
}

void MainWindow::showContextMenu(const QPoint& position) {
    // popup(), not exec(): a context menu never runs a loop of its own either.
    QMenu* menu = m_table->indexAt(position).isValid() ? m_credentialMenu : m_tableMenu;
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void MainWindow::showShortcuts() {
    QStringList rows;
    for (QAction* action : findChildren<QAction*>()) {
        if (action->shortcut().isEmpty() || !action->isVisible())
            continue;
        rows << QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                    .arg(action->text().remove(QLatin1Char('&')),
                         action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
    }
    auto* box =
        new QMessageBox(QMessageBox::Information, tr("Keyboard shortcuts"),
                        QStringLiteral("<table cellspacing=6>%1</table>").arg(rows.join(QString())),
                        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("shortcutsBox"));
    openDialog(box);
}

void MainWindow::openAdministration() {
    if (!m_adminAccess->isGranted())
        return;
    if (!m_adminWindow) {
        m_adminWindow = new AdminWindow(m_context, m_connection, m_providers, this);
        m_adminWindow->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_adminWindow, &AdminWindow::refused, m_adminAccess, &AdminAccess::refused);
    }
    m_adminWindow->show();
    m_adminWindow->raise();
    m_adminWindow->activateWindow();
}

void MainWindow::administrationGranted(bool granted) {
    m_administration->setVisible(granted);
    if (granted || !m_adminWindow)
        return;
    m_adminWindow->close();
    showMessage(tr("The Administration window was closed: only a superuser can use it, on a "
                   "server that offers it. Sign in as a superuser to administer PayCred."),
                true);
}

void MainWindow::failed(const client::ApiError& error) {
    // An ended session has its own prompt; everything else is said in the message bar.
    if (error.kind == client::ApiError::Kind::Unauthorized && m_signInPrompt)
        return;
    qCInfo(lcUi) << "request failed:" << error.kind << error.status;
    showMessage(error.message, true);
}

QString MainWindow::providerName(const Credential& credential) {
    return credential.providerDisplay.isEmpty() ? credential.provider : credential.providerDisplay;
}

QString MainWindow::describe(const Credential& credential) const {
    const QString provider = providerName(credential);
    return credential.isLive ? tr("%1 (live)").arg(provider) : tr("%1 (sandbox)").arg(provider);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->ignore();
    emit quitRequested();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ThemeChange)
        m_model->paletteChanged();
    QMainWindow::changeEvent(event);
}

} // namespace paycred::ui
