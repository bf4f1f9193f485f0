#include "ui/windowfit.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLayout>
#include <QTimer>
#include <QWidget>

#include <algorithm>

namespace paycred::ui {

WindowFit::WindowFit(QWidget* window, int widthChars)
    : QObject(window)
    , m_window(window)
    , m_widthChars(widthChars) {
    window->installEventFilter(this);
}

void WindowFit::apply(QWidget* window, int widthChars) {
    new WindowFit(window, widthChars); // parented to the window
}

bool WindowFit::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_window)
        return false;
    switch (event->type()) {
    case QEvent::Show: // before the window is mapped: it opens at its size, then follows
        fit();
        fitLater();
        break;
    case QEvent::LayoutRequest: // a child's size hint changed: text, visibility
    case QEvent::FontChange:
    case QEvent::LanguageChange:
    case QEvent::Resize: // wider is shorter for wrapped text: the minimum height follows
        fitLater();
        break;
    default:
        break;
    }
    return false;
}

// After the window has handled the event itself (its layout is then up to date); several
// events in a row fit once.
void WindowFit::fitLater() {
    if (m_pending)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, [this] {
        m_pending = false;
        fit();
    });
}

void WindowFit::fit() {
    QLayout* layout = m_window->layout();
    if (!layout)
        return;
    layout->activate();
    const QFontMetrics metrics(m_window->font());
    const int minWidth =
        std::max(layout->totalMinimumSize().width(), m_widthChars * metrics.averageCharWidth());
    const int width = std::max(m_window->width(), minWidth);
    const int minHeight = std::max(layout->totalMinimumSize().height(),
                                   layout->hasHeightForWidth() ? layout->totalHeightForWidth(width)
                                                               : layout->totalSizeHint().height());
    if (m_window->minimumWidth() != minWidth || m_window->minimumHeight() != minHeight)
        m_window->setMinimumSize(minWidth, minHeight);
    const QSize wanted(width, std::max(m_window->height(), minHeight));
    if (wanted != m_window->size())
        m_window->resize(wanted);
}

} // namespace paycred::ui
