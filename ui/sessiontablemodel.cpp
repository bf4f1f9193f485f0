#include "ui/sessiontablemodel.h"

#include "ui/localtime.h"

#include <QFont>

namespace paycred::ui {

SessionTableModel::SessionTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void SessionTableModel::setSessions(QList<client::AccountSession> sessions) {
    beginResetModel();
    m_sessions = std::move(sessions);
    endResetModel();
}

const client::AccountSession* SessionTableModel::sessionAt(int row) const {
    if (row < 0 || row >= m_sessions.size())
        return nullptr;
    return &m_sessions.at(row);
}

int SessionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int SessionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString SessionTableModel::whereText(const client::AccountSession& session) const {
    // A vault's sessions have no address: they are on this computer.
    const QString address = session.remoteAddr.isEmpty() ? tr("this computer") : session.remoteAddr;
    const QString text =
        session.userAgent.isEmpty() ? address : tr("%1 — %2").arg(address, session.userAgent);
    return session.current ? tr("%1 (this session)").arg(text) : text;
}

QVariant SessionTableModel::data(const QModelIndex& index, int role) const {
    const client::AccountSession* session = sessionAt(index.row());
    if (!session || !index.isValid())
        return {};
    if (role == Qt::FontRole && session->current) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Where:
        return whereText(*session);
    case Since:
        return localTimeText(session->createdAt);
    case LastUsed:
        return localTimeText(session->lastUsedAt);
    default:
        return {};
    }
}

QVariant SessionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Where:
        return tr("Where");
    case Since:
        return tr("Since");
    case LastUsed:
        return tr("Last used");
    default:
        return {};
    }
}

} // namespace paycred::ui
