#include "fuzz/fuzztarget.h"

#include <QtGlobal>

#include <cstdlib>

namespace paycred::fuzz {

void quietQtLogs() {
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString&) {
        if (type == QtFatalMsg)
            std::abort();
    });
}

} // namespace paycred::fuzz
