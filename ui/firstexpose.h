#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QWindow>

#include <cstdio>

namespace paycred::ui {

// FirstExpose: says on stderr, once, the wall-clock moment (ms since the epoch) the process's
// first window is on screen — its first Expose handled, which paints the window and flushes it —
// for bench/cold_start.sh, which compares it with the moment it started the process. Watches the
// application's events only until then. Header only, so the bench's bare Qt program (the floor it
// is compared with) says it the same way without linking the app.
class FirstExpose : public QObject {
public:
    // Watches `app` when PAYCRED_REPORT_FIRST_EXPOSE is set; otherwise costs nothing.
    explicit FirstExpose(QCoreApplication& app)
        : m_app(app) {
        if (qEnvironmentVariableIsSet("PAYCRED_REPORT_FIRST_EXPOSE"))
            app.installEventFilter(this);
    }

    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::Expose)
            return false;
        const auto* window = qobject_cast<QWindow*>(watched);
        if (!window || !window->isExposed())
            return false;
        m_app.removeEventFilter(this);
        // After the window has handled the event: it paints then, synchronously.
        QTimer::singleShot(0, this, [] {
            std::fprintf(stderr, "first window exposed at %lld ms\n",
                         static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
            std::fflush(stderr);
        });
        return false;
    }

private:
    QCoreApplication& m_app;
};

} // namespace paycred::ui
