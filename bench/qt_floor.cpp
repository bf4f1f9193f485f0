// bench_qt_floor: the least a Qt Widgets program does before its first window is on screen — a
// QApplication and one QLabel — the floor bench/cold_start.sh measures paycred's cold start
// against, in the same run on the same machine.
#include "ui/firstexpose.h"

#include <QApplication>
#include <QLabel>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    const paycred::ui::FirstExpose firstExpose(app);
    QLabel label(QStringLiteral("PayCred"));
    label.resize(460, 300);
    label.show();
    return QApplication::exec();
}
