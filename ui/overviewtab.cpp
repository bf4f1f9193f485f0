#include "ui/overviewtab.h"

#include "ui/statschart.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QTableWidget>
#include <QVBoxLayout>

namespace paycred::ui {

namespace {

QTableWidgetItem* number(qint64 value) {
    auto* item = new QTableWidgetItem(QLocale().toString(value));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

OverviewTab::OverviewTab(client::AdminClient& admin, QMap<QString, QString> providerNames,
                         QWidget* parent)
    : AdminTab(parent)
    , m_admin(admin)
    , m_providerNames(std::move(providerNames))
    , m_chart(new StatsChart(this))
    , m_table(new QTableWidget(0, 4, this))
    , m_totals(new QLabel(this)) {
    setObjectName(QStringLiteral("overviewTab"));

    m_totals->setObjectName(QStringLiteral("totalsLabel"));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setWordWrap(true);

    m_table->setObjectName(QStringLiteral("statsTable"));
    m_table->setAccessibleName(tr("Credentials per provider, in numbers"));
    m_table->setHorizontalHeaderLabels({tr("Sandbox"), tr("Live"), tr("Inactive"), tr("All")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);

    auto* figures = new QHBoxLayout;
    figures->addWidget(m_chart, 3);
    figures->addWidget(m_table, 2, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_totals);
    layout->addLayout(figures);
    layout->addStretch(1);
}

QString OverviewTab::nameOf(const QString& provider) const {
    return m_providerNames.value(provider, provider);
}

void OverviewTab::reload() {
    QPointer<OverviewTab> self(this);
    m_admin.stats([self](client::Result<client::AdminClient::Stats> result) {
        if (!self)
            return;
        if (!result.ok())
            return emit self->failed(result.error);
        self->markLoaded();
        self->show(*result.value);
    });
}

void OverviewTab::show(const client::AdminClient::Stats& stats) {
    m_stats = stats;
    const QLocale locale;
    m_totals->setText(tr("<b>%1</b> users (%2 active) · <b>%3</b> credentials")
                          .arg(locale.toString(stats.users), locale.toString(stats.activeUsers),
                               locale.toString(stats.credentials)));

    QList<StatsChart::Bar> bars;
    client::AdminClient::ProviderCounts all;
    m_table->setRowCount(0);
    QStringList rowNames;
    for (auto it = stats.byProvider.cbegin(); it != stats.byProvider.cend(); ++it) {
        const client::AdminClient::ProviderCounts& counts = it.value();
        bars.append({nameOf(it.key()), counts});
        all.sandbox += counts.sandbox;
        all.live += counts.live;
        all.inactive += counts.inactive;
        rowNames << nameOf(it.key());
    }
    rowNames << tr("All providers");
    m_chart->setBars(bars);

    const auto addRow = [this](const client::AdminClient::ProviderCounts& counts) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, number(counts.sandbox));
        m_table->setItem(row, 1, number(counts.live));
        m_table->setItem(row, 2, number(counts.inactive));
        m_table->setItem(row, 3, number(counts.sandbox + counts.live + counts.inactive));
    };
    for (const StatsChart::Bar& bar : std::as_const(bars))
        addRow(bar.counts);
    addRow(all);
    m_table->setVerticalHeaderLabels(rowNames);
}

} // namespace paycred::ui
