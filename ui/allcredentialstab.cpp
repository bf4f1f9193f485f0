#include "ui/allcredentialstab.h"

#include "ui/allcredentialsmodel.h"
#include "ui/confirmationbox.h"
#include "ui/credentialtext.h"
#include "ui/pagedtableview.h"
#include "ui/placeholder.h"
#include "ui/tableheader.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QToolBar>
#include <QVBoxLayout>

namespace paycred::ui {

namespace {

QComboBox* filterCombo(const QString& objectName, const QString& accessibleName, QWidget* parent) {
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setAccessibleName(accessibleName);
    return combo;
}

} // namespace

AllCredentialsTab::AllCredentialsTab(client::AdminClient& admin,
                                     const QList<client::CredentialsClient::Provider>& providers,
                                     QWidget* parent)
    : AdminTab(parent)
    , m_admin(admin)
    , m_model(new AllCredentialsModel(admin, this)) {
    setObjectName(QStringLiteral("allCredentialsTab"));

    m_toggle = addTabAction(QStringLiteral("actionAdminToggle"), tr("Deac&tivate"),
                            QStringLiteral("deactivate"), QKeySequence(Qt::CTRL | Qt::Key_T));
    m_delete = addTabAction(QStringLiteral("actionAdminDelete"), tr("&Delete…"),
                            QStringLiteral("delete"), QKeySequence(Qt::Key_Delete));
    m_switchOffOwner =
        addTabAction(QStringLiteral("actionSwitchOffOwnerLive"),
                     tr("Switch off the owner's live keys…"), QStringLiteral("live"), {});
    m_switchOffAll = addTabAction(QStringLiteral("actionSwitchOffAllLive"),
                                  tr("Switch off every live key…"), QStringLiteral("warning"), {});
    connect(m_toggle, &QAction::triggered, this, &AllCredentialsTab::toggle);
    connect(m_delete, &QAction::triggered, this, &AllCredentialsTab::confirmDelete);
    connect(m_switchOffOwner, &QAction::triggered, this, [this] {
        if (const std::optional<Owned> owner = selected())
            switchOffLive(owner);
    });
    connect(m_switchOffAll, &QAction::triggered, this, [this] { switchOffLive(std::nullopt); });

    auto* tools = new QToolBar(this);
    tools->setObjectName(QStringLiteral("allCredentialsTools"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_toggle, m_delete});
    tools->addSeparator();
    tools->addActions({m_switchOffOwner, m_switchOffAll});

    m_table =
        new PagedTableView(QStringLiteral("allCredentialsTable"), tr("Every credential"), this);
    m_table->setPagedModel(m_model);
    m_table->horizontalHeader()->resizeSection(AllCredentialsModel::ProviderColumn, 150);
    m_table->horizontalHeader()->resizeSection(AllCredentialsModel::EnvironmentColumn, 120);
    m_table->horizontalHeader()->resizeSection(AllCredentialsModel::StatusColumn, 110);
    m_table->horizontalHeader()->resizeSection(AllCredentialsModel::OwnerColumn, 140);
    TableHeader::fit(m_table);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_toggle, m_delete, m_switchOffOwner});
    connect(m_table, &PagedTableView::currentChanged, this, &AllCredentialsTab::updateActions);
    connect(m_model, &PagedTableModel::totalCountChanged, this, &AllCredentialsTab::updateCount);
    connect(m_model, &PagedTableModel::loadingChanged, this, &AllCredentialsTab::updateCount);
    connect(m_model, &PagedTableModel::loadFailed, this, &AdminTab::failed);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("allCredentialsCount"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createFilters(providers));
    layout->addWidget(tools);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);
    updateActions();
}

QWidget*
AllCredentialsTab::createFilters(const QList<client::CredentialsClient::Provider>& providers) {
    auto* filters = new QWidget(this);
    filters->setObjectName(QStringLiteral("allCredentialsFilters"));

    m_provider = filterCombo(QStringLiteral("providerFilter"), tr("Provider"), filters);
    m_provider->addItem(tr("All providers"), QString());
    for (const client::CredentialsClient::Provider& provider : providers)
        m_provider->addItem(providerIcon(provider.id), provider.displayName, provider.id);

    m_environment = filterCombo(QStringLiteral("environmentFilter"), tr("Environment"), filters);
    m_environment->addItem(tr("All environments"), QString());
    for (const QString& environment : {QStringLiteral("sandbox"), QStringLiteral("live")})
        m_environment->addItem(environmentIcon(environment), environmentName(environment),
                               environment);

    m_status = filterCombo(QStringLiteral("statusFilter"), tr("Status"), filters);
    m_status->addItem(tr("Active or not"), QString());
    m_status->addItem(tr("Active"), QStringLiteral("true"));
    m_status->addItem(tr("Inactive"), QStringLiteral("false"));

    m_owner = new QLineEdit(filters);
    m_owner->setObjectName(QStringLiteral("ownerSearch"));
    m_owner->setAccessibleName(tr("Owner"));
    m_owner->setClearButtonEnabled(true);
    Placeholder::set(m_owner, tr("Owner's name contains…"));
    m_owner->setMaxLength(150);

    for (QComboBox* combo : {m_provider, m_environment, m_status})
        connect(combo, &QComboBox::currentIndexChanged, this, &AllCredentialsTab::applyFilters);
    connect(m_owner, &QLineEdit::textChanged, this, &AllCredentialsTab::applyFilters);

    auto* layout = new QHBoxLayout(filters);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_provider);
    layout->addWidget(m_environment);
    layout->addWidget(m_status);
    layout->addWidget(m_owner, 1);
    return filters;
}

PagedTableModel::Filters AllCredentialsTab::currentFilters() const {
    return {
        {QStringLiteral("provider"), m_provider->currentData().toString()},
        {QStringLiteral("environment"), m_environment->currentData().toString()},
        {QStringLiteral("is_active"), m_status->currentData().toString()},
        {QStringLiteral("search"), m_owner->text().trimmed()},
    };
}

void AllCredentialsTab::applyFilters() {
    // Before the tab is first shown the filters wait: showing it loads with them.
    if (m_model->hasStarted())
        m_model->setFilters(currentFilters());
}

void AllCredentialsTab::reload() {
    markLoaded();
    m_model->load(currentFilters());
}

std::optional<AllCredentialsTab::Owned> AllCredentialsTab::selected() const {
    const std::optional<int> row = m_table->currentRow();
    return row ? m_model->value(*row) : std::nullopt;
}

QString AllCredentialsTab::describe(const Owned& owned) const {
    return tr("%1 of %2", "a credential (provider and environment) of its owner")
        .arg(credentialName(owned.credential), owned.ownerUsername);
}

void AllCredentialsTab::updateActions() {
    const std::optional<Owned> owned = selected();
    for (QAction* action : {m_toggle, m_delete, m_switchOffOwner})
        action->setEnabled(owned.has_value());
    const bool active = !owned || owned->credential.isActive;
    m_toggle->setText(active ? tr("Deac&tivate") : tr("Ac&tivate"));
    m_toggle->setIcon(QIcon(active ? QStringLiteral(":/icons/deactivate.svg")
                                   : QStringLiteral(":/icons/activate.svg")));
    m_switchOffOwner->setText(owned ? tr("Switch off %1's live keys…").arg(owned->ownerUsername)
                                    : tr("Switch off the owner's live keys…"));
}

void AllCredentialsTab::updateCount() {
    m_count->setText(countText(*m_model, tr("Matching credentials: %L1")));
}

void AllCredentialsTab::toggle() {
    const std::optional<Owned> owned = selected();
    if (!owned)
        return;
    QPointer<AllCredentialsTab> self(this);
    const Owned target = *owned;
    m_admin.toggleCredential(
        target.credential.id,
        [self, target](client::Result<client::Credential> result) {
            if (!self)
                return;
            if (!result.ok())
                return self->changeFailed(result.error);
            Owned saved = target;
            saved.credential = *result.value;
            self->m_model->replace(self->m_model->rowOf(saved.credential.id), saved);
            emit self->told(saved.credential.isActive
                                ? tr("%1 is active again.").arg(self->describe(saved))
                                : tr("%1 is switched off: marked not to be used for payments. "
                                     "Its keys are kept; its owner can still reveal them.")
                                      .arg(self->describe(saved)));
            emit self->changed();
        },
        target.credential.entityTag);
}

void AllCredentialsTab::confirmDelete() {
    const std::optional<Owned> owned = selected();
    if (!owned)
        return;
    const Owned target = *owned;
    ConfirmationBox::ask(
        {QStringLiteral("confirmAdminDeleteBox"), QStringLiteral("confirmAdminDeleteButton"),
         tr("Delete credentials"),
         tr("Delete the %1 credentials of %2?")
             .arg(credentialName(target.credential), target.ownerUsername),
         tr("Their api key and private key are removed for good, and whatever %1 runs with them "
            "stops working. This cannot be undone.")
             .arg(target.ownerUsername),
         tr("Delete")},
        this, [this, target] { remove(target); });
}

void AllCredentialsTab::remove(const Owned& owned) {
    QPointer<AllCredentialsTab> self(this);
    m_admin.deleteCredential(
        owned.credential.id,
        [self, owned](const client::Result<QString>& result) {
            if (!self)
                return;
            if (!result.ok())
                return self->changeFailed(result.error);
            self->m_model->removeAt(self->m_model->rowOf(owned.credential.id));
            emit self->told(tr("%1 deleted.").arg(self->describe(owned)));
            emit self->changed();
        },
        owned.credential.entityTag);
}

void AllCredentialsTab::changeFailed(const client::ApiError& error) {
    emit failed(error);
    using Kind = client::ApiError::Kind;
    // Changed or gone meanwhile: show the list as it is now.
    if (error.kind == Kind::Changed || error.kind == Kind::NotFound)
        m_model->reload();
}

void AllCredentialsTab::switchOffLive(std::optional<Owned> owner) {
    // How many it would switch off: the server's count of the active live ones.
    client::AdminClient::ListQuery query;
    query.filters = {{QStringLiteral("environment"), QStringLiteral("live")},
                     {QStringLiteral("is_active"), QStringLiteral("true")}};
    if (owner)
        query.filters.append({QStringLiteral("user"), QString::number(owner->ownerId)});
    query.pageSize = 1;
    QPointer<AllCredentialsTab> self(this);
    m_admin.credentials(query.target(client::AdminClient::CredentialsPath),
                        [self, owner](client::Result<client::AdminClient::ListPage<Owned>> result) {
                            if (!self)
                                return;
                            if (!result.ok())
                                return emit self->failed(result.error);
                            self->confirmSwitchOff(
                                owner, result.value->count.value_or(
                                           static_cast<qint64>(result.value->results.size())));
                        });
}

void AllCredentialsTab::confirmSwitchOff(std::optional<Owned> owner, qint64 count) {
    if (count == 0) {
        emit told(owner ? tr("%1 has no active live credential: there is nothing to switch off.")
                              .arg(owner->ownerUsername)
                        : tr("No live credential is active: there is nothing to switch off."));
        return;
    }
    const int n = static_cast<int>(count);
    const QString text =
        owner ? tr("Switch off the %n active live credential(s) of %1?", nullptr, n)
                    .arg(owner->ownerUsername)
              : tr("Switch off all %n active live credential(s), of every user?", nullptr, n);
    const std::optional<qint64> userId =
        owner ? std::optional<qint64>(owner->ownerId) : std::nullopt;
    ConfirmationBox::ask(
        {QStringLiteral("confirmSwitchOffBox"), QStringLiteral("confirmSwitchOffButton"),
         tr("Emergency switch"), text,
         tr("Payments that use these keys stop at once. Their keys are kept: each can be "
            "activated again, one by one."),
         tr("Switch off")},
        this, [this, userId] {
            QPointer<AllCredentialsTab> self(this);
            m_admin.deactivateLive(userId, [self](client::Result<qint64> result) {
                if (!self)
                    return;
                if (!result.ok())
                    return emit self->failed(result.error);
                self->switchedOff(*result.value);
            });
        });
}

void AllCredentialsTab::switchedOff(qint64 count) {
    emit told(tr("%n live credential(s) switched off.", nullptr, static_cast<int>(count)));
    emit changed();
    m_model->reload();
}

} // namespace paycred::ui
