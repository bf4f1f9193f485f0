#pragma once

#include "core/client/adminclient.h"
#include "ui/pagedtablemodel.h"

namespace paycred::ui {

// AllCredentialsModel: every user's credentials (GET /admin/credentials/) as table rows —
// provider, environment, status, owner, created, updated — page by page. Metadata only: the list
// never carries a key.
class AllCredentialsModel : public PagedRows<client::AdminClient::OwnedCredential> {
    Q_OBJECT
public:
    enum Column {
        ProviderColumn,
        EnvironmentColumn,
        StatusColumn,
        OwnerColumn,
        CreatedColumn,
        UpdatedColumn,
        ColumnCount
    };

    explicit AllCredentialsModel(client::AdminClient& admin, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    qint64 idAt(int row) const override;
};

} // namespace paycred::ui
