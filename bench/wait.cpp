#include "bench/wait.h"

#include <QEventLoop>
#include <QObject>
#include <QTimer>

namespace paycred::bench {

bool Wait::until(const std::function<bool()>& done, int timeoutMs) {
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(1);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&loop] { loop.exit(1); });
    check.start();
    return loop.exec() == 0;
}

} // namespace paycred::bench
