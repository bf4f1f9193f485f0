#include "ui/statuslabel.h"

namespace paycred::ui {

StatusLabel::StatusLabel(QWidget* parent)
    : QLabel(parent) {
    setObjectName(QStringLiteral("statusLabel"));
    setAccessibleName(tr("Status"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void StatusLabel::setStatus(const QString& text, bool error) {
    setText(text);
    setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    setVisible(!text.isEmpty());
}

} // namespace paycred::ui
