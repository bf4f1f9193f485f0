#pragma once

#include "core/client/credential.h"
#include "core/client/credentialsclient.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

namespace paycred::ui {

// CredentialTableModel: the signed-in user's credentials as table rows (provider, environment,
// status, created, updated, and the last check with the provider). Holds what the API lists, never
// a key.
class CredentialTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ProviderColumn,
        EnvironmentColumn,
        StatusColumn,
        CreatedColumn,
        UpdatedColumn,
        LastCheckColumn, // last: a layout saved before it keeps the other columns where they were
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // what the column sorts by (dates as dates)
        IdRole,                      // the credential's id
        IsLiveRole,
        IsActiveRole,
    };

    explicit CredentialTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Replaces every row with `credentials` (a fresh list from the server).
    void setCredentials(const QList<client::Credential>& credentials);
    // Adds the credential, or updates the row with its id.
    void upsert(const client::Credential& credential);
    void remove(qint64 id);
    void clear();

    // The last check of a listed credential with its provider (the newest answer wins: a history
    // read before a check finished does not replace that check).
    void setLastCheck(const client::CredentialsClient::ProviderCheck& check);
    std::optional<client::CredentialsClient::ProviderCheck> lastCheck(qint64 id) const;

    std::optional<client::Credential> credentialAt(int row) const;
    int rowOf(qint64 id) const; // -1 when absent

    // The palette changed (light/dark): the live rows' colours follow it.
    void paletteChanged();

    // How `credential` shows in `column` for `role` (every role but SortRole), so that every
    // table of credentials (the Administration window's too) looks the same: icons, live in bold
    // red, inactive greyed, times in local time.
    static QVariant cell(const client::Credential& credential, int column, int role);

private:
    // Dates are formatted once per row, not per paint or filter pass: formatting a local date
    // dominated filtering 10 000 rows (bench/results/gui_responsiveness.txt).
    struct Row {
        client::Credential credential;
        QString created;
        QString updated;
    };
    static Row rowFor(const client::Credential& credential);
    struct LastCheck {
        client::CredentialsClient::ProviderCheck check;
        QString text;
    };
    QVariant lastCheckData(qint64 id, int role) const;

    static QVariant display(const client::Credential& credential, int column);
    static QVariant decoration(const client::Credential& credential, int column);
    static QVariant foreground(const client::Credential& credential, int column);
    static QVariant toolTip(const client::Credential& credential, int column);
    QVariant sortKey(const Row& row, int column) const;

    QList<Row> m_rows;
    QHash<qint64, LastCheck> m_checks; // by credential id; kept across a fresh list
};

} // namespace paycred::ui
