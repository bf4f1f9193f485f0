#include "ui/credentialtablemodel.h"

#include "ui/credentialtext.h"
#include "ui/icon.h"
#include "ui/localtime.h"
#include "ui/providerchecktext.h"

#include <QApplication>
#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPalette>

namespace paycred::ui {

namespace {

bool darkPalette() {
    return QApplication::palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

CredentialTableModel::CredentialTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int CredentialTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CredentialTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CredentialTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const int column = index.column();
    if (column == LastCheckColumn)
        return lastCheckData(row.credential.id, role);
    const bool text = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (text && column == CreatedColumn)
        return row.created;
    if (text && column == UpdatedColumn)
        return row.updated;
    if (role == SortRole)
        return sortKey(row, column);
    return cell(row.credential, column, role);
}

QVariant CredentialTableModel::cell(const client::Credential& credential, int column, int role) {
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(credential, column);
    case Qt::DecorationRole:
        return decoration(credential, column);
    case Qt::ForegroundRole:
        return foreground(credential, column);
    case Qt::FontRole:
        if (credential.isLive && column == EnvironmentColumn) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(credential, column);
    case IdRole:
        return credential.id;
    case IsLiveRole:
        return credential.isLive;
    case IsActiveRole:
        return credential.isActive;
    default:
        return {};
    }
}

CredentialTableModel::Row CredentialTableModel::rowFor(const client::Credential& credential) {
    return {credential, localTimeText(credential.createdAt), localTimeText(credential.updatedAt)};
}

QVariant CredentialTableModel::display(const client::Credential& credential, int column) {
    switch (column) {
    case ProviderColumn:
        return credential.providerDisplay.isEmpty() ? credential.provider
                                                    : credential.providerDisplay;
    case EnvironmentColumn:
        return credential.isLive ? tr("Live") : tr("Sandbox");
    case StatusColumn:
        return credential.isActive ? tr("Active") : tr("Inactive");
    case CreatedColumn:
        return localTimeText(credential.createdAt);
    case UpdatedColumn:
        return localTimeText(credential.updatedAt);
    default:
        return {};
    }
}

QVariant CredentialTableModel::decoration(const client::Credential& credential, int column) {
    switch (column) {
    case ProviderColumn:
        return providerIcon(credential.provider);
    case EnvironmentColumn:
        return environmentIcon(credential.environment);
    case StatusColumn:
        return icon(credential.isActive ? QStringLiteral("activate")
                                        : QStringLiteral("deactivate"));
    default:
        return {};
    }
}

QVariant CredentialTableModel::lastCheckData(qint64 id, int role) const {
    const auto found = m_checks.constFind(id);
    if (found == m_checks.constEnd())
        return role == IdRole ? QVariant(id) : QVariant();
    const client::CredentialsClient::ProviderCheck& check = found->check;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return found->text;
    case Qt::DecorationRole:
        return ProviderCheckText::resultIcon(check.result);
    case Qt::ToolTipRole:
        return check.message; // the server's own words: what the provider said
    case SortRole:
        return check.checkedAt;
    case IdRole:
        return id;
    default:
        return {};
    }
}

QVariant CredentialTableModel::sortKey(const Row& row, int column) const {
    const client::Credential& credential = row.credential;
    switch (column) {
    case CreatedColumn:
        return credential.createdAt;
    case UpdatedColumn:
        return credential.updatedAt;
    case EnvironmentColumn:
        return credential.isLive ? 1 : 0;
    case StatusColumn:
        return credential.isActive ? 1 : 0;
    default:
        return display(row.credential, column).toString().toLower();
    }
}

QVariant CredentialTableModel::foreground(const client::Credential& credential, int column) {
    if (!credential.isActive)
        return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    // Live keys move real money: their environment stands out, readable on light and dark.
    if (credential.isLive && column == EnvironmentColumn)
        return QColor(darkPalette() ? QStringLiteral("#ff8a7a") : QStringLiteral("#b3261e"));
    return {};
}

QVariant CredentialTableModel::toolTip(const client::Credential& credential, int column) {
    if (column == EnvironmentColumn && credential.isLive)
        return tr("Live: these keys move real money.");
    if (column == EnvironmentColumn)
        return tr("Sandbox: for testing; no real money moves.");
    if (column == StatusColumn && !credential.isActive)
        return tr("Inactive: marked not to be used for payments. The keys are kept, and "
                  "their owner can still reveal and verify them.");
    return {};
}

QVariant CredentialTableModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case EnvironmentColumn:
        return tr("Environment");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case LastCheckColumn:
        return tr("Last check");
    default:
        return {};
    }
}

void CredentialTableModel::setCredentials(const QList<client::Credential>& credentials) {
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(credentials.size());
    QHash<qint64, LastCheck> checks;
    for (const client::Credential& credential : credentials) {
        m_rows.append(rowFor(credential));
        if (const auto found = m_checks.constFind(credential.id); found != m_checks.constEnd())
            checks.insert(credential.id, *found);
    }
    m_checks = std::move(checks); // a deleted credential's checks went with it
    endResetModel();
}

void CredentialTableModel::setLastCheck(const client::CredentialsClient::ProviderCheck& check) {
    const int row = rowOf(check.credentialId);
    if (row < 0)
        return;
    const auto known = m_checks.constFind(check.credentialId);
    if (known != m_checks.constEnd() && known->check.checkedAt > check.checkedAt)
        return;
    m_checks.insert(check.credentialId, {check, ProviderCheckText::cell(check)});
    emit dataChanged(index(row, LastCheckColumn), index(row, LastCheckColumn));
}

std::optional<client::CredentialsClient::ProviderCheck>
CredentialTableModel::lastCheck(qint64 id) const {
    const auto found = m_checks.constFind(id);
    if (found == m_checks.constEnd())
        return std::nullopt;
    return found->check;
}

void CredentialTableModel::upsert(const client::Credential& credential) {
    const int row = rowOf(credential.id);
    if (row >= 0) {
        m_rows[row] = rowFor(credential);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int end = static_cast<int>(m_rows.size());
    beginInsertRows({}, end, end);
    m_rows.append(rowFor(credential));
    endInsertRows();
}

void CredentialTableModel::remove(qint64 id) {
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_checks.remove(id);
    endRemoveRows();
}

void CredentialTableModel::clear() {
    setCredentials({});
}

std::optional<client::Credential> CredentialTableModel::credentialAt(int row) const {
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row).credential;
}

int CredentialTableModel::rowOf(qint64 id) const {
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).credential.id == id)
            return row;
    return -1;
}

void CredentialTableModel::paletteChanged() {
    if (m_rows.isEmpty())
        return;
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                     {Qt::ForegroundRole, Qt::DecorationRole});
}

} // namespace paycred::ui
