#include "ui/locksignalinterface.h"

namespace paycred::ui {

LockSignalInterface::LockSignalInterface(const QString& path, const char* interface,
                                         const QDBusConnection& connection, QObject* parent)
    : QDBusAbstractInterface(QString(), path, interface, connection, parent) {}

} // namespace paycred::ui
