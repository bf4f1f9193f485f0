#include "ui/usersmodel.h"

#include "ui/icon.h"
#include "ui/localtime.h"

#include <QBrush>
#include <QIcon>
#include <QPalette>

namespace paycred::ui {

UsersModel::UsersModel(client::UsersClient& users, QObject* parent)
    : PagedRows([&users](const QByteArray& target,
                         client::Callback<Page> done) { users.list(target, std::move(done)); },
                client::UsersClient::UsersPath,
                {{tr("Username"), QStringLiteral("username")},
                 {tr("Superuser"), {}},
                 {tr("Active"), {}},
                 {tr("Joined"), QStringLiteral("date_joined")},
                 {tr("Last login"), QStringLiteral("last_login")},
                 {tr("Credentials"), {}},
                 {tr("Locked until"), {}}},
                UsernameColumn, Qt::AscendingOrder, parent) {}

qint64 UsersModel::idAt(int row) const {
    return at(row).id;
}

QVariant UsersModel::display(const client::AdminUser& user, int column) const {
    switch (column) {
    case UsernameColumn:
        return user.username;
    case SuperuserColumn:
        return user.isSuperuser ? tr("Superuser") : tr("No");
    case ActiveColumn:
        return user.isActive ? tr("Active") : tr("Inactive");
    case JoinedColumn:
        return localTimeText(user.dateJoined);
    case LastLoginColumn:
        return user.lastLogin ? localTimeText(*user.lastLogin) : tr("Never");
    case CredentialsColumn:
        return QString::number(user.credentialsCount);
    case LockedColumn:
        return user.lockedUntil ? localTimeText(*user.lockedUntil) : QString();
    default:
        return {};
    }
}

QVariant UsersModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const client::AdminUser& user = at(index.row());
    switch (role) {
    case IdRole:
        return user.id;
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(user, index.column());
    case Qt::ToolTipRole:
        if (index.column() == LockedColumn && user.lockedUntil)
            return tr("Too many wrong passwords: %1 cannot sign in until then. Unlock lets them "
                      "try again now.")
                .arg(user.username);
        return tr("User %1 (id %2)").arg(user.username).arg(user.id);
    case Qt::DecorationRole:
        if (index.column() == LockedColumn && user.lockedUntil)
            return icon(QStringLiteral("warning"));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CredentialsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (!user.isActive)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    default:
        return {};
    }
}

} // namespace paycred::ui
