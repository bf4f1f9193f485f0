#include "ui/auditeventmodel.h"

#include "ui/credentialtablemodel.h"
#include "ui/localtime.h"

namespace paycred::ui {

namespace {

using client::AuditEvent;

// The credential an event names, as far as the event tells: how its provider and environment
// show in any table of credentials.
client::Credential credentialOf(const AuditEvent& event, const QString& providerName) {
    client::Credential credential;
    credential.id = event.credentialId.value_or(0);
    credential.provider = event.provider;
    credential.providerDisplay = providerName;
    credential.environment = event.environment;
    credential.isLive = event.isLive();
    credential.isActive = true;
    return credential;
}

} // namespace

AuditEventModel::AuditEventModel(client::AuditClient& audit, QMap<QString, QString> providerNames,
                                 QObject* parent)
    : PagedRows([&audit](const QByteArray& target,
                         client::Callback<Page> done) { audit.events(target, std::move(done)); },
                client::AuditClient::EventsPath,
                {{tr("Time"), QStringLiteral("at")},
                 {tr("Actor"), {}},
                 {tr("Action"), {}},
                 {tr("Outcome"), {}},
                 {tr("Provider"), {}},
                 {tr("Environment"), {}},
                 {tr("Credential"), {}},
                 {tr("Address"), {}}},
                TimeColumn, Qt::DescendingOrder, parent)
    , m_providerNames(std::move(providerNames)) {}

qint64 AuditEventModel::idAt(int row) const {
    return at(row).id;
}

QString AuditEventModel::actorText(const AuditEvent& event) {
    if (!event.actor)
        return tr("Nobody (an unknown user)");
    if (event.actor->username.isEmpty())
        return tr("The system");
    return event.actor->username;
}

QString AuditEventModel::providerText(const QString& provider) const {
    return m_providerNames.value(provider, provider);
}

QVariant AuditEventModel::text(const AuditEvent& event, int column) const {
    switch (column) {
    case TimeColumn:
        return localTimeText(event.at);
    case ActorColumn:
        return actorText(event);
    case ActionColumn:
        return event.action;
    case OutcomeColumn:
        return event.outcome;
    case CredentialColumn:
        return event.credentialId ? QString::number(*event.credentialId) : QString();
    case AddressColumn:
        return event.remoteAddr;
    default:
        return {};
    }
}

QVariant AuditEventModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEvent& event = at(index.row());
    if (role == IdRole)
        return event.id;
    const int column = index.column();
    if (column == ProviderColumn || column == EnvironmentColumn) {
        const bool named =
            column == ProviderColumn ? !event.provider.isEmpty() : !event.environment.isEmpty();
        if (!named)
            return {};
        return CredentialTableModel::cell(credentialOf(event, providerText(event.provider)),
                                          column == ProviderColumn
                                              ? CredentialTableModel::ProviderColumn
                                              : CredentialTableModel::EnvironmentColumn,
                                          role);
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return text(event, column);
    case Qt::ToolTipRole:
        if (column == TimeColumn)
            return tr("%1 UTC").arg(event.at.toString(Qt::ISODate));
        if (column == ActorColumn && event.actor && event.actor->id)
            return tr("User %1 (id %2)").arg(event.actor->username).arg(*event.actor->id);
        return {};
    default:
        return {};
    }
}

} // namespace paycred::ui
