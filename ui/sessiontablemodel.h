#pragma once

#include "core/client/accountsession.h"

#include <QAbstractTableModel>
#include <QList>

namespace paycred::ui {

// SessionTableModel: the signed-in user's sessions for the sessions dialog — where (address and
// app), since when, last used (local time), the current one marked.
class SessionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Where, Since, LastUsed, ColumnCount };

    explicit SessionTableModel(QObject* parent = nullptr);

    void setSessions(QList<client::AccountSession> sessions);
    // The session on `row`; none outside the rows.
    const client::AccountSession* sessionAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString whereText(const client::AccountSession& session) const;

    QList<client::AccountSession> m_sessions;
};

} // namespace paycred::ui
