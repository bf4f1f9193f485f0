#pragma once

#include "core/client/adminuser.h"
#include "core/client/usersclient.h"
#include "ui/pagedtablemodel.h"

namespace paycred::ui {

// UsersModel: every user (GET /admin/users/) as table rows — username, superuser, active, joined,
// last login, credentials, locked until — page by page; the times in local time; an inactive
// user greyed, a locked one marked.
class UsersModel : public PagedRows<client::AdminUser> {
    Q_OBJECT
public:
    enum Column {
        UsernameColumn,
        SuperuserColumn,
        ActiveColumn,
        JoinedColumn,
        LastLoginColumn,
        CredentialsColumn,
        LockedColumn,
        ColumnCount
    };

    explicit UsersModel(client::UsersClient& users, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    qint64 idAt(int row) const override;

private:
    QVariant display(const client::AdminUser& user, int column) const;
};

} // namespace paycred::ui
