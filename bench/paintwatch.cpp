#include "bench/paintwatch.h"

#include <QAbstractItemView>
#include <QEvent>

namespace paycred::bench {

PaintWatch::PaintWatch(QAbstractItemView& view, bool& painted)
    : m_view(view)
    , m_painted(painted) {
    m_view.viewport()->installEventFilter(this);
}

PaintWatch::~PaintWatch() {
    m_view.viewport()->removeEventFilter(this);
}

bool PaintWatch::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Paint && m_view.model() && m_view.model()->rowCount() > 0)
        m_painted = true;
    return QObject::eventFilter(watched, event);
}

} // namespace paycred::bench
