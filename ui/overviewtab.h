#pragma once

#include "core/client/adminclient.h"
#include "ui/admintab.h"

#include <QMap>

class QLabel;
class QTableWidget;

namespace paycred::ui {

class StatsChart;

// OverviewTab: GET /admin/stats/ — how many users (and how many active), how many credentials,
// and per provider how many are active in the sandbox, active live and inactive: a chart with the
// numbers beside it.
class OverviewTab : public AdminTab {
    Q_OBJECT
public:
    OverviewTab(client::AdminClient& admin, QMap<QString, QString> providerNames,
                QWidget* parent = nullptr);

    void reload() override;
    // The figures shown (after the last load).
    const client::AdminClient::Stats& stats() const { return m_stats; }

private:
    void show(const client::AdminClient::Stats& stats);
    QString nameOf(const QString& provider) const;

    client::AdminClient& m_admin;
    QMap<QString, QString> m_providerNames; // id → display name
    client::AdminClient::Stats m_stats;
    StatsChart* m_chart;
    QTableWidget* m_table;
    QLabel* m_totals;
};

} // namespace paycred::ui
