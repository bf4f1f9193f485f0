#include "ui/allcredentialsmodel.h"

#include "ui/credentialtablemodel.h"

namespace paycred::ui {

namespace {

using Owned = client::AdminClient::OwnedCredential;

// The column of the user's own table that shows the same thing, or -1 (the owner).
int credentialColumn(int column) {
    switch (column) {
    case AllCredentialsModel::ProviderColumn:
        return CredentialTableModel::ProviderColumn;
    case AllCredentialsModel::EnvironmentColumn:
        return CredentialTableModel::EnvironmentColumn;
    case AllCredentialsModel::StatusColumn:
        return CredentialTableModel::StatusColumn;
    case AllCredentialsModel::CreatedColumn:
        return CredentialTableModel::CreatedColumn;
    case AllCredentialsModel::UpdatedColumn:
        return CredentialTableModel::UpdatedColumn;
    default:
        return -1;
    }
}

} // namespace

AllCredentialsModel::AllCredentialsModel(client::AdminClient& admin, QObject* parent)
    : PagedRows(
          [&admin](const QByteArray& target, client::Callback<Page> done) {
              admin.credentials(target, std::move(done));
          },
          client::AdminClient::CredentialsPath,
          {{tr("Provider"), QStringLiteral("provider")},
           {tr("Environment"), QStringLiteral("environment")},
           {tr("Status"), {}},
           {tr("Owner"), QStringLiteral("owner")},
           {tr("Created"), QStringLiteral("created_at")},
           {tr("Updated"), QStringLiteral("updated_at")}},
          OwnerColumn, Qt::AscendingOrder, parent) {}

qint64 AllCredentialsModel::idAt(int row) const {
    return at(row).credential.id;
}

QVariant AllCredentialsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Owned& row = at(index.row());
    if (role == IdRole)
        return row.credential.id;
    const int column = credentialColumn(index.column());
    if (column >= 0)
        return CredentialTableModel::cell(row.credential, column, role);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return row.ownerUsername;
    case Qt::ToolTipRole:
        return tr("User %1 (id %2)").arg(row.ownerUsername).arg(row.ownerId);
    case Qt::ForegroundRole:
        return CredentialTableModel::cell(row.credential, CredentialTableModel::ProviderColumn,
                                          role);
    default:
        return {};
    }
}

} // namespace paycred::ui
