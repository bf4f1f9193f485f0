#pragma once

#include "core/client/adminclient.h"

#include <QList>
#include <QString>
#include <QWidget>

namespace paycred::ui {

// StatsChart: the credentials of every provider as one bar each, drawn with QPainter — active in
// the sandbox, active live and inactive, side by side in one bar, scaled to the largest provider.
// The numbers themselves are in the table beside it (and in its accessible description).
class StatsChart : public QWidget {
    Q_OBJECT
public:
    struct Bar {
        QString label; // "KopoKopo"
        client::AdminClient::ProviderCounts counts;
    };

    explicit StatsChart(QWidget* parent = nullptr);

    void setBars(QList<Bar> bars);
    const QList<Bar>& bars() const { return m_bars; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // The colours of the three parts, as the legend shows them.
    static QColor sandboxColour();
    static QColor liveColour();
    static QColor inactiveColour();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    int labelWidth() const;

    QList<Bar> m_bars;
};

} // namespace paycred::ui
