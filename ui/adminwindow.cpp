#include "ui/adminwindow.h"

#include "core/client/adminclient.h"
#include "core/client/session.h"
#include "ui/allcredentialstab.h"
#include "ui/appcontext.h"
#include "ui/audittab.h"
#include "ui/connection.h"
#include "ui/logging.h"
#include "ui/overviewtab.h"
#include "ui/preferences.h"
#include "ui/statuslabel.h"
#include "ui/userstab.h"
#include "ui/windowfit.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMap>
#include <QTabWidget>
#include <QVBoxLayout>

namespace paycred::ui {

namespace {

QMap<QString, QString> namesOf(const QList<client::CredentialsClient::Provider>& providers) {
    QMap<QString, QString> names;
    for (const client::CredentialsClient::Provider& provider : providers)
        names.insert(provider.id, provider.displayName);
    return names;
}

} // namespace

AdminWindow::AdminWindow(AppContext& context, Connection& connection,
                         const QList<client::CredentialsClient::Provider>& providers,
                         QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_context(context)
    , m_connection(connection)
    , m_tabs(new QTabWidget(this))
    , m_message(new StatusLabel(this)) {
    setObjectName(QStringLiteral("adminWindow"));
    WindowFit::apply(this, 110);
    setWindowTitle(tr("Administration")); // "Administration — PayCred" on the desktop
    setWindowIcon(QIcon(QStringLiteral(":/icons/paycred.svg")));
    m_tabs->setObjectName(QStringLiteral("adminTabs"));
    m_tabs->setAccessibleName(tr("Administration"));
    m_tabs->setDocumentMode(true);
    m_message->setObjectName(QStringLiteral("adminMessage"));
    m_message->setAccessibleName(tr("Message"));

    client::AdminClient& admin = connection.admin();
    m_overview = new OverviewTab(admin, namesOf(providers), m_tabs);
    addTab(m_overview, QStringLiteral("refresh"), tr("&Overview"));
    m_credentials = new AllCredentialsTab(admin, providers, m_tabs);
    addTab(m_credentials, QStringLiteral("verify"), tr("All &credentials"));
    m_users = new UsersTab(connection.session(), context, m_tabs);
    addTab(m_users, QStringLiteral("password"), tr("&Users"));
    m_audit = new AuditTab(admin.session(), providers, context.clock, m_tabs);
    addTab(m_audit, QStringLiteral("certificate"), tr("A&udit log"));

    m_refresh = new QAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Re&fresh"), this);
    m_refresh->setObjectName(QStringLiteral("actionAdminRefresh"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    addAction(m_refresh);
    connect(m_refresh, &QAction::triggered, this, [this] {
        if (auto* tab = qobject_cast<AdminTab*>(m_tabs->currentWidget()))
            tab->reload();
    });
    m_close = new QAction(tr("&Close"), this);
    m_close->setObjectName(QStringLiteral("actionAdminClose"));
    // Esc closes it as it closes a dialog; Ctrl+W as the desktop closes a window.
    m_close->setShortcuts({QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)});
    addAction(m_close);
    connect(m_close, &QAction::triggered, this, &QWidget::close);
    connect(m_tabs, &QTabWidget::currentChanged, this, &AdminWindow::loadShownTab);

    const client::Session::Identity identity = connection.session().identity();
    auto* who = new QLabel(tr("Signed in as %1, a superuser").arg(identity.username), this);
    who->setObjectName(QStringLiteral("adminIdentityLabel"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(who);

    resize(900, 580);
    const QByteArray geometry = m_context.preferences.layout(QStringLiteral("adminWindow"));
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
}

AdminWindow::~AdminWindow() = default;

void AdminWindow::addTab(AdminTab* tab, const QString& iconName, const QString& title) {
    m_tabs->addTab(tab, QIcon(QStringLiteral(":/icons/%1.svg").arg(iconName)), title);
    connect(tab, &AdminTab::failed, this, &AdminWindow::failed);
    connect(tab, &AdminTab::told, this, [this](const QString& text) { showMessage(text, false); });
    connect(tab, &AdminTab::changed, this, [this, tab] {
        // What the other tabs show may be out of date: they load again when shown.
        for (int index = 0; index < m_tabs->count(); ++index)
            if (auto* other = qobject_cast<AdminTab*>(m_tabs->widget(index)); other != tab)
                other->markStale();
    });
}

void AdminWindow::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    loadShownTab();
}

void AdminWindow::loadShownTab() {
    auto* tab = qobject_cast<AdminTab*>(m_tabs->currentWidget());
    if (tab && !tab->hasLoaded())
        tab->reload();
}

void AdminWindow::failed(const client::ApiError& error) {
    using Kind = client::ApiError::Kind;
    qCInfo(lcUi) << "administration call failed:" << error.kind << error.status;
    if (error.kind == Kind::Unauthorized) {
        showMessage(tr("Your session has ended. Sign in again in the main window, then press "
                       "Refresh (F5) here."),
                    true);
        return;
    }
    showMessage(error.message, true);
    emit refused(error);
}

void AdminWindow::showMessage(const QString& text, bool isError) {
    m_message->setStatus(text, isError);
    m_message->setProperty("isError", isError);
}

QString AdminWindow::message() const {
    return m_message->isVisible() ? m_message->text() : QString();
}

void AdminWindow::saveLayout() {
    m_context.preferences.setLayout(QStringLiteral("adminWindow"), saveGeometry());
}

void AdminWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    QWidget::closeEvent(event);
}

} // namespace paycred::ui
