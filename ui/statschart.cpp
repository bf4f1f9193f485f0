#include "ui/statschart.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace paycred::ui {

namespace {

constexpr int Margin = 12;
constexpr int BarHeight = 26;
constexpr int BarGap = 14;
constexpr int LegendHeight = 28;

qint64 total(const client::AdminClient::ProviderCounts& counts) {
    return counts.sandbox + counts.live + counts.inactive;
}

bool dark(const QWidget& widget) {
    return widget.palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

StatsChart::StatsChart(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("statsChart"));
    setAccessibleName(tr("Credentials per provider"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

QColor StatsChart::sandboxColour() {
    return QColor(0x2e, 0x7d, 0x9a);
}

QColor StatsChart::liveColour() {
    return QColor(0xb3, 0x26, 0x1e); // the live red of the credential tables
}

QColor StatsChart::inactiveColour() {
    return QColor(0x9e, 0x9e, 0x9e);
}

void StatsChart::setBars(QList<Bar> bars) {
    m_bars = std::move(bars);
    QStringList parts;
    for (const Bar& bar : std::as_const(m_bars))
        parts << tr("%1: %2 sandbox, %3 live, %4 inactive")
                     .arg(bar.label)
                     .arg(bar.counts.sandbox)
                     .arg(bar.counts.live)
                     .arg(bar.counts.inactive);
    setAccessibleDescription(parts.join(QStringLiteral("; ")));
    updateGeometry();
    update();
}

int StatsChart::labelWidth() const {
    int width = 0;
    for (const Bar& bar : m_bars)
        width = std::max(width, fontMetrics().horizontalAdvance(bar.label));
    return width + Margin;
}

QSize StatsChart::sizeHint() const {
    const int rows = std::max<int>(1, static_cast<int>(m_bars.size()));
    return {420, LegendHeight + Margin * 2 + rows * (BarHeight + BarGap)};
}

QSize StatsChart::minimumSizeHint() const {
    return {240, sizeHint().height()};
}

void StatsChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}

void StatsChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor live = dark(*this) ? QColor(0xff, 0x8a, 0x7a) : liveColour();
    const struct {
        QString name;
        QColor colour;
    } parts[] = {
        {tr("Sandbox"), sandboxColour()}, {tr("Live"), live}, {tr("Inactive"), inactiveColour()}};

    // The legend: a swatch and a name for each part.
    int x = Margin;
    const int swatch = fontMetrics().height() - 4;
    for (const auto& part : parts) {
        painter.fillRect(QRect(x, Margin + 2, swatch, swatch), part.colour);
        x += swatch + 6;
        painter.setPen(text);
        painter.drawText(QPoint(x, Margin + fontMetrics().ascent()), part.name);
        x += fontMetrics().horizontalAdvance(part.name) + 18;
    }

    qint64 largest = 1;
    for (const Bar& bar : std::as_const(m_bars))
        largest = std::max(largest, total(bar.counts));
    const int left = Margin + labelWidth();
    const int countWidth = fontMetrics().horizontalAdvance(QStringLiteral("00000")) + Margin;
    const int span = std::max(1, width() - left - countWidth - Margin);
    int y = Margin + LegendHeight;
    for (const Bar& bar : std::as_const(m_bars)) {
        painter.setPen(text);
        painter.drawText(QRect(Margin, y, labelWidth() - Margin / 2, BarHeight),
                         Qt::AlignVCenter | Qt::AlignRight, bar.label);
        int at = left;
        const qint64 values[] = {bar.counts.sandbox, bar.counts.live, bar.counts.inactive};
        for (int part = 0; part < 3; ++part) {
            const int length = static_cast<int>(span * values[part] / largest);
            if (length > 0)
                painter.fillRect(QRect(at, y + 3, length, BarHeight - 6), parts[part].colour);
            at += length;
        }
        painter.setPen(text);
        painter.drawText(QRect(at + 6, y, countWidth, BarHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         QString::number(total(bar.counts)));
        y += BarHeight + BarGap;
    }
}

} // namespace paycred::ui
